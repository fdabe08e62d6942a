/*
 * gibtrace convert IN -o OUT: into a gibtrace trace file, from
 *  - a trace.dat (trace-cmd record), read with libtracecmd,
 *  - `perf script` text (convert-perf.c),
 *  - a gibtrace file without airq_post (`gibtrace record --target s390-kvm`),
 * of gib.ko's gib:* events (each becomes the vocabulary's event of its name, with its
 * fields) or of the upstream kvm, kvm-s390 and timer events a real s390 host records
 * (convert-kvm.c: mapped, with what a host cannot observe inferred and marked).
 *
 * For trace.dat, a record that says events were lost before it on its CPU (tep_record
 * missed_events) gives a drop record first: the count when the ring buffer knew it,
 * else 1 (at least one), spanning from the CPU's previous record to this one.
 *
 * libtracecmd is linked dynamically (there is no libtracecmd.a), so gibtrace-static has
 * no convert.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <trace-cmd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "convert-kvm.h"
#include "convert-perf.h"
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
	{ "--from FORMAT", "IN is a trace.dat, perf (perf script text) or gibtrace file "
			   "(default: told by its first bytes)" },
	{ "--events SET", "gib (gib.ko's gib:* events) or kvm (the upstream kvm, kvm-s390 "
			  "and timer events); default: gib if IN has gib:* events" },
	{ "--kicker FUNC", "the kicker's hrtimer callback, a name or 0xADDRESS (default "
			   "gisa_vcpu_kicker; gib.ko's is gib_kicker_fn)" },
	{ "--vm-by KEY",
	  "kvm events: a VM is the vcpu threads' tgid, or their comm without "
	  "its last number, or one for all (default: tgid if IN has it, else comm)" },
	{ "--quiet", "no summary" },
	{ .flag = NULL },
};

static const struct gt_help_opt convert_examples[] = {
	{ "trace-cmd record -e 'gib:*' gibtrace run scenarios/ap-burst.scn",
	  "record gib.ko's tracepoints with trace-cmd (into trace.dat)" },
	{ "gibtrace convert trace.dat -o ap.gtr", "that recording as a gibtrace trace" },
	{ "gibtrace replay ap.gtr --policy all", "and replayed under every policy" },
	{ "trace-cmd record -e kvm:kvm_s390_sie_enter -e kvm:kvm_s390_sie_exit -e "
	  "kvm:kvm_vcpu_wakeup -e 'kvm-s390:*' -e 'timer:hrtimer_*' sleep 10",
	  "what an s390 KVM host records without gibtrace" },
	{ "gibtrace convert trace.dat --vm-by one -o host.gtr",
	  "as a gibtrace trace, posts inferred (trace.dat has no tgid: one VM)" },
	{ "perf script --ns --show-lost-events -F comm,pid,tid,cpu,time,event,trace >host.txt",
	  "the same from a perf.data, VMs by tgid, perf's lost events as drops" },
	{ "gibtrace convert host.txt -o host.gtr", "its text converted" },
	{ .flag = NULL },
};

const struct gt_help gt_help_convert = {
	.usage = "gibtrace convert IN -o OUT [--from trace.dat|perf|gibtrace] [--events gib|kvm]\n"
		 "  [--kicker FUNC] [--vm-by tgid|comm|one] [--quiet]",
	.description =
		"Converts IN into OUT, a gibtrace trace file. IN is a trace.dat written by\n"
		"trace-cmd record, the text `perf script` prints of a perf.data, or a gibtrace\n"
		"file without airq_post (gibtrace record --target s390-kvm).\n"
		"\n"
		"Of gib.ko's events, every gib:NAME event becomes the event NAME with its fields,\n"
		"its timestamp (in ns of the clock it was recorded with, named in OUT's header)\n"
		"and its CPU. Events lost by the ring buffer (the LOST EVENTS markers of trace-cmd\n"
		"report) become drop records: the count when trace.dat knows it, else at least 1.\n"
		"So do perf's lost-event records, in perf script text made with\n"
		"--show-lost-events (PERF_RECORD_LOST lost N: N events, on that CPU).\n"
		"\n"
		"Of a real s390 host's events (kvm:kvm_s390_sie_enter, kvm:kvm_s390_sie_exit,\n"
		"kvm:kvm_vcpu_wakeup, kvm-s390:kvm_s390_deliver_interrupt, kvm_s390_inject_vm,\n"
		"and timer:hrtimer_* of the kicker), what is observed is mapped onto the event\n"
		"vocabulary and what a host cannot observe is inferred: the VMs and vcpus, the\n"
		"device posts (each no later than the KVM delivery that consumed it), the waits\n"
		"and the guest work. OUT's header tag \"inferred\" says which and how; gibtrace info shows it.\n"
		"Posts that SIE delivered to a running vcpu leave no event at all and are missing.\n"
		"Of a gibtrace file, the posts are inferred the same way.\n"
		"\n"
		"Bad lines of perf script text are reported as FILE:LINE: reason and skipped; the\n"
		"others are converted and written, and the exit status is 1. Events of other\n"
		"systems are skipped and counted.\n"
		"\n"
		"OUT's header says origin \"converted\" and where it came from.",
	.options = convert_options,
	.examples = convert_examples,
	.see_also =
		"gibtrace-record(1), gibtrace-info(1), gibtrace-replay(1), trace-cmd-record(1), "
		"perf-script(1), docs/s390-host.md",
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

/* *ts, one time per CPU (*n of them), grown to hold @cpu's (0 until seen): 0 or -ENOMEM */
static int cpu_slots(uint64_t **ts, size_t *n, int cpu)
{
	size_t want = (size_t)cpu + 1;
	uint64_t *p;

	if (want <= *n)
		return 0;
	p = realloc(*ts, want * sizeof(*p));
	if (!p)
		return -ENOMEM;
	memset(p + *n, 0, (want - *n) * sizeof(*p));
	*ts = p;
	*n = want;
	return 0;
}

static struct gib_tep_map *conv_lookup(struct conv *c, int id)
{
	struct gib_tep_map *m;

	for (size_t i = 0; i < c->nmap; i++)
		if (c->map[i].id == id)
			return &c->map[i];
	if (ku_grow((void **)&c->map, &c->amap, c->nmap, sizeof(*c->map)))
		return NULL;
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
	if (cpu_slots(&c->last_ts, &c->ncpus, cpu)) {
		c->err = -ENOMEM;
		return -1;
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

static int convert_gib(struct tracecmd_input *h, const char *in, const char *out, bool quiet)
{
	struct conv c = { 0 };
	struct gt_header gh;
	int err = 0, rc = 0;

	c.tep = tracecmd_get_tep(h);
	conv_header(&gh, h, in);
	c.w = gt_writer__open(out, &gh, NULL, &err);
	gt_header__release(&gh);
	if (!c.w) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", out, strerror(-err));
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

/* the upstream events of a trace.dat: each tep event's kind and fields, found once */
enum {
	KF_ID,
	KF_ICPT,
	KF_NS,
	KF_WAITED,
	KF_VALID,
	KF_INTTYPE,
	KF_DATA1,
	KF_PARM64,
	KF_ISC,
	KF_HRTIMER,
	KF_FUNCTION,
	KF_MODE,
	KF_NR
};
static const char *const kvm_fields[KF_NR] = { "id",	"icptcode", "ns",	"waited",
					       "valid", "inttype",  "data1",	"parm64",
					       "isc",	"hrtimer",  "function", "mode" };

struct kvm_map {
	int id;
	int kind;
	struct tep_format_field *f[KF_NR];
};

struct kvm_dat {
	struct tep_handle *tep;
	struct ku_conv *kc;
	struct kvm_map *map;
	size_t nmap, amap;
	const char *kicker;
	uint64_t *last_ts;
	size_t ncpus;
	int err;
};

static struct kvm_map *kvm_lookup(struct kvm_dat *k, int id)
{
	struct tep_event *e;
	struct kvm_map *m;

	for (size_t i = 0; i < k->nmap; i++)
		if (k->map[i].id == id)
			return &k->map[i];
	if (ku_grow((void **)&k->map, &k->amap, k->nmap, sizeof(*k->map)))
		return NULL;
	m = &k->map[k->nmap++];
	memset(m, 0, sizeof(*m));
	m->id = id;
	e = tep_find_event(k->tep, id);
	m->kind = e && e->system && e->name ? ku_kind__by_name(e->system, e->name) : KU_NR;
	for (int f = 0; f < KF_NR && m->kind != KU_NR; f++)
		m->f[f] = tep_find_field(e, kvm_fields[f]);
	return m;
}

static unsigned long long kvm_field(const struct kvm_map *m, int f, const struct tep_record *rec)
{
	unsigned long long v = 0;

	if (m->f[f] && tep_read_number_field(m->f[f], rec->data, &v))
		v = 0;
	return v;
}

static int kvm_record(struct tracecmd_input *h, struct tep_record *rec, int cpu, void *data)
{
	struct kvm_dat *k = data;
	struct kvm_map *m;
	struct ku_event ev = { .ts = rec->ts, .cpu = (uint32_t)cpu, .tgid = -1, .id = -1 };
	const char *comm;
	unsigned long long fn;

	(void)h;
	if (cpu < 0)
		return 0;
	if (cpu_slots(&k->last_ts, &k->ncpus, cpu))
		goto nomem;
	if (rec->missed_events) {
		struct ku_event lost = { .ts = rec->ts,
					 .cpu = (uint32_t)cpu,
					 .kind = KU_LOST,
					 .pid = -1,
					 .tgid = -1,
					 .id = -1 };

		lost.a = rec->missed_events > 0 ? (uint64_t)rec->missed_events : 1;
		if (ku_conv__add(k->kc, &lost))
			goto nomem;
	}
	k->last_ts[cpu] = rec->ts;
	m = kvm_lookup(k, tep_data_type(k->tep, rec));
	if (!m)
		goto nomem;
	if (m->kind == KU_NR)
		return 0;
	ev.kind = (uint8_t)m->kind;
	ev.pid = tep_data_pid(k->tep, rec);
	comm = tep_data_comm_from_pid(k->tep, ev.pid);
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm ? comm : "");
	ev.id = (int32_t)kvm_field(m, KF_ID, rec);
	switch (ev.kind) {
	case KU_SIE_EXIT:
		ev.code = (uint32_t)kvm_field(m, KF_ICPT, rec);
		break;
	case KU_WAKEUP:
		ev.a = kvm_field(m, KF_NS, rec);
		ev.waited = kvm_field(m, KF_WAITED, rec);
		ev.valid = kvm_field(m, KF_VALID, rec);
		break;
	case KU_DELIVER:
		ev.code = (uint32_t)kvm_field(m, KF_INTTYPE, rec);
		ev.a = kvm_field(m, KF_DATA1, rec);
		break;
	case KU_INJECT:
		ev.code = (uint32_t)kvm_field(m, KF_INTTYPE, rec);
		ev.a = kvm_field(m, KF_PARM64, rec);
		break;
	case KU_AIS_MODE:
	case KU_AIRQ_SUPPRESSED:
		ev.code = (uint32_t)kvm_field(m, KF_ISC, rec);
		break;
	case KU_HR_START:
	case KU_HR_ENTRY:
		fn = kvm_field(m, KF_FUNCTION, rec);
		ev.kicker = cv_is_kicker(k->kicker, tep_find_function(k->tep, fn), fn);
		/* enum hrtimer_mode: bit 0 is REL */
		ev.abs = !(kvm_field(m, KF_MODE, rec) & 1);
		ev.a = kvm_field(m, KF_HRTIMER, rec);
		break;
	case KU_HR_EXIT:
	case KU_HR_CANCEL:
		ev.a = kvm_field(m, KF_HRTIMER, rec);
		break;
	default:
		break;
	}
	if (!ku_conv__add(k->kc, &ev))
		return 0;
nomem:
	k->err = -ENOMEM;
	return -1;
}

static bool has_gib_events(struct tep_handle *tep)
{
	struct tep_event **all = tep_list_events(tep, TEP_EVENT_SORT_ID);

	for (size_t i = 0; all && all[i]; i++)
		if (all[i]->system && !strcmp(all[i]->system, "gib"))
			return true;
	return false;
}

struct cv_opts {
	const char *in, *out, *kicker;
	enum { CV_FROM_AUTO, CV_FROM_DAT, CV_FROM_PERF, CV_FROM_GTR } from;
	enum { CV_EV_AUTO, CV_EV_GIB, CV_EV_KVM } events;
	enum ku_vm_by vm_by;
	bool quiet;
};

static int convert_kvm_write(struct ku_conv *kc, struct gt_header *gh, const struct cv_opts *o)
{
	if (!ku_conv__count(kc)) {
		fprintf(stderr,
			"gibtrace convert: %s: no kvm, kvm-s390 or timer events to convert\n",
			o->in);
		return 1;
	}
	return ku_conv__write(kc, gh, o->out, o->quiet) ? 1 : 0;
}

static int convert_dat(const struct cv_opts *o)
{
	struct tracecmd_input *h;
	struct kvm_dat k = { 0 };
	struct gt_header gh;
	int rc;

	h = tracecmd_open(o->in, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		fprintf(stderr, "gibtrace convert: %s: cannot open as a trace.dat\n", o->in);
		return 1;
	}
	k.tep = tracecmd_get_tep(h);
	if (o->events == CV_EV_GIB || (o->events == CV_EV_AUTO && has_gib_events(k.tep))) {
		rc = convert_gib(h, o->in, o->out, o->quiet);
		tracecmd_close(h);
		return rc;
	}
	if (o->vm_by == KU_VM_TGID) {
		fprintf(stderr,
			"gibtrace convert: %s: a trace.dat has no tgid: --vm-by comm or "
			"--vm-by one\n",
			o->in);
		tracecmd_close(h);
		return 1;
	}
	k.kicker = o->kicker;
	k.kc = ku_conv__new(o->vm_by);
	if (!k.kc || tracecmd_iterate_events(h, NULL, 0, kvm_record, &k) < 0 || k.err) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", o->in,
			k.err || !k.kc ? strerror(ENOMEM) : "cannot read its events");
		ku_conv__free(k.kc);
		free(k.map);
		free(k.last_ts);
		tracecmd_close(h);
		return 1;
	}
	conv_header(&gh, h, o->in);
	rc = convert_kvm_write(k.kc, &gh, o);
	gt_header__release(&gh);
	ku_conv__free(k.kc);
	free(k.map);
	free(k.last_ts);
	tracecmd_close(h);
	return rc;
}

static void plain_header(struct gt_header *gh, const char *clock, const char *prov)
{
	gt_header__init(gh);
	gt_header__set_host(gh, "gibtrace convert");
	gt_header__set(gh, GT_TAG_CLOCK_RES, NULL);
	gt_header__set(gh, GT_TAG_ARCH, NULL);
	gt_header__set(gh, GT_TAG_KERNEL, NULL);
	gt_header__set(gh, GT_TAG_HOSTNAME, NULL);
	gt_header__set(gh, GT_TAG_NCPUS, NULL);
	gt_header__set(gh, GT_TAG_CLOCK, clock);
	gt_header__set(gh, GT_TAG_ORIGIN, "converted");
	gt_header__set(gh, GT_TAG_PROVENANCE, prov);
}

struct perf_ctx {
	struct cv_vec gib;
	struct ku_conv *kc;
};

static int perf_gib(void *ctx, const struct gt_event *ev)
{
	return cv_vec__push(&((struct perf_ctx *)ctx)->gib, ev, 2);
}

static int perf_kvm(void *ctx, const struct ku_event *ev)
{
	return ku_conv__add(((struct perf_ctx *)ctx)->kc, ev);
}

static int convert_perf(const struct cv_opts *o)
{
	struct perf_ctx p = { .kc = ku_conv__new(o->vm_by) };
	struct cv_perf_sink sink = { .gib = o->events != CV_EV_KVM ? perf_gib : NULL,
				     .kvm = o->events != CV_EV_GIB ? perf_kvm : NULL,
				     .ctx = &p,
				     .kicker = o->kicker };
	struct cv_perf_stats st;
	struct gt_header gh;
	char prov[4096];
	int rc = 1, err;

	if (!p.kc) {
		fprintf(stderr, "gibtrace convert: %s\n", strerror(ENOMEM));
		return 1;
	}
	err = cv_perf__read(o->in, &sink, &st);
	if (err)
		goto out;
	if (o->vm_by == KU_VM_TGID && st.kvm && !st.tgid) {
		fprintf(stderr,
			"gibtrace convert: %s: no PID/TID in its lines (perf script -F "
			"comm,pid,tid,...): no tgid for --vm-by tgid\n",
			o->in);
		goto out;
	}
	snprintf(prov, sizeof(prov),
		 "gibtrace convert of %s (perf script text: %llu lines, %llu not read)", o->in,
		 (unsigned long long)st.lines, (unsigned long long)st.bad);
	plain_header(&gh, "perf script time (perf_event clock)", prov);
	if (o->events == CV_EV_GIB || (o->events == CV_EV_AUTO && st.gib)) {
		uint64_t count[GIB_EV_MAX] = { 0 };

		cv_vec__sort(&p.gib);
		err = p.gib.n ? cv_vec__write(&p.gib, &gh, o->out) : -ENODATA;
		if (err == -ENODATA)
			fprintf(stderr, "gibtrace convert: %s: no gib:* events to convert\n",
				o->in);
		else if (err)
			fprintf(stderr, "gibtrace convert: %s: %s\n", o->out, strerror(-err));
		for (size_t i = 0; i < p.gib.n; i++)
			count[p.gib.v[i].ev.type]++;
		if (!err && !o->quiet) {
			printf("%s: %zu events\n", o->out, p.gib.n);
			for (unsigned int t = 0; t < GIB_EV_MAX; t++)
				if (count[t])
					printf("  %-16s %10llu\n", gt_event_type(t)->name,
					       (unsigned long long)count[t]);
		}
		rc = err ? 1 : 0;
	} else {
		rc = convert_kvm_write(p.kc, &gh, o);
	}
	if (!rc && !o->quiet)
		printf("skipped: %llu events of other kinds, %llu bad lines\n",
		       (unsigned long long)st.other, (unsigned long long)st.bad);
	if (!rc && !o->quiet)
		printf("lost: %llu events in %llu PERF_RECORD_LOST lines (drop records)%s\n",
		       (unsigned long long)st.lost, (unsigned long long)st.lost_records,
		       st.lost_records ? "" : "; perf script prints them with --show-lost-events");
	/* OUT has the good lines; the status says that some were not */
	if (!rc && st.bad)
		rc = 1;
	gt_header__release(&gh);
out:
	cv_vec__release(&p.gib);
	ku_conv__free(p.kc);
	return rc;
}

/* a gibtrace file without airq_post (gibtrace record --target s390-kvm): posts inferred */
static int convert_gtr(const struct cv_opts *o)
{
	struct cv_vec v = { 0 };
	struct cv_post_stats ps;
	struct gt_reader *r;
	struct gt_header gh;
	struct gt_event ev;
	const struct gt_header *ih;
	char prov[4096];
	int err = 0, rc;

	r = gt_reader__open(o->in, &err);
	if (!r)
		return 1;
	while ((rc = gt_reader__next(r, &ev)) > 0 && !err)
		err = cv_vec__push(&v, &ev, 2);
	if (!err)
		err = cv_infer_posts(&v, true, &ps);
	ih = gt_reader__header(r);
	gt_header__init(&gh);
	gh.big_endian = ih->big_endian; /* as recorded: an s390x host's file stays big-endian */
	for (size_t i = 0; i < ih->nfields; i++)
		gt_header__set(&gh, ih->fields[i].tag, ih->fields[i].data);
	snprintf(prov, sizeof(prov), "gibtrace convert of %s (origin %s): posts inferred", o->in,
		 gt_header__get(ih, GT_TAG_ORIGIN) ?: "unknown");
	gt_header__set(&gh, GT_TAG_PROVENANCE, prov);
	gt_header__set(&gh, GT_TAG_ORIGIN, "converted");
	gt_header__set(&gh, GT_TAG_INFERRED,
		       "airq_post=device:no-later-than-delivery-or-gisa_alert;"
		       "one-per-coalesced-post");
	gt_reader__close(r);
	if (!err)
		err = cv_vec__write(&v, &gh, o->out);
	gt_header__release(&gh);
	if (err) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", o->out, strerror(-err));
	} else if (!o->quiet) {
		printf("%s: %zu events, %llu posts inferred: %llu no later than the delivery, %llu "
		       "than a gisa_alert; %llu deliveries of recorded posts\n",
		       o->out, v.n,
		       (unsigned long long)(v.n ? ps.deliver_bound + ps.alert_bound : 0),
		       (unsigned long long)ps.deliver_bound, (unsigned long long)ps.alert_bound,
		       (unsigned long long)ps.software);
	}
	cv_vec__release(&v);
	return err ? 1 : 0;
}

/* trace.dat, perf.data, gibtrace or (else) perf script text, by the first bytes */
static int detect(struct cv_opts *o)
{
	static const char dat_magic[] = "\x17\x08\x44tracing";
	char buf[16] = { 0 };
	FILE *f;
	size_t n;

	if (o->from != CV_FROM_AUTO || !strcmp(o->in, "-")) {
		if (o->from == CV_FROM_AUTO)
			o->from = CV_FROM_PERF;
		return 0;
	}
	f = fopen(o->in, "rb");
	if (!f) {
		fprintf(stderr, "gibtrace convert: %s: %s\n", o->in, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n >= 10 && !memcmp(buf, dat_magic, 10)) {
		o->from = CV_FROM_DAT;
	} else if (n >= GT_MAGIC_LEN && !memcmp(buf, GT_MAGIC, GT_MAGIC_LEN)) {
		o->from = CV_FROM_GTR;
	} else if (n >= 8 && !memcmp(buf, "PERFILE2", 8)) {
		fprintf(stderr,
			"gibtrace convert: %s: a perf.data: convert its text, from perf script --ns "
			"--show-lost-events -F comm,pid,tid,cpu,time,event,trace -i %s\n",
			o->in, o->in);
		return -1;
	} else {
		o->from = CV_FROM_PERF;
	}
	return 0;
}

/* a bad command line: what is wrong, then the usage; the exit status */
__attribute__((format(printf, 1, 2))) static int bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("gibtrace convert: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	gt_help__usage(&gt_help_convert, stderr);
	return 1;
}

/* the options that take one of a few words, and the value each word stands for */
struct cv_word {
	const char *word;
	int value;
};

struct cv_choice {
	const char *opt;
	const struct cv_word *words; /* ends with { NULL } */
	int *to;
};

static const struct cv_word cv_from_words[] = {
	{ "trace.dat", CV_FROM_DAT },
	{ "perf", CV_FROM_PERF },
	{ "gibtrace", CV_FROM_GTR },
	{ NULL, 0 },
};

static const struct cv_word cv_events_words[] = {
	{ "gib", CV_EV_GIB },
	{ "kvm", CV_EV_KVM },
	{ NULL, 0 },
};

static const struct cv_word cv_vm_by_words[] = {
	{ "tgid", KU_VM_TGID },
	{ "comm", KU_VM_COMM },
	{ "one", KU_VM_ONE },
	{ NULL, 0 },
};

/* @v among @c's words: its value into *c->to, or false */
static bool choose(const struct cv_choice *c, const char *v)
{
	for (const struct cv_word *w = c->words; w->word; w++) {
		if (!strcmp(v, w->word)) {
			*c->to = w->value;
			return true;
		}
	}
	return false;
}

int cmd_convert(int argc, const char **argv)
{
	struct cv_opts o = { .kicker = "gisa_vcpu_kicker" };
	int from = CV_FROM_AUTO, events = CV_EV_AUTO, vm_by = KU_VM_AUTO;
	const struct cv_choice choices[] = {
		{ "--from", cv_from_words, &from },
		{ "--events", cv_events_words, &events },
		{ "--vm-by", cv_vm_by_words, &vm_by },
	};

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const struct cv_choice *c = NULL;

		for (size_t k = 0; k < sizeof(choices) / sizeof(choices[0]) && v; k++)
			if (!strcmp(a, choices[k].opt))
				c = &choices[k];
		if (c) {
			if (!choose(c, argv[++i]))
				return bad_usage("invalid %s: '%s'", a, v);
		} else if (!strcmp(a, "-o") && v) {
			o.out = argv[++i];
		} else if (!strcmp(a, "--quiet")) {
			o.quiet = true;
		} else if (!strcmp(a, "--kicker") && v) {
			i++;
			if (!*v)
				return bad_usage("invalid %s: '%s'", a, v);
			o.kicker = v;
		} else if (a[0] == '-' && a[1]) {
			return bad_usage("unknown option '%s'", a);
		} else if (!o.in) {
			o.in = a;
		} else {
			return bad_usage("one input only");
		}
	}
	o.from = from;
	o.events = events;
	o.vm_by = vm_by;
	if (!o.in || !o.out) {
		gt_help__usage(&gt_help_convert, stderr);
		return 1;
	}
	if (detect(&o))
		return 1;
	switch (o.from) {
	case CV_FROM_DAT:
		return convert_dat(&o);
	case CV_FROM_GTR:
		return convert_gtr(&o);
	default:
		return convert_perf(&o);
	}
}
