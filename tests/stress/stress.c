// SPDX-License-Identifier: GPL-2.0
/*
 * stress.c - real threads against the interrupt core (test-stress, ctest stress-core)
 *
 * The environment of gib.ko, in user space, with real pthreads:
 *  - NR_DEVICES device threads post adapter interruptions through the machine
 *    (machine_post_airq) to random registered ISCs of random VMs, and now and then
 *    inject one in software (kvm_s390_inject_airq) on an ISC every vcpu of the VM
 *    enables; one of them also churns the registration of an ISC nobody posts to;
 *  - one GAL thread: raise_gal counts a raise and signals it; the thread runs
 *    gib_alert_irq_handler once per batch of raises (a raise while it runs causes
 *    another run);
 *  - one hrtimer thread runs every VM's kicker (kicker_start/cancel/active with
 *    hrtimer semantics: cancel waits for a running callback, a callback's non-zero
 *    return re-arms unless the timer was started meanwhile);
 *  - each vcpu a thread: SIE entry, guest work, a wait intercept, then, on an
 *    enabled wait, halt-polling and a real sleep that a wakeup cannot miss.
 * Model time is scaled down by TIME_SCALE (the 50 us kicker period runs in 5 us).
 * Once the devices have posted their quota, the system must drain: every IPM 0,
 * every post delivered, the GAL thread idle, the alert list NULL. Then the vcpus
 * stop, the VMs are destroyed and the accounting is checked.
 *
 * Software injections go only to ISCs every vcpu of the VM enables: upstream's
 * __floating_irq_kick wakes the first idle vcpu whatever its CR6, so an ISC only
 * a sleeping vcpu enables can stay pending, with the IAM armed and no kicker,
 * until the next device post to that VM; at the end of a run nothing comes and
 * the drain would time out (seen with injections on any ISC: about 1 run in 15
 * at GIB_STRESS_POSTS=3000).
 *
 * Size: GIB_STRESS_POSTS posts in all (default 10^6, times GIB_CI_SCALE if set;
 * about 12 s under TSan or ASan on 2 cores); GIB_STRESS_SEED seeds the threads'
 * generators. Soak, 10^7 posts (about 160 s under TSan on 2 cores):
 *   TSAN_OPTIONS=halt_on_error=1:exitcode=66 build/tsan/tests/stress/test-stress --soak
 * or GIB_STRESS_POSTS=10000000 test-stress. Exit status 0: all checks held.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "gib.h"

#define NR_VMS 3
#define MAX_VM_VCPUS 4
#define NR_DEVICES 3
#define TIME_SCALE 10 /* model ns per real ns */
#define DEFAULT_POSTS 1000000ULL
#define SOAK_POSTS 10000000ULL
#define DRAIN_TIMEOUT_NS (30ULL * 1000000000ULL)
#define CHURN_ISC 5 /* registered and unregistered at random; VM 0 posts nothing to it */

/* what each VM looks like; every registered ISC is enabled in some vcpu's CR6 */
struct vm_conf {
	const char *what;
	u8 iscs; /* registered ISCs (isc_bit mask) */
	u8 common; /* an ISC every vcpu enables: software injections go there */
	int nr_vcpus;
	u8 cr6[MAX_VM_VCPUS];
	u64 halt_poll_ns; /* ~0: the policy's default */
	u32 fanout;
};

static const struct vm_conf vm_confs[NR_VMS] = {
	/* ISCs 1, 3, 6; 3 in every vcpu, 1 in two, 6 in two */
	{ "defaults", 0x52, 3, 3, { 0x52, 0x50, 0x12 }, ~0ULL, 1 },
	/* ISCs 2, 5; 5 in vcpu 1 only; vcpu 0 also enables ISC 0, never registered */
	{ "halt_poll=0", 0x24, 2, 2, { 0xa0, 0x24 }, 0, 1 },
	/* ISCs 0, 4, 7; 4 and 7 in one vcpu each */
	{ "fanout=2", 0x89, 0, 4, { 0x80, 0x88, 0x81, 0x80 }, ~0ULL, 2 },
};

struct s_vcpu {
	struct gib_vcpu v;
	struct s_vm *vm;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool woken; /* under lock: set by vcpu_wake_up */
	u64 rnd;
	/* the vcpu thread's own counts */
	u64 halts, polls_hit, sleeps, sleep_wakeups;
	u64 sie_delivered; /* atomic: the machine's thread calls sie_delivered */
};

struct s_vm {
	struct gib_vm kvm;
	struct sie_page2 page;
	const struct vm_conf *conf;
	struct s_vcpu vcpus[MAX_VM_VCPUS];
	/* the kicker, under timer_lock */
	bool kicker_armed;
	bool kicker_running;
	u64 kicker_deadline; /* real monotonic ns */
	/* posts made by the device threads (atomic) */
	u64 dev_posts, sw_posts;
	/* counted from the core's events (atomic) */
	u64 ev[GIB_EV_MAX];
	u64 ev_delivered_posts; /* sum of airq_deliver's arg */
	u64 ev_zero_deliveries; /* airq_deliver with arg 0 */
	u64 ev_gal_raised; /* gisa_alert into a NULL list */
};

static struct gib_host host;
static struct s_vm vms[NR_VMS];
static u64 host_ev[GIB_EV_MAX];

static pthread_mutex_t gal_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gal_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t gal_idle_cond = PTHREAD_COND_INITIALIZER;
static u64 gal_raises, gal_seen, gal_runs; /* under gal_lock */
static bool gal_busy, gal_stop;

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timer_cond; /* CLOCK_MONOTONIC */
static pthread_cond_t timer_idle_cond = PTHREAD_COND_INITIALIZER;
static bool timer_stop;
static u64 timer_runs;
static pthread_t timer_thread_id;

static int vcpu_stop; /* atomic */
static int devices_stop; /* atomic: a failure elsewhere stops the devices early */
static u64 posts_total;
static u64 seed = 0x9e3779b97f4a7c15ULL;
static int failures;

#define ld(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define st(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define inc(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#define add(x, n) __atomic_fetch_add(&(x), (n), __ATOMIC_RELAXED)
#define U(x) ((unsigned long long)(x))

#define CHECK(cond, fmt, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "stress: FAIL %s:%d: %s: " fmt "\n", __FILE__, __LINE__,   \
				#cond, ##__VA_ARGS__);                                             \
			inc(failures);                                                             \
		}                                                                                  \
	} while (0)

static void die(const char *what, int err)
{
	fprintf(stderr, "stress: %s: %s\n", what, strerror(err));
	exit(2);
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static struct timespec ns_to_ts(u64 ns)
{
	return (struct timespec){ .tv_sec = (time_t)(ns / 1000000000ULL),
				  .tv_nsec = (long)(ns % 1000000000ULL) };
}

static u64 rnd_next(u64 *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static u32 rnd_below(u64 *s, u32 n)
{
	return (u32)((rnd_next(s) >> 32) % n);
}

static void spin(u32 n)
{
	for (u32 i = 0; i < n; i++)
		__asm__ __volatile__("" ::: "memory");
}

static struct s_vm *s_vm_of(struct gib_vm *kvm)
{
	return container_of(kvm, struct s_vm, kvm);
}

static struct s_vcpu *s_vcpu_of(struct gib_vcpu *vcpu)
{
	return container_of(vcpu, struct s_vcpu, v);
}

/* ---- the host operations ---- */

static void op_kicker_start(struct gib_vm *kvm, u64 delay_ns)
{
	struct s_vm *vm = s_vm_of(kvm);

	pthread_mutex_lock(&timer_lock);
	vm->kicker_armed = true;
	vm->kicker_deadline = now_ns() + delay_ns / TIME_SCALE;
	pthread_cond_signal(&timer_cond);
	pthread_mutex_unlock(&timer_lock);
}

/* hrtimer_cancel: dequeue, and wait for a running callback to return */
static void op_kicker_cancel(struct gib_vm *kvm)
{
	struct s_vm *vm = s_vm_of(kvm);

	if (pthread_equal(pthread_self(), timer_thread_id)) {
		fprintf(stderr, "stress: kicker_cancel from the kicker itself would deadlock\n");
		abort();
	}
	pthread_mutex_lock(&timer_lock);
	vm->kicker_armed = false;
	while (vm->kicker_running)
		pthread_cond_wait(&timer_idle_cond, &timer_lock);
	pthread_mutex_unlock(&timer_lock);
}

/* hrtimer_active: queued or running */
static bool op_kicker_active(struct gib_vm *kvm)
{
	struct s_vm *vm = s_vm_of(kvm);
	bool active;

	pthread_mutex_lock(&timer_lock);
	active = vm->kicker_armed || vm->kicker_running;
	pthread_mutex_unlock(&timer_lock);
	return active;
}

static void op_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	struct s_vcpu *sv = s_vcpu_of(vcpu);

	pthread_mutex_lock(&sv->lock);
	sv->woken = true;
	pthread_cond_signal(&sv->cond);
	pthread_mutex_unlock(&sv->lock);
}

static void op_raise_gal(struct gib_host *h)
{
	(void)h;
	pthread_mutex_lock(&gal_lock);
	gal_raises++;
	pthread_cond_signal(&gal_cond);
	pthread_mutex_unlock(&gal_lock);
}

static void op_sie_delivered(struct gib_vcpu *vcpu, u32 isc)
{
	(void)isc;
	inc(s_vcpu_of(vcpu)->sie_delivered);
}

static void op_event(struct gib_host *h, const struct gib_event *ev)
{
	struct s_vm *vm;

	(void)h;
	if (ev->type >= GIB_EV_MAX)
		return;
	if (ev->vm == GIB_NO_VM || ev->vm >= NR_VMS) {
		inc(host_ev[ev->type]);
		return;
	}
	vm = &vms[ev->vm];
	inc(vm->ev[ev->type]);
	if (ev->type == GIB_EV_airq_deliver) {
		add(vm->ev_delivered_posts, ev->arg);
		if (!ev->arg)
			inc(vm->ev_zero_deliveries);
	} else if (ev->type == GIB_EV_gisa_alert && ev->arg == NULL_GISA_ADDR) {
		inc(vm->ev_gal_raised);
	}
}

static const struct gib_host_ops stress_ops = {
	.kicker_start = op_kicker_start,
	.kicker_cancel = op_kicker_cancel,
	.kicker_active = op_kicker_active,
	.vcpu_wake_up = op_vcpu_wake_up,
	.raise_gal = op_raise_gal,
	.sie_delivered = op_sie_delivered,
	.event = op_event,
};

/* ---- the GAL interruption ---- */

static void *gal_thread(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gal_lock);
	for (;;) {
		if (gal_seen == gal_raises) {
			if (gal_stop)
				break;
			pthread_cond_wait(&gal_cond, &gal_lock);
			continue;
		}
		/* every raise up to here is served by this run; later ones by another */
		gal_seen = gal_raises;
		gal_busy = true;
		pthread_mutex_unlock(&gal_lock);
		gib_alert_irq_handler(&host);
		pthread_mutex_lock(&gal_lock);
		gal_runs++;
		gal_busy = false;
		pthread_cond_broadcast(&gal_idle_cond);
	}
	pthread_mutex_unlock(&gal_lock);
	return NULL;
}

/* ---- the hrtimer base ---- */

static void *timer_thread(void *arg)
{
	struct s_vm *vm, *due;
	struct timespec ts;
	u64 now, next;
	int i;

	(void)arg;
	pthread_mutex_lock(&timer_lock);
	while (!timer_stop) {
		due = NULL;
		for (i = 0; i < NR_VMS; i++) {
			vm = &vms[i];
			if (vm->kicker_armed &&
			    (!due || vm->kicker_deadline < due->kicker_deadline))
				due = vm;
		}
		if (!due) {
			pthread_cond_wait(&timer_cond, &timer_lock);
			continue;
		}
		now = now_ns();
		if (due->kicker_deadline > now) {
			ts = ns_to_ts(due->kicker_deadline);
			pthread_cond_timedwait(&timer_cond, &timer_lock, &ts);
			continue;
		}
		due->kicker_armed = false;
		due->kicker_running = true;
		pthread_mutex_unlock(&timer_lock);
		next = gisa_vcpu_kicker(&due->kvm);
		pthread_mutex_lock(&timer_lock);
		timer_runs++;
		due->kicker_running = false;
		/* HRTIMER_RESTART: re-queue, unless started again meanwhile */
		if (next && !due->kicker_armed) {
			due->kicker_armed = true;
			due->kicker_deadline = now_ns() + next / TIME_SCALE;
		}
		pthread_cond_broadcast(&timer_idle_cond);
	}
	pthread_mutex_unlock(&timer_lock);
	return NULL;
}

/* ---- vcpus ---- */

/*
 * kvm_vcpu_halt: poll kvm_arch_vcpu_runnable for the halt-poll window, then block.
 * As kvm_vcpu_block, the vcpu marks itself sleeping (woken = false) before its
 * last runnable check, so a wakeup after that check ends the sleep at once.
 * Returns whether it really slept.
 */
static bool vcpu_halt(struct s_vcpu *sv)
{
	struct gib_vcpu *v = &sv->v;
	u64 poll = sv->vm->kvm.params.halt_poll_ns / TIME_SCALE, start;
	bool slept = false;

	sv->halts++;
	if (poll) {
		start = now_ns();
		do {
			if (kvm_arch_vcpu_runnable(v)) {
				sv->polls_hit++;
				return false;
			}
			spin(20);
		} while (now_ns() - start < poll);
	}
	for (;;) {
		pthread_mutex_lock(&sv->lock);
		sv->woken = false;
		pthread_mutex_unlock(&sv->lock);
		if (kvm_arch_vcpu_runnable(v) || ld(vcpu_stop))
			break;
		if (!slept)
			sv->sleeps++;
		slept = true;
		pthread_mutex_lock(&sv->lock);
		while (!sv->woken && !ld(vcpu_stop))
			pthread_cond_wait(&sv->cond, &sv->lock);
		pthread_mutex_unlock(&sv->lock);
		sv->sleep_wakeups++;
	}
	return slept;
}

static void *vcpu_thread(void *arg)
{
	struct s_vcpu *sv = arg;
	struct gib_vcpu *v = &sv->v;
	enum gib_wait_kind kind;

	while (!ld(vcpu_stop)) {
		gib_vcpu_enter_sie(v);
		/* guest work; the machine delivers directly meanwhile */
		spin(rnd_below(&sv->rnd, 2000));
		if (!rnd_below(&sv->rnd, 32))
			sched_yield();
		if (rnd_below(&sv->rnd, 4) == 0) {
			gib_vcpu_exit_sie(v, GIB_EXIT_OTHER);
			continue;
		}
		gib_vcpu_exit_sie(v, GIB_EXIT_WAIT);
		kind = kvm_s390_handle_wait(v);
		if (kind == GIB_WAIT_RUNNABLE)
			continue;
		if (kind == GIB_WAIT_DISABLED) {
			fprintf(stderr, "stress: vm %u vcpu %u: disabled wait\n", v->kvm->id,
				v->vcpu_idx);
			inc(failures);
			break;
		}
		kvm_s390_handle_wait_done(v, vcpu_halt(sv));
	}
	gib_vcpu_stop(v);
	return NULL;
}

/* ---- devices ---- */

struct device {
	int id;
	u64 quota;
	u64 rnd;
	u32 sleep_in_64; /* how often it pauses for 1..21 us, in 64 posts */
	pthread_t thread;
	u64 churns;
};

/* one device posts in bursts (word-0 contention), two pause often (alerts, kicks) */
static const u32 device_sleep_in_64[NR_DEVICES] = { 0, 16, 48 };

static u32 pick_isc(u64 *rnd, u8 mask)
{
	u32 n = (u32)__builtin_popcount(mask), k = rnd_below(rnd, n), isc;

	for (isc = 0; isc <= MAX_ISC; isc++)
		if ((mask & isc_bit(isc)) && k-- == 0)
			return isc;
	return 0;
}

static void *device_thread(void *arg)
{
	struct device *d = arg;
	struct s_vm *vm;
	struct timespec ts;
	u64 i;
	u32 r;

	for (i = 0; i < d->quota && !ld(devices_stop); i++) {
		vm = &vms[rnd_below(&d->rnd, NR_VMS)];
		if (!rnd_below(&d->rnd, 16)) {
			inc(vm->sw_posts);
			kvm_s390_inject_airq(&vm->kvm, vm->conf->common);
		} else {
			inc(vm->dev_posts);
			machine_post_airq(&vm->kvm, pick_isc(&d->rnd, vm->conf->iscs));
		}
		/* an ISC registered for a while: the IAM changes under everybody */
		if (d->id == 0 && !rnd_below(&d->rnd, 256)) {
			kvm_s390_gisc_register(&vms[0].kvm, CHURN_ISC);
			spin(rnd_below(&d->rnd, 500));
			kvm_s390_gisc_unregister(&vms[0].kvm, CHURN_ISC);
			d->churns++;
		}
		r = rnd_below(&d->rnd, 64);
		if (r < d->sleep_in_64) {
			ts = ns_to_ts(1000 + rnd_below(&d->rnd, 20000));
			nanosleep(&ts, NULL);
		} else if (r < 16) {
			spin(rnd_below(&d->rnd, 3000));
		}
	}
	return NULL;
}

/* ---- set-up, drain, teardown, checks ---- */

static void setup(void)
{
	const struct gib_policy *policy = gib_policy_find("upstream");
	struct gib_params params;
	pthread_condattr_t ca;
	int i, j, rc;
	u32 isc;

	if (!policy) {
		fprintf(stderr, "stress: no policy 'upstream'\n");
		exit(2);
	}
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&timer_cond, &ca);
	pthread_condattr_destroy(&ca);

	gib_host_init(&host, &stress_ops, 5);
	for (i = 0; i < NR_VMS; i++) {
		struct s_vm *vm = &vms[i];
		const struct vm_conf *c = &vm_confs[i];

		vm->conf = c;
		params = policy->defaults;
		if (c->halt_poll_ns != ~0ULL)
			params.halt_poll_ns = c->halt_poll_ns;
		params.fanout = c->fanout;
		vm->kvm.id = (u16)i;
		rc = gib_vm_init(&host, &vm->kvm, &vm->page, policy, &params);
		if (rc)
			die("gib_vm_init", -rc);
		for (isc = 0; isc <= MAX_ISC; isc++) {
			if (!(c->iscs & isc_bit(isc)))
				continue;
			rc = kvm_s390_gisc_register(&vm->kvm, isc);
			CHECK(rc == 5, "vm %d isc %u: register returned %d", i, isc, rc);
		}
		/* one ISC with two references */
		kvm_s390_gisc_register(&vm->kvm, c->common);
		for (j = 0; j < c->nr_vcpus; j++) {
			struct s_vcpu *sv = &vm->vcpus[j];

			CHECK((c->cr6[j] & isc_bit(c->common)) != 0, "vm %d vcpu %d", i, j);
			sv->vm = vm;
			sv->rnd = seed ^ (u64)(i * 64 + j + 1) * 0x100000001b3ULL;
			pthread_mutex_init(&sv->lock, NULL);
			pthread_cond_init(&sv->cond, NULL);
			gib_vcpu_init(&vm->kvm, &sv->v, (u16)j);
			sv->v.priv = sv;
			gib_vcpu_set_masks(&sv->v, c->cr6[j], true, false);
		}
	}
}

static bool vm_drained(struct s_vm *vm)
{
	struct gib_vm *kvm = &vm->kvm;
	u32 isc;

	if (gisa_get_ipm(kvm->gisa_int.origin))
		return false;
	for (isc = 0; isc <= MAX_ISC; isc++)
		if ((u32)gib_atomic_read(&kvm->posts_pending[isc]))
			return false;
	return ld(vm->ev_delivered_posts) == gib_stat(kvm, GIB_STAT_posts) &&
	       !gisa_linked(kvm->gisa_int.origin);
}

static bool host_drained(void)
{
	bool idle;

	pthread_mutex_lock(&gal_lock);
	idle = !gal_busy && gal_seen == gal_raises;
	pthread_mutex_unlock(&gal_lock);
	return idle && ld(host.gib.alert_list_origin) == NULL_GISA_ADDR;
}

static void dump(void)
{
	int i, j;
	u32 isc;

	pthread_mutex_lock(&gal_lock);
	fprintf(stderr, "host: alert_list_origin 0x%08x gal raises %llu seen %llu runs %llu%s\n",
		ld(host.gib.alert_list_origin), (unsigned long long)gal_raises,
		(unsigned long long)gal_seen, (unsigned long long)gal_runs,
		gal_busy ? " (handler running)" : "");
	pthread_mutex_unlock(&gal_lock);
	for (i = 0; i < NR_VMS; i++) {
		struct s_vm *vm = &vms[i];
		struct gib_vm *kvm = &vm->kvm;
		struct kvm_s390_gisa *gisa = &vm->page.gisa;
		u64 w = gisa_word0(gisa), now = now_ns();

		fprintf(stderr,
			"vm %d (%s): word0 0x%016llx next_alert 0x%08x (self 0x%08x) ipm 0x%02x "
			"iam 0x%02x alert.mask 0x%02x idle 0x%lx kicked 0x%lx\n",
			i, vm->conf->what, (unsigned long long)w, gisa_word_next_alert(w),
			gisa_phys(gisa), gisa_word_ipm(w), gisa_word_iam(w),
			ld(kvm->gisa_int.alert.mask), ld(kvm->idle_mask[0]),
			ld(kvm->gisa_int.kicked_mask[0]));
		pthread_mutex_lock(&timer_lock);
		fprintf(stderr, "  kicker: armed %d running %d deadline %+lld ns\n",
			vm->kicker_armed, vm->kicker_running,
			vm->kicker_armed ? (long long)(vm->kicker_deadline - now) : 0LL);
		pthread_mutex_unlock(&timer_lock);
		fprintf(stderr, "  posts_pending:");
		for (isc = 0; isc <= MAX_ISC; isc++)
			fprintf(stderr, " %u", (u32)gib_atomic_read(&kvm->posts_pending[isc]));
		fprintf(stderr, "\n  delivered posts (events) %llu\n",
			(unsigned long long)ld(vm->ev_delivered_posts));
		for (j = 0; j < vm->conf->nr_vcpus; j++) {
			struct s_vcpu *sv = &vm->vcpus[j];
			bool woken;

			pthread_mutex_lock(&sv->lock);
			woken = sv->woken;
			pthread_mutex_unlock(&sv->lock);
			fprintf(stderr, "  vcpu %d: state %d cr6 0x%02x valid_wakeup %d woken %d\n",
				j, ld(sv->v.state), ld(sv->v.gcr6), ld(sv->v.valid_wakeup), woken);
		}
		fprintf(stderr, " ");
		for (j = 0; j < GIB_STAT_NR; j++)
			fprintf(stderr, " %s=%llu", gib_vm_stat_names[j],
				(unsigned long long)gib_stat(kvm, j));
		fprintf(stderr, "\n");
	}
}

/* wait until everything posted is delivered and the alert path is quiet */
static bool drain(void)
{
	u64 deadline = now_ns() + DRAIN_TIMEOUT_NS;
	struct timespec ts = ns_to_ts(200000);
	bool done;
	int i;

	for (;;) {
		done = true;
		for (i = 0; i < NR_VMS && done; i++)
			done = vm_drained(&vms[i]);
		if (done && host_drained())
			return true;
		if (now_ns() > deadline)
			return false;
		nanosleep(&ts, NULL);
	}
}

static void stop_vcpus(void)
{
	int i, j;

	st(vcpu_stop, 1);
	for (i = 0; i < NR_VMS; i++) {
		for (j = 0; j < vms[i].conf->nr_vcpus; j++) {
			struct s_vcpu *sv = &vms[i].vcpus[j];

			pthread_mutex_lock(&sv->lock);
			pthread_cond_broadcast(&sv->cond);
			pthread_mutex_unlock(&sv->lock);
		}
	}
	for (i = 0; i < NR_VMS; i++)
		for (j = 0; j < vms[i].conf->nr_vcpus; j++)
			pthread_join(vms[i].vcpus[j].thread, NULL);
}

static void teardown(void)
{
	int i, j, rc;
	u32 isc;

	for (i = 0; i < NR_VMS; i++) {
		struct s_vm *vm = &vms[i];
		struct gib_vm *kvm = &vm->kvm;
		struct kvm_s390_gisa *gisa = &vm->page.gisa;

		for (j = 0; j < vm->conf->nr_vcpus; j++)
			gib_vcpu_release(&vm->vcpus[j].v);
		for (isc = 0; isc <= MAX_ISC; isc++) {
			if (!(vm->conf->iscs & isc_bit(isc)))
				continue;
			rc = kvm_s390_gisc_unregister(kvm, isc);
			CHECK(rc == 0, "vm %d isc %u: unregister %d", i, isc, rc);
		}
		rc = kvm_s390_gisc_unregister(kvm, vm->conf->common);
		CHECK(rc == 0, "vm %d: second unregister of isc %u: %d", i, vm->conf->common, rc);
		rc = kvm_s390_gisc_unregister(kvm, vm->conf->common);
		CHECK(rc == -EINVAL, "vm %d: third unregister of isc %u: %d", i, vm->conf->common,
		      rc);
		CHECK(ld(kvm->gisa_int.alert.mask) == 0, "vm %d: alert mask 0x%02x", i,
		      ld(kvm->gisa_int.alert.mask));
		kvm_s390_gisa_destroy(kvm);
		CHECK(kvm->gisa_int.origin == NULL, "vm %d", i);
		CHECK(!op_kicker_active(kvm), "vm %d: kicker active after destroy", i);
		CHECK(!gisa_linked(gisa), "vm %d: GISA linked after destroy", i);
		CHECK(gisa_word_iam(gisa_word0(gisa)) == 0, "vm %d: IAM 0x%02x after destroy", i,
		      gisa_word_iam(gisa_word0(gisa)));
		gib_vm_release(kvm);
	}
}

static u64 sum_stat(enum gib_vm_stat s)
{
	u64 n = 0;

	for (int i = 0; i < NR_VMS; i++)
		n += gib_stat(&vms[i].kvm, s);
	return n;
}

static void check_vm(int i)
{
	struct s_vm *vm = &vms[i];
	struct gib_vm *kvm = &vm->kvm;
	u64 posts = gib_stat(kvm, GIB_STAT_posts);
	u64 deliveries = gib_stat(kvm, GIB_STAT_deliveries);
	u64 coalesced = gib_stat(kvm, GIB_STAT_coalesced);
	u64 sie = 0;
	u32 isc;
	int j;

	CHECK(posts == vm->dev_posts + vm->sw_posts, "vm %d: posts %llu, made %llu + %llu", i,
	      U(posts), U(vm->dev_posts), U(vm->sw_posts));
	CHECK(gib_stat(kvm, GIB_STAT_posts_device) == vm->dev_posts, "vm %d: %llu vs %llu", i,
	      U(gib_stat(kvm, GIB_STAT_posts_device)), U(vm->dev_posts));
	CHECK(gib_stat(kvm, GIB_STAT_posts_software) == vm->sw_posts, "vm %d: %llu vs %llu", i,
	      U(gib_stat(kvm, GIB_STAT_posts_software)), U(vm->sw_posts));
	CHECK(ld(vm->ev[GIB_EV_airq_post]) == posts, "vm %d: %llu post events, %llu posts", i,
	      U(ld(vm->ev[GIB_EV_airq_post])), U(posts));
	CHECK(ld(vm->ev_delivered_posts) == posts, "vm %d: %llu posts delivered of %llu", i,
	      U(ld(vm->ev_delivered_posts)), U(posts));
	CHECK(ld(vm->ev[GIB_EV_airq_deliver]) == deliveries,
	      "vm %d: %llu deliver events, stat %llu", i, U(ld(vm->ev[GIB_EV_airq_deliver])),
	      U(deliveries));
	CHECK(deliveries <= posts, "vm %d: %llu deliveries > %llu posts", i, U(deliveries),
	      U(posts));
	/*
	 * Each post either sets its IPM bit (consumed later by exactly one delivery) or
	 * finds it set (coalesced): once everything is delivered the two add up exactly.
	 */
	CHECK(deliveries + coalesced == posts,
	      "vm %d: deliveries %llu + coalesced %llu != posts %llu", i, U(deliveries),
	      U(coalesced), U(posts));
	for (isc = 0; isc <= MAX_ISC; isc++)
		CHECK(gib_atomic_read(&kvm->posts_pending[isc]) == 0, "vm %d isc %u: %d pending", i,
		      isc, gib_atomic_read(&kvm->posts_pending[isc]));
	for (j = 0; j < vm->conf->nr_vcpus; j++)
		sie += ld(vm->vcpus[j].sie_delivered);
	CHECK(sie == gib_stat(kvm, GIB_STAT_deliveries_sie), "vm %d: sie_delivered %llu, stat %llu",
	      i, U(sie), U(gib_stat(kvm, GIB_STAT_deliveries_sie)));
	CHECK(ld(vm->ev[GIB_EV_gisa_alert]) == gib_stat(kvm, GIB_STAT_alerts), "vm %d", i);
	CHECK(ld(vm->ev_gal_raised) == gib_stat(kvm, GIB_STAT_gal_raised), "vm %d", i);
	CHECK(gib_stat(kvm, GIB_STAT_alerts) == gib_stat(kvm, GIB_STAT_unlinked),
	      "vm %d: %llu alerts, %llu unlinked", i, U(gib_stat(kvm, GIB_STAT_alerts)),
	      U(gib_stat(kvm, GIB_STAT_unlinked)));
	CHECK(gib_stat(kvm, GIB_STAT_halts) == gib_stat(kvm, GIB_STAT_wakeups),
	      "vm %d: %llu halts, %llu wakeups", i, U(gib_stat(kvm, GIB_STAT_halts)),
	      U(gib_stat(kvm, GIB_STAT_wakeups)));
	if (gib_stat(kvm, GIB_STAT_posts_device) > 1000)
		CHECK(gib_stat(kvm, GIB_STAT_alerts) > 0, "vm %d: no alert at all", i);
}

static void report(u64 elapsed_ns)
{
	double s = (double)elapsed_ns / 1e9;
	u64 sleeps = 0, polls = 0, wakes = 0;

	for (int i = 0; i < NR_VMS; i++) {
		struct s_vm *vm = &vms[i];
		struct gib_vm *kvm = &vm->kvm;

		for (int j = 0; j < vm->conf->nr_vcpus; j++) {
			sleeps += vm->vcpus[j].sleeps;
			polls += vm->vcpus[j].polls_hit;
			wakes += vm->vcpus[j].sleep_wakeups;
		}
		printf("vm %d (%s): posts %llu (device %llu, software %llu) deliveries %llu "
		       "(sie %llu, empty %llu) coalesced %llu alerts %llu gal_raised %llu kicker "
		       "ticks %llu kicks %llu suppressed %llu restores %llu halts %llu spurious "
		       "%llu cas_retries %llu\n",
		       i, vm->conf->what, U(gib_stat(kvm, GIB_STAT_posts)),
		       U(gib_stat(kvm, GIB_STAT_posts_device)),
		       U(gib_stat(kvm, GIB_STAT_posts_software)),
		       U(gib_stat(kvm, GIB_STAT_deliveries)),
		       U(gib_stat(kvm, GIB_STAT_deliveries_sie)), U(ld(vm->ev_zero_deliveries)),
		       U(gib_stat(kvm, GIB_STAT_coalesced)), U(gib_stat(kvm, GIB_STAT_alerts)),
		       U(gib_stat(kvm, GIB_STAT_gal_raised)),
		       U(gib_stat(kvm, GIB_STAT_kicker_ticks)), U(gib_stat(kvm, GIB_STAT_kicks)),
		       U(gib_stat(kvm, GIB_STAT_kicks_suppressed)),
		       U(gib_stat(kvm, GIB_STAT_restores)), U(gib_stat(kvm, GIB_STAT_halts)),
		       U(gib_stat(kvm, GIB_STAT_wakeups_spurious)),
		       U(gib_stat(kvm, GIB_STAT_cas_retries)));
	}
	printf("stress: %llu posts in %.2f s: %.0f posts/s; deliveries %llu, alerts %llu, GAL "
	       "raised %llu / handler runs %llu / passes %llu, kicker ticks %llu, kicks %llu, "
	       "halts %llu (poll hits %llu, sleeps %llu, sleep wakeups %llu), spurious wakeups "
	       "%llu\n",
	       U(sum_stat(GIB_STAT_posts)), s, (double)sum_stat(GIB_STAT_posts) / s,
	       U(sum_stat(GIB_STAT_deliveries)), U(sum_stat(GIB_STAT_alerts)), U(gal_raises),
	       U(gal_runs), U(gib_counter_read(&host.gal_passes)), U(timer_runs),
	       U(sum_stat(GIB_STAT_kicks)), U(sum_stat(GIB_STAT_halts)), U(polls), U(sleeps),
	       U(wakes), U(sum_stat(GIB_STAT_wakeups_spurious)));
}

static u64 env_u64(const char *name, u64 def)
{
	const char *s = getenv(name);
	char *end;
	unsigned long long v;

	if (!s || !*s)
		return def;
	v = strtoull(s, &end, 0);
	if (*end) {
		fprintf(stderr, "stress: invalid %s: %s\n", name, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct device devs[NR_DEVICES];
	pthread_t gal_tid;
	u64 start, elapsed, raised_total;
	const char *scale;
	int i, j, rc;
	bool drained;

	posts_total = DEFAULT_POSTS;
	scale = getenv("GIB_CI_SCALE");
	if (scale && *scale && atof(scale) > 0)
		posts_total = (u64)((double)DEFAULT_POSTS * atof(scale));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--soak")) {
			posts_total = SOAK_POSTS;
		} else {
			fprintf(stderr, "usage: %s [--soak]\n", argv[0]);
			return 2;
		}
	}
	posts_total = env_u64("GIB_STRESS_POSTS", posts_total);
	seed = env_u64("GIB_STRESS_SEED", seed) | 1;
	/* the short pauses and kicker periods are microseconds: no timer slack */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

	setup();
	printf("stress: %llu posts, %d VMs, %d devices, seed 0x%llx, time scale 1/%d\n",
	       U(posts_total), NR_VMS, NR_DEVICES, U(seed), TIME_SCALE);
	fflush(stdout);

	start = now_ns();
	rc = pthread_create(&timer_thread_id, NULL, timer_thread, NULL);
	if (rc)
		die("pthread_create", rc);
	rc = pthread_create(&gal_tid, NULL, gal_thread, NULL);
	if (rc)
		die("pthread_create", rc);
	for (i = 0; i < NR_VMS; i++) {
		for (j = 0; j < vms[i].conf->nr_vcpus; j++) {
			rc = pthread_create(&vms[i].vcpus[j].thread, NULL, vcpu_thread,
					    &vms[i].vcpus[j]);
			if (rc)
				die("pthread_create", rc);
		}
	}
	for (i = 0; i < NR_DEVICES; i++) {
		devs[i] = (struct device){ .id = i,
					   .quota = posts_total / NR_DEVICES +
						    (i == 0 ? posts_total % NR_DEVICES : 0),
					   .rnd = seed * (u64)(2 * i + 3),
					   .sleep_in_64 = device_sleep_in_64[i] };
		rc = pthread_create(&devs[i].thread, NULL, device_thread, &devs[i]);
		if (rc)
			die("pthread_create", rc);
	}
	for (i = 0; i < NR_DEVICES; i++)
		pthread_join(devs[i].thread, NULL);

	drained = drain();
	elapsed = now_ns() - start;
	if (!drained) {
		fprintf(stderr, "stress: FAIL: not drained %.1f s after the last post\n",
			DRAIN_TIMEOUT_NS / 1e9);
		dump();
		inc(failures);
	}
	stop_vcpus();
	if (drained) {
		for (i = 0; i < NR_VMS; i++)
			check_vm(i);
		teardown();
	}

	pthread_mutex_lock(&gal_lock);
	gal_stop = true;
	pthread_cond_signal(&gal_cond);
	pthread_mutex_unlock(&gal_lock);
	pthread_join(gal_tid, NULL);
	pthread_mutex_lock(&timer_lock);
	timer_stop = true;
	pthread_cond_signal(&timer_cond);
	pthread_mutex_unlock(&timer_lock);
	pthread_join(timer_thread_id, NULL);

	if (drained) {
		raised_total = sum_stat(GIB_STAT_gal_raised);
		CHECK(raised_total == gal_raises, "%llu GAL raised by the machine, %llu seen",
		      U(raised_total), U(gal_raises));
		CHECK(gal_seen == gal_raises, "%llu raises, %llu served", U(gal_raises),
		      U(gal_seen));
		CHECK(gal_runs <= gal_raises, "%llu runs, %llu raises", U(gal_runs), U(gal_raises));
		CHECK(!gal_raises || gal_runs >= 1, "no handler run");
		CHECK(gib_counter_read(&host.gal_irqs) == gal_runs, "gal_irqs %llu runs %llu",
		      U(gib_counter_read(&host.gal_irqs)), U(gal_runs));
		CHECK(ld(host_ev[GIB_EV_gal_irq]) == gal_runs, "%llu gal_irq events",
		      U(ld(host_ev[GIB_EV_gal_irq])));
		CHECK(sum_stat(GIB_STAT_posts_device) < 1000 || gal_raises > 0, "no GAL at all");
		CHECK(host.gib.alert_list_origin == NULL_GISA_ADDR, "alert list origin 0x%08x",
		      host.gib.alert_list_origin);
		for (i = 0; i < NR_VMS; i++)
			CHECK(host.vms[i] == NULL, "vm %d still in the host table", i);
	}
	report(elapsed);
	if (failures) {
		fprintf(stderr, "stress: %d check(s) FAILED\n", failures);
		return 1;
	}
	printf("stress: OK\n");
	return 0;
}
