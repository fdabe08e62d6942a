/*
 * gibtrace convert of `perf script` text: perf's default line for a tracepoint,
 * "COMM PID[/TID] [CPU] SECS.FRAC: SYSTEM:EVENT: TEXT", where TEXT is the event's
 * TP_printk. Read for gib.ko's gib:* events and for the upstream kvm, kvm-s390 and
 * timer events of convert-kvm.h, by the exact print formats of Linux 6.1.
 *
 * With --show-lost-events, perf script prints each of perf's lost-event records as
 * "COMM PID[/TID] [CPU] SECS.FRAC: PERF_RECORD_LOST lost N": the ring buffer of CPU
 * lost N events before that time. They become drop records (a gt_event of type
 * GIB_EV_drop, arg N, for the gib sink; KU_LOST for the kvm one). Other PERF_RECORD_
 * lines (--show-task-events and the like) are events of other kinds.
 */
#ifndef GIBTRACE_CONVERT_PERF_H
#define GIBTRACE_CONVERT_PERF_H

#include <stdbool.h>
#include <stdint.h>

#include <gibtrace/trace.h>

#include "convert-kvm.h"

struct cv_perf_sink {
	int (*gib)(void *ctx, const struct gt_event *ev); /* a gib:* event */
	int (*kvm)(void *ctx, const struct ku_event *ev); /* an upstream event */
	void *ctx;
	const char *kicker; /* the kicker's function: a name, or 0xADDRESS */
};

struct cv_perf_stats {
	uint64_t lines;
	uint64_t gib, kvm; /* events handed to the sink */
	uint64_t other; /* events of other kinds */
	uint64_t lost_records, lost; /* PERF_RECORD_LOST lines, and the events they count */
	uint64_t bad; /* lines that could not be read (each reported as FILE:LINE: reason) */
	bool tgid; /* the lines say PID/TID */
};

/* a line that is not an event; the others are reported and counted, never fatal */
int cv_perf__read(const char *path, const struct cv_perf_sink *s, struct cv_perf_stats *st);

/* whether a function, as printed or as an address, is the kicker */
bool cv_is_kicker(const char *kicker, const char *name, uint64_t addr);

#endif
