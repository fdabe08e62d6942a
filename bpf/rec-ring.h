/*
 * What the two BPF recorder backends (rec-bpf.c over gib.bpf.c, rec-s390.c
 * over the s390-kvm probe set) share: their records (struct gib_rec) into
 * the trace, and their ring buffer's per-CPU drop counts into drop records,
 * each loss written once.
 */
#ifndef GIBTRACE_REC_RING_H
#define GIBTRACE_REC_RING_H

#include <stdint.h>

#include "gib.h"

struct rec_state;

struct rec_ring {
	uint64_t types; /* recorded: bit n for event type n */
	int ncpus;
	struct gib_drops *pc; /* one lookup: ncpus entries */
	struct gib_drops *seen; /* [type * ncpus + cpu]: what was written already */
	uint64_t since; /* CLOCK_MONOTONIC of the previous look */
};

/* 0 or -ENOMEM; rec_ring__free undoes it either way */
int rec_ring__init(struct rec_ring *rr, uint64_t types, int ncpus);
void rec_ring__free(struct rec_ring *rr);
uint64_t rec_ring__now(void);
/* the callback of both loaders: @ctx is the rec_state; 0, or -1 to stop */
int rec_ring__on_rec(void *ctx, const struct gib_rec *r);
/* @rr->pc was just read for @type: every CPU's new losses as drop records */
void rec_ring__cpu_drops(struct rec_ring *rr, struct rec_state *rs, unsigned int type);
/*
 * @misses, the kernel's count of runs it skipped (recursion_misses: CPU and
 * time unknown), past *@seen as a drop record of @type (-1: any) on CPU
 * ncpus, one past the last, spanning the previous look to @now
 */
void rec_ring__misses(struct rec_ring *rr, struct rec_state *rs, int type, uint64_t misses,
		      uint64_t *seen, uint64_t now);

#endif
