/* Running the replay engine over a trace file: one policy, or several on threads. */
#ifndef GIBTRACE_RUN_H
#define GIBTRACE_RUN_H

#include <stdbool.h>

#include "engine.h"
#include "metrics.h"

struct rp_run {
	const struct gib_policy *policy;
	struct gib_params params;
	char spec[256];
	struct rp_result res;
	struct gt_metrics m; /* of the replay */
	struct gt_metrics in; /* of the input, for --validate */
	bool validate;
	uint64_t drops;
};

/* --policy all: the runs share out among -j threads, one whole replay each */
struct rp_pool {
	const char *path, *out;
	const struct rp_costs *costs;
	struct rp_run *runs;
	int n, next, failed;
	bool progress;
};

/*
 * Replay path under run->policy and run->params into run->m (initialised by
 * the caller, plain or with detail); out, if not NULL, gets the replayed trace.
 * With run->validate, run->in measures the input. 0 or -errno.
 */
int rp_run__one(const char *path, struct rp_run *run, const struct rp_costs *costs, const char *out,
		bool progress);
/* every run of the pool on up to jobs threads (out: OUT.<policy> each); 0 or 1 */
int rp_run__all(struct rp_pool *p, int jobs);
/* "name=value,..." for the engine's costs; 0 or -EINVAL (reported) */
int rp_costs__parse(const char *s, struct rp_costs *c);

#endif
