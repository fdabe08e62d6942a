/*
 * What both recording backends (BPF: rec-bpf.c, ftrace: rec-tracefs.c) share:
 * the trace writer, the counts of events and drops per type, drop records,
 * the live view and the closing summary (recorder.c).
 */
#ifndef GIBTRACE_RECORDER_H
#define GIBTRACE_RECORDER_H

#include <stdbool.h>
#include <stdint.h>

#include <gibtrace/trace.h>

struct rec_state {
	struct gt_writer *w;
	uint64_t count[GIB_EV_MAX]; /* recorded per type */
	uint64_t dropped[GIB_EV_MAX]; /* lost per type (where the backend knows it) */
	uint64_t dropped_untyped; /* lost, type unknown (ftrace) */
	uint64_t live_last[3];
	int err;
	/* the backend's */
	int (*poll)(struct rec_state *rs, int timeout_ms); /* records handed, or -errno */
	void (*drops)(struct rec_state *rs); /* new losses -> drop records */
	void (*close)(struct rec_state *rs);
	void *backend;
};

int rec_state__init(struct rec_state *rs, const char *out, const struct gt_header *h);
/* the backend could not start: drop the file */
void rec_state__abort(struct rec_state *rs);
/* one event in; 0 or -errno (sticky in rs->err) */
int rec_state__add(struct rec_state *rs, const struct gt_event *ev);
/* @count events of @type (or -1: unknown) lost on @cpu between @first and @last */
void rec_state__add_drop(struct rec_state *rs, uint32_t cpu, int type, uint64_t count,
			 uint64_t first, uint64_t last);
void rec_state__drops(struct rec_state *rs);
void rec_state__live(struct rec_state *rs, double secs);
/* drain, last drops, close; prints events and drops per type; 0 or -errno */
int rec_state__finish(struct rec_state *rs, const char *out);

int rec_bpf__open(struct rec_state *rs, uint64_t types, size_t ringbuf_bytes);
int rec_tracefs__open(struct rec_state *rs, uint64_t types, size_t buffer_bytes);

#endif
