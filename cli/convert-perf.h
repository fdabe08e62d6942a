/*
 * gibtrace convert of `perf script` text: perf's default line for a tracepoint,
 * "COMM PID[/TID] [CPU] SECS.FRAC: SYSTEM:EVENT: TEXT", where TEXT is the event's
 * TP_printk. Read for gib.ko's gib:* events and for the upstream kvm, kvm-s390 and
 * timer events of convert-kvm.h, by the exact print formats of Linux 6.1.
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
	uint64_t bad; /* lines that could not be read (each reported as FILE:LINE: reason) */
	bool tgid; /* the lines say PID/TID */
};

/* a line that is not an event; the others are reported and counted, never fatal */
int cv_perf__read(const char *path, const struct cv_perf_sink *s, struct cv_perf_stats *st);

/* whether a function, as printed or as an address, is the kicker */
bool cv_is_kicker(const char *kicker, const char *name, uint64_t addr);

#endif
