/*
 * The s390-kvm backend of gibtrace record: the probe set's ring buffer, its
 * per-CPU drops (as drop records, like rec-bpf.c: rec-ring.c), and the
 * events the kernel did not run a program for (recursion_misses, summed over
 * the programs: type and CPU unknown, written on CPU ncpus with the span
 * since the last look).
 */
#include <errno.h>
#include <stdlib.h>

#include "../rec-ring.h"
#include "../recorder.h"
#include "s390-kvm.h"

struct rec_s390 {
	struct s390_kvm *k;
	struct rec_ring ring;
	uint64_t misses_seen;
};

static int s390_poll(struct rec_state *rs, int timeout_ms)
{
	struct rec_s390 *r = rs->backend;

	return s390_kvm__poll(r->k, timeout_ms);
}

static void s390_drops(struct rec_state *rs)
{
	struct rec_s390 *r = rs->backend;
	uint64_t now = rec_ring__now();

	rec_ring__misses(&r->ring, rs, -1, s390_kvm__misses(r->k), &r->misses_seen, now);
	r->ring.since = now;
	for (unsigned int t = 0; t < GIB_EV_MAX; t++)
		if ((r->ring.types & (1ULL << t)) && !s390_kvm__drops(r->k, t, r->ring.pc))
			rec_ring__cpu_drops(&r->ring, rs, t);
}

static void s390_close(struct rec_state *rs)
{
	struct rec_s390 *r = rs->backend;

	s390_kvm__close(r->k);
	rec_ring__free(&r->ring);
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
	err = s390_kvm__open(&r->k, o, types, ringbuf_bytes, rec_ring__on_rec, rs);
	if (err) {
		free(r);
		return err;
	}
	rs->backend = r;
	rs->poll = s390_poll;
	rs->drops = s390_drops;
	rs->close = s390_close;
	err = rec_ring__init(&r->ring, types, s390_kvm__ncpus(r->k));
	if (err)
		s390_close(rs);
	return err;
}
