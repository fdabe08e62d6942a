/*
 * gibtrace convert IN -o OUT [--quiet]: a trace.dat (trace-cmd record) holding gib.ko's
 * gib:* tracepoints into a gibtrace trace file.
 *
 * Every gib:NAME event becomes the event NAME of the vocabulary (gt_event_type__by_name)
 * with its fields (vm vcpu isc mask old new arg val), its timestamp (trace.dat's, in the
 * clock it was recorded with) and its CPU. A record that says events were lost before it
 * on its CPU (tep_record missed_events) gives a drop record first: the count when the
 * ring buffer knew it, else 1 (at least one), spanning from the CPU's previous record to
 * this one. Events of other systems, and gib:* events the vocabulary does not know, are
 * skipped and counted.
 *
 * Reads trace.dat with libtracecmd (linked dynamically: there is no libtracecmd.a, so
 * gibtrace-static has no convert).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <trace-cmd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "tep-gib.h"

/*
 * Exported by libtracecmd but declared only in its private header: weak, so that a
 * libtracecmd without them still links (then: "trace.dat clock", no CPU count).
 */
extern const char *tracecmd_get_trace_clock(struct tracecmd_input *handle) __attribute__((weak));
extern int tracecmd_cpus(struct tracecmd_input *handle) __attribute__((weak));
extern const char *tracecmd_get_version(struct tracecmd_input *handle) __attribute__((weak));
extern unsigned long tracecmd_get_in_file_version(struct tracecmd_input *handle)
	__attribute__((weak));

static const struct gt_help_opt convert_options[] = {
	{ "-o OUT", "the gibtrace trace file to write (required)" },
	{ "--quiet", "no summary" },
	{ .flag = NULL },
};

static const struct gt_help_opt convert_examples[] = {
	{ "trace-cmd record -e 'gib:*' gibtrace run scenarios/ap-burst.scn",
	  "record gib.ko's tracepoints with trace-cmd (into trace.dat)" },
	{ "gibtrace convert trace.dat -o ap.gtr", "that recording as a gibtrace trace" },
	{ "gibtrace replay ap.gtr --policy all", "and replayed under every policy" },
	{ .flag = NULL },
};

const struct gt_help gt_help_convert = {
	.usage = "gibtrace convert IN -o OUT [--quiet]",
	.description =
		"Converts IN, a trace.dat written by trace-cmd record, into OUT, a gibtrace\n"
		"trace file. Every gib:NAME event of gib.ko becomes the event NAME with its\n"
		"fields, its timestamp (trace.dat's, in ns of the trace clock it was recorded\n"
		"with, named in OUT's header) and its CPU. Events lost by the ring buffer (the\n"
		"LOST EVENTS markers of trace-cmd report) become drop records: the count when\n"
		"trace.dat knows it, else at least 1. Events of other systems, and gib:* events\n"
		"that the event vocabulary does not know, are skipped and counted in the summary.\n"
		"\n"
		"OUT's header says origin \"converted\" and where it came from.",
	.options = convert_options,
	.examples = convert_examples,
	.see_also = "gibtrace-record(1), gibtrace-info(1), gibtrace-replay(1), trace-cmd-record(1)",
};

struct conv {
	struct tep_handle *tep;
	struct gt_writer *w;
	struct gib_tep_map *map;
	size_t nmap, amap;
	uint64_t *last_ts; /* per CPU: the previous record's timestamp */
	size_t ncpus;
	uint64_t count[GIB_EV_MAX];
	uint64_t events, other, unknown, dropped, drop_records;
	int err;
};

static struct gib_tep_map *conv_lookup(struct conv *c, int id)
{
	struct gib_tep_map *m;

	for (size_t i = 0; i < c->nmap; i++)
		if (c->map[i].id == id)
			return &c->map[i];
	if (c->nmap == c->amap) {
		size_t n = c->amap ? 2 * c->amap : 32;
		struct gib_tep_map *p = realloc(c->map, n * sizeof(*p));

		if (!p)
			return NULL;
		c->map = p;
		c->amap = n;
	}
	m = &c->map[c->nmap++];
	gib_tep_map__init(m, id, tep_find_event(c->tep, id));
	return m;
}

static int conv_drop(struct conv *c, int cpu, long long missed, uint64_t ts)
{
	uint64_t n = missed > 0 ? (uint64_t)missed : 1, first = ts;

	if ((size_t)cpu < c->ncpus && c->last_ts[cpu] && c->last_ts[cpu] < ts)
		first = c->last_ts[cpu];
	c->dropped += n;
	c->drop_records++;
	return gt_writer__add_drop(c->w, (uint32_t)cpu, n, first, ts);
}

static int conv_record(struct tracecmd_input *h, struct tep_record *rec, int cpu, void *data)
{
	struct conv *c = data;
	struct gib_tep_map *m;
	struct gt_event ev;

	(void)h;
	if (cpu < 0) {
		c->other++;
		return 0;
	}
	if ((size_t)cpu >= c->ncpus) {
		size_t n = (size_t)cpu + 1;
		uint64_t *p = realloc(c->last_ts, n * sizeof(*p));

		if (!p) {
			c->err = -ENOMEM;
			return -1;
		}
		memset(p + c->ncpus, 0, (n - c->ncpus) * sizeof(*p));
		c->last_ts = p;
		c->ncpus = n;
	}
	if (rec->missed_events) {
		c->err = conv_drop(c, cpu, rec->missed_events, rec->ts);
		if (c->err)
			return -1;
	}
	c->last_ts[cpu] = rec->ts;
	m = conv_lookup(c, tep_data_type(c->tep, rec));
	if (!m) {
		c->err = -ENOMEM;
		return -1;
	}
	if (m->type < 0) {
		if (m->type == -1)
			c->other++;
		else
			c->unknown++;
		return 0;
	}
	gib_tep_map__event(m, rec, cpu, &ev);
	c->err = gt_writer__add(c->w, &ev);
	if (c->err)
		return -1;
	c->events++;
	c->count[m->type]++;
	return 0;
}

static void conv_header(struct gt_header *gh, struct tracecmd_input *h, const char *in)
{
	const char *clock = tracecmd_get_trace_clock ? tracecmd_get_trace_clock(h) : NULL;
	const char *ver = tracecmd_get_version ? tracecmd_get_version(h) : NULL;
	char buf[4096];

	gt_header__init(gh);
	/* CREATED and TOOL of this run; the rest would describe this host, not IN's */
	gt_header__set_host(gh, "gibtrace convert");
	gt_header__set(gh, GT_TAG_CLOCK_RES, NULL);
	gt_header__set(gh, GT_TAG_ARCH, NULL);
	gt_header__set(gh, GT_TAG_KERNEL, NULL);
	gt_header__set(gh, GT_TAG_HOSTNAME, NULL);
	gt_header__set(gh, GT_TAG_NCPUS, NULL);
	if (clock && *clock)
		snprintf(buf, sizeof(buf), "trace.dat trace_clock %s", clock);
	else
		snprintf(buf, sizeof(buf), "trace.dat clock");
	gt_header__set(gh, GT_TAG_CLOCK, buf);
	if (tracecmd_cpus) {
		snprintf(buf, sizeof(buf), "%d", tracecmd_cpus(h));
		gt_header__set(gh, GT_TAG_NCPUS, buf);
	}
	gt_header__set(gh, GT_TAG_ORIGIN, "converted");
	snprintf(buf, sizeof(buf), "gibtrace convert of %s (trace-cmd %s, file version %lu)", in,
		 ver && *ver ? ver : "version unknown",
		 tracecmd_get_in_file_version ? tracecmd_get_in_file_version(h) : 0UL);
	gt_header__set(gh, GT_TAG_PROVENANCE, buf);
}

static int convert(const char *in, const char *out, bool quiet)
{
	struct conv c = { 0 };
	struct tracecmd_input *h;
	struct gt_header gh;
	int err = 0, rc = 0;

	h = tracecmd_open(in, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		fprintf(stderr, "gibtrace convert: %s: cannot open as a trace.dat\n", in);
		return 1;
	}
	c.tep = tracecmd_get_tep(h);
	conv_header(&gh, h, in);
	c.w = gt_writer__open(out, &gh, NULL, &err);
	gt_header__release(&gh);
	if (!c.w) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", out, strerror(-err));
		tracecmd_close(h);
		return 1;
	}
	if (tracecmd_iterate_events(h, NULL, 0, conv_record, &c) < 0 || c.err) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", c.err ? out : in,
			c.err ? strerror(-c.err) : "cannot read its events");
		rc = 1;
	}
	err = gt_writer__close(c.w);
	if (err && !rc) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", out, strerror(-err));
		rc = 1;
	}
	tracecmd_close(h);
	if (!rc && !quiet) {
		printf("%s: %llu events, %llu drop records (%llu events lost)\n", out,
		       (unsigned long long)c.events, (unsigned long long)c.drop_records,
		       (unsigned long long)c.dropped);
		for (unsigned int t = 0; t < GIB_EV_MAX; t++)
			if (c.count[t])
				printf("  %-16s %10llu\n", gt_event_type(t)->name,
				       (unsigned long long)c.count[t]);
		printf("skipped: %llu events of other systems, %llu gib:* events of unknown "
		       "types\n",
		       (unsigned long long)c.other, (unsigned long long)c.unknown);
	}
	free(c.map);
	free(c.last_ts);
	return rc;
}

int cmd_convert(int argc, const char **argv)
{
	const char *in = NULL, *out = NULL;
	bool quiet = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "gibtrace convert: unknown option '%s'\n", argv[i]);
			gt_help__usage(&gt_help_convert, stderr);
			return 1;
		} else if (!in) {
			in = argv[i];
		} else {
			fprintf(stderr, "gibtrace convert: one input only\n");
			gt_help__usage(&gt_help_convert, stderr);
			return 1;
		}
	}
	if (!in || !out) {
		gt_help__usage(&gt_help_convert, stderr);
		return 1;
	}
	return convert(in, out, quiet);
}
