/*
 * A replay against a recording: the relative error of its p50 and p99 latency and of
 * every host-cost counter (gibtrace replay --validate, gibtrace demo's fidelity).
 */
#ifndef GIBTRACE_VALIDATE_H
#define GIBTRACE_VALIDATE_H

#include "metrics.h"

/* latency p50, latency p99, then the counters below */
#define RP_FID_NR 11
#define RP_FID_LATENCIES 2

struct rp_fidelity {
	const char *name[RP_FID_NR]; /* "p50", "p99", then gt_metric_names[] */
	double rec[RP_FID_NR], replay[RP_FID_NR]; /* latencies in ns, counters as counts */
	double err[RP_FID_NR]; /* |replay - rec| / rec (1 when rec is 0 and replay is not) */
	int off; /* how many errors exceed the tolerance */
	int worst; /* the counter (index >= RP_FID_LATENCIES) with the largest error */
};

/* |replay - rec| / rec; 0 when both are 0, 1 when only rec is */
double rp_rel_err(double replay, double rec);

/* the figures of replay (a replay's metrics) against rec (its recording's) */
void rp_validate(const struct gt_metrics *replay, const struct gt_metrics *rec, double tol,
		 struct rp_fidelity *f);

#endif
