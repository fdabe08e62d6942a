/*
 * test-replay.c - the replay engine on hand-built exogenous event sequences
 *
 * test-replay [--list] [CASE...]: each case builds a small input (VM, vcpus, their CR6
 * through vcpu_wait, GISC registrations, posts, guest timers), feeds it to rp_engine, and
 * asserts on the replayed events. Exits 1 if a case failed.
 *  - engine-deterministic: the same input under every policy twice: the same output
 *    events, one by one;
 *  - fix-preserve-mask: 0e9ff65f455d as a missed wakeup in a replay: with preserve_mask=0
 *    an idle vcpu not enabled for ISC 3, first in idle_mask, hides the enabled one: the
 *    kicker ticks every 50 us until the end and ISC 3 is never delivered;
 *  - fix-kicked-clear: 9b57e9d5010b as a stall in a replay: a kicked vcpu finds ISC 3
 *    taken by another one (woken by its guest timer), sleeps again with its kicked bit
 *    set, and with kicked_clear=0 the next interruption's kicker never kicks anyone;
 *  - kicker-stops-iff-restores: over a zPCI-like load under upstream, the kicker's last
 *    tick (kick_timer arg 0) is exactly the tick that restored the IAM (site kicker);
 *  - halt-poll-cpu: the metrics' halt-poll time on hand-made halts (a poll hit, a sleep
 *    after a spurious wakeup, a disabled wait, a halt ended by SIE entry and by the VM's
 *    end), with and without the window; in replays, none without halt polling, and with
 *    it at most the window plus wake_poll per halt; the tuning front keeps a
 *    configuration that is better in poll CPU alone;
 *  - bootstrap-clock-free: compare's intervals on two shipped recordings of one schedule
 *    (traces/mixed-host and cr6-split, upstream against another policy, made on other
 *    boots): the same when one trace's clock is moved by 7 s, windows of the traces' own
 *    length (not of their clock's), and each rate's interval holds its difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "compare.h"
#include "engine.h"
#include "metrics.h"
#include "tune.h"

#define US 1000ULL
#define MS 1000000ULL
#define ISC 3
#define ISC_BIT 0x10

static const char *cur_case = "";
static int failures;

#define EXPECT(cond, ...)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL - %s: %s:%d: %s: ", cur_case, __FILE__, __LINE__, #cond);     \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
			failures++;                                                                \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

/* what a replay produced */
struct out {
	struct gt_event *ev;
	size_t n, cap;
};

static void collect(void *ctx, const struct gt_event *ev)
{
	struct out *o = ctx;

	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 1024;
		o->ev = realloc(o->ev, o->cap * sizeof(*o->ev));
		if (!o->ev) {
			perror("realloc");
			exit(2);
		}
	}
	o->ev[o->n++] = *ev;
}

static size_t count(const struct out *o, uint16_t type, uint64_t from, uint64_t to)
{
	size_t i, n = 0;

	for (i = 0; i < o->n; i++)
		if (o->ev[i].type == type && o->ev[i].ts >= from && o->ev[i].ts < to)
			n++;
	return n;
}

/* the input: a few builders over a fixed array */
struct input {
	struct gt_event ev[4096];
	size_t n;
};

static void in_add(struct input *in, uint64_t ts, uint16_t type, uint16_t vcpu, uint8_t isc,
		   uint8_t mask, uint64_t arg, uint64_t val)
{
	in->ev[in->n++] = (struct gt_event){ .ts = ts,
					     .type = type,
					     .vm = 0,
					     .vcpu = vcpu,
					     .cpu = vcpu,
					     .isc = isc,
					     .mask = mask,
					     .arg = arg,
					     .val = val };
}

/* VM 0 with @nvcpu vcpus, CR6 @cr6[i] (enabled wait), ISC 3 registered */
static void in_vm(struct input *in, int nvcpu, const uint8_t *cr6)
{
	int i;

	in->n = 0;
	in_add(in, 0, GIB_EV_vm_create, 0, 0, 0, 0, 0);
	for (i = 0; i < nvcpu; i++)
		in_add(in, 0, GIB_EV_vcpu_create, i, 0, 0, 0, 0);
	for (i = 0; i < nvcpu; i++)
		in_add(in, 0, GIB_EV_vcpu_wait, i, 0, cr6[i], GIB_WAIT_ENABLED, 0);
	in_add(in, 0, GIB_EV_gisc_register, 0, ISC, 0, 0, 0);
}

static int replay(const struct input *in, const struct gib_policy *p, const struct gib_params *pa,
		  uint64_t until, struct out *o)
{
	struct rp_engine *e = rp_engine__new(p, pa, NULL, collect, o);
	size_t i;
	int err = 0;

	if (!e)
		return -1;
	/* guest work first, as the CLI's first pass does */
	for (i = 0; i < in->n && !err; i++)
		if (in->ev[i].type == GIB_EV_guest_work)
			err = rp_engine__feed(e, &in->ev[i]);
	for (i = 0; i < in->n && !err; i++)
		if (in->ev[i].type != GIB_EV_guest_work)
			err = rp_engine__feed(e, &in->ev[i]);
	if (!err)
		rp_engine__finish(e, until);
	rp_engine__free(e);
	return err;
}

static struct gib_params upstream_with(bool kicked_clear, bool preserve_mask)
{
	struct gib_params pa = gib_policy_find("upstream")->defaults;

	pa.kicked_clear_in_runnable = kicked_clear;
	pa.kicker_preserve_mask = preserve_mask;
	return pa;
}

/* ---------------------------------------------------------------- cases */

static int engine_deterministic(void)
{
	static const uint8_t cr6[3] = { 0x10, 0x12, 0x02 };
	struct input *in = calloc(1, sizeof(*in));
	unsigned int seed = 7;
	int i, k;

	in_vm(in, 3, cr6);
	in_add(in, 0, GIB_EV_gisc_register, 0, 6, 0, 0, 0);
	for (i = 0; i < 200; i++) {
		seed = seed * 1103515245U + 12345U;
		in_add(in, 0, GIB_EV_guest_work, (seed >> 8) % 3, 0, 0, 0,
		       1 * US + (seed >> 12) % (30 * US));
	}
	for (i = 0; i < 600; i++) {
		seed = seed * 1103515245U + 12345U;
		in_add(in, 10 * US + (uint64_t)i * 7 * US, GIB_EV_airq_post, 0,
		       (seed >> 16) & 1 ? 3 : 6, 0,
		       (seed >> 20) % 5 == 0 ? GIB_SRC_SOFTWARE : GIB_SRC_DEVICE, 0);
	}
	for (k = 0; gib_policies[k]; k++) {
		struct out a = { 0 }, b = { 0 };

		cur_case = gib_policies[k]->name;
		EXPECT(!replay(in, gib_policies[k], NULL, 10 * MS, &a), "replay failed");
		EXPECT(!replay(in, gib_policies[k], NULL, 10 * MS, &b), "replay failed");
		EXPECT(a.n == b.n && a.n > 1000, "%zu vs %zu events", a.n, b.n);
		EXPECT(!memcmp(a.ev, b.ev, a.n * sizeof(*a.ev)), "the two replays differ");
		EXPECT(count(&a, GIB_EV_airq_deliver, 0, UINT64_MAX) > 0, "nothing delivered");
		free(a.ev);
		free(b.ev);
	}
	free(in);
	return 0;
}

static int fix_preserve_mask(void)
{
	static const uint8_t cr6[2] = { 0x01, ISC_BIT }; /* vcpu 0: ISC 7 only */
	struct input *in = calloc(1, sizeof(*in));
	int on;

	in_vm(in, 2, cr6);
	in_add(in, 1 * MS, GIB_EV_airq_post, 0, ISC, 0, GIB_SRC_DEVICE, 0);
	for (on = 0; on <= 1; on++) {
		struct gib_params pa = upstream_with(true, on);
		struct out o = { 0 };
		size_t delivered, ticks;

		cur_case = on ? "fix-preserve-mask: preserve_mask=1" :
				"fix-preserve-mask: preserve_mask=0";
		EXPECT(!replay(in, gib_policy_find("upstream"), &pa, 3 * MS, &o), "replay failed");
		delivered = count(&o, GIB_EV_airq_deliver, 1 * MS, UINT64_MAX);
		ticks = count(&o, GIB_EV_kick_timer, 1 * MS, 3 * MS);
		if (on) {
			EXPECT(delivered == 1, "delivered %zu", delivered);
			EXPECT(ticks <= 3, "%zu kicker ticks", ticks);
		} else {
			/* a missed wakeup: never delivered, a tick every 50 us for 2 ms, no kick */
			EXPECT(delivered == 0, "delivered %zu", delivered);
			EXPECT(ticks >= 39, "%zu kicker ticks", ticks);
			EXPECT(count(&o, GIB_EV_vcpu_kick, 1 * MS, UINT64_MAX) == 0, "a kick");
		}
		printf("  %s: ISC 3 delivered %zu, %zu kicker ticks in 2 ms\n", cur_case, delivered,
		       ticks);
		free(o.ev);
	}
	free(in);
	return 0;
}

static int fix_kicked_clear(void)
{
	static const uint8_t cr6[2] = { ISC_BIT, ISC_BIT };
	struct input *in = calloc(1, sizeof(*in));
	int on;

	in_vm(in, 2, cr6);
	in_add(in, 1 * MS, GIB_EV_airq_post, 0, ISC, 0, GIB_SRC_DEVICE, 0);
	/* vcpu 1's guest timer wakes it before the kicker kicks vcpu 0: vcpu 1 takes ISC 3 */
	in_add(in, 1 * MS + 1 * US, GIB_EV_guest_timer, 1, 0, 0, 0, 0);
	in_add(in, 2 * MS, GIB_EV_airq_post, 0, ISC, 0, GIB_SRC_DEVICE, 0);
	for (on = 0; on <= 1; on++) {
		struct gib_params pa = upstream_with(on, true);
		struct out o = { 0 };
		size_t first, second, ticks, spurious;

		cur_case = on ? "fix-kicked-clear: kicked_clear=1" :
				"fix-kicked-clear: kicked_clear=0";
		EXPECT(!replay(in, gib_policy_find("upstream"), &pa, 4 * MS, &o), "replay failed");
		first = count(&o, GIB_EV_airq_deliver, 1 * MS, 2 * MS);
		second = count(&o, GIB_EV_airq_deliver, 2 * MS, UINT64_MAX);
		ticks = count(&o, GIB_EV_kick_timer, 2 * MS, 4 * MS);
		spurious = count(&o, GIB_EV_vcpu_wakeup, 1 * MS, 2 * MS);
		EXPECT(first == 1, "first post delivered %zu", first);
		if (on) {
			EXPECT(second == 1, "second post delivered %zu", second);
			EXPECT(ticks <= 3, "%zu kicker ticks", ticks);
		} else {
			/* the stall: armed, ticking every 50 us, never a kick */
			EXPECT(second == 0, "second post delivered %zu", second);
			EXPECT(ticks >= 39, "%zu kicker ticks", ticks);
			EXPECT(count(&o, GIB_EV_vcpu_kick, 2 * MS, UINT64_MAX) == 0, "a kick");
		}
		printf("  %s: second post delivered %zu, %zu kicker ticks in 2 ms, %zu wakeups "
		       "around the first\n",
		       cur_case, second, ticks, spurious);
		free(o.ev);
	}
	free(in);
	return 0;
}

static int kicker_stops_iff_restores(void)
{
	static const uint8_t cr6[4] = { ISC_BIT, ISC_BIT, ISC_BIT, ISC_BIT };
	struct input *in = calloc(1, sizeof(*in));
	unsigned int seed = 3;
	size_t i, stops = 0;
	struct out o = { 0 };
	uint64_t t;
	int k;

	cur_case = "kicker-stops-iff-restores";
	in_vm(in, 4, cr6);
	for (k = 0; k < 400; k++) {
		seed = seed * 1103515245U + 12345U;
		in_add(in, 0, GIB_EV_guest_work, k % 4, 0, 0, 0, 1 * US + (seed >> 12) % (40 * US));
	}
	for (k = 0, t = 5 * US; k < 3000; k++) {
		seed = seed * 1103515245U + 12345U;
		t += 3 * US + (seed >> 16) % (20 * US);
		in_add(in, t, GIB_EV_airq_post, 0, ISC, 0, GIB_SRC_DEVICE, 0);
	}
	EXPECT(!replay(in, gib_policy_find("upstream"), NULL, 100 * MS, &o), "replay failed");
	for (i = 0; i < o.n; i++) {
		const struct gt_event *ev = &o.ev[i];

		if (ev->type != GIB_EV_kick_timer)
			continue;
		/* the tick's own restore is the event right before its kick_timer */
		if (ev->arg == 0) {
			stops++;
			EXPECT(i > 0 && o.ev[i - 1].type == GIB_EV_iam_restore &&
				       o.ev[i - 1].arg == GIB_RESTORE_KICKER &&
				       o.ev[i - 1].ts == ev->ts,
			       "tick at %llu stopped without restoring",
			       (unsigned long long)ev->ts);
		} else {
			EXPECT(!(i > 0 && o.ev[i - 1].type == GIB_EV_iam_restore &&
				 o.ev[i - 1].arg == GIB_RESTORE_KICKER),
			       "tick at %llu restored and goes on", (unsigned long long)ev->ts);
		}
	}
	EXPECT(stops > 100, "only %zu kicker stops", stops);
	EXPECT(count(&o, GIB_EV_iam_restore, 0, UINT64_MAX) >= stops, "restores");
	printf("  %s: %zu kicker runs, each stopped by its restoring tick\n", cur_case, stops);
	free(o.ev);
	free(in);
	return 0;
}

/* halt-poll ns of events ev[0..n) measured with window ns */
static uint64_t poll_of(const struct gt_event *ev, size_t n, uint64_t window)
{
	struct gt_metrics m;
	uint64_t v;

	gt_metrics__init_detail(&m);
	gt_metrics__set_halt_poll(&m, window);
	for (size_t i = 0; i < n; i++)
		if (gt_metrics__add(&m, &ev[i]))
			return UINT64_MAX;
	v = m.n[GT_M_POLL_NS];
	gt_metrics__release(&m);
	return v;
}

static int halt_poll_cpu(void)
{
	/* (ts, type, vcpu, arg): wakeup arg bit 0 slept, 1 valid, 2 spurious */
	static const struct {
		uint64_t ts;
		uint16_t type, vcpu;
		uint64_t arg;
	} h[] = {
		{ 0, GIB_EV_vcpu_wait, 0, GIB_WAIT_ENABLED },
		{ 0, GIB_EV_vcpu_wait, 1, GIB_WAIT_ENABLED },
		{ 0, GIB_EV_vcpu_wait, 2, GIB_WAIT_DISABLED },
		{ 0, GIB_EV_vcpu_wait, 4, GIB_WAIT_ENABLED },
		{ 10 * US, GIB_EV_vcpu_wait, 3, GIB_WAIT_ENABLED },
		{ 20 * US, GIB_EV_vm_destroy, 0, 0 }, /* vcpu 4 is the only one of VM 1 */
		{ 25 * US, GIB_EV_vcpu_wakeup, 1, 5 }, /* spurious: the halt goes on */
		{ 30 * US, GIB_EV_vcpu_wakeup, 0, 2 }, /* a poll hit: 30 us */
		{ 40 * US, GIB_EV_vcpu_wakeup, 2, 3 }, /* a disabled wait: no poll */
		{ 300 * US, GIB_EV_vcpu_wakeup, 1, 3 }, /* slept: the window, 50 us */
		{ 500 * US, GIB_EV_sie_enter, 3, 0 }, /* no wakeup seen: the window */
	};
	struct gt_event ev[16];
	const uint64_t window = 50 * US;
	uint64_t got;
	size_t n = sizeof(h) / sizeof(h[0]);
	struct gib_params pa = gib_policy_find("upstream")->defaults;
	static const uint8_t cr6[4] = { ISC_BIT, ISC_BIT, ISC_BIT, ISC_BIT };
	struct input *in = calloc(1, sizeof(*in));
	struct out o = { 0 };
	struct gt_tune_result r[3] = { 0 };
	unsigned int seed = 7;
	uint64_t halts = 0, sum;
	int k;

	cur_case = "halt-poll-cpu";
	for (size_t i = 0; i < n; i++)
		ev[i] = (struct gt_event){ .ts = h[i].ts,
					   .type = h[i].type,
					   .vm = h[i].vcpu == 4 || h[i].type == GIB_EV_vm_destroy,
					   .vcpu = h[i].vcpu == 4 ? 0 : h[i].vcpu,
					   .arg = h[i].arg };
	got = poll_of(ev, n, window);
	EXPECT(got == 30 * US + 50 * US + 50 * US + 20 * US, "window 50 us: %llu ns",
	       (unsigned long long)got);
	got = poll_of(ev, n, 0);
	EXPECT(got == 30 * US, "window unknown: %llu ns, want the poll hit's 30 us alone",
	       (unsigned long long)got);

	/* replays: 4 vcpus, posts now and then */
	in_vm(in, 4, cr6);
	for (k = 0, sum = 5 * US; k < 400; k++) {
		seed = seed * 1103515245U + 12345U;
		sum += 20 * US + (seed >> 16) % (200 * US);
		in_add(in, sum, GIB_EV_airq_post, 0, ISC, 0, GIB_SRC_DEVICE, 0);
	}
	for (int poll = 0; poll < 2; poll++) {
		struct gt_metrics m;
		double f[GT_F_NR];

		pa.halt_poll_ns = poll ? window : 0;
		o.n = 0;
		EXPECT(!replay(in, gib_policy_find("upstream"), &pa, 200 * MS, &o),
		       "replay failed");
		gt_metrics__init_detail(&m);
		gt_metrics__set_halt_poll(&m, pa.halt_poll_ns);
		halts = 0;
		for (size_t i = 0; i < o.n; i++) {
			EXPECT(!gt_metrics__add(&m, &o.ev[i]), "metrics");
			halts += o.ev[i].type == GIB_EV_vcpu_wait &&
				 o.ev[i].arg == GIB_WAIT_ENABLED;
		}
		gt_figures(&m, f);
		got = m.n[GT_M_POLL_NS];
		if (!poll)
			EXPECT(got == 0 && f[GT_F_POLL] == 0, "no halt polling, yet %llu ns",
			       (unsigned long long)got);
		else
			EXPECT(got > 0 && got <= halts * (window + rp_costs_default.wake_poll) &&
				       f[GT_F_POLL] > 0 && f[GT_F_POLL] < 400,
			       "halt_poll 50 us: %llu ns over %llu halts, %.2f%%",
			       (unsigned long long)got, (unsigned long long)halts, f[GT_F_POLL]);
		printf("  %s: halt_poll %llu us: %llu halts, %.1f us polled, %.2f%% of a CPU\n",
		       cur_case, (unsigned long long)pa.halt_poll_ns / US,
		       (unsigned long long)halts, (double)got / 1e3, f[GT_F_POLL]);
		gt_metrics__release(&m);
	}

	/* the front: r[2] loses to r[0] on p99 and cost, wins on poll CPU */
	r[0].f[GT_F_P99] = 10, r[0].f[GT_F_COST] = 100, r[0].f[GT_F_POLL] = 40;
	r[1].f[GT_F_P99] = 10, r[1].f[GT_F_COST] = 100, r[1].f[GT_F_POLL] = 50;
	r[2].f[GT_F_P99] = 20, r[2].f[GT_F_COST] = 200, r[2].f[GT_F_POLL] = 0;
	gt_tune__front(r, 3);
	EXPECT(r[0].front && !r[1].front && r[2].front, "front %d %d %d", r[0].front, r[1].front,
	       r[2].front);
	free(o.ev);
	free(in);
	return 0;
}

/* the metrics (with detail) of a trace file, its clock moved by shift ns */
static int measure(const char *path, uint64_t shift, struct gt_metrics *m)
{
	struct gt_reader *r = gt_reader__open(path, NULL);
	struct gt_event ev;
	int rc;

	gt_metrics__init_detail(m);
	if (!r)
		return -1;
	while ((rc = gt_reader__next(r, &ev)) > 0) {
		ev.ts += shift;
		if (gt_metrics__add(m, &ev))
			rc = -1;
	}
	gt_reader__close(r);
	return rc;
}

static int bootstrap_clock_free(void)
{
	static const char *const pairs[][2] = { { "mixed-host/upstream", "mixed-host/poll-wait" },
						{ "cr6-split/upstream", "cr6-split/v2-post-run" } };
	char pa[512], pb[512];

	cur_case = "bootstrap-clock-free";
	for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
		struct gt_metrics a, b, b7;
		struct gt_ci ci[GT_F_NR], ci7[GT_F_NR];
		double fa[GT_F_NR], fb[GT_F_NR];

		snprintf(pa, sizeof(pa), "%s/%s.gtr", GIBTRACE_TRACES_DIR, pairs[p][0]);
		snprintf(pb, sizeof(pb), "%s/%s.gtr", GIBTRACE_TRACES_DIR, pairs[p][1]);
		EXPECT(!measure(pa, 0, &a) && !measure(pb, 0, &b) && !measure(pb, 7000 * MS, &b7),
		       "cannot read %s or %s", pa, pb);
		EXPECT(!gt_bootstrap_diff(&a, &b, 200, 0x5eed, ci) &&
			       !gt_bootstrap_diff(&a, &b7, 200, 0x5eed, ci7),
		       "bootstrap failed");
		for (int f = 0; f < GT_F_NR; f++)
			EXPECT(ci[f].lo == ci7[f].lo && ci[f].hi == ci7[f].hi,
			       "%s: %s's interval moved with the clock: [%g,%g] against [%g,%g]",
			       pb, gt_figure_names[f], ci[f].lo, ci[f].hi, ci7[f].lo, ci7[f].hi);
		/* 128 windows at most over a second or so: 16 ms, not 128 ms (the clock's 15 s) */
		EXPECT(a.win_ns <= 16 * MS && b.win_ns <= 16 * MS, "windows of %llu and %llu ns",
		       (unsigned long long)a.win_ns, (unsigned long long)b.win_ns);
		gt_figures(&a, fa);
		gt_figures(&b, fb);
		for (int f = GT_F_GAL; f < GT_F_NR; f++)
			EXPECT(ci[f].lo <= fb[f] - fa[f] && fb[f] - fa[f] <= ci[f].hi,
			       "%s: %s difference %g outside its interval [%g,%g]", pb,
			       gt_figure_names[f], fb[f] - fa[f], ci[f].lo, ci[f].hi);
		printf("  %s: %s against %s: host cost %+.0f [%+.0f,%+.0f] /s, %llu ms windows\n",
		       cur_case, pairs[p][1], pairs[p][0], fb[GT_F_COST] - fa[GT_F_COST],
		       ci[GT_F_COST].lo, ci[GT_F_COST].hi, (unsigned long long)(a.win_ns / MS));
		gt_metrics__release(&a);
		gt_metrics__release(&b);
		gt_metrics__release(&b7);
	}
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "engine-deterministic", engine_deterministic },
	{ "fix-preserve-mask", fix_preserve_mask },
	{ "fix-kicked-clear", fix_kicked_clear },
	{ "kicker-stops-iff-restores", kicker_stops_iff_restores },
	{ "halt-poll-cpu", halt_poll_cpu },
	{ "bootstrap-clock-free", bootstrap_clock_free },
};

int main(int argc, char **argv)
{
	size_t i;
	int a, status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool run = argc < 2;

		for (a = 1; a < argc; a++)
			run |= !strcmp(argv[a], cases[i].name);
		if (!run)
			continue;
		cur_case = cases[i].name;
		if (cases[i].fn()) {
			status = 1;
			continue;
		}
		printf("ok - %s\n", cases[i].name);
	}
	return status || failures;
}
