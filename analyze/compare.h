/*
 * Figures of a trace and their comparison: latency percentiles and host cost
 * per second, and bootstrap confidence intervals of the difference between
 * two traces of one timeline (a recording and its replays, or replays of one
 * input under different policies).
 *
 * The bootstrap resamples the time windows of struct gt_metrics (blocks of
 * time keep the correlation of a burst together), the same windows for both
 * traces (paired), merges the resampled windows' histograms (exact), and
 * takes the 2.5% and 97.5% quantiles of the figure's difference. A
 * difference whose interval holds 0 is inside the noise.
 */
#ifndef GIBTRACE_COMPARE_H
#define GIBTRACE_COMPARE_H

#include "metrics.h"

enum gt_figure {
	GT_F_P50,
	GT_F_P90,
	GT_F_P99,
	GT_F_P999,
	GT_F_MAX,
	GT_F_GAL, /* per second */
	GT_F_PASSES,
	GT_F_TICKS,
	GT_F_KICKS,
	GT_F_WAKEUPS,
	GT_F_SPURIOUS,
	GT_F_RESTORES,
	GT_F_COST, /* GAL interruptions + kicks + spurious wakeups, per second */
	GT_F_POLL, /* halt-polling: percent of one host CPU */
	GT_F_NR
};

extern const char *const gt_figure_names[GT_F_NR];
extern const char *const gt_figure_units[GT_F_NR];

/* the figures of m (latencies in ns) */
void gt_figures(const struct gt_metrics *m, double f[GT_F_NR]);

struct gt_ci {
	double lo, hi;
};

/*
 * 95% intervals of (figure of b) - (figure of a) for every figure, from
 * `rounds` paired resamples; both must have been measured with detail.
 * Returns 0, or -EINVAL if they have no windows.
 */
int gt_bootstrap_diff(const struct gt_metrics *a, const struct gt_metrics *b, int rounds,
		      uint64_t seed, struct gt_ci ci[GT_F_NR]);

/* does the interval hold 0 (a difference inside the noise)? */
static inline int gt_ci__holds_zero(const struct gt_ci *c)
{
	return c->lo <= 0 && c->hi >= 0;
}

#endif
