/*
 * The BPF backend of gibtrace record: gib.bpf.c's ring buffer, its per-CPU
 * drops, and the events a program missed by nesting into itself (the
 * kernel's recursion_misses: CPU unknown, written as drop records on CPU
 * ncpus, one past the last, with the span since the previous look). What it
 * shares with rec-s390.c is in rec-ring.c.
 */
#include <errno.h>
#include <stdlib.h>

#include "gib-bpf.h"
#include "rec-ring.h"
#include "recorder.h"

struct rec_bpf {
	struct gib_bpf *b;
	struct rec_ring ring;
	uint64_t misses_seen[GIB_EV_MAX];
};

static int bpf_poll(struct rec_state *rs, int timeout_ms)
{
	struct rec_bpf *rb = rs->backend;

	return gib_bpf__poll(rb->b, timeout_ms);
}

/* the losses since the last look, per type and CPU, as drop records */
static void bpf_drops(struct rec_state *rs)
{
	struct rec_bpf *rb = rs->backend;
	uint64_t now = rec_ring__now();

	for (unsigned int t = 0; t < GIB_EV_MAX; t++) {
		uint64_t m;

		if (!(rb->ring.types & (1ULL << t)))
			continue;
		if (!gib_bpf__misses(rb->b, t, &m))
			rec_ring__misses(&rb->ring, rs, (int)t, m, &rb->misses_seen[t], now);
		if (!gib_bpf__drops(rb->b, t, rb->ring.pc))
			rec_ring__cpu_drops(&rb->ring, rs, t);
	}
	rb->ring.since = now;
}

static void bpf_close(struct rec_state *rs)
{
	struct rec_bpf *rb = rs->backend;

	gib_bpf__close(rb->b);
	rec_ring__free(&rb->ring);
	free(rb);
	rs->backend = NULL;
}

int rec_bpf__open(struct rec_state *rs, uint64_t types, size_t ringbuf_bytes)
{
	struct rec_bpf *rb = calloc(1, sizeof(*rb));
	int err;

	if (!rb)
		return -ENOMEM;
	err = gib_bpf__open(&rb->b, types, ringbuf_bytes, rec_ring__on_rec, rs);
	if (err) {
		free(rb);
		return err;
	}
	rs->backend = rb;
	rs->poll = bpf_poll;
	rs->drops = bpf_drops;
	rs->close = bpf_close;
	err = rec_ring__init(&rb->ring, types, gib_bpf__ncpus(rb->b));
	if (err)
		bpf_close(rs);
	return err;
}
