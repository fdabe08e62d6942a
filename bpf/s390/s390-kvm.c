/*
 * s390-kvm.c - the loader of s390-kvm.bpf.c: finds each attach point in
 * kallsyms (or the .isra/.constprop clone the compiler made of it), picks
 * fentry/fexit when kvm.ko has BTF and a test load and attach work, kprobes
 * otherwise, loads only the programs whose symbols exist, and drains the ring
 * buffer. The object is the one of this binary's byte order (bpfeb on
 * s390x), embedded by s390-kvm-obj.c and opened at run time: bpftool cannot
 * make a skeleton of a big-endian object.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <gibtrace/trace.h>

#include "s390-kvm.h"

extern const unsigned char s390_kvm_bpf_obj[];
extern const unsigned char s390_kvm_bpf_obj_end[];

#define T(x) (1ULL << GIB_EV_##x)

/*
 * Every attach point, what it feeds (the types it emits or helps emit), and
 * what stands in for it when the kernel has no symbol for it.
 */
static const struct s390_probe {
	const char *name; /* function, or raw tracepoint with tp set */
	bool tp;
	bool required; /* without it there is no GIB path to record */
	uint64_t types;
	const char *missing; /* what covers it when absent */
} probes[] = {
	{ "gib_alert_irq_handler", false, false, T(gal_irq) | T(gal_process),
	  "no GAL interruptions: the kicker's starts still show the alerts" },
	{ "process_gib_alert_list", false, false, T(gal_process),
	  "inlined: a pass is the GAL handler's run, its unlinks the kickers started "
	  "(timer:hrtimer_start)" },
	{ "gisa_vcpu_kicker", false, true, T(kick_timer) | T(iam_restore) | T(vcpu_kick), NULL },
	{ "kvm_s390_vcpu_wakeup", false, false, T(vcpu_kick) | T(guest_timer),
	  "no vcpu_kick events" },
	{ "kvm_s390_idle_wakeup", false, false, T(guest_timer),
	  "clock-comparator wakeups are counted as vcpu_kick (arg 2)" },
	{ "kvm_s390_handle_wait", false, true, T(vcpu_wait) | T(iam_restore), NULL },
	{ "kvm_vcpu_halt", false, false,
	  T(vcpu_wait) | T(iam_restore) | T(vcpu_wakeup) | T(airq_deliver),
	  "no enabled waits, no restores by the wait handler" },
	{ "kvm_s390_gisc_register", false, false, T(gisc_register) | T(iam_set),
	  "no gisc_register events" },
	{ "kvm_s390_gisc_unregister", false, false, T(gisc_unregister) | T(iam_set),
	  "no gisc_unregister events" },
	{ "kvm_s390_gisa_init", false, false, T(vm_create), "VMs get their number on first sight" },
	{ "kvm_s390_gisa_destroy", false, false, T(vm_destroy), "no vm_destroy events" },
	{ "kvm_vcpu_wakeup", true, false, T(vcpu_wakeup), "no vcpu_wakeup events" },
	{ "kvm_s390_deliver_interrupt", true, false, T(airq_deliver), "no airq_deliver events" },
	{ "kvm_s390_sie_enter", true, false, T(sie_enter) | T(vcpu_wakeup) | T(airq_deliver),
	  "no sie_enter events" },
	{ "kvm_s390_sie_exit", true, false, T(sie_exit), "no sie_exit events" },
	{ "kvm_s390_create_vcpu", true, false, T(vcpu_create), "no vcpu_create events" },
	{ "hrtimer_start", true, false, T(gisa_unlink) | T(gal_process),
	  "no gisa_unlink events, gal_process counts none" },
};

#define NPROBES (sizeof(probes) / sizeof(probes[0]))

struct syms {
	char **name;
	uint64_t *addr;
	size_t n, cap;
	bool has_tracepoints; /* __tracepoint_* data symbols (CONFIG_KALLSYMS_ALL, System.map) */
	bool zero_addrs; /* kptr_restrict: not root */
};

struct s390_kvm {
	struct bpf_object *obj;
	struct ring_buffer *rb;
	struct bpf_map *map_events, *map_drops;
	struct bpf_link **links;
	size_t nlinks;
	uint64_t types;
	s390_kvm_cb cb;
	void *ctx;
	int ncpus;
};

static void syms_free(struct syms *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->name[i]);
	free(s->name);
	free(s->addr);
	memset(s, 0, sizeof(*s));
}

/* "ADDR TYPE NAME [MODULE]" lines: /proc/kallsyms, or a System.map with nm's output */
static int syms_load(struct syms *s, const char *path)
{
	char line[512], name[256];
	unsigned long long addr;
	FILE *f = fopen(path, "r");
	char type;

	memset(s, 0, sizeof(*s));
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 4096;
			char **nn = realloc(s->name, cap * sizeof(*nn));
			uint64_t *na = nn ? realloc(s->addr, cap * sizeof(*na)) : NULL;

			if (nn)
				s->name = nn;
			if (!na) {
				fclose(f);
				syms_free(s);
				return -ENOMEM;
			}
			s->addr = na;
			s->cap = cap;
		}
		s->name[s->n] = strdup(name);
		s->addr[s->n] = addr;
		if (!s->name[s->n])
			break;
		if (!strncmp(name, "__tracepoint_", 13))
			s->has_tracepoints = true;
		s->n++;
	}
	fclose(f);
	s->zero_addrs = s->n > 0;
	for (size_t i = 0; i < s->n && s->zero_addrs; i++)
		s->zero_addrs = !s->addr[i];
	return 0;
}

/*
 * the symbol of function @fn: itself, or a clone the compiler made of it
 * (fn.isra.N, fn.constprop.N: the whole function with fewer arguments; not
 * .part.N or .cold, which are pieces of it); the name into @out, the
 * address, or 0 when there is none
 */
static uint64_t syms_find(const struct syms *s, const char *fn, char *out, size_t outsz)
{
	size_t len = strlen(fn);

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->n; i++) {
			const char *n = s->name[i];

			if (strncmp(n, fn, len))
				continue;
			if (pass == 0 ? n[len] != 0 :
					(strncmp(n + len, ".isra.", 6) &&
					 strncmp(n + len, ".constprop.", 11)))
				continue;
			snprintf(out, outsz, "%s", n);
			return s->addr[i] ? s->addr[i] : 1;
		}
	return 0;
}

static const struct s390_probe *probe_by_name(const char *name, bool tp)
{
	for (size_t i = 0; i < NPROBES; i++)
		if (probes[i].tp == tp && !strcmp(probes[i].name, name))
			return &probes[i];
	return NULL;
}

/* a program's variant from its section: 'f' fentry/fexit, 'k' kprobes, 't' raw_tp */
static char prog_variant(const struct bpf_program *prog, const char **fn)
{
	const char *sec = bpf_program__section_name(prog), *slash = strchr(sec, '/');

	*fn = slash ? slash + 1 : sec;
	if (!strncmp(sec, "fentry/", 7) || !strncmp(sec, "fexit/", 6))
		return 'f';
	if (!strncmp(sec, "kprobe/", 7) || !strncmp(sec, "kretprobe/", 10))
		return 'k';
	if (!strncmp(sec, "raw_tp/", 7))
		return 't';
	return 0;
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

static struct bpf_object *open_object(const char *btf)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "s390_kvm", .btf_custom_path = btf);

	return bpf_object__open_mem(s390_kvm_bpf_obj,
				    (size_t)(s390_kvm_bpf_obj_end - s390_kvm_bpf_obj), &opts);
}

/* where a tracepoint's existence is known: the symbols, or only by attaching */
static const char *tp_state(const struct syms *s, const char *tp)
{
	char want[128], got[256];

	if (!s->has_tracepoints)
		return "checked when attaching";
	snprintf(want, sizeof(want), "__tracepoint_%s", tp);
	return syms_find(s, want, got, sizeof(got)) ? "present" : NULL;
}

static const char *kallsyms_path(const struct s390_kvm_opts *o)
{
	return o->kallsyms ? o->kallsyms : "/proc/kallsyms";
}

static bool have_kvm_btf(void)
{
	return !access("/sys/kernel/btf/kvm", R_OK);
}

int s390_kvm__plan(const struct s390_kvm_opts *o, FILE *out)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct syms s;
	int err, missing_required = 0, orphans = 0, progs = 0;

	err = syms_load(&s, kallsyms_path(o));
	if (err) {
		gt_error("%s: %s", kallsyms_path(o), strerror(-err));
		return err;
	}
	fprintf(out, "s390-kvm attach plan for %s (%zu symbols); function probes: %s\n",
		kallsyms_path(o), s.n,
		o->mode == S390_PROBES_KPROBE ? "kprobe/kretprobe" :
		o->mode == S390_PROBES_FENTRY ? "fentry/fexit" :
		have_kvm_btf() ? "fentry/fexit if a test attach works, else kprobes" :
				 "kprobe/kretprobe (no /sys/kernel/btf/kvm)");
	for (size_t i = 0; i < NPROBES; i++) {
		const struct s390_probe *p = &probes[i];
		char sym[256] = "";
		const char *st;

		if (p->tp) {
			st = tp_state(&s, p->name);
			fprintf(out, "  %-28s tracepoint  %s%s%s\n", p->name, st ? st : "MISSING",
				st ? "" : ": ", st ? "" : p->missing);
			continue;
		}
		if (syms_find(&s, p->name, sym, sizeof(sym))) {
			fprintf(out, "  %-28s function    %s\n", p->name, sym);
			continue;
		}
		fprintf(out, "  %-28s function    MISSING: %s\n", p->name,
			p->required ? "required, the GIB path cannot be recorded without it" :
				      p->missing);
		missing_required += p->required;
	}
	/* the embedded object and the table must agree: every program has its probe */
	obj = open_object(NULL);
	if (!obj) {
		err = -errno;
		gt_error("cannot open the embedded BPF object: %s", strerror(errno));
		syms_free(&s);
		return err;
	}
	bpf_object__for_each_program(prog, obj)
	{
		const char *fn;
		char v = prog_variant(prog, &fn);

		progs++;
		if (!v || !probe_by_name(fn, v == 't')) {
			fprintf(out, "  program %s (%s) has no place in the plan\n",
				bpf_program__name(prog), bpf_program__section_name(prog));
			orphans++;
		}
	}
	bpf_object__close(obj);
	fprintf(out, "%zu attach points, %d programs in the object\n", NPROBES, progs);
	syms_free(&s);
	if (orphans)
		return -EPROTO;
	if (missing_required) {
		gt_error("%s: no s390 kvm.ko GIB path (gisa_vcpu_kicker, kvm_s390_handle_wait)",
			 kallsyms_path(o));
		return -ENOENT;
	}
	return 0;
}

/* write @val at variable @name of the object's .rodata, before the load */
static int set_rodata(struct bpf_object *obj, const char *name, const void *val, size_t size)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, ".rodata");
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_type *sec;
	const struct btf_var_secinfo *vs;
	const void *cur;
	size_t mapsz;
	char *data;
	int id, err;

	if (!map || !btf)
		return -ENOENT;
	cur = bpf_map__initial_value(map, &mapsz);
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (!cur || id < 0)
		return -ENOENT;
	sec = btf__type_by_id(btf, (uint32_t)id);
	vs = btf_var_secinfos(sec);
	for (int i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);

		if (strcmp(btf__name_by_offset(btf, var->name_off), name))
			continue;
		if (vs->size != size || vs->offset + size > mapsz)
			return -EINVAL;
		data = malloc(mapsz);
		if (!data)
			return -ENOMEM;
		memcpy(data, cur, mapsz);
		memcpy(data + vs->offset, val, size);
		err = bpf_map__set_initial_value(map, data, mapsz);
		free(data);
		return err;
	}
	return -ENOENT;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct s390_kvm *k = ctx;
	const struct gib_rec *r = data;

	if (size < sizeof(*r) || r->type >= GIB_EV_MAX || !(k->types & (1ULL << r->type)))
		return 0;
	return k->cb(k->ctx, r);
}

static void close_object(struct s390_kvm *k)
{
	for (size_t i = 0; i < k->nlinks; i++)
		bpf_link__destroy(k->links[i]);
	free(k->links);
	k->links = NULL;
	k->nlinks = 0;
	bpf_object__close(k->obj);
	k->obj = NULL;
}

/*
 * Open, choose, load and attach with function probes of @variant ('f' or
 * 'k'). Returns 0, or -errno with the reason printed unless @quiet (a test of
 * fentry that may fall back to kprobes).
 */
static int load_attach(struct s390_kvm *k, const struct s390_kvm_opts *o, const struct syms *s,
		       char variant, size_t ringbuf_bytes, bool quiet)
{
	char syms_of[NPROBES][256], kicker_sym[256];
	struct bpf_program *prog;
	uint64_t kicker;
	int err, alert_list, n = 0, attached_fn = 0;
	size_t i;

	memset(syms_of, 0, sizeof(syms_of));
	for (i = 0; i < NPROBES; i++)
		if (!probes[i].tp)
			syms_find(s, probes[i].name, syms_of[i], sizeof(syms_of[i]));
	kicker = syms_find(s, "gisa_vcpu_kicker", kicker_sym, sizeof(kicker_sym));
	alert_list = syms_of[1][0] != 0;

	k->obj = open_object(o->btf);
	if (!k->obj) {
		err = -errno;
		gt_error("cannot open the BPF programs: %s", strerror(errno));
		return err;
	}
	k->map_events = bpf_object__find_map_by_name(k->obj, "events");
	k->map_drops = bpf_object__find_map_by_name(k->obj, "drops");
	if (!k->map_events || !k->map_drops) {
		gt_error("the embedded BPF object has no events or drops map");
		return -ENOENT;
	}
	bpf_object__for_each_program(prog, k->obj)
	{
		const char *fn;
		char v = prog_variant(prog, &fn);
		const struct s390_probe *p = probe_by_name(fn, v == 't');
		size_t idx = p ? (size_t)(p - probes) : 0;
		bool load = p && (p->types & k->types) && (v == 't' || v == variant) &&
			    (v == 't' || syms_of[idx][0]);

		n++;
		bpf_program__set_autoload(prog, load);
		if (load && v == 'f' && strcmp(syms_of[idx], fn))
			bpf_program__set_attach_target(prog, 0, syms_of[idx]);
	}
	err = set_rodata(k->obj, "kicker_fn", &kicker, sizeof(kicker));
	err = err ?: set_rodata(k->obj, "alert_list_probed", &alert_list, sizeof(alert_list));
	if (err) {
		gt_error("the embedded BPF object has no kicker_fn or alert_list_probed: %s",
			 strerror(-err));
		return err;
	}
	bpf_map__set_max_entries(k->map_events, (uint32_t)ringbuf_bytes);
	err = bpf_object__load(k->obj);
	if (err) {
		if (!quiet)
			gt_error("cannot load the BPF programs: %s%s", strerror(-err),
				 err == -EPERM ? " (needs root, or CAP_BPF and CAP_PERFMON)" :
				 !o->btf && access("/sys/kernel/btf/vmlinux", R_OK) ?
						 " (this kernel has no BTF for CO-RE: give one "
						 "with --btf, docs/s390-host.md)" :
						 "");
		return err;
	}
	k->links = calloc((size_t)n, sizeof(*k->links));
	if (!k->links)
		return -ENOMEM;
	bpf_object__for_each_program(prog, k->obj)
	{
		const char *fn, *sec = bpf_program__section_name(prog);
		char v = prog_variant(prog, &fn);
		const struct s390_probe *p = probe_by_name(fn, v == 't');
		struct bpf_link *link;

		if (!bpf_program__autoload(prog))
			continue;
		if (v == 'k')
			link = bpf_program__attach_kprobe(prog, !strncmp(sec, "kretprobe/", 10),
							  syms_of[p - probes]);
		else if (v == 't')
			link = bpf_program__attach_raw_tracepoint(prog, fn);
		else
			link = bpf_program__attach(prog);
		if (!link) {
			err = -errno;
			if (v == 'f' || p->required) {
				if (!quiet)
					gt_error("cannot attach %s: %s", sec, strerror(-err));
				return err;
			}
			/* an optional attach point this kernel lacks: say what covers it */
			gt_error("not attached: %s (%s): %s", sec, strerror(-err), p->missing);
			continue;
		}
		attached_fn += v != 't';
		k->links[k->nlinks++] = link;
	}
	if (!attached_fn) {
		gt_error("no kvm.ko function could be probed");
		return -ENOENT;
	}
	return 0;
}

int s390_kvm__open(struct s390_kvm **out, const struct s390_kvm_opts *o, uint64_t types,
		   size_t ringbuf_bytes, s390_kvm_cb cb, void *ctx)
{
	struct utsname u;
	struct s390_kvm *k;
	struct syms s;
	int err;

	if (uname(&u) || strcmp(u.machine, "s390x")) {
		gt_error(
			"--target s390-kvm records kvm.ko on an s390x (IBM Z) host; this one is %s "
			"(gibtrace record --target s390-kvm --check shows what a kernel offers)",
			u.machine);
		return -ENODEV;
	}
	err = syms_load(&s, kallsyms_path(o));
	if (err) {
		gt_error("%s: %s", kallsyms_path(o), strerror(-err));
		return err;
	}
	if (s.zero_addrs) {
		gt_error("%s shows no addresses: recording needs root (or CAP_SYSLOG with CAP_BPF "
			 "and CAP_PERFMON)",
			 kallsyms_path(o));
		syms_free(&s);
		return -EACCES;
	}
	{
		char sym[256];

		if (!syms_find(&s, "gisa_vcpu_kicker", sym, sizeof(sym)) ||
		    !syms_find(&s, "kvm_s390_handle_wait", sym, sizeof(sym))) {
			gt_error("no kvm.ko with the GIB path in %s: is kvm loaded (modprobe kvm)?",
				 kallsyms_path(o));
			syms_free(&s);
			return -ENOENT;
		}
	}
	k = calloc(1, sizeof(*k));
	if (!k) {
		syms_free(&s);
		return -ENOMEM;
	}
	k->types = types;
	k->cb = cb;
	k->ctx = ctx;
	k->ncpus = libbpf_num_possible_cpus();
	libbpf_set_print(libbpf_quiet);
	if (o->mode == S390_PROBES_FENTRY || (o->mode == S390_PROBES_AUTO && have_kvm_btf())) {
		err = load_attach(k, o, &s, 'f', ringbuf_bytes, o->mode == S390_PROBES_AUTO);
		if (err && o->mode == S390_PROBES_AUTO) {
			gt_error("fentry/fexit did not load or attach (%s): using kprobes",
				 strerror(-err));
			close_object(k);
		}
	} else {
		err = -ENOTSUP;
	}
	if (err && o->mode != S390_PROBES_FENTRY)
		err = load_attach(k, o, &s, 'k', ringbuf_bytes, false);
	syms_free(&s);
	if (!err) {
		k->rb = ring_buffer__new(bpf_map__fd(k->map_events), on_record, k, NULL);
		if (!k->rb) {
			err = -errno;
			gt_error("cannot open the ring buffer: %s", strerror(errno));
		}
	}
	if (err || k->ncpus <= 0) {
		s390_kvm__close(k);
		return err ? err : -EINVAL;
	}
	*out = k;
	return 0;
}

int s390_kvm__load_test(const struct s390_kvm_opts *o, FILE *out)
{
	int err, nprog = 0, attached = 0, absent = 0, failed = 0, stats_fd;
	struct bpf_program *prog, *on[NPROBES * 2];
	struct bpf_link *links[NPROBES * 2];
	struct bpf_object *obj;
	uint64_t kicker;
	char sym[256];
	struct syms s;

	err = syms_load(&s, kallsyms_path(o));
	if (err) {
		gt_error("%s: %s", kallsyms_path(o), strerror(-err));
		return err;
	}
	libbpf_set_print(libbpf_quiet);
	obj = open_object(o->btf);
	if (!obj) {
		err = -errno;
		gt_error("cannot open the BPF programs: %s", strerror(errno));
		syms_free(&s);
		return err;
	}
	bpf_object__for_each_program(prog, obj)
	{
		const char *fn;
		char v = prog_variant(prog, &fn);

		bpf_program__set_autoload(prog, v == 'k' || v == 't');
		nprog += v == 'k' || v == 't';
	}
	kicker = syms_find(&s, "gisa_vcpu_kicker", sym, sizeof(sym));
	set_rodata(obj, "kicker_fn", &kicker, sizeof(kicker));
	err = bpf_object__load(obj);
	if (err) {
		gt_error("the kprobe and tracepoint programs do not load: %s", strerror(-err));
		goto out;
	}
	fprintf(out, "loaded %d programs (kprobe/kretprobe and raw tracepoints)\n", nprog);
	/* count the runs of what gets attached: the kernel really executes them */
	stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	bpf_object__for_each_program(prog, obj)
	{
		const char *fn, *sec = bpf_program__section_name(prog);
		char v = prog_variant(prog, &fn);
		struct bpf_link *link;

		if (!bpf_program__autoload(prog) || attached == (int)(NPROBES * 2))
			continue;
		if (v == 'k' && !syms_find(&s, fn, sym, sizeof(sym))) {
			fprintf(out, "  %-40s not attached: no symbol\n", sec);
			absent++;
			continue;
		}
		link = v == 'k' ? bpf_program__attach_kprobe(prog, !strncmp(sec, "kretprobe/", 10),
							     sym) :
				  bpf_program__attach_raw_tracepoint(prog, fn);
		if (!link) {
			fprintf(out, "  %-40s attach failed: %s\n", sec, strerror(errno));
			failed++;
			continue;
		}
		on[attached] = prog;
		links[attached++] = link;
	}
	usleep(200000);
	for (int i = 0; i < attached; i++) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (stats_fd >= 0 && !bpf_obj_get_info_by_fd(bpf_program__fd(on[i]), &info, &len))
			fprintf(out, "  %-40s attached, ran %llu times in 200 ms\n",
				bpf_program__section_name(on[i]), (unsigned long long)info.run_cnt);
		else
			fprintf(out, "  %-40s attached\n", bpf_program__section_name(on[i]));
		bpf_link__destroy(links[i]);
	}
	if (stats_fd >= 0)
		close(stats_fd);
	fprintf(out, "%d attached, %d without a symbol, %d failed\n", attached, absent, failed);
out:
	bpf_object__close(obj);
	syms_free(&s);
	return err;
}

int s390_kvm__poll(struct s390_kvm *k, int timeout_ms)
{
	int n = ring_buffer__poll(k->rb, timeout_ms);

	return n == -EINTR ? 0 : n;
}

int s390_kvm__drops(struct s390_kvm *k, unsigned int type, struct gib_drops *per_cpu)
{
	if (bpf_map_lookup_elem(bpf_map__fd(k->map_drops), &type, per_cpu))
		return -errno;
	return 0;
}

uint64_t s390_kvm__misses(struct s390_kvm *k)
{
	struct bpf_program *prog;
	uint64_t sum = 0;

	bpf_object__for_each_program(prog, k->obj)
	{
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);

		if (!bpf_program__autoload(prog) || bpf_program__fd(prog) < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (!bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			sum += info.recursion_misses;
	}
	return sum;
}

int s390_kvm__ncpus(const struct s390_kvm *k)
{
	return k->ncpus;
}

void s390_kvm__close(struct s390_kvm *k)
{
	if (!k)
		return;
	ring_buffer__free(k->rb);
	close_object(k);
	free(k);
}
