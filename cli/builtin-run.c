/*
 * gibtrace run SCENARIO [--policy P[:params]] [--json]: runs a scenario in gib.ko
 * through /dev/gib. The scenario is expanded (gt_scenario__expand) into its exogenous
 * events; the VMs and vcpus are created, the GISCs registered, the policy set, the
 * schedule (posts, guest work, guest timers, enabled ISCs) loaded and started. After
 * the scenario's duration and a drain it is stopped, the statistics are printed and
 * checked (posts == deliveries + coalesced + pending, per VM), and the VMs destroyed.
 * The session's event counters per type are read last, once settled, between two
 * CLOCK_MONOTONIC stamps, and printed with them: what a recording of the run
 * (gibtrace record) must hold up to then; closing the device adds the teardown's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <gibtrace/scenario.h>
#include <gibtrace/trace.h>
#include <uapi/gib.h>

#include "builtin.h"
#include "json.h"
#include "policy-spec.h"

static const struct gt_help_opt run_options[] = {
	{ "--policy NAME[:param=value,...]",
	  "the IAM restore policy and its parameters (default upstream; gibtrace help --policies)" },
	{ "--json", "print the statistics as one JSON document" },
	{ "--device PATH", "gib.ko's device (default /dev/gib)" },
	{ "--drain MS",
	  "after the schedule, wait MS milliseconds for what is pending (default 100)" },
	{ .flag = NULL },
};

static const struct gt_help_opt run_examples[] = {
	{ "gibtrace run scenarios/ap-burst.scn --policy poll-wait",
	  "the scenario in the kernel under poll-wait, checked" },
	{ "gibtrace record -o rec.gtr -- gibtrace run scenarios/ap-burst.scn",
	  "the same under upstream, recorded" },
	{ .flag = NULL },
};

const struct gt_help gt_help_run = {
	.usage = "gibtrace run SCENARIO [--policy NAME[:param=value,...]] [--json]\n"
		 "[--device PATH] [--drain MS]",
	.description =
		"Runs a scenario in gib.ko through /dev/gib. The scenario is expanded into its\n"
		"exogenous events; the VMs and vcpus are created, the GISCs registered, the policy\n"
		"set, the schedule (posts, guest work, guest timers, enabled ISCs) loaded and\n"
		"started. After the scenario's duration and a drain it is stopped, the statistics\n"
		"are printed and checked (posts == deliveries + coalesced + pending, per VM), and\n"
		"the VMs destroyed.\n"
		"\n"
		"The session's event counters per type are read last, once settled, between two\n"
		"CLOCK_MONOTONIC stamps, and printed with them: what a recording of the run\n"
		"(gibtrace record) must hold up to then. Exits 1 when a check fails.",
	.options = run_options,
	.examples = run_examples,
	.see_also = "gibtrace-record(1), gibtrace-gen(1), docs/gibko.md",
};

struct run_vm {
	bool used;
	uint64_t posts_sched; /* POST items of this VM */
	struct gib_stats st;
	struct gib_provenance prov;
	bool ok;
};

static void sleep_ns(uint64_t ns)
{
	struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000ULL),
			       .tv_nsec = (long)(ns % 1000000000ULL) };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int rc = ioctl(fd, req, arg);

	if (rc < 0)
		fprintf(stderr, "gibtrace run: %s: %s\n", what, strerror(errno));
	return rc;
}

static int set_policy(int fd, uint16_t vm, const struct gib_policy *p, const struct gib_params *pp)
{
	struct gib_policy_args a = { .size = sizeof(a), .vm = vm };
	const struct gib_param *d;

	snprintf(a.name, sizeof(a.name), "%s", p->name);
	for (d = p->params; d && d->name && a.nr_params < GIB_MAX_POLICY_PARAMS; d++) {
		const char *field = (const char *)pp + d->offset;
		struct gib_policy_param *q = &a.params[a.nr_params++];

		snprintf(q->name, sizeof(q->name), "%s", d->name);
		if (d->size == 8)
			memcpy(&q->value, field, 8);
		else if (d->size == 4)
			q->value = *(const uint32_t *)(const void *)field;
		else
			q->value = *(const bool *)(const void *)field;
	}
	return xioctl(fd, GIB_SET_POLICY, &a, "GIB_SET_POLICY");
}

/* the scenario's events as schedule items; GISC registrations go straight to the kernel */
static int build_items(int fd, const struct gt_event *ev, size_t n, struct run_vm *vms,
		       struct gib_sched_item **out, size_t *nout)
{
	struct gib_sched_item *it = calloc(n ? n : 1, sizeof(*it));
	size_t k = 0;

	if (!it)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct gt_event *e = &ev[i];
		struct gib_sched_item x = { .ts = e->ts, .vm = e->vm, .vcpu = e->vcpu };

		switch (e->type) {
		case GIB_EV_gisc_register: {
			struct gib_gisc g = { .size = sizeof(g), .vm = e->vm, .isc = e->isc };

			if (xioctl(fd, GIB_GISC_REGISTER, &g, "GIB_GISC_REGISTER") < 0) {
				free(it);
				return -errno;
			}
			continue;
		}
		case GIB_EV_airq_post:
			x.type = GIB_ITEM_POST;
			x.isc = e->isc;
			x.source = (uint8_t)e->arg;
			if (e->vm < GIB_MAX_VMS_PER_FD)
				vms[e->vm].posts_sched++;
			break;
		case GIB_EV_guest_work:
			x.type = GIB_ITEM_WORK;
			x.val = e->val;
			break;
		case GIB_EV_guest_timer:
			x.type = GIB_ITEM_TIMER;
			break;
		case GIB_EV_vcpu_wait:
			x.type = GIB_ITEM_WAIT;
			x.val = e->mask;
			x.isc = e->arg == GIB_WAIT_DISABLED;
			break;
		default: /* life cycle: done by ioctls */
			continue;
		}
		it[k++] = x;
	}
	*out = it;
	*nout = k;
	return 0;
}

static uint64_t stat_of(const struct gib_stats *st, enum gib_vm_stat s)
{
	return (unsigned int)s < st->nr_stats ? st->stat[s] : 0;
}

/*
 * The session's event counters: read after everything else, once they stopped
 * moving (kickers and GAL interruptions may still run after GIB_STOP), between
 * two CLOCK_MONOTONIC stamps: a recording of this run holds exactly these
 * counts up to @from, and after @to only what closing the device does.
 */
struct run_events {
	bool settled;
	uint64_t from, to; /* CLOCK_MONOTONIC ns */
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int read_events(int fd, struct run_vm *vms, struct run_events *re)
{
	struct gib_stats a = { .size = sizeof(a) }, b;
	int v;

	for (v = 0; v < GIB_MAX_VMS_PER_FD && !vms[v].used; v++)
		;
	if (v == GIB_MAX_VMS_PER_FD)
		return 0;
	a.vm = (uint32_t)v;
	b = a;
	if (xioctl(fd, GIB_GET_STATS, &a, "GIB_GET_STATS") < 0)
		return -1;
	/* at most a second: a policy's kicker may tick on */
	for (int i = 0; i < 100 && !re->settled; i++) {
		sleep_ns(10000000);
		re->from = mono_ns();
		if (xioctl(fd, GIB_GET_STATS, &b, "GIB_GET_STATS") < 0)
			return -1;
		re->to = mono_ns();
		re->settled = !memcmp(a.events, b.events, sizeof(a.events)) &&
			      a.gal_irqs == b.gal_irqs && a.gal_passes == b.gal_passes;
		a = b;
	}
	memcpy(vms[v].st.events, b.events, sizeof(b.events));
	vms[v].st.nr_events = b.nr_events;
	vms[v].st.gal_irqs = b.gal_irqs;
	vms[v].st.gal_passes = b.gal_passes;
	return 0;
}

static void print_text(const struct gt_scenario *s, const char *spec, const struct run_vm *vms,
		       double secs, const struct run_events *re)
{
	printf("gibtrace run: scenario %s (%.3f s), policy %s, ran %.3f s\n", s->name,
	       (double)s->duration / 1e9, spec, secs);
	for (int v = 0; v < GIB_MAX_VMS_PER_FD; v++) {
		const struct gib_stats *st = &vms[v].st;
		uint64_t posts = stat_of(st, GIB_STAT_posts);
		uint64_t del = stat_of(st, GIB_STAT_deliveries);
		uint64_t coal = stat_of(st, GIB_STAT_coalesced);
		unsigned int pend = (unsigned int)__builtin_popcount(st->ipm);

		if (!vms[v].used)
			continue;
		printf("vm %d: %s posts=%llu deliveries=%llu coalesced=%llu pending=%u "
		       "(scheduled %llu): %s\n",
		       v, vms[v].prov.policy, (unsigned long long)posts, (unsigned long long)del,
		       (unsigned long long)coal, pend, (unsigned long long)vms[v].posts_sched,
		       vms[v].ok ? "consistent" : "INCONSISTENT");
		printf("  ");
		for (uint32_t i = 0; i < st->nr_stats && i < GIB_STAT_NR; i++)
			printf(" %s=%llu", gib_vm_stat_names[i], (unsigned long long)st->stat[i]);
		printf("\n");
	}
	for (int v = 0; v < GIB_MAX_VMS_PER_FD; v++) {
		if (!vms[v].used)
			continue;
		printf("host: gal_irqs=%llu gal_passes=%llu\n"
		       "events (%s, read at CLOCK_MONOTONIC %llu..%llu ns):",
		       (unsigned long long)vms[v].st.gal_irqs,
		       (unsigned long long)vms[v].st.gal_passes,
		       re->settled ? "settled" : "NOT settled", (unsigned long long)re->from,
		       (unsigned long long)re->to);
		for (uint32_t i = 0; i < vms[v].st.nr_events && i < GIB_MAX_EVENT_TYPES; i++) {
			const struct gt_event_type *t = gt_event_type(i);

			if (t && vms[v].st.events[i])
				printf(" %s=%llu", t->name,
				       (unsigned long long)vms[v].st.events[i]);
		}
		printf("\n");
		break;
	}
}

static void print_json(const struct gt_scenario *s, const char *spec, const struct run_vm *vms,
		       double secs, bool ok, const struct run_events *re)
{
	struct gt_json j;
	bool host = false;

	gt_json__init(&j, stdout);
	gt_json__open(&j, NULL, '{');
	gt_json__str(&j, "scenario", s->name);
	gt_json__u64(&j, "duration_ns", s->duration);
	gt_json__str(&j, "policy", spec);
	gt_json__double(&j, "seconds", secs);
	gt_json__bool(&j, "consistent", ok);
	gt_json__open(&j, "vms", '[');
	for (int v = 0; v < GIB_MAX_VMS_PER_FD; v++) {
		const struct gib_stats *st = &vms[v].st;

		if (!vms[v].used)
			continue;
		gt_json__open(&j, NULL, '{');
		gt_json__u64(&j, "vm", (uint64_t)v);
		gt_json__str(&j, "policy", vms[v].prov.policy);
		gt_json__str(&j, "schedule", vms[v].prov.schedule);
		gt_json__u64(&j, "posts_scheduled", vms[v].posts_sched);
		gt_json__u64(&j, "pending", (uint64_t)__builtin_popcount(st->ipm));
		gt_json__bool(&j, "consistent", vms[v].ok);
		gt_json__open(&j, "stats", '{');
		for (uint32_t i = 0; i < st->nr_stats && i < GIB_STAT_NR; i++)
			gt_json__u64(&j, gib_vm_stat_names[i], st->stat[i]);
		gt_json__close(&j, '}');
		gt_json__close(&j, '}');
	}
	gt_json__close(&j, ']');
	for (int v = 0; v < GIB_MAX_VMS_PER_FD && !host; v++) {
		if (!vms[v].used)
			continue;
		host = true;
		gt_json__u64(&j, "gal_irqs", vms[v].st.gal_irqs);
		gt_json__u64(&j, "gal_passes", vms[v].st.gal_passes);
		gt_json__bool(&j, "events_settled", re->settled);
		gt_json__u64(&j, "events_from_ns", re->from);
		gt_json__u64(&j, "events_to_ns", re->to);
		gt_json__open(&j, "events", '{');
		for (uint32_t i = 0; i < vms[v].st.nr_events && i < GIB_MAX_EVENT_TYPES; i++) {
			const struct gt_event_type *t = gt_event_type(i);

			if (t)
				gt_json__u64(&j, t->name, vms[v].st.events[i]);
		}
		gt_json__close(&j, '}');
	}
	gt_json__close(&j, '}');
	printf("\n");
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run(const struct gt_scenario *s, const struct gib_policy *policy,
	       const struct gib_params *params, const char *spec, const char *dev, bool json,
	       uint64_t drain_ms)
{
	struct run_vm *vms = calloc(GIB_MAX_VMS_PER_FD, sizeof(*vms));
	struct gib_sched_item *items = NULL;
	struct gt_event *ev = NULL;
	struct gib_schedule sch = { .size = sizeof(sch) };
	size_t n = 0, nitems = 0;
	int fd = -1, rc = 1, api;
	struct run_events re = { 0 };
	bool ok = true;
	double t0, secs;

	if (!vms)
		return 1;
	if (s->nvms > GIB_MAX_VMS_PER_FD) {
		fprintf(stderr, "gibtrace run: %u VMs, gib.ko takes %d\n", s->nvms,
			GIB_MAX_VMS_PER_FD);
		goto out;
	}
	if (gt_scenario__expand(s, &ev, &n)) {
		fprintf(stderr, "gibtrace run: cannot expand the scenario\n");
		goto out;
	}
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "gibtrace run: %s: %s (is gib.ko loaded?)\n", dev, strerror(errno));
		goto out;
	}
	api = ioctl(fd, GIB_GET_API_VERSION, 0);
	if (api != GIB_API_VERSION) {
		fprintf(stderr, "gibtrace run: %s speaks API %d, this gibtrace %d\n", dev, api,
			GIB_API_VERSION);
		goto out;
	}
	for (uint16_t v = 0; v < s->nvms; v++) {
		struct gib_vm_args a = { .size = sizeof(a), .vm = v, .nr_vcpus = s->vm[v].nvcpus };

		if (!s->vm[v].nvcpus)
			continue;
		if (xioctl(fd, GIB_CREATE_VM, &a, "GIB_CREATE_VM") < 0 ||
		    set_policy(fd, v, policy, params) < 0)
			goto out;
		vms[v].used = true;
	}
	if (build_items(fd, ev, n, vms, &items, &nitems))
		goto out;
	sch.item_size = sizeof(struct gib_sched_item);
	sch.items = (uint64_t)(uintptr_t)items;
	sch.nr_items = nitems;
	snprintf(sch.name, sizeof(sch.name), "%s", s->name);
	if (xioctl(fd, GIB_LOAD_SCHEDULE, &sch, "GIB_LOAD_SCHEDULE") < 0)
		goto out;

	t0 = now_s();
	if (xioctl(fd, GIB_START, NULL, "GIB_START") < 0)
		goto out;
	sleep_ns(s->duration);
	/* drain: every item fired, then some time for the vcpus to take what is pending */
	for (int i = 0; i < 1000; i++) {
		struct gib_stats st = { .size = sizeof(st) };

		for (st.vm = 0; st.vm < GIB_MAX_VMS_PER_FD && !vms[st.vm].used; st.vm++)
			;
		if (st.vm == GIB_MAX_VMS_PER_FD || ioctl(fd, GIB_GET_STATS, &st) < 0 ||
		    st.sched_done >= st.sched_timed)
			break;
		sleep_ns(10000000);
	}
	sleep_ns(drain_ms * 1000000ULL);
	if (xioctl(fd, GIB_STOP, NULL, "GIB_STOP") < 0)
		goto out;
	secs = now_s() - t0;

	for (int v = 0; v < GIB_MAX_VMS_PER_FD; v++) {
		struct run_vm *r = &vms[v];
		uint64_t posts;

		if (!r->used)
			continue;
		r->st = (struct gib_stats){ .size = sizeof(r->st), .vm = (uint32_t)v };
		r->prov = (struct gib_provenance){ .size = sizeof(r->prov), .vm = (uint32_t)v };
		if (xioctl(fd, GIB_GET_STATS, &r->st, "GIB_GET_STATS") < 0 ||
		    xioctl(fd, GIB_GET_PROVENANCE, &r->prov, "GIB_GET_PROVENANCE") < 0)
			goto out;
		posts = stat_of(&r->st, GIB_STAT_posts);
		r->ok = posts == stat_of(&r->st, GIB_STAT_deliveries) +
					 stat_of(&r->st, GIB_STAT_coalesced) +
					 (uint64_t)__builtin_popcount(r->st.ipm) &&
			(r->st.sched_done < r->st.sched_timed || posts == r->posts_sched);
		ok &= r->ok;
	}
	if (read_events(fd, vms, &re) < 0)
		goto out;
	if (json)
		print_json(s, spec, vms, secs, ok, &re);
	else
		print_text(s, spec, vms, secs, &re);
	if (!ok)
		fprintf(stderr, "gibtrace run: posts != deliveries + coalesced + pending\n");
	rc = ok ? 0 : 1;
out:
	if (fd >= 0)
		close(fd); /* destroys the VMs */
	free(items);
	free(ev);
	free(vms);
	return rc;
}

int cmd_run(int argc, const char **argv)
{
	const char *path = NULL, *spec = "upstream", *dev = "/dev/gib";
	const struct gib_policy *policy;
	struct gib_params params;
	uint64_t drain_ms = 100;
	struct gt_scenario s;
	char canon[512];
	bool json = false;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			spec = argv[++i];
		else if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--device") && i + 1 < argc)
			dev = argv[++i];
		else if (!strcmp(argv[i], "--drain") && i + 1 < argc)
			drain_ms = strtoull(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			gt_help__usage(&gt_help_run, stderr);
			return 1;
		}
	}
	if (!path) {
		gt_help__usage(&gt_help_run, stderr);
		return 1;
	}
	if (rp_policy_spec__parse(spec, &policy, &params))
		return 1;
	rp_policy_spec__format(policy, &params, canon, sizeof(canon));
	if (gt_scenario__parse(&s, path))
		return 1;
	rc = run(&s, policy, &params, canon, dev, json, drain_ms);
	gt_scenario__release(&s);
	return rc;
}
