/*
 * A trace as Chrome/Perfetto trace-event JSON ({"traceEvents": [...]}), for
 * ui.perfetto.dev: a process per VM with a track per vcpu (SIE and halt
 * slices, kicks, deliveries), a GISA track (posts, alerts, IAM restores), a
 * kicker track and IPM/IAM counters; a host process with the GAL
 * interruptions and alert-list passes; flows from each post to the delivery
 * that consumed it and from each alert to the kick it caused. docs/report.md
 * says how each is derived.
 *
 * Also the post-to-delivery matching both the export and the HTML report's
 * timeline use: the FIFO of analyze/metrics.c (a delivery consumes the
 * oldest arg posts of its (vm, isc)).
 */
#ifndef GIBTRACE_PERFETTO_H
#define GIBTRACE_PERFETTO_H

#include "postq.h"

#include <stdint.h>
#include <stdio.h>

#include <gibtrace/trace.h>

struct gt_perfetto_stats {
	uint64_t events; /* trace events read */
	uint64_t json_events; /* trace-event objects written */
	uint64_t post_flows; /* post -> delivery flows (= delivered posts) */
	uint64_t alert_flows; /* alert -> kick flows */
};

/* path as trace-event JSON into out; 0 or -errno (reported through gt_error) */
int gt_perfetto__export(const char *path, FILE *out, struct gt_perfetto_stats *st);

#endif
