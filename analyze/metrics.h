/*
 * The metrics of a trace, computed from its events alone (so that a
 * recording, a replay and a converted trace are measured the same way):
 * delivery latency from each airq_post to the airq_deliver that consumed its
 * IPM bit (a delivery's arg says how many posts it took, oldest first), and
 * the host cost: GAL interruptions, alert-list passes, kicker firings, kicks,
 * wakeups, spurious wakeups, IAM restores, per second of trace.
 */
#ifndef GIBTRACE_METRICS_H
#define GIBTRACE_METRICS_H

#include <gibtrace/trace.h>

#include "hist.h"

enum gt_metric {
	GT_M_POSTS,
	GT_M_DELIVERED, /* posts delivered (with a latency) */
	GT_M_DELIVERIES, /* airq_deliver events */
	GT_M_COALESCED, /* posts that found their bit set */
	GT_M_GAL_IRQS,
	GT_M_GAL_PASSES,
	GT_M_KICKER_TICKS,
	GT_M_KICKS,
	GT_M_WAKEUPS,
	GT_M_SPURIOUS, /* woken with nothing to do */
	GT_M_RESTORES,
	GT_M_ALERTS,
	GT_M_DROPPED, /* events the recorder lost */
	GT_M_NR
};

extern const char *const gt_metric_names[GT_M_NR];

struct gt_post_fifo;

struct gt_metrics {
	struct gt_hist lat;
	uint64_t first_ts, last_ts;
	uint64_t n[GT_M_NR];
	uint64_t events;
	struct gt_post_fifo *fifo; /* per (vm, isc) */
	size_t nfifo;
};

void gt_metrics__init(struct gt_metrics *m);
void gt_metrics__release(struct gt_metrics *m);
int gt_metrics__add(struct gt_metrics *m, const struct gt_event *ev);
double gt_metrics__seconds(const struct gt_metrics *m);
double gt_metrics__per_s(const struct gt_metrics *m, enum gt_metric k);
/* posts still waiting for a delivery */
uint64_t gt_metrics__pending(const struct gt_metrics *m);

#endif
