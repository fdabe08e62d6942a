/*
 * The engine's costs, estimated from a trace that holds the events they
 * separate (a gib.ko recording, or a replay): the median of each delay.
 */
#ifndef GIBTRACE_ESTIMATE_H
#define GIBTRACE_ESTIMATE_H

#include "engine.h"

struct rp_estimate {
	struct rp_costs costs; /* the defaults where a delay was not seen */
	uint64_t samples[5]; /* per cost, in struct rp_costs order */
};

/* read path and estimate; 0 or -errno */
int rp_estimate__costs(const char *path, struct rp_estimate *est);

#endif
