/*
 * The BPF backend of gibtrace record: gib.bpf.c's ring buffer, its per-CPU
 * drops, and the events a program missed by nesting into itself (the
 * kernel's recursion_misses: CPU unknown, written as drop records on CPU
 * ncpus, one past the last, with the span since the previous look).
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "gib-bpf.h"
#include "recorder.h"

struct rec_bpf {
	struct gib_bpf *b;
	uint64_t types;
	int ncpus;
	struct gib_drops *pc; /* one lookup: ncpus entries */
	struct gib_drops *seen; /* [type * ncpus + cpu]: what was written already */
	uint64_t misses_seen[GIB_EV_MAX];
	uint64_t misses_since; /* CLOCK_MONOTONIC of the previous look */
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

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
	uint64_t now = mono_ns();

	for (unsigned int t = 0; t < GIB_EV_MAX; t++) {
		uint64_t m;

		if (!(rb->types & (1ULL << t)))
			continue;
		if (!gib_bpf__misses(rb->b, t, &m) && m > rb->misses_seen[t]) {
			rec_state__add_drop(rs, (uint32_t)rb->ncpus, (int)t, m - rb->misses_seen[t],
					    rb->misses_since, now);
			rb->misses_seen[t] = m;
		}
		if (gib_bpf__drops(rb->b, t, rb->pc))
			continue;
		for (int c = 0; c < rb->ncpus; c++) {
			struct gib_drops *cur = &rb->pc[c], *seen = &rb->seen[t * rb->ncpus + c];

			if (cur->count == seen->count)
				continue;
			rec_state__add_drop(rs, (uint32_t)c, (int)t, cur->count - seen->count,
					    seen->count ? seen->last_ts : cur->first_ts,
					    cur->last_ts);
			*seen = *cur;
		}
	}
	rb->misses_since = now;
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
	rb->misses_since = mono_ns();
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
