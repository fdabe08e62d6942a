/*
 * The s390-kvm backend of gibtrace record: the probe set's ring buffer, its
 * per-CPU drops (as drop records, like rec-bpf.c), and the events the kernel
 * did not run a program for (recursion_misses, summed over the programs:
 * type and CPU unknown, written on CPU ncpus with the span since the last
 * look).
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "../recorder.h"
#include "s390-kvm.h"

struct rec_s390 {
	struct s390_kvm *k;
	uint64_t types;
	int ncpus;
	struct gib_drops *pc; /* one lookup: ncpus entries */
	struct gib_drops *seen; /* [type * ncpus + cpu]: written already */
	uint64_t misses_seen;
	uint64_t misses_since;
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

static int s390_poll(struct rec_state *rs, int timeout_ms)
{
	struct rec_s390 *r = rs->backend;

	return s390_kvm__poll(r->k, timeout_ms);
}

static void s390_drops(struct rec_state *rs)
{
	struct rec_s390 *r = rs->backend;
	uint64_t now = mono_ns(), m = s390_kvm__misses(r->k);

	if (m > r->misses_seen) {
		rec_state__add_drop(rs, (uint32_t)r->ncpus, -1, m - r->misses_seen, r->misses_since,
				    now);
		r->misses_seen = m;
	}
	r->misses_since = now;
	for (unsigned int t = 0; t < GIB_EV_MAX; t++) {
		if (!(r->types & (1ULL << t)) || s390_kvm__drops(r->k, t, r->pc))
			continue;
		for (int c = 0; c < r->ncpus; c++) {
			struct gib_drops *cur = &r->pc[c], *seen = &r->seen[t * r->ncpus + c];

			if (cur->count == seen->count)
				continue;
			rec_state__add_drop(rs, (uint32_t)c, (int)t, cur->count - seen->count,
					    seen->count ? seen->last_ts : cur->first_ts,
					    cur->last_ts);
			*seen = *cur;
		}
	}
}

static void s390_close(struct rec_state *rs)
{
	struct rec_s390 *r = rs->backend;

	s390_kvm__close(r->k);
	free(r->pc);
	free(r->seen);
	free(r);
	rs->backend = NULL;
}

int rec_s390__open(struct rec_state *rs, const struct s390_kvm_opts *o, uint64_t types,
		   size_t ringbuf_bytes)
{
	struct rec_s390 *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return -ENOMEM;
	r->types = types;
	err = s390_kvm__open(&r->k, o, types, ringbuf_bytes, on_rec, rs);
	if (err) {
		free(r);
		return err;
	}
	r->ncpus = s390_kvm__ncpus(r->k);
	r->misses_since = mono_ns();
	r->pc = calloc((size_t)r->ncpus, sizeof(*r->pc));
	r->seen = calloc((size_t)r->ncpus * GIB_EV_MAX, sizeof(*r->seen));
	rs->backend = r;
	rs->poll = s390_poll;
	rs->drops = s390_drops;
	rs->close = s390_close;
	if (!r->pc || !r->seen) {
		s390_close(rs);
		return -ENOMEM;
	}
	return 0;
}
