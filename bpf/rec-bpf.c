/* The BPF backend of gibtrace record: gib.bpf.c's ring buffer and per-CPU drops. */
#include <errno.h>
#include <stdlib.h>

#include "gib-bpf.h"
#include "recorder.h"

struct rec_bpf {
	struct gib_bpf *b;
	uint64_t types;
	int ncpus;
	struct gib_drops *pc; /* one lookup: ncpus entries */
	struct gib_drops *seen; /* [type * ncpus + cpu]: what was written already */
};

static int on_rec(void *ctx, const struct gib_rec *r)
{
	struct gt_event ev = {
		.ts = r->ts,
		.cpu = r->cpu,
		.type = r->type,
		.vm = r->vm,
		.vcpu = r->vcpu,
		.isc = r->isc,
		.mask = r->mask,
		.old = r->old,
		.new = r->new,
		.arg = r->arg,
		.val = r->val,
	};

	return rec_state__add(ctx, &ev) ? -1 : 0;
}

static int bpf_poll(struct rec_state *rs, int timeout_ms)
{
	struct rec_bpf *rb = rs->backend;

	return gib_bpf__poll(rb->b, timeout_ms);
}

/* the losses since the last look, per type and CPU, as drop records */
static void bpf_drops(struct rec_state *rs)
{
	struct rec_bpf *rb = rs->backend;

	for (unsigned int t = 0; t < GIB_EV_MAX; t++) {
		if (!(rb->types & (1ULL << t)) || gib_bpf__drops(rb->b, t, rb->pc))
			continue;
		for (int c = 0; c < rb->ncpus; c++) {
			struct gib_drops *now = &rb->pc[c], *seen = &rb->seen[t * rb->ncpus + c];

			if (now->count == seen->count)
				continue;
			rec_state__add_drop(rs, (uint32_t)c, (int)t, now->count - seen->count,
					    seen->count ? seen->last_ts : now->first_ts,
					    now->last_ts);
			*seen = *now;
		}
	}
}

static void bpf_close(struct rec_state *rs)
{
	struct rec_bpf *rb = rs->backend;

	gib_bpf__close(rb->b);
	free(rb->pc);
	free(rb->seen);
	free(rb);
	rs->backend = NULL;
}

int rec_bpf__open(struct rec_state *rs, uint64_t types, size_t ringbuf_bytes)
{
	struct rec_bpf *rb = calloc(1, sizeof(*rb));
	int err;

	if (!rb)
		return -ENOMEM;
	rb->types = types;
	err = gib_bpf__open(&rb->b, types, ringbuf_bytes, on_rec, rs);
	if (err) {
		free(rb);
		return err;
	}
	rb->ncpus = gib_bpf__ncpus(rb->b);
	rb->pc = calloc((size_t)rb->ncpus, sizeof(*rb->pc));
	rb->seen = calloc((size_t)rb->ncpus * GIB_EV_MAX, sizeof(*rb->seen));
	rs->backend = rb;
	rs->poll = bpf_poll;
	rs->drops = bpf_drops;
	rs->close = bpf_close;
	if (!rb->pc || !rb->seen) {
		bpf_close(rs);
		return -ENOMEM;
	}
	return 0;
}
