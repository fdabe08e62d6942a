/*
 * The ftrace backend of gibtrace record, for hosts where BPF is not
 * allowed: an ftrace instance of its own (gibtrace-PID) with the gib:*
 * events enabled, the "mono" trace clock (CLOCK_MONOTONIC, as the BPF
 * backend), overwrite off (a full buffer drops new events and says so),
 * drained through the per-CPU raw buffers with libtracefs, fields read with
 * libtraceevent. ftrace's lost-event counts become drop records: the count
 * a page reports (tep_record.missed_events) when it is read, and what the
 * per-CPU stats' lost-event counters say beyond that at each look.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tracefs/tracefs.h>

#include "gib-bpf.h"
#include "recorder.h"
#include "tep-gib.h"

struct rec_tfs {
	struct rec_state *rs;
	struct tracefs_instance *inst;
	struct tep_handle *tep;
	struct gib_tep_map map[GIB_EV_MAX];
	int nmap;
	int ncpus;
	uint64_t *last_ts; /* per CPU */
	uint64_t *missed; /* per CPU: what pages reported */
	uint64_t since; /* CLOCK_MONOTONIC of the previous look at the stats */
	int handed;
};

static int tfs_event(struct tep_event *event, struct tep_record *record, int cpu, void *ctx)
{
	struct rec_tfs *t = ctx;
	struct gib_tep_map *m = NULL;
	struct gt_event ev;

	for (int i = 0; i < t->nmap; i++)
		if (t->map[i].id == event->id)
			m = &t->map[i];
	if (cpu < 0 || cpu >= t->ncpus)
		return 0;
	if (record->missed_events) {
		uint64_t n = record->missed_events > 0 ? (uint64_t)record->missed_events : 1;

		rec_state__add_drop(t->rs, (uint32_t)cpu, -1, n, t->last_ts[cpu], record->ts);
		t->missed[cpu] += n;
	}
	t->last_ts[cpu] = record->ts;
	if (!m)
		return 0;
	gib_tep_map__event(m, record, cpu, &ev);
	t->handed++;
	return rec_state__add(t->rs, &ev) ? 1 : 0;
}

static int tfs_poll(struct rec_state *rs, int timeout_ms)
{
	struct rec_tfs *t = rs->backend;

	t->handed = 0;
	if (tracefs_iterate_raw_events(t->tep, t->inst, NULL, 0, tfs_event, t) < 0)
		return -EIO;
	if (!t->handed && timeout_ms > 0)
		usleep((useconds_t)timeout_ms * 1000);
	return t->handed;
}

/*
 * What one CPU's ring buffer lost, from its stats: "dropped events" (full,
 * overwrite off), "commit overrun" (full while an event was still being
 * written: an interrupt's events nested into it filled the buffer; the kernel
 * counts these apart from "dropped events") and "overrun" (overwritten, what
 * pages report as missed_events; 0 with overwrite off). Every one is an event
 * the buffer never kept.
 */
static uint64_t tfs_dropped(struct rec_tfs *t, int cpu)
{
	static const char *const lost[] = { "overrun:", "commit overrun:", "dropped events:" };
	char file[64], *s, *line, *save = NULL;
	uint64_t n = 0;

	snprintf(file, sizeof(file), "per_cpu/cpu%d/stats", cpu);
	s = tracefs_instance_file_read(t->inst, file, NULL);
	for (line = s ? strtok_r(s, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
		for (size_t i = 0; i < sizeof(lost) / sizeof(lost[0]); i++)
			if (!strncmp(line, lost[i], strlen(lost[i])))
				n += strtoull(line + strlen(lost[i]), NULL, 10);
	free(s);
	return n;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * what the stats count lost beyond the pages' reports: lost since the previous look
 * (the "mono" trace clock is CLOCK_MONOTONIC), not at the last event kept
 */
static void tfs_drops(struct rec_state *rs)
{
	struct rec_tfs *t = rs->backend;
	uint64_t now = mono_ns();

	for (int c = 0; c < t->ncpus; c++) {
		uint64_t n = tfs_dropped(t, c);

		if (n > t->missed[c]) {
			rec_state__add_drop(rs, (uint32_t)c, -1, n - t->missed[c], t->since, now);
			t->missed[c] = n;
		}
	}
	t->since = now;
}

static void tfs_close(struct rec_state *rs)
{
	struct rec_tfs *t = rs->backend;

	if (t->inst) {
		tracefs_trace_off(t->inst);
		tracefs_instance_destroy(t->inst);
		tracefs_instance_free(t->inst);
	}
	tep_free(t->tep);
	free(t->last_ts);
	free(t->missed);
	free(t);
	rs->backend = NULL;
}

int rec_tracefs__open(struct rec_state *rs, uint64_t types, size_t buffer_bytes)
{
	const char *systems[] = { "gib", NULL };
	struct rec_tfs *t = calloc(1, sizeof(*t));
	char name[64], kb[32];
	int err = 0;

	if (!t)
		return -ENOMEM;
	t->rs = rs;
	rs->backend = t;
	rs->poll = tfs_poll;
	rs->drops = tfs_drops;
	rs->close = tfs_close;
	t->ncpus = (int)sysconf(_SC_NPROCESSORS_CONF);
	t->last_ts = calloc((size_t)t->ncpus, sizeof(*t->last_ts));
	t->missed = calloc((size_t)t->ncpus, sizeof(*t->missed));
	if (!t->last_ts || !t->missed) {
		err = -ENOMEM;
		goto fail;
	}
	if (!gib_tracefs_events_dir()) {
		err = -errno;
		gib_tracefs_error();
		goto fail;
	}
	t->tep = tracefs_local_events_system(NULL, systems);
	if (!t->tep) {
		gt_error("cannot read the gib:* event formats (needs root)");
		err = -EACCES;
		goto fail;
	}
	snprintf(name, sizeof(name), "gibtrace-%d", (int)getpid());
	t->inst = tracefs_instance_create(name);
	if (!t->inst) {
		gt_error("cannot create the ftrace instance %s: %s", name, strerror(errno));
		err = errno ? -errno : -EACCES;
		goto fail;
	}
	snprintf(kb, sizeof(kb), "%zu", buffer_bytes / 1024 ? buffer_bytes / 1024 : 1);
	if (tracefs_instance_file_write(t->inst, "buffer_size_kb", kb) < 0 ||
	    tracefs_instance_file_write(t->inst, "trace_clock", "mono") < 0 ||
	    tracefs_option_disable(t->inst, TRACEFS_OPTION_OVERWRITE) < 0) {
		gt_error("cannot set up the ftrace instance %s", name);
		err = -EIO;
		goto fail;
	}
	for (size_t k = 0; k < gt_nevent_types; k++) {
		const struct gt_event_type *et = &gt_event_types[k];
		struct tep_event *e;

		if (!et->name || k == GIB_EV_drop || !(types & (1ULL << k)))
			continue;
		e = tep_find_event_by_name(t->tep, "gib", et->name);
		if (!e)
			continue; /* not emitted by this gib.ko */
		gib_tep_map__init(&t->map[t->nmap++], e->id, e);
		if (tracefs_event_enable(t->inst, "gib", et->name) < 0) {
			gt_error("cannot enable gib:%s in %s", et->name, name);
			err = -EIO;
			goto fail;
		}
	}
	t->since = mono_ns();
	tracefs_trace_on(t->inst);
	return 0;
fail:
	tfs_close(rs);
	rs->poll = NULL;
	rs->drops = NULL;
	rs->close = NULL;
	return err;
}
