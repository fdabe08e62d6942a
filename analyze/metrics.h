/*
 * The metrics of a trace, computed from its events alone (so that a
 * recording, a replay and a converted trace are measured the same way):
 * delivery latency from each airq_post to the airq_deliver that consumed its
 * IPM bit (a delivery's arg says how many posts it took, oldest first), and
 * the host cost: GAL interruptions, alert-list passes, kicker firings, kicks,
 * wakeups, spurious wakeups, IAM restores, per second of trace, and the CPU
 * time vcpus spend halt-polling.
 *
 * Halt-polling: an enabled wait (vcpu_wait arg 0) starts a halt, its first
 * wakeup that is not spurious ends it. A halt that ended by a poll (wakeup
 * bit 0 clear) polled all along; one that slept polled for the halt-poll
 * window first, which the trace's events do not say: the caller sets it from
 * the policy's parameters (gt_metrics__set_halt_poll), or it counts as 0 and
 * the figure is a lower bound. A halt still open at the end of the trace is
 * not counted.
 */
#ifndef GIBTRACE_METRICS_H
#define GIBTRACE_METRICS_H

#include <gibtrace/trace.h>

#include "hist.h"
#include "postq.h"

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
	GT_M_POLL_NS, /* ns of halt-polling, summed over vcpus */
	GT_M_NR
};

extern const char *const gt_metric_names[GT_M_NR];

/* latency and counts of one slice: a VM, an ISC, a vcpu, a source kind, a window */
struct gt_slice {
	struct gt_hist lat;
	uint64_t n[GT_M_NR];
};

/* a breakdown: slices by key, allocated as keys appear */
struct gt_breakdown {
	struct gt_slice **s;
	size_t n;
};

/*
 * Time windows for the bootstrap: GT_WINDOWS_MAX at most; when the trace
 * outgrows them, neighbours merge (exactly) and the window length doubles.
 * Windows start at the trace's first event: a recording and its replays
 * start together (the replay's first event is the recording's first), and
 * two recordings of one schedule, made on other boots or one after the
 * other, are paired from their starts rather than by a clock they do not
 * share. (From the clock's 0, a recording 15 s into a boot got 128 ms
 * windows, three for a 300 ms run, and two recordings no window in common.)
 */
#define GT_WINDOWS_MAX 128
#define GT_WINDOW_MIN_NS 1000000ULL

/* vcpus in a halt: (vm << 16 | vcpu) + 1 (0: an empty slot), and when it began */
struct gt_halts {
	uint64_t *key, *start; /* start: UINT64_MAX when the vcpu is not halted */
	size_t cap, n;
};

struct gt_metrics {
	struct gt_hist lat;
	uint64_t first_ts, last_ts;
	uint64_t n[GT_M_NR];
	uint64_t events;
	struct gt_postq posts; /* waiting for their delivery */
	bool detail; /* keep the breakdowns and windows below */
	struct gt_breakdown by_vm, by_isc, by_vcpu, by_src;
	struct gt_slice *win[GT_WINDOWS_MAX];
	uint64_t win_ns;
	struct gt_halts halts;
	uint64_t halt_poll_ns; /* the policy's window (0: not known) */
};

void gt_metrics__init(struct gt_metrics *m);
/* also per VM, ISC, vcpu (vm << 16 | vcpu), source kind, and time window */
void gt_metrics__init_detail(struct gt_metrics *m);
void gt_metrics__release(struct gt_metrics *m);
/* the halt-poll window of the policy that made the trace, before the first event */
void gt_metrics__set_halt_poll(struct gt_metrics *m, uint64_t ns);
int gt_metrics__add(struct gt_metrics *m, const struct gt_event *ev);
struct gt_slice *gt_breakdown__get(struct gt_breakdown *b, size_t key);
double gt_metrics__seconds(const struct gt_metrics *m);
double gt_metrics__per_s(const struct gt_metrics *m, enum gt_metric k);
/* posts still waiting for a delivery */
uint64_t gt_metrics__pending(const struct gt_metrics *m);

#endif
