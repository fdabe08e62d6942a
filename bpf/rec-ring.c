#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "rec-ring.h"
#include "recorder.h"

int rec_ring__init(struct rec_ring *rr, uint64_t types, int ncpus)
{
	rr->types = types;
	rr->ncpus = ncpus;
	rr->since = rec_ring__now();
	rr->pc = calloc((size_t)ncpus, sizeof(*rr->pc));
	rr->seen = calloc((size_t)ncpus * GIB_EV_MAX, sizeof(*rr->seen));
	return rr->pc && rr->seen ? 0 : -ENOMEM;
}

void rec_ring__free(struct rec_ring *rr)
{
	free(rr->pc);
	free(rr->seen);
	rr->pc = rr->seen = NULL;
}

uint64_t rec_ring__now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int rec_ring__on_rec(void *ctx, const struct gib_rec *r)
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

void rec_ring__cpu_drops(struct rec_ring *rr, struct rec_state *rs, unsigned int type)
{
	for (int c = 0; c < rr->ncpus; c++) {
		struct gib_drops *cur = &rr->pc[c], *seen = &rr->seen[type * rr->ncpus + c];

		if (cur->count == seen->count)
			continue;
		/* the span from the last loss written, or from the first one */
		rec_state__add_drop(rs, (uint32_t)c, (int)type, cur->count - seen->count,
				    seen->count ? seen->last_ts : cur->first_ts, cur->last_ts);
		*seen = *cur;
	}
}

void rec_ring__misses(struct rec_ring *rr, struct rec_state *rs, int type, uint64_t misses,
		      uint64_t *seen, uint64_t now)
{
	if (misses <= *seen)
		return;
	rec_state__add_drop(rs, (uint32_t)rr->ncpus, type, misses - *seen, rr->since, now);
	*seen = misses;
}
