// SPDX-License-Identifier: GPL-2.0
/*
 * explore.c - exhaustive interleaving explorer for the interrupt core
 *
 * What it does. It runs the REAL core (the library gibcore_explore: core/ *.c compiled
 * with GIB_PORT_EXPLORE, so every READ_ONCE, WRITE_ONCE, cmpxchg, xchg, bit operation and
 * spinlock first calls gib_sched_point(), defined here) in a small model: one VM, two
 * vcpus, two registered guest ISCs (3 and 6), a device posting through the machine, the
 * GAL interruption handler, the GISA's kicker timer. Every simulated thread is a
 * coroutine; gib_sched_point() hands control to the scheduler, which decides which
 * thread performs the next shared access. A depth-first search over these decisions
 * re-runs the model from a fresh state for every schedule (stateless search: the whole
 * state is in struct model and the coroutine stacks, both rebuilt per execution), so
 * every interleaving of shared accesses within the bounds is executed once.
 *
 * Threads (letters are used in schedules and --replay strings):
 *  D device  machine_post_airq for each ISC of --posts, then done.
 *  G gal     runnable once raise_gal was called and not yet taken: takes the
 *            interruption (clears "pending") and runs gib_alert_irq_handler.
 *  K kicker  runnable while armed (kicker_start; kicker_cancel disarms, waiting like
 *            hrtimer_cancel while the callback runs; kicker_active = armed or running)
 *            and while its tick budget lasts (below): runs gisa_vcpu_kicker and
 *            re-arms if that returned non-zero (hrtimer HRTIMER_RESTART semantics).
 *  0, 1      vcpus: from SIE (or asleep in an enabled wait, --start) do --rounds wait
 *            intercepts: gib_vcpu_exit_sie, kvm_s390_handle_wait; on GIB_WAIT_ENABLED
 *            one halt-poll check (kvm_arch_vcpu_runnable), then kvm_vcpu_block as in
 *            Linux: prepare_to_rcuwait (sleeping), loop { set_current_state (clears
 *            woken); kvm_arch_vcpu_runnable -> break; schedule() until vcpu_wake_up
 *            sets woken }, finish_rcuwait; then kvm_s390_handle_wait_done and
 *            gib_vcpu_enter_sie. A vcpu whose rounds are done stays in SIE.
 *  Harness accesses to this shared state (sleeping, woken, armed, running) each get
 *  their own scheduling point, as the core's accesses do.
 *
 * Search. Stateless DFS over the scheduling decisions, with CHESS-style preemption
 * bounding (--bound N; --bound=-1 is unbounded): switching away from a thread that could
 * have continued costs one preemption, switching after a thread blocked or finished is
 * free. The default continuation after a forced prefix is non-preempting (keep running
 * the current thread, else the lowest-numbered runnable one), so extending a schedule
 * never costs a preemption. Decisions with one runnable thread are not recorded. Each
 * execution is bounded (--max-steps): one that hits the bound is counted as truncated.
 * No partial-order reduction: gib_sched_point() does not say which location it is about
 * to touch, so dependence is unknown; preemption bounding is what keeps this finite.
 * Without --cr6/--start/--posts the built-in suite runs (see main): the smallest
 * configuration unbounded, the others within 2 preemptions.
 *
 * Checks. After every step (safety): the alert list from the GIB's origin is made of
 * known GISAs, each at most once (acyclic), and ends in NULL or NONE. When no thread can
 * run (all blocked or done; liveness): for each registered ISC whose IPM bit is pending,
 *  - STRAND: IAM bit clear, GISA not on the alert list, no kicker armed, no GAL
 *    interruption pending, and every vcpu enabled for the ISC asleep: nothing will ever
 *    deliver it. A failure.
 *  - soft strand: the same, but the IAM has the bit: nothing delivers until a future
 *    post of that ISC raises an alert. Counted, not a failure.
 *  - list stuck: the GIB origin is not NULL (a GISA or NONE) with no GAL interruption
 *    pending: no future alert can raise one. A failure.
 * The kicker's first --ticks ticks interleave freely with everything; after that it fires
 * only when no other thread can run (--quiet-ticks more: a 50 us period is long against
 * the host's steps), so that a live system gets to deliver before the budget runs out.
 * An execution that ends with the kicker still armed is counted as kicker-budget (an
 * armed kicker means "not stranded" by the definition above).
 * On a violation the counterexample is printed: each step (thread, the core operation it
 * was in, the core events it emitted, the site of the shared access as an offset for
 * addr2line), the final GISA word 0, alert list origin and masks, and a --replay string.
 *
 * Fibers and sanitizers. The coroutines are ucontext (makecontext/swapcontext) on one OS
 * thread, each with its own stack; switches go directly from fiber to fiber. Each fiber
 * is made once and loops over executions; a thread still blocked when its execution
 * ends is unwound with longjmp to the top of its loop when the next one starts (making
 * fibers per execution cost 2.6 ms each under TSan). Under ASan each switch is announced
 * with __sanitizer_start_switch_fiber and completed with __sanitizer_finish_switch_fiber.
 * Under TSan every fiber is a TSan fiber (__tsan_create_fiber, __tsan_switch_to_fiber
 * with synchronisation, so the scheduler's strict alternation is a happens-before chain
 * and TSan checks nothing the scheduler does not order anyway).
 *
 *  - STALL: a registered ISC pending, the kicker still armed after its whole budget, its
 *    last --stall-ticks ticks (default: --quiet-ticks) kicked nobody, and a vcpu enabled
 *    for the ISC is asleep (idle, not woken): the kicker runs but never wakes it (the
 *    2019 kicked_mask and in-place mask bugs). A failure like a strand.
 *
 * Policies. --policy takes any name of gib_policies[] (core/policies.c), optionally with
 * parameters as the replayer takes them (upstream:kicked_clear=0,preserve_mask=0), and
 * the host's drain follows the policy (v2's single cut). --expect=finding is for the
 * historical policies: a strand or stall is a finding about the series, not a failure:
 * it prints the shortest counterexample and "FINDING: policy X strands an interrupt" and
 * exits 0 (a SAFETY violation still fails). --expect=stall passes only if a stall is found
 * (the 2021 bugs with their switch off). For each configuration the counterexample printed
 * is the shortest (fewest steps) found, re-run from its schedule.
 *
 * The planted bug (--policy=planted-kicker): upstream's hooks with the kicker changed to
 * kick once and stop (return 0) while registered ISCs are still pending, without
 * restoring the IAM. ctest explore-planted-bug passes only if a strand is found.
 * --policy=planted-wait flips the wait hook instead (restore, but always let the vcpu
 * sleep, even with a pending ISC enabled in its CR6); kvm_vcpu_block's runnable re-check
 * masks it, so that one is not expected to strand.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <getopt.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#include "gib.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EXPLORE_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define EXPLORE_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(EXPLORE_ASAN)
#define EXPLORE_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(EXPLORE_TSAN)
#define EXPLORE_TSAN 1
#endif
#ifdef EXPLORE_ASAN
#include <sanitizer/common_interface_defs.h>
#endif
#ifdef EXPLORE_TSAN
#include <sanitizer/tsan_interface.h>
/*
 * The scheduler's own bookkeeping runs on one OS thread in strict alternation with the
 * fibers: TSan has nothing to check there, and instrumenting it doubled the run time.
 */
#define SCHED_CODE __attribute__((no_sanitize_thread))
#else
#define SCHED_CODE
#endif

#define STACK_SIZE (256 * 1024)
#define NR_VCPUS 2
#define MAX_POSTS 4
#define MAX_STEPS_LIMIT 20000
#define MAX_EVENTS (4 * MAX_STEPS_LIMIT)

enum thread_id { T_DEV, T_GAL, T_KICK, T_VCPU0, T_VCPU1, NR_THREADS };

static const char thread_letter[NR_THREADS] = { 'D', 'G', 'K', '0', '1' };
static const char *const thread_name[NR_THREADS] = { "device", "gal", "kicker", "vcpu0", "vcpu1" };

/* what a thread waits for; W_RUN: nothing, it can run */
enum wait_kind { W_RUN, W_GAL, W_KICK_ARMED, W_KICK_IDLE, W_WOKEN0, W_WOKEN1 };

static const char *const event_name[GIB_EV_MAX] = {
#define EV_NAME(name, nr, ...) [nr] = #name,
	GIB_EVENTS(EV_NAME)
#undef EV_NAME
};

/* ---------------------------------------------------------------- configuration */

struct config {
	const char *policy_name;
	const struct gib_policy *policy;
	struct gib_params params;
	u8 cr6[NR_VCPUS]; /* enabled guest ISCs (CR6 byte) */
	bool start_sie[NR_VCPUS]; /* else asleep in an enabled wait */
	u32 posts[MAX_POSTS];
	int nposts;
	int rounds; /* wait intercepts per vcpu */
	int ticks; /* kicker ticks per execution that interleave freely */
	int quiet_ticks; /* further ticks, each only when nothing else can run */
	int stall_ticks; /* kick-less ticks in a row, with a vcpu to wake asleep: a stall */
	int bound; /* preemption bound, -1: none */
	int max_steps;
	long max_execs; /* 0: no limit */
	bool stop_first;
	const char *replay;
	char spec[256]; /* the policy and its parameters, canonical */
};

#define ISC_A 3
#define ISC_B 6

/* ---------------------------------------------------------------- model state */

struct model {
	struct gib_host host;
	struct gib_vm vm;
	struct sie_page2 page;
	struct gib_vcpu vcpu[NR_VCPUS];
	bool gal_pending;
	bool kick_armed, kick_running;
	int kick_ticks_left; /* ticks that interleave freely */
	int kick_quiet_left; /* then ticks only when nothing else can run */
	int kickless_ticks; /* the last ticks in a row that kicked nobody */
	bool sleeping[NR_VCPUS]; /* registered on the rcuwait (prepare..finish) */
	bool woken[NR_VCPUS];
};

struct fiber {
	ucontext_t ctx;
	int tid; /* the thread, -1: the main context */
	void *stack;
	size_t size;
#ifdef EXPLORE_ASAN
	void *fake_stack;
	const void *bottom;
#endif
#ifdef EXPLORE_TSAN
	void *tsan;
#endif
};

struct thread {
	struct fiber fiber;
	enum wait_kind wait;
	bool done;
	const char *op; /* the core operation the thread is in */
	void *site; /* return address of its pending scheduling point */
	bool restart; /* unwind to the top of the fiber's loop when resumed */
	jmp_buf top;
};

/* one scheduling decision with more than one runnable thread */
struct decision {
	u8 enabled, chosen, tried;
	s8 cur; /* the thread that ran the step before, -1: none */
	u16 preempts; /* preemptions before this decision */
};

struct step_rec {
	u8 thread;
	const char *op;
	void *site;
};

struct ev_rec {
	int step;
	struct gib_event ev;
};

enum outcome {
	O_CLEAN,
	O_HANDLED,
	O_BUDGET,
	O_TRUNCATED,
	O_SOFT,
	O_STALL,
	O_STRAND,
	O_SAFETY,
	O_NR
};

static const char *const outcome_name[O_NR] = { "clean",     "pending-in-hand", "kicker-budget",
						"truncated", "soft-strand",	"STALL",
						"STRAND",    "SAFETY" };

static struct config cfg;
static struct model m;
static struct thread thr[NR_THREADS];
static struct fiber main_fiber;
static struct fiber *prev_fiber;
static int cur = -1; /* running thread, -1: the main context */
static bool in_sched;

static struct decision *dec;
static int ndec, prefix_len;
static int preempts;
static struct step_rec *steps;
static int nsteps;
static struct ev_rec *events;
static int nevents;
static bool truncated;
static char violation[256];
static bool iam_while_linked;

/* ---------------------------------------------------------------- fibers */

static void fiber_finish_switch(struct fiber *self)
{
#ifdef EXPLORE_ASAN
	size_t size;

	__sanitizer_finish_switch_fiber(self ? self->fake_stack : NULL, &prev_fiber->bottom, &size);
	prev_fiber->size = size;
#else
	(void)self;
#endif
}

static void fiber_switch(struct fiber *from, struct fiber *to)
{
	prev_fiber = from;
#ifdef EXPLORE_ASAN
	__sanitizer_start_switch_fiber(&from->fake_stack,
				       to == &main_fiber ? main_fiber.bottom : to->stack, to->size);
#endif
#ifdef EXPLORE_TSAN
	__tsan_switch_to_fiber(to->tsan, 0);
#endif
	if (swapcontext(&from->ctx, &to->ctx)) {
		perror("swapcontext");
		exit(2);
	}
	fiber_finish_switch(from);
	/* a new execution: unwind whatever the thread was in, back to its loop */
	if (from->tid >= 0 && thr[from->tid].restart)
		longjmp(thr[from->tid].top, 1);
}

static void thread_body(int t);

/*
 * A fiber is made once and runs this loop for every execution: park (back to the main
 * context) until the scheduler first picks it, run the thread's body, finish. A thread
 * still blocked when its execution ends is unwound with longjmp when the next execution
 * restarts it, so the sanitizers' view of its stack (ASan redzones, TSan's shadow call
 * stack) stays balanced and no fiber has to be created per execution.
 */
static void fiber_entry(void)
{
	fiber_finish_switch(NULL);
	setjmp(thr[cur].top);
	for (;;) {
		int t = cur;

		thr[t].restart = false;
		fiber_switch(&thr[t].fiber, &main_fiber);
		thr[t].wait = W_RUN;
		thread_body(t);
		thr[t].done = true;
		thr[t].op = "(done)";
		gib_sched_point(); /* never resumed but by a restart */
	}
}

/* bring thread @t's fiber to the top of its loop, parked */
static void fiber_restart(int t)
{
	struct fiber *f = &thr[t].fiber;

	f->tid = t;
	if (f->stack) {
		thr[t].restart = true;
	} else {
		f->stack = malloc(STACK_SIZE);
		if (!f->stack) {
			perror("malloc");
			exit(2);
		}
		f->size = STACK_SIZE;
#ifdef EXPLORE_TSAN
		f->tsan = __tsan_create_fiber(0);
		__tsan_set_fiber_name(f->tsan, thread_name[t]);
#endif
		if (getcontext(&f->ctx)) {
			perror("getcontext");
			exit(2);
		}
		f->ctx.uc_stack.ss_sp = f->stack;
		f->ctx.uc_stack.ss_size = f->size;
		f->ctx.uc_link = NULL;
		makecontext(&f->ctx, fiber_entry, 0);
	}
	cur = t;
	fiber_switch(&main_fiber, f);
	cur = -1;
}

/* ---------------------------------------------------------------- checks */

static SCHED_CODE u64 word0(void)
{
	return __atomic_load_n(&m.page.gisa.word[0], __ATOMIC_SEQ_CST);
}

static SCHED_CODE u32 origin(void)
{
	return __atomic_load_n(&m.host.gib.alert_list_origin, __ATOMIC_SEQ_CST);
}

static SCHED_CODE void set_violation(const char *fmt, ...)
{
	va_list ap;

	if (violation[0])
		return;
	va_start(ap, fmt);
	vsnprintf(violation, sizeof(violation), fmt, ap);
	va_end(ap);
}

/* the GISA is reachable from the GIB's origin */
static SCHED_CODE bool gisa_on_list(void)
{
	return (origin() & GISA_ADDR_MASK) != 0;
}

static SCHED_CODE void check_safety(void)
{
	u32 o = origin();
	int hops = 0;
	u64 w = word0();

	while (o & GISA_ADDR_MASK) {
		if (o != m.page.gisa_phys) {
			set_violation("alert list holds unknown GISA 0x%08x", o);
			return;
		}
		if (++hops > 1) {
			set_violation("alert list cycle: GISA 0x%08x linked twice", o);
			return;
		}
		o = gisa_word_next_alert(word0());
	}
	if (o != NULL_GISA_ADDR && o != NONE_GISA_ADDR)
		set_violation("alert list ends in 0x%08x, not NULL or NONE", o);
	if (gisa_word_next_alert(w) != m.page.gisa_phys && gisa_word_iam(w))
		iam_while_linked = true;
}

/* ---------------------------------------------------------------- scheduler */

static SCHED_CODE bool runnable(int t)
{
	if (thr[t].done)
		return false;
	switch (thr[t].wait) {
	case W_RUN:
		return true;
	case W_GAL:
		return m.gal_pending;
	case W_KICK_ARMED:
		return m.kick_armed && (m.kick_ticks_left > 0 || m.kick_quiet_left > 0);
	case W_KICK_IDLE:
		return !m.kick_running;
	case W_WOKEN0:
		return m.woken[0];
	case W_WOKEN1:
		return m.woken[1];
	}
	return false;
}

static int letter_thread(char c)
{
	int t;

	for (t = 0; t < NR_THREADS; t++)
		if (thread_letter[t] == c)
			return t;
	return -1;
}

/* the thread that performs the next step, or -1: the execution ends */
static SCHED_CODE int choose(void)
{
	unsigned enabled = 0;
	int t, next;
	struct decision *d;

	if (violation[0])
		return -1;
	for (t = 0; t < NR_THREADS; t++)
		if (runnable(t))
			enabled |= 1u << t;
	/* a quiet tick fires only when every other thread is blocked or done */
	if (thr[T_KICK].wait == W_KICK_ARMED && m.kick_ticks_left <= 0 &&
	    (enabled & ~(1u << T_KICK)))
		enabled &= ~(1u << T_KICK);
	if (!enabled)
		return -1;
	if (nsteps >= cfg.max_steps) {
		truncated = true;
		return -1;
	}
	if (cfg.replay) {
		next = cfg.replay[nsteps] ? letter_thread(cfg.replay[nsteps]) : -1;
		if (next < 0 || !(enabled & (1u << next))) {
			set_violation("replay: step %d '%c' is not runnable", nsteps,
				      cfg.replay[nsteps] ? cfg.replay[nsteps] : '$');
			return -1;
		}
	} else if (!(enabled & (enabled - 1))) {
		next = __builtin_ctz(enabled);
	} else {
		d = &dec[ndec];
		if (ndec < prefix_len) {
			if (d->enabled != enabled || d->cur != cur) {
				fprintf(stderr, "explore: nondeterminism at decision %d\n", ndec);
				exit(2);
			}
			next = d->chosen;
		} else {
			next = (cur >= 0 && (enabled & (1u << cur))) ? cur : __builtin_ctz(enabled);
			d->enabled = enabled;
			d->chosen = next;
			d->tried = 1u << next;
			d->cur = cur;
			d->preempts = preempts;
		}
		ndec++;
	}
	if (cur >= 0 && (enabled & (1u << cur)) && next != cur)
		preempts++;
	steps[nsteps].thread = next;
	steps[nsteps].op = thr[next].op;
	steps[nsteps].site = thr[next].site;
	nsteps++;
	return next;
}

/* the step of the current thread ended: pick the next one and switch to it */
static SCHED_CODE void reschedule(void)
{
	int from = cur, next;

	in_sched = true;
	check_safety();
	next = choose();
	in_sched = false;
	if (next == from)
		return;
	cur = next;
	fiber_switch(&thr[from].fiber, next >= 0 ? &thr[next].fiber : &main_fiber);
}

/* not inlined: __builtin_return_address(0) must be the site in the caller */
__attribute__((noinline)) void gib_sched_point(void)
{
	if (cur < 0 || in_sched)
		return;
	thr[cur].site = __builtin_return_address(0);
	reschedule();
}

/* block the current thread until @w holds; a scheduling point */
static __attribute__((noinline)) void wait_until(enum wait_kind w)
{
	thr[cur].site = __builtin_return_address(0);
	thr[cur].wait = w;
	reschedule();
	thr[cur].wait = W_RUN;
}

/* ---------------------------------------------------------------- host ops */

static void host_kicker_start(struct gib_vm *kvm, u64 delay_ns)
{
	(void)kvm;
	(void)delay_ns;
	gib_sched_point();
	m.kick_armed = true;
}

static void host_kicker_cancel(struct gib_vm *kvm)
{
	(void)kvm;
	gib_sched_point();
	m.kick_armed = false;
	if (!m.kick_running)
		return;
	if (cur == T_KICK) {
		set_violation("kicker_cancel from the kicker's own callback (deadlock)");
		return;
	}
	/* hrtimer_cancel: wait for the callback, then dequeue what it re-armed */
	wait_until(W_KICK_IDLE);
	m.kick_armed = false;
}

static bool host_kicker_active(struct gib_vm *kvm)
{
	(void)kvm;
	gib_sched_point();
	return m.kick_armed || m.kick_running;
}

static void host_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	gib_sched_point();
	if (m.sleeping[vcpu->vcpu_idx])
		m.woken[vcpu->vcpu_idx] = true;
}

static void host_raise_gal(struct gib_host *host)
{
	(void)host;
	m.gal_pending = true;
}

static SCHED_CODE void host_event(struct gib_host *host, const struct gib_event *ev)
{
	(void)host;
	if (cur < 0 || nevents >= MAX_EVENTS)
		return;
	events[nevents].step = nsteps - 1;
	events[nevents].ev = *ev;
	nevents++;
}

static const struct gib_host_ops host_ops = {
	.kicker_start = host_kicker_start,
	.kicker_cancel = host_kicker_cancel,
	.kicker_active = host_kicker_active,
	.vcpu_wake_up = host_vcpu_wake_up,
	.raise_gal = host_raise_gal,
	.event = host_event,
};

/* ---------------------------------------------------------------- threads */

static void device_body(void)
{
	static char label[MAX_POSTS][32];
	int i;

	for (i = 0; i < cfg.nposts; i++) {
		snprintf(label[i], sizeof(label[i]), "machine_post_airq(isc %u)", cfg.posts[i]);
		thr[T_DEV].op = label[i];
		machine_post_airq(&m.vm, cfg.posts[i]);
	}
}

static void gal_body(void)
{
	for (;;) {
		m.gal_pending = false; /* the interruption is taken */
		thr[T_GAL].op = "gib_alert_irq_handler";
		gib_alert_irq_handler(&m.host);
		thr[T_GAL].op = "waits for a GAL interruption";
		wait_until(W_GAL);
	}
}

static void kicker_body(void)
{
	u64 next, kicks;

	for (;;) {
		m.kick_armed = false;
		m.kick_running = true;
		if (m.kick_ticks_left > 0)
			m.kick_ticks_left--;
		else
			m.kick_quiet_left--;
		thr[T_KICK].op = "gisa_vcpu_kicker";
		kicks = gib_stat(&m.vm, GIB_STAT_kicks);
		next = gisa_vcpu_kicker(&m.vm);
		m.kickless_ticks = gib_stat(&m.vm, GIB_STAT_kicks) == kicks ? m.kickless_ticks + 1 :
									      0;
		thr[T_KICK].op = "hrtimer: callback returns";
		gib_sched_point();
		m.kick_running = false;
		if (next)
			m.kick_armed = true;
		thr[T_KICK].op = "waits for the kicker to fire";
		wait_until(W_KICK_ARMED);
	}
}

/* gib_vcpu_set_polling without its scheduling point */
static void set_polling(struct gib_vcpu *v, bool polling)
{
	__atomic_store_n(&v->halt_polling, polling, __ATOMIC_RELAXED);
}

/* the halt of an idle vcpu: halt-poll, kvm_vcpu_block, kvm_s390_handle_wait_done */
static void vcpu_halt(int i, bool asleep)
{
	struct gib_vcpu *v = &m.vcpu[i];
	struct thread *me = &thr[T_VCPU0 + i];
	bool slept = asleep;

	if (!asleep) {
		/*
		 * one halt-poll iteration; the policy may look at who polls (poll-wait). The
		 * flag is the environment's: set with the step around it, not a scheduling
		 * point of its own (gib_vcpu_set_polling would add one and double the search)
		 */
		me->op = "halt-poll: kvm_arch_vcpu_runnable";
		set_polling(v, true);
		if (kvm_arch_vcpu_runnable(v)) {
			set_polling(v, false);
			goto done;
		}
		me->op = "kvm_vcpu_block: prepare_to_rcuwait";
		gib_sched_point();
		set_polling(v, false);
		m.sleeping[i] = true;
	}
	for (;;) {
		if (!asleep) {
			me->op = "kvm_vcpu_block: set_current_state";
			gib_sched_point();
			m.woken[i] = false;
			me->op = "kvm_vcpu_block: kvm_arch_vcpu_runnable";
			if (kvm_arch_vcpu_runnable(v))
				break;
			slept = true;
			me->op = "kvm_vcpu_block: schedule (asleep)";
			wait_until(i ? W_WOKEN1 : W_WOKEN0);
		}
		asleep = false;
	}
	me->op = "kvm_vcpu_block: finish_rcuwait";
	gib_sched_point();
	m.sleeping[i] = false;
done:
	me->op = "kvm_s390_handle_wait_done";
	kvm_s390_handle_wait_done(v, slept);
}

static void vcpu_body(int i)
{
	struct gib_vcpu *v = &m.vcpu[i];
	struct thread *me = &thr[T_VCPU0 + i];
	enum gib_wait_kind kind;
	int r;

	if (!cfg.start_sie[i]) {
		vcpu_halt(i, true);
		me->op = "gib_vcpu_enter_sie";
		gib_vcpu_enter_sie(v);
	}
	for (r = 0; r < cfg.rounds; r++) {
		me->op = "gib_vcpu_exit_sie";
		gib_vcpu_exit_sie(v, GIB_EXIT_WAIT);
		me->op = "kvm_s390_handle_wait";
		kind = kvm_s390_handle_wait(v);
		if (kind == GIB_WAIT_DISABLED)
			return;
		if (kind == GIB_WAIT_ENABLED)
			vcpu_halt(i, false);
		me->op = "gib_vcpu_enter_sie";
		gib_vcpu_enter_sie(v);
	}
	me->op = "(in SIE, rounds done)";
}

static void thread_body(int t)
{
	switch (t) {
	case T_DEV:
		device_body();
		break;
	case T_GAL:
		gal_body();
		break;
	case T_KICK:
		kicker_body();
		break;
	default:
		vcpu_body(t - T_VCPU0);
		break;
	}
}

/* ---------------------------------------------------------------- one execution */

static void model_setup(void)
{
	int i;

	/* the core's init functions clear their structs: only the harness part here */
	memset(&m.gal_pending, 0, sizeof(m) - offsetof(struct model, gal_pending));
	gib_host_init(&m.host, &host_ops, 5);
	m.host.drain_single_pass = cfg.policy->drain_single_pass; /* as the replayer does */
	m.vm.id = 0;
	if (gib_vm_init(&m.host, &m.vm, &m.page, cfg.policy, &cfg.params)) {
		fprintf(stderr, "explore: gib_vm_init failed\n");
		exit(2);
	}
	for (i = 0; i < NR_VCPUS; i++) {
		gib_vcpu_init(&m.vm, &m.vcpu[i], i);
		gib_vcpu_set_masks(&m.vcpu[i], cfg.cr6[i], true, false);
	}
	if (kvm_s390_gisc_register(&m.vm, ISC_A) < 0 || kvm_s390_gisc_register(&m.vm, ISC_B) < 0) {
		fprintf(stderr, "explore: kvm_s390_gisc_register failed\n");
		exit(2);
	}
	for (i = 0; i < NR_VCPUS; i++) {
		gib_vcpu_enter_sie(&m.vcpu[i]);
		if (cfg.start_sie[i])
			continue;
		/* asleep in an enabled wait: the wait restored the IAM, nothing pending */
		gib_vcpu_exit_sie(&m.vcpu[i], GIB_EXIT_WAIT);
		if (kvm_s390_handle_wait(&m.vcpu[i]) != GIB_WAIT_ENABLED) {
			fprintf(stderr, "explore: vcpu%d cannot start in an enabled wait\n", i);
			exit(2);
		}
		m.sleeping[i] = true;
	}
	m.kick_ticks_left = cfg.ticks;
	m.kick_quiet_left = cfg.quiet_ticks;

	for (i = 0; i < NR_THREADS; i++) {
		fiber_restart(i);
		thr[i].done = false;
		thr[i].site = NULL;
	}
	thr[T_DEV].wait = W_RUN;
	thr[T_DEV].op = "(starts)";
	thr[T_GAL].wait = W_GAL;
	thr[T_GAL].op = "waits for a GAL interruption";
	thr[T_KICK].wait = W_KICK_ARMED;
	thr[T_KICK].op = "waits for the kicker to fire";
	for (i = 0; i < NR_VCPUS; i++) {
		thr[T_VCPU0 + i].wait = cfg.start_sie[i] ? W_RUN : (i ? W_WOKEN1 : W_WOKEN0);
		thr[T_VCPU0 + i].op = cfg.start_sie[i] ? "(in SIE)" :
							 "kvm_vcpu_block: schedule (asleep)";
	}
	ndec = 0;
	preempts = 0;
	nsteps = 0;
	nevents = 0;
	truncated = false;
	violation[0] = 0;
	iam_while_linked = false;
}

static bool vcpu_asleep(int i)
{
	struct thread *t = &thr[T_VCPU0 + i];

	return !t->done && t->wait == (i ? W_WOKEN1 : W_WOKEN0) && !m.woken[i];
}

/* the liveness verdict of a quiescent end state */
static enum outcome judge(void)
{
	u64 w = word0();
	u8 ipm = gisa_word_ipm(w), iam = gisa_word_iam(w);
	u8 mask = m.vm.gisa_int.alert.mask, pending = ipm & mask;
	enum outcome o = O_CLEAN;
	u32 isc;
	int i;

	if (origin() != NULL_GISA_ADDR && !m.gal_pending) {
		set_violation("alert list stuck: origin 0x%08x and no GAL interruption pending",
			      origin());
		return O_SAFETY;
	}
	if (!pending)
		return O_CLEAN;
	for (isc = 0; isc <= MAX_ISC; isc++) {
		bool consumer = false;

		if (!(pending & isc_bit(isc)))
			continue;
		if (gisa_on_list() || m.gal_pending || m.kick_running) {
			o = o > O_HANDLED ? o : O_HANDLED;
			continue;
		}
		if (m.kick_armed) {
			for (i = 0; i < NR_VCPUS; i++)
				if (vcpu_asleep(i) && m.vcpu[i].psw_io &&
				    (m.vcpu[i].gcr6 & isc_bit(isc)))
					break;
			if (i < NR_VCPUS && m.kickless_ticks >= cfg.stall_ticks) {
				set_violation(
					"STALL of ISC %u: IPM 0x%02x, the kicker ticked %d times "
					"in a row without a kick while vcpu%d, enabled for it, "
					"sleeps (idle_mask 0x%lx kicked_mask 0x%lx)",
					isc, ipm, m.kickless_ticks, i, m.vm.idle_mask[0],
					m.vm.gisa_int.kicked_mask[0]);
				return O_STALL;
			}
			o = o > O_BUDGET ? o : O_BUDGET;
			continue;
		}
		for (i = 0; i < NR_VCPUS; i++)
			if (m.vcpu[i].psw_io && (m.vcpu[i].gcr6 & isc_bit(isc)) && !vcpu_asleep(i))
				consumer = true;
		if (consumer) {
			set_violation("model: ISC %u pending with a vcpu in SIE enabled for it",
				      isc);
			return O_SAFETY;
		}
		if (iam & isc_bit(isc)) {
			o = o > O_SOFT ? o : O_SOFT;
			continue;
		}
		set_violation("STRANDED ISC %u: IPM 0x%02x IAM 0x%02x, GISA not on the alert list, "
			      "no kicker armed, no GAL pending, every vcpu enabled for it asleep",
			      isc, ipm, iam);
		return O_STRAND;
	}
	return o;
}

static enum outcome run_execution(void)
{
	enum outcome o;
	int first;

	model_setup();
	cur = -1;
	in_sched = true;
	first = choose();
	in_sched = false;
	if (first >= 0) {
		cur = first;
		fiber_switch(&main_fiber, &thr[first].fiber);
	}
	cur = -1;
	if (violation[0])
		return O_SAFETY;
	if (truncated)
		return O_TRUNCATED;
	o = judge();
	return o;
}

/* the next schedule to run: false when the search is complete */
static SCHED_CODE bool backtrack(void)
{
	int i;

	for (i = ndec - 1; i >= 0; i--) {
		struct decision *d = &dec[i];
		unsigned cand = d->enabled & ~d->tried;

		while (cand) {
			int t = __builtin_ctz(cand);
			int cost = d->cur >= 0 && (d->enabled & (1u << d->cur)) && t != d->cur;

			cand &= cand - 1;
			d->tried |= 1u << t;
			if (cfg.bound < 0 || d->preempts + cost <= cfg.bound) {
				d->chosen = t;
				prefix_len = i + 1;
				return true;
			}
		}
	}
	return false;
}

/* ---------------------------------------------------------------- reporting */

static void print_site(FILE *f, void *site)
{
	Dl_info info;

	if (!site)
		return;
	if (dladdr(site, &info) && info.dli_fbase && info.dli_fname) {
		const char *base = strrchr(info.dli_fname, '/');

		fprintf(f, "  @%s+0x%lx", base ? base + 1 : info.dli_fname,
			(unsigned long)((char *)site - (char *)info.dli_fbase));
	}
}

static void print_event(FILE *f, const struct gib_event *ev)
{
	fprintf(f, "%s",
		ev->type < GIB_EV_MAX && event_name[ev->type] ? event_name[ev->type] : "?");
	if (ev->vcpu != GIB_NO_VCPU)
		fprintf(f, " vcpu%u", ev->vcpu);
	if (ev->isc != GIB_NO_ISC)
		fprintf(f, " isc%u", ev->isc);
	fprintf(f, " mask=%02x old=%02x new=%02x arg=%#x", ev->mask, ev->old, ev->new, ev->arg);
}

static const char *origin_str(u32 o, char *buf, size_t n)
{
	if (o == NULL_GISA_ADDR)
		return "NULL";
	if (o == NONE_GISA_ADDR)
		return "NONE";
	snprintf(buf, n, "0x%08x", o);
	return buf;
}

static void print_state(FILE *f)
{
	u64 w = word0();
	char buf[16];
	int i;

	fprintf(f,
		"  final: GISA word 0 = 0x%016" PRIx64 " (next_alert 0x%08x%s, IPM 0x%02x, "
		"IAM 0x%02x), alert list origin %s, alert.mask 0x%02x\n",
		w, gisa_word_next_alert(w),
		gisa_word_next_alert(w) == m.page.gisa_phys ? " = self: not linked" : ": linked",
		gisa_word_ipm(w), gisa_word_iam(w), origin_str(origin(), buf, sizeof(buf)),
		m.vm.gisa_int.alert.mask);
	fprintf(f,
		"         kicker %s%s, %d ticks left; GAL %s; idle_mask 0x%lx kicked_mask 0x%lx\n",
		m.kick_armed ? "armed" : "disarmed", m.kick_running ? " (running)" : "",
		m.kick_ticks_left + m.kick_quiet_left, m.gal_pending ? "pending" : "not pending",
		m.vm.idle_mask[0], m.vm.gisa_int.kicked_mask[0]);
	for (i = 0; i < NR_VCPUS; i++)
		fprintf(f, "         vcpu%d: state %d, CR6 0x%02x, %s, thread at '%s'\n", i,
			m.vcpu[i].state, m.vcpu[i].gcr6,
			vcpu_asleep(i) ? "asleep" : (m.sleeping[i] ? "blocking" : "awake"),
			thr[T_VCPU0 + i].op);
}

static void print_config(FILE *f)
{
	int i;

	fprintf(f, "policy=%s cr6=%02x,%02x start=%s,%s posts=", cfg.spec, cfg.cr6[0], cfg.cr6[1],
		cfg.start_sie[0] ? "sie" : "wait", cfg.start_sie[1] ? "sie" : "wait");
	for (i = 0; i < cfg.nposts; i++)
		fprintf(f, "%s%u", i ? "," : "", cfg.posts[i]);
	fprintf(f, " rounds=%d ticks=%d+%d bound=%d", cfg.rounds, cfg.ticks, cfg.quiet_ticks,
		cfg.bound);
}

static void print_counterexample(FILE *f)
{
	int s = 0, e = 0, start, k;

	fprintf(f, "COUNTEREXAMPLE: %s\n  config: ", violation);
	print_config(f);
	fprintf(f,
		"\n  %d steps, %d preemptions; each line: steps, thread, operation, "
		"site of its first shared access, core events\n",
		nsteps, preempts);
	while (s < nsteps) {
		start = s;
		while (s + 1 < nsteps && steps[s + 1].thread == steps[start].thread &&
		       steps[s + 1].op == steps[start].op)
			s++;
		fprintf(f, "  %4d-%-4d %-7s %s", start + 1, s + 1, thread_name[steps[start].thread],
			steps[start].op);
		print_site(f, steps[start].site);
		fputc('\n', f);
		for (; e < nevents && events[e].step <= s; e++) {
			fprintf(f, "              event: ");
			print_event(f, &events[e].ev);
			fputc('\n', f);
		}
		s++;
	}
	print_state(f);
	fprintf(f, "  replay: --replay=");
	for (k = 0; k < nsteps; k++)
		fputc(thread_letter[steps[k].thread], f);
	fprintf(f, "\n  (sites: addr2line -f -i -e test-explore <offset>)\n");
}

/* ---------------------------------------------------------------- exploration */

struct result {
	long execs;
	long count[O_NR];
	int max_steps, max_decisions, max_preempts;
	long iam_while_linked;
	int shortest; /* steps of the shortest violation, 0: none */
	bool complete;
	double secs;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* the schedule of the current execution as a --replay string */
static char *schedule_string(void)
{
	char *str = malloc(nsteps + 1);
	int k;

	if (!str) {
		perror("malloc");
		exit(2);
	}
	for (k = 0; k < nsteps; k++)
		str[k] = thread_letter[steps[k].thread];
	str[nsteps] = 0;
	return str;
}

/* run @schedule again and print it as the counterexample */
static void print_shortest(char *schedule)
{
	cfg.replay = schedule;
	run_execution();
	print_counterexample(stdout);
	cfg.replay = NULL;
}

static void explore(struct result *r)
{
	double t0 = now();
	char *shortest = NULL;
	int shortest_steps = 0;
	enum outcome o;

	memset(r, 0, sizeof(*r));
	prefix_len = 0;
	for (;;) {
		o = run_execution();
		r->execs++;
		r->count[o]++;
		if (nsteps > r->max_steps)
			r->max_steps = nsteps;
		if (ndec > r->max_decisions)
			r->max_decisions = ndec;
		if (preempts > r->max_preempts)
			r->max_preempts = preempts;
		r->iam_while_linked += iam_while_linked;
		if ((o == O_STRAND || o == O_STALL || o == O_SAFETY) &&
		    (!shortest || nsteps < shortest_steps) && !cfg.replay) {
			free(shortest);
			shortest = schedule_string();
			shortest_steps = nsteps;
			if (cfg.stop_first)
				break;
		}
		if (cfg.replay && o >= O_STALL)
			print_counterexample(stdout);
		if (cfg.replay)
			break;
		if (!backtrack()) {
			r->complete = true;
			break;
		}
		if (cfg.max_execs && r->execs >= cfg.max_execs)
			break;
	}
	r->secs = now() - t0;
	r->shortest = shortest_steps;
	if (shortest)
		print_shortest(shortest);
	free(shortest);
}

static void print_result(const struct result *r)
{
	int o;

	printf("explore: ");
	print_config(stdout);
	printf("\n  %ld interleavings (%s), max depth %d steps / %d decisions, max %d "
	       "preemptions, %.2f s\n  end states:",
	       r->execs,
	       cfg.replay  ? "replay" :
	       r->complete ? "exhaustive within the bounds" :
			     "INCOMPLETE: --max-execs reached",
	       r->max_steps, r->max_decisions, r->max_preempts, r->secs);
	for (o = 0; o < O_NR; o++)
		printf(" %s %ld", outcome_name[o], r->count[o]);
	printf("; IAM seen set while linked in %ld\n", r->iam_while_linked);
	fflush(stdout);
}

/* ---------------------------------------------------------------- policies */

/* PLANTED BUG: kicks once and stops while registered ISCs are pending (no restore) */
static u64 planted_kicker(struct gib_vm *kvm)
{
	u8 pending = iam_get_ipm_or_restore(kvm, GIB_RESTORE_KICKER);

	if (pending)
		gib_airqs_kick(kvm, pending, kvm->params.fanout);
	return 0;
}

/* PLANTED BUG: restores if it can, but never sends the vcpu back to SIE */
static bool planted_wait(struct gib_vcpu *vcpu)
{
	iam_get_ipm_or_restore(vcpu->kvm, GIB_RESTORE_WAIT);
	return false;
}

static struct gib_policy planted_kicker_policy, planted_wait_policy;

static const struct gib_policy *find_policy(const char *name)
{
	const struct gib_policy *up = gib_policy_find("upstream");

	if (!up)
		return NULL;
	if (!strcmp(name, "planted-kicker")) {
		planted_kicker_policy = *up;
		planted_kicker_policy.name = "planted-kicker";
		planted_kicker_policy.doc = "upstream, but the kicker kicks once and stops";
		planted_kicker_policy.kicker = planted_kicker;
		return &planted_kicker_policy;
	}
	if (!strcmp(name, "planted-wait")) {
		planted_wait_policy = *up;
		planted_wait_policy.name = "planted-wait";
		planted_wait_policy.doc = "upstream, but the wait hook never returns to SIE";
		planted_wait_policy.handle_wait = planted_wait;
		return &planted_wait_policy;
	}
	return gib_policy_find(name);
}

/* ---------------------------------------------------------------- main */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: test-explore [options]\n"
		"  --policy=NAME[:P=V,...]  upstream (default), planted-kicker, planted-wait, or any\n"
		"                     policy of gib_policies[], with parameters (values in ns, 0/1)\n"
		"  --expect=clean|strand|stall|finding  exit 0 only if no strand or stall / some\n"
		"                     strand / some stall is found; finding: report, exit 0\n"
		"  --list-policies    print the names --policy takes\n"
		"  --check-policies=A,B,...  exit 1 unless these are exactly gib_policies[]\n"
		"  --bound=N          preemption bound (-1: unbounded)\n"
		"  --cr6=both|split   both vcpus take ISCs 3 and 6, or vcpu0 3 and vcpu1 6\n"
		"  --start=AB         A, B in {s,w}: vcpu0/vcpu1 start in SIE or asleep\n"
		"  --posts=I,J,...    ISCs the device posts, in order (3 or 6, at most 4)\n"
		"  --rounds=N         wait intercepts per vcpu\n"
		"  --ticks=N          kicker ticks per execution that interleave freely\n"
		"  --quiet-ticks=N    further kicker ticks, each only when nothing else can run\n"
		"  --stall-ticks=N    kick-less ticks in a row that make a stall (default: quiet)\n"
		"  --max-steps=N      steps per execution before it counts as truncated\n"
		"  --max-execs=N      stop after N executions (the result says INCOMPLETE)\n"
		"  --stop-first       stop at the first violation\n"
		"  --replay=STRING    run one schedule: a thread letter (DGK01) per step\n"
		"Without --cr6/--start/--posts a built-in suite of configurations is run.\n");
}

static bool parse_posts(const char *s)
{
	char *end;

	cfg.nposts = 0;
	while (*s) {
		unsigned long v = strtoul(s, &end, 10);

		if (end == s || (v != ISC_A && v != ISC_B) || cfg.nposts == MAX_POSTS)
			return false;
		cfg.posts[cfg.nposts++] = (u32)v;
		s = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return false;
	}
	return cfg.nposts > 0;
}

/* --policy NAME[:param=value,...]: the policy, its parameters and the canonical spec */
static bool parse_policy(const char *arg)
{
	char name[64], *colon, *list, *tok, *save = NULL;
	const struct gib_param *d;
	size_t len;
	bool ok = true;

	snprintf(name, sizeof(name), "%s", arg);
	colon = strchr(name, ':');
	if (colon)
		*colon = 0;
	cfg.policy = find_policy(name);
	if (!cfg.policy) {
		fprintf(stderr, "test-explore: unknown policy '%s' (--list-policies)\n", name);
		return false;
	}
	cfg.policy_name = cfg.policy->name;
	cfg.params = cfg.policy->defaults;
	colon = strchr(arg, ':');
	list = colon ? strdup(colon + 1) : NULL;
	for (tok = list ? strtok_r(list, ",", &save) : NULL; tok && ok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), *end;
		unsigned long long v;

		if (!eq) {
			ok = false;
			break;
		}
		*eq = 0;
		v = strtoull(eq + 1, &end, 0);
		if (end == eq + 1 || *end || gib_params_set(cfg.policy, &cfg.params, tok, (u64)v)) {
			fprintf(stderr, "test-explore: policy %s: bad parameter '%s=%s'\n",
				cfg.policy_name, tok, eq + 1);
			ok = false;
		}
	}
	free(list);
	len = (size_t)snprintf(cfg.spec, sizeof(cfg.spec), "%s", cfg.policy_name);
	for (d = cfg.policy->params; d && d->name && len < sizeof(cfg.spec); d++) {
		const char *field = (const char *)&cfg.params + d->offset;
		unsigned long long v = d->size == 8 ? *(const u64 *)field :
				       d->size == 4 ? *(const u32 *)field :
						      *(const bool *)field;

		len += (size_t)snprintf(cfg.spec + len, sizeof(cfg.spec) - len, "%c%s=%llu",
					d == cfg.policy->params ? ':' : ',', d->name, v);
	}
	return ok;
}

/* ctest registers one explorer test per policy: a policy added to the table must get one */
static int check_policies(const char *list)
{
	char buf[1024], *tok, *save = NULL;
	int i, listed = 0, missing = 0;

	snprintf(buf, sizeof(buf), ",%s,", list);
	for (i = 0; gib_policies[i]; i++) {
		char key[80];

		snprintf(key, sizeof(key), ",%s,", gib_policies[i]->name);
		if (!strstr(buf, key)) {
			printf("explore: policy %s of gib_policies[] has no explore-%s test "
			       "(tests/explore/CMakeLists.txt)\n",
			       gib_policies[i]->name, gib_policies[i]->name);
			missing++;
		}
	}
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		listed++;
		if (!gib_policy_find(tok)) {
			printf("explore: '%s' is not a policy of gib_policies[]\n", tok);
			missing++;
		}
	}
	printf("explore: %d policies in gib_policies[], %d with a test: %s\n", i, listed,
	       missing ? "FAIL" : "PASS");
	return missing ? 1 : 0;
}

struct suite_entry {
	bool split;
	bool start_sie[NR_VCPUS];
	u32 posts[MAX_POSTS];
	int nposts, rounds, ticks, bound;
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "expect", required_argument, NULL, 'e' },
		{ "bound", required_argument, NULL, 'b' },
		{ "cr6", required_argument, NULL, 'c' },
		{ "start", required_argument, NULL, 's' },
		{ "posts", required_argument, NULL, 'P' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "ticks", required_argument, NULL, 't' },
		{ "quiet-ticks", required_argument, NULL, 'q' },
		{ "max-steps", required_argument, NULL, 'm' },
		{ "max-execs", required_argument, NULL, 'x' },
		{ "stop-first", no_argument, NULL, 'f' },
		{ "replay", required_argument, NULL, 'R' },
		{ "stall-ticks", required_argument, NULL, 'S' },
		{ "list-policies", no_argument, NULL, 'L' },
		{ "check-policies", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/*
	 * The built-in suite: the smallest configuration (one post, both vcpus asleep, no
	 * further wait) without a preemption bound, then every CR6 layout and start state
	 * with posts to ISC 3 then 6 and one wait round per vcpu, within 2 preemptions.
	 */
	static const struct suite_entry suite[] = {
		{ false, { false, false }, { ISC_A }, 1, 0, 1, -1 },
		{ false, { false, false }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ false, { true, true }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ false, { true, false }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ true, { false, false }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ true, { true, true }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ true, { true, false }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
		{ true, { false, true }, { ISC_A, ISC_B }, 2, 1, 2, 2 },
	};
	const char *expect = NULL;
	bool custom = false, split = false, any_strand = false, any_safety = false,
	     any_stall = false;
	long total_execs = 0, total_strands = 0, total_stalls = 0;
	int shortest = 0;
	struct result r;
	int c, i, n, bound_opt = -2, rounds_opt = -1, ticks_opt = -1;

	cfg.policy_name = "upstream";
	cfg.rounds = 1;
	cfg.ticks = 2;
	cfg.quiet_ticks = 8;
	cfg.max_steps = 2000;
	cfg.start_sie[0] = cfg.start_sie[1] = false;
	cfg.posts[0] = ISC_A;
	cfg.posts[1] = ISC_B;
	cfg.nposts = 2;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			cfg.policy_name = optarg;
			break;
		case 'e':
			expect = optarg;
			if (strcmp(expect, "clean") && strcmp(expect, "strand") &&
			    strcmp(expect, "stall") && strcmp(expect, "finding")) {
				usage(stderr);
				return 2;
			}
			break;
		case 'b':
			bound_opt = atoi(optarg);
			break;
		case 'c':
			custom = true;
			if (!strcmp(optarg, "split")) {
				split = true;
			} else if (strcmp(optarg, "both")) {
				usage(stderr);
				return 2;
			}
			break;
		case 's':
			custom = true;
			if (strlen(optarg) != 2 || !strchr("sw", optarg[0]) ||
			    !strchr("sw", optarg[1])) {
				usage(stderr);
				return 2;
			}
			cfg.start_sie[0] = optarg[0] == 's';
			cfg.start_sie[1] = optarg[1] == 's';
			break;
		case 'P':
			custom = true;
			if (!parse_posts(optarg)) {
				fprintf(stderr, "test-explore: invalid --posts '%s'\n", optarg);
				return 2;
			}
			break;
		case 'r':
			cfg.rounds = rounds_opt = atoi(optarg);
			break;
		case 't':
			cfg.ticks = ticks_opt = atoi(optarg);
			break;
		case 'q':
			cfg.quiet_ticks = atoi(optarg);
			break;
		case 'm':
			cfg.max_steps = atoi(optarg);
			if (cfg.max_steps < 1 || cfg.max_steps > MAX_STEPS_LIMIT) {
				fprintf(stderr, "test-explore: --max-steps must be 1..%d\n",
					MAX_STEPS_LIMIT);
				return 2;
			}
			break;
		case 'x':
			cfg.max_execs = atol(optarg);
			break;
		case 'f':
			cfg.stop_first = true;
			break;
		case 'R':
			custom = true;
			cfg.replay = optarg;
			break;
		case 'S':
			cfg.stall_ticks = atoi(optarg);
			break;
		case 'L':
			for (i = 0; gib_policies[i]; i++)
				printf("%s\n", gib_policies[i]->name);
			printf("planted-kicker\nplanted-wait\n");
			return 0;
		case 'C':
			return check_policies(optarg);
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if (!parse_policy(cfg.policy_name))
		return 2;
	if (cfg.stall_ticks <= 0)
		cfg.stall_ticks = cfg.quiet_ticks > 0 ? cfg.quiet_ticks : 1;
	dec = calloc(MAX_STEPS_LIMIT, sizeof(*dec));
	steps = calloc(MAX_STEPS_LIMIT, sizeof(*steps));
	events = calloc(MAX_EVENTS, sizeof(*events));
	if (!dec || !steps || !events) {
		perror("calloc");
		return 2;
	}
	main_fiber.tid = -1;
#ifdef EXPLORE_TSAN
	main_fiber.tsan = __tsan_get_current_fiber();
#endif
	n = custom ? 1 : (int)(sizeof(suite) / sizeof(suite[0]));
	for (i = 0; i < n; i++) {
		if (!custom) {
			split = suite[i].split;
			cfg.start_sie[0] = suite[i].start_sie[0];
			cfg.start_sie[1] = suite[i].start_sie[1];
			memcpy(cfg.posts, suite[i].posts, sizeof(cfg.posts));
			cfg.nposts = suite[i].nposts;
			cfg.rounds = rounds_opt >= 0 ? rounds_opt : suite[i].rounds;
			cfg.ticks = ticks_opt >= 0 ? ticks_opt : suite[i].ticks;
		}
		cfg.cr6[0] = split ? isc_bit(ISC_A) : isc_bit(ISC_A) | isc_bit(ISC_B);
		cfg.cr6[1] = split ? isc_bit(ISC_B) : isc_bit(ISC_A) | isc_bit(ISC_B);
		cfg.bound = bound_opt != -2 ? bound_opt : custom ? 2 : suite[i].bound;
		explore(&r);
		print_result(&r);
		any_strand |= r.count[O_STRAND] > 0;
		any_stall |= r.count[O_STALL] > 0;
		any_safety |= r.count[O_SAFETY] > 0;
		total_execs += r.execs;
		total_strands += r.count[O_STRAND];
		total_stalls += r.count[O_STALL];
		if (r.shortest && (!shortest || r.shortest < shortest))
			shortest = r.shortest;
		if (any_strand && expect && !strcmp(expect, "strand") && cfg.stop_first)
			break;
	}
	free(dec);
	free(steps);
	free(events);
	printf("explore: %s: %ld interleavings in all, %ld strands, %ld stalls\n", cfg.spec,
	       total_execs, total_strands, total_stalls);
	if (expect && !strcmp(expect, "finding")) {
		if (any_strand || any_stall)
			printf("FINDING: policy %s %s (%ld of %ld interleavings; shortest "
			       "counterexample %d steps, printed above)\n",
			       cfg.spec,
			       any_strand && any_stall ?
				       "strands an interrupt and stalls its kicker" :
			       any_strand ? "strands an interrupt" :
					    "stalls: its kicker never wakes a sleeping vcpu",
			       total_strands + total_stalls, total_execs, shortest);
		else
			printf("explore: policy %s: no strand, no stall within the bounds\n",
			       cfg.spec);
		printf("explore: %s\n",
		       any_safety ? "FAIL: a safety violation (see the counterexample)" :
				    "PASS: findings are reported, not failures");
		return any_safety ? 1 : 0;
	}
	if (expect && !strcmp(expect, "stall")) {
		printf("explore: %s\n",
		       any_stall ? "PASS: the stall was found" : "FAIL: no stall found");
		return any_stall && !any_safety ? 0 : 1;
	}
	if (expect && !strcmp(expect, "strand")) {
		printf("explore: %s\n", any_strand ? "PASS: the planted strand was found" :
						     "FAIL: no strand found for a planted bug");
		return any_strand ? 0 : 1;
	}
	if (expect && !strcmp(expect, "clean")) {
		printf("explore: %s\n", !any_strand && !any_stall && !any_safety ?
						"PASS: no strand, no stall, no violation" :
						"FAIL: see the counterexample");
		return !any_strand && !any_stall && !any_safety ? 0 : 1;
	}
	return any_strand || any_stall || any_safety;
}
