// SPDX-License-Identifier: GPL-2.0
/*
 * gib_main.c - gib.ko: the GIB/GISA alert path of s390 KVM on any host
 *
 * The interrupt core of gibtrace (core/, compiled unchanged) driven by kernel
 * glue: each open file of /dev/gib is one host (struct gib_session) with
 *  - the GAL interruption as a hard irq_work that runs the core's
 *    gib_alert_irq_handler();
 *  - a per-VM hard hrtimer as the GISA's kicker (gisa_vcpu_kicker());
 *  - vcpus as kthreads: SIE entry, a busy run for the guest's work, the wait
 *    intercept, halt-polling and a real sleep on an rcuwait until woken;
 *  - one hard hrtimer walking the loaded schedule: device posts through the
 *    machine, software injections and guest timers, in hardirq context;
 *  - the gib:* tracepoints (gib_trace.h) and a counter per event type.
 *
 * Locking: the session mutex serializes the ioctls. alert_lock (raw,
 * irqsave) serializes the GAL handler with kvm_s390_gisa_destroy(), so that
 * a handler that cut off a list holding a GISA has unlinked it, and is done
 * with its kicker, before the GISA is destroyed. Teardown order: the
 * schedule's timer, the vcpu threads, the GISCs, the GISA (under
 * alert_lock), irq_work_sync, then the memory.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/rcuwait.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/capability.h>
#include <linux/mutex.h>
#include <linux/ktime.h>
#include <linux/overflow.h>

#include "gib.h"
#include "uapi/gib.h"

#define CREATE_TRACE_POINTS
#include "gib_trace.h"

/*
 * For modules that attach to gib.ko's steps: tests/convert/kvm-s390-tp
 * re-emits them as the upstream kvm and kvm-s390 tracepoints.
 */
EXPORT_TRACEPOINT_SYMBOL_GPL(airq_post);
EXPORT_TRACEPOINT_SYMBOL_GPL(airq_deliver);
EXPORT_TRACEPOINT_SYMBOL_GPL(sie_enter);
EXPORT_TRACEPOINT_SYMBOL_GPL(sie_exit);
EXPORT_TRACEPOINT_SYMBOL_GPL(vcpu_wait);
EXPORT_TRACEPOINT_SYMBOL_GPL(vcpu_wakeup);

#define GAL_ISC			5	/* the host ISC of the GAL interruption */
#define GIB_MAX_VCPUS_PER_FD	256
#define GIB_WORK_DEFAULT_NS	10000	/* a vcpu without a work sequence */
#define GIB_MAX_WORK_NS		NSEC_PER_SEC
#define GIB_MAX_TS_NS		(3600ULL * NSEC_PER_SEC)
#define GIB_SRC_BATCH		64	/* items per source timer run */
#define GIB_SRC_PAUSE_NS	10000
#define GIB_LOAD_CHUNK		128

struct gib_session;
struct gib_kvm;

struct gib_kvcpu {
	struct gib_vcpu core;
	struct gib_kvm *vm;
	struct task_struct *task;
	struct rcuwait wait;
	bool woken;
	atomic64_t run_end;		/* ktime_get_ns() when the run ends */
	u64 *work;			/* the guest's work sequence, ns */
	u32 nr_work;
	atomic_t next_work;
};

struct gib_kvm {
	struct gib_vm core;
	struct sie_page2 page;
	struct gib_session *s;
	struct hrtimer kicker;
	u32 nr_vcpus;
	struct gib_kvcpu *vcpus;
};

/* a POST or TIMER item of the schedule */
struct gib_titem {
	u64 ts;
	u16 vm;
	u16 vcpu;
	u8 type;
	u8 isc;
	u8 source;
};

struct gib_session {
	struct gib_host host;
	struct mutex lock;		/* the ioctls */
	raw_spinlock_t alert_lock;	/* GAL handler vs. kvm_s390_gisa_destroy */
	struct irq_work gal_work;
	struct hrtimer src_timer;
	struct gib_kvm *vms[GIB_MAX_VMS_PER_FD];
	u32 nr_vcpus;
	struct gib_titem *timed;
	u64 nr_timed;
	u64 cursor;			/* the source timer's */
	atomic64_t sched_done;
	u64 nr_items;
	char sched_name[GIB_SCHED_NAME_LEN];
	ktime_t t0;
	bool running;
	atomic64_t ev[GIB_EV_MAX];
};

typedef void (*gib_tp_fn)(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new,
			  u32 arg, u32 val);

static const gib_tp_fn gib_tps[GIB_EV_MAX] = {
	[GIB_EV_airq_post] = trace_airq_post,
	[GIB_EV_gisa_alert] = trace_gisa_alert,
	[GIB_EV_gal_irq] = trace_gal_irq,
	[GIB_EV_gal_process] = trace_gal_process,
	[GIB_EV_kick_timer] = trace_kick_timer,
	[GIB_EV_vcpu_kick] = trace_vcpu_kick,
	[GIB_EV_vcpu_wakeup] = trace_vcpu_wakeup,
	[GIB_EV_iam_restore] = trace_iam_restore,
	[GIB_EV_airq_deliver] = trace_airq_deliver,
	[GIB_EV_sie_enter] = trace_sie_enter,
	[GIB_EV_sie_exit] = trace_sie_exit,
	[GIB_EV_vcpu_wait] = trace_vcpu_wait,
	[GIB_EV_gisc_register] = trace_gisc_register,
	[GIB_EV_gisc_unregister] = trace_gisc_unregister,
	[GIB_EV_vm_create] = trace_vm_create,
	[GIB_EV_vm_destroy] = trace_vm_destroy,
	[GIB_EV_vcpu_create] = trace_vcpu_create,
	[GIB_EV_vcpu_destroy] = trace_vcpu_destroy,
	[GIB_EV_iam_set] = trace_iam_set,
	[GIB_EV_gisa_unlink] = trace_gisa_unlink,
	[GIB_EV_guest_work] = trace_guest_work,
	[GIB_EV_guest_timer] = trace_guest_timer,
};

static struct gib_session *gib_session_of(struct gib_host *host)
{
	return host->priv;
}

static struct gib_kvm *gib_kvm_of(struct gib_vm *kvm)
{
	return container_of(kvm, struct gib_kvm, core);
}

static struct gib_kvcpu *gib_kvcpu_of(struct gib_vcpu *vcpu)
{
	return container_of(vcpu, struct gib_kvcpu, core);
}

/* ---- struct gib_host_ops ---- */

static void gib_vcpu_extend(struct gib_kvcpu *v);

static void gib_op_event(struct gib_host *host, const struct gib_event *ev)
{
	struct gib_session *s = gib_session_of(host);
	gib_tp_fn tp;

	if (ev->type >= GIB_EV_MAX)
		return;
	atomic64_inc(&s->ev[ev->type]);
	tp = gib_tps[ev->type];
	if (tp)
		tp(ev->vm, ev->vcpu, ev->isc, ev->mask, ev->old, ev->new,
		   ev->arg, ev->val);
	if (ev->type == GIB_EV_airq_deliver && ev->vcpu != GIB_NO_VCPU) {
		struct gib_kvm *kvm = ev->vm < GIB_MAX_VMS_PER_FD ?
				      s->vms[ev->vm] : NULL;

		/* the guest handles it: its run goes on by one more work item */
		if (kvm && ev->vcpu < kvm->nr_vcpus)
			gib_vcpu_extend(&kvm->vcpus[ev->vcpu]);
	}
}

static void gib_glue_emit(struct gib_kvcpu *v, u16 type, u32 val)
{
	struct gib_event ev = {
		.type = type, .vm = v->core.kvm->id, .vcpu = v->core.vcpu_idx,
		.isc = GIB_NO_ISC, .val = val,
	};

	gib_op_event(v->core.kvm->host, &ev);
}

static enum hrtimer_restart gib_kicker_fn(struct hrtimer *t)
{
	struct gib_kvm *kvm = container_of(t, struct gib_kvm, kicker);
	u64 next = gisa_vcpu_kicker(&kvm->core);

	/* started again meanwhile: that start stands */
	if (!next || hrtimer_is_queued(t))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(next));
	return HRTIMER_RESTART;
}

static void gib_op_kicker_start(struct gib_vm *kvm, u64 delay_ns)
{
	hrtimer_start(&gib_kvm_of(kvm)->kicker, ns_to_ktime(delay_ns),
		      HRTIMER_MODE_REL_HARD);
}

static void gib_op_kicker_cancel(struct gib_vm *kvm)
{
	hrtimer_cancel(&gib_kvm_of(kvm)->kicker);
}

static bool gib_op_kicker_active(struct gib_vm *kvm)
{
	return hrtimer_active(&gib_kvm_of(kvm)->kicker);
}

/* kvm_vcpu_wake_up: the flag first, so that a vcpu about to sleep sees it */
static void gib_op_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	struct gib_kvcpu *v = gib_kvcpu_of(vcpu);

	smp_mb();	/* the IPM/timer update before the flag (vs. gib_vcpu_halt) */
	WRITE_ONCE(v->woken, true);
	rcuwait_wake_up(&v->wait);
}

static void gib_op_raise_gal(struct gib_host *host)
{
	irq_work_queue(&gib_session_of(host)->gal_work);
}

static const struct gib_host_ops gib_ops = {
	.kicker_start = gib_op_kicker_start,
	.kicker_cancel = gib_op_kicker_cancel,
	.kicker_active = gib_op_kicker_active,
	.vcpu_wake_up = gib_op_vcpu_wake_up,
	.raise_gal = gib_op_raise_gal,
	.event = gib_op_event,
};

/* the GAL interruption (IRQIO_GAL), in hardirq context */
static void gib_gal_work_fn(struct irq_work *w)
{
	struct gib_session *s = container_of(w, struct gib_session, gal_work);
	unsigned long flags;

	raw_spin_lock_irqsave(&s->alert_lock, flags);
	gib_alert_irq_handler(&s->host);
	raw_spin_unlock_irqrestore(&s->alert_lock, flags);
}

/* ---- vcpus ---- */

static u64 gib_vcpu_next_work(struct gib_kvcpu *v)
{
	u32 i;

	if (!v->nr_work)
		return GIB_WORK_DEFAULT_NS;
	/* used up: start over, as the replayer does */
	i = (u32)atomic_fetch_inc(&v->next_work);
	return v->work[i % v->nr_work];
}

/* the guest works for its next work item: the run ends no earlier */
static void gib_vcpu_extend(struct gib_kvcpu *v)
{
	u64 w = gib_vcpu_next_work(v);
	s64 end = ktime_get_ns() + w, old;

	gib_glue_emit(v, GIB_EV_guest_work, (u32)w);
	old = atomic64_read(&v->run_end);
	while (old < end) {
		s64 prev = atomic64_cmpxchg(&v->run_end, old, end);

		if (prev == old)
			break;
		old = prev;
	}
}

/* a busy run in SIE; deliveries meanwhile extend it */
static void gib_vcpu_run(struct gib_kvcpu *v)
{
	while (!kthread_should_stop() &&
	       ktime_get_ns() < (u64)atomic64_read(&v->run_end)) {
		cpu_relax();
		cond_resched();
	}
}

static bool gib_vcpu_woken(struct gib_kvcpu *v)
{
	return READ_ONCE(v->woken) || kthread_should_stop();
}

/*
 * kvm_vcpu_halt: halt-poll, then sleep. The flag is cleared before each
 * runnable check, so a wakeup after the check ends the sleep at once.
 * Returns whether the vcpu really slept.
 */
static bool gib_vcpu_halt(struct gib_kvcpu *v)
{
	struct gib_vcpu *c = &v->core;
	u64 poll = READ_ONCE(c->kvm->params.halt_poll_ns), end;
	bool slept = false;

	if (poll) {
		end = ktime_get_ns() + poll;
		gib_vcpu_set_polling(c, true);
		do {
			if (kvm_vcpu_check_block(c, false) ||
			    kthread_should_stop()) {
				gib_vcpu_set_polling(c, false);
				return false;
			}
			cpu_relax();
		} while (ktime_get_ns() < end);
		gib_vcpu_set_polling(c, false);
	}
	for (;;) {
		WRITE_ONCE(v->woken, false);
		smp_mb();	/* the flag before the check (vs. gib_op_vcpu_wake_up) */
		if (kvm_vcpu_check_block(c, slept))
			return slept;
		if (kthread_should_stop())
			return slept;
		rcuwait_wait_event(&v->wait, gib_vcpu_woken(v),
				   TASK_INTERRUPTIBLE);
		slept = true;
	}
}

static int gib_vcpu_thread(void *data)
{
	struct gib_kvcpu *v = data;
	struct gib_vcpu *c = &v->core;
	enum gib_wait_kind kind;

	while (!kthread_should_stop()) {
		atomic64_set(&v->run_end, ktime_get_ns());
		gib_vcpu_extend(v);
		gib_vcpu_enter_sie(c);
		gib_vcpu_run(v);
		if (kthread_should_stop()) {
			gib_vcpu_exit_sie(c, GIB_EXIT_STOP);
			break;
		}
		gib_vcpu_exit_sie(c, GIB_EXIT_WAIT);
		kind = kvm_s390_handle_wait(c);
		if (kind == GIB_WAIT_RUNNABLE)
			continue;
		if (kind == GIB_WAIT_DISABLED) {
			/* no interruption can end it: out until stopped */
			rcuwait_wait_event(&v->wait, kthread_should_stop(),
					   TASK_INTERRUPTIBLE);
			continue;
		}
		kvm_s390_handle_wait_done(c, gib_vcpu_halt(v));
	}
	gib_vcpu_stop(c);
	return 0;
}

/* a guest timer interruption: taken in SIE, else pending and a wakeup */
static void gib_guest_timer(struct gib_kvcpu *v)
{
	gib_glue_emit(v, GIB_EV_guest_timer, 0);
	if (READ_ONCE(v->core.state) == GIB_VCPU_IN_SIE) {
		gib_vcpu_extend(v);
		return;
	}
	WRITE_ONCE(v->core.timer_pending, true);
	kvm_s390_vcpu_wakeup(&v->core);	/* kvm_s390_idle_wakeup */
}

/* ---- the schedule's sources ---- */

static void gib_src_fire(struct gib_session *s, const struct gib_titem *it)
{
	struct gib_kvm *kvm = s->vms[it->vm];

	if (!kvm)
		return;
	if (it->type == GIB_ITEM_TIMER) {
		if (it->vcpu < kvm->nr_vcpus)
			gib_guest_timer(&kvm->vcpus[it->vcpu]);
		return;
	}
	if (it->source == GIB_SRC_SOFTWARE)
		kvm_s390_inject_airq(&kvm->core, it->isc);
	else
		machine_post_airq(&kvm->core, it->isc);
}

static enum hrtimer_restart gib_src_fn(struct hrtimer *t)
{
	struct gib_session *s = container_of(t, struct gib_session, src_timer);
	u64 now = ktime_to_ns(ktime_sub(ktime_get(), s->t0));
	unsigned int batch = 0;

	while (s->cursor < s->nr_timed && s->timed[s->cursor].ts <= now) {
		if (batch++ == GIB_SRC_BATCH) {
			/* late: let the others run, then go on */
			hrtimer_set_expires(t, ktime_add_ns(ktime_get(),
							    GIB_SRC_PAUSE_NS));
			return HRTIMER_RESTART;
		}
		gib_src_fire(s, &s->timed[s->cursor]);
		s->cursor++;
		atomic64_inc(&s->sched_done);
	}
	if (s->cursor >= s->nr_timed)
		return HRTIMER_NORESTART;
	hrtimer_set_expires(t, ktime_add_ns(s->t0, s->timed[s->cursor].ts));
	return HRTIMER_RESTART;
}

/* ---- life cycle ---- */

static void gib_session_stop(struct gib_session *s)
{
	struct gib_kvm *kvm;
	u32 i, j;

	hrtimer_cancel(&s->src_timer);
	for (i = 0; i < GIB_MAX_VMS_PER_FD; i++) {
		kvm = s->vms[i];
		if (!kvm)
			continue;
		for (j = 0; j < kvm->nr_vcpus; j++) {
			struct gib_kvcpu *v = &kvm->vcpus[j];

			if (!v->task)
				continue;
			kthread_stop(v->task);
			put_task_struct(v->task);
			v->task = NULL;
		}
	}
	s->running = false;
}

static int gib_session_start(struct gib_session *s)
{
	struct task_struct *task;
	struct gib_kvm *kvm;
	u32 i, j;

	if (s->running)
		return -EBUSY;
	s->cursor = 0;
	atomic64_set(&s->sched_done, 0);
	s->running = true;
	s->t0 = ktime_get();
	for (i = 0; i < GIB_MAX_VMS_PER_FD; i++) {
		kvm = s->vms[i];
		if (!kvm)
			continue;
		for (j = 0; j < kvm->nr_vcpus; j++) {
			struct gib_kvcpu *v = &kvm->vcpus[j];

			atomic_set(&v->next_work, 0);
			WRITE_ONCE(v->core.state, GIB_VCPU_HOST);
			task = kthread_create(gib_vcpu_thread, v, "gib/%u.%u",
					      i, j);
			if (IS_ERR(task)) {
				gib_session_stop(s);
				return PTR_ERR(task);
			}
			get_task_struct(task);
			v->task = task;
			wake_up_process(task);
		}
	}
	if (s->nr_timed)
		hrtimer_start(&s->src_timer,
			      ktime_add_ns(s->t0, s->timed[0].ts),
			      HRTIMER_MODE_ABS_HARD);
	return 0;
}

static void gib_host_update_drain(struct gib_session *s)
{
	bool single = false;
	u32 i;

	for (i = 0; i < GIB_MAX_VMS_PER_FD; i++)
		if (s->vms[i] && s->vms[i]->core.policy->drain_single_pass)
			single = true;
	s->host.drain_single_pass = single;
}

static int gib_vm_create(struct gib_session *s, u32 id, u32 nr_vcpus)
{
	const struct gib_policy *policy = gib_policy_find("upstream");
	unsigned long flags;
	struct gib_kvm *kvm;
	int rc;
	u32 j;

	if (id >= GIB_MAX_VMS_PER_FD || !nr_vcpus ||
	    nr_vcpus > GIB_MAX_VCPUS_PER_VM || !policy)
		return -EINVAL;
	if (s->running)
		return -EBUSY;
	if (s->vms[id])
		return -EEXIST;
	if (s->nr_vcpus + nr_vcpus > GIB_MAX_VCPUS_PER_FD)
		return -ENOSPC;
	kvm = kzalloc(sizeof(*kvm), GFP_KERNEL);
	if (!kvm)
		return -ENOMEM;
	kvm->vcpus = kcalloc(nr_vcpus, sizeof(*kvm->vcpus), GFP_KERNEL);
	if (!kvm->vcpus) {
		kfree(kvm);
		return -ENOMEM;
	}
	kvm->s = s;
	kvm->nr_vcpus = nr_vcpus;
	hrtimer_init(&kvm->kicker, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	kvm->kicker.function = gib_kicker_fn;
	kvm->core.id = id;
	s->vms[id] = kvm;	/* the event hook looks VMs up here */
	raw_spin_lock_irqsave(&s->alert_lock, flags);
	rc = gib_vm_init(&s->host, &kvm->core, &kvm->page, policy, NULL);
	raw_spin_unlock_irqrestore(&s->alert_lock, flags);
	if (rc) {
		s->vms[id] = NULL;
		kfree(kvm->vcpus);
		kfree(kvm);
		return rc;
	}
	for (j = 0; j < nr_vcpus; j++) {
		struct gib_kvcpu *v = &kvm->vcpus[j];

		v->vm = kvm;
		rcuwait_init(&v->wait);
		gib_vcpu_init(&kvm->core, &v->core, j);
		gib_vcpu_set_masks(&v->core, 0xff, true, true);
	}
	s->nr_vcpus += nr_vcpus;
	gib_host_update_drain(s);
	return 0;
}

/* sources and vcpu threads are stopped (session not running) */
static void gib_vm_destroy(struct gib_session *s, struct gib_kvm *kvm)
{
	struct gib_vm *core = &kvm->core;
	unsigned long flags;
	u32 isc, j;

	for (isc = 0; isc <= MAX_ISC; isc++)
		while (READ_ONCE(core->gisa_int.alert.ref_count[isc]))
			if (kvm_s390_gisc_unregister(core, isc))
				break;
	raw_spin_lock_irqsave(&s->alert_lock, flags);
	kvm_s390_gisa_destroy(core);
	raw_spin_unlock_irqrestore(&s->alert_lock, flags);
	for (j = 0; j < kvm->nr_vcpus; j++)
		gib_vcpu_release(&kvm->vcpus[j].core);
	raw_spin_lock_irqsave(&s->alert_lock, flags);
	gib_vm_release(core);
	raw_spin_unlock_irqrestore(&s->alert_lock, flags);
	/* nothing may reference the VM from here on */
	hrtimer_cancel(&kvm->kicker);
	irq_work_sync(&s->gal_work);
	s->vms[core->id] = NULL;
	s->nr_vcpus -= kvm->nr_vcpus;
	for (j = 0; j < kvm->nr_vcpus; j++)
		kvfree(kvm->vcpus[j].work);
	kfree(kvm->vcpus);
	kfree(kvm);
	gib_host_update_drain(s);
}

/* ---- ioctl helpers ---- */

/*
 * Read a size-prefixed struct: at least @v1 bytes, at most @ksize used; a
 * shorter one is zero-extended, the tail of a longer one ignored.
 */
static int gib_copy_in(void *kbuf, size_t ksize, size_t v1,
		       const void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < v1)
		return -EINVAL;
	memset(kbuf, 0, ksize);
	if (copy_from_user(kbuf, uarg, min_t(size_t, usize, ksize)))
		return -EFAULT;
	return 0;
}

static int gib_copy_out(void __user *uarg, const void *kbuf, size_t ksize)
{
	u32 usize = *(const u32 *)kbuf;

	if (copy_to_user(uarg, kbuf, min_t(size_t, usize, ksize)))
		return -EFAULT;
	return 0;
}

static struct gib_kvm *gib_vm_get(struct gib_session *s, u32 vm)
{
	return vm < GIB_MAX_VMS_PER_FD ? s->vms[vm] : NULL;
}

static bool gib_str_ok(const char *str, size_t len)
{
	return memchr(str, '\0', len) != NULL;
}

static long gib_ioctl_set_policy(struct gib_session *s, void __user *uarg)
{
	const struct gib_policy *policy;
	struct gib_policy_args *a;
	struct gib_params params;
	unsigned long flags;
	struct gib_kvm *kvm;
	long rc;
	u32 i;

	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	rc = gib_copy_in(a, sizeof(*a), GIB_POLICY_ARGS_SIZE_V1, uarg);
	if (rc)
		goto out;
	rc = -EINVAL;
	kvm = gib_vm_get(s, a->vm);
	if (!kvm || a->pad || a->nr_params > GIB_MAX_POLICY_PARAMS ||
	    !gib_str_ok(a->name, sizeof(a->name)))
		goto out;
	policy = gib_policy_find(a->name);
	if (!policy)
		goto out;
	params = policy->defaults;
	for (i = 0; i < a->nr_params; i++) {
		if (!gib_str_ok(a->params[i].name, sizeof(a->params[i].name)))
			goto out;
		rc = gib_params_set(policy, &params, a->params[i].name,
				    a->params[i].value);
		if (rc) {
			rc = rc == -ERANGE ? -ERANGE : -EINVAL;
			goto out;
		}
	}
	rc = -EBUSY;
	if (s->running)
		goto out;
	raw_spin_lock_irqsave(&s->alert_lock, flags);
	kvm->core.policy = policy;
	kvm->core.params = params;
	kvm->core.gisa_int.expires = params.kicker_period_ns;
	if (policy->init)
		policy->init(&kvm->core);
	gib_host_update_drain(s);
	raw_spin_unlock_irqrestore(&s->alert_lock, flags);
	rc = 0;
out:
	kfree(a);
	return rc;
}

static int gib_item_check(struct gib_session *s, const struct gib_sched_item *it,
			  u64 *last_ts)
{
	struct gib_kvm *kvm = gib_vm_get(s, it->vm);

	if (!kvm || memchr_inv(it->pad, 0, sizeof(it->pad)))
		return -EINVAL;
	switch (it->type) {
	case GIB_ITEM_POST:
		if (it->isc > MAX_ISC || it->source > GIB_SRC_SOFTWARE)
			return -EINVAL;
		break;
	case GIB_ITEM_TIMER:
		if (it->vcpu >= kvm->nr_vcpus)
			return -EINVAL;
		break;
	case GIB_ITEM_WORK:
		if (it->vcpu >= kvm->nr_vcpus || it->val > GIB_MAX_WORK_NS)
			return -EINVAL;
		return 0;
	case GIB_ITEM_WAIT:
		if (it->vcpu >= kvm->nr_vcpus || it->val > 0xff || it->isc > 1)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
	if (it->ts > GIB_MAX_TS_NS || it->ts < *last_ts)
		return -EINVAL;
	*last_ts = it->ts;
	return 0;
}

/*
 * Each pass reads the items again in chunks: 0 validates and counts, 1 fills
 * (and fails if user space changed them meanwhile), 2 applies the waits.
 */
static int gib_sched_pass(struct gib_session *s, const struct gib_schedule *a,
			  struct gib_sched_item *buf, int pass, u64 *nr_timed,
			  u32 *nr_work, struct gib_titem *timed, u64 **work)
{
	const char __user *up = u64_to_user_ptr(a->items);
	u64 i, n, k, last_ts = 0, t = 0;
	u32 slot;

	for (i = 0; i < a->nr_items; i += n) {
		n = min_t(u64, a->nr_items - i, GIB_LOAD_CHUNK);
		for (k = 0; k < n; k++)
			if (copy_from_user(&buf[k], up + (i + k) * a->item_size,
					   sizeof(buf[k])))
				return -EFAULT;
		for (k = 0; k < n; k++) {
			const struct gib_sched_item *it = &buf[k];

			if (gib_item_check(s, it, &last_ts))
				return -EINVAL;
			slot = it->vm * GIB_MAX_VCPUS_PER_VM + it->vcpu;
			if (it->type == GIB_ITEM_WAIT) {
				if (pass == 2)
					gib_vcpu_set_masks(&s->vms[it->vm]->vcpus[it->vcpu].core,
							   (u8)it->val, !it->isc, true);
				continue;
			}
			if (it->type == GIB_ITEM_WORK) {
				if (pass == 0) {
					nr_work[slot]++;
				} else if (pass == 1) {
					if (!nr_work[slot])
						return -EINVAL;
					nr_work[slot]--;
					*work[slot]++ = it->val;
				}
				continue;
			}
			if (pass == 1) {
				if (t == *nr_timed)
					return -EINVAL;
				timed[t] = (struct gib_titem){
					.ts = it->ts, .vm = it->vm,
					.vcpu = it->vcpu, .type = it->type,
					.isc = it->isc, .source = it->source,
				};
			}
			t++;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	if (pass == 0)
		*nr_timed = t;
	else if (pass == 1 && t != *nr_timed)
		return -EINVAL;
	return 0;
}

static long gib_ioctl_load(struct gib_session *s, void __user *uarg)
{
	const size_t nslots = GIB_MAX_VMS_PER_FD * GIB_MAX_VCPUS_PER_VM;
	struct gib_sched_item *buf = NULL;
	struct gib_titem *timed = NULL;
	u64 **work = NULL, **cur = NULL;
	u32 *nr_work = NULL, *nr_copy = NULL;
	struct gib_schedule a;
	u64 nr_timed = 0;
	size_t slot;
	long rc;
	u32 i, j;

	rc = gib_copy_in(&a, sizeof(a), GIB_SCHEDULE_SIZE_V1, uarg);
	if (rc)
		return rc;
	if (a.item_size < sizeof(struct gib_sched_item) ||
	    a.item_size > 4096 || a.nr_items > GIB_MAX_SCHED_ITEMS ||
	    !gib_str_ok(a.name, sizeof(a.name)))
		return -EINVAL;
	if (s->running)
		return -EBUSY;
	rc = -ENOMEM;
	buf = kmalloc_array(GIB_LOAD_CHUNK, sizeof(*buf), GFP_KERNEL);
	nr_work = kvcalloc(nslots, sizeof(*nr_work), GFP_KERNEL);
	nr_copy = kvcalloc(nslots, sizeof(*nr_copy), GFP_KERNEL);
	work = kvcalloc(nslots, sizeof(*work), GFP_KERNEL);
	cur = kvcalloc(nslots, sizeof(*cur), GFP_KERNEL);
	if (!buf || !nr_work || !nr_copy || !work || !cur)
		goto out;
	rc = gib_sched_pass(s, &a, buf, 0, &nr_timed, nr_work, NULL, NULL);
	if (rc)
		goto out;
	rc = -ENOMEM;
	if (nr_timed) {
		timed = kvmalloc_array(nr_timed, sizeof(*timed), GFP_KERNEL);
		if (!timed)
			goto out;
	}
	for (slot = 0; slot < nslots; slot++) {
		if (!nr_work[slot])
			continue;
		work[slot] = kvmalloc_array(nr_work[slot], sizeof(u64),
					    GFP_KERNEL);
		if (!work[slot])
			goto out;
		cur[slot] = work[slot];
		nr_copy[slot] = nr_work[slot];
	}
	rc = gib_sched_pass(s, &a, buf, 1, &nr_timed, nr_copy, timed, cur);
	if (rc)
		goto out;
	gib_sched_pass(s, &a, buf, 2, &nr_timed, NULL, NULL, NULL);
	/* the new schedule replaces the old one */
	kvfree(s->timed);
	s->timed = timed;
	timed = NULL;
	s->nr_timed = nr_timed;
	s->nr_items = a.nr_items;
	strscpy(s->sched_name, a.name, sizeof(s->sched_name));
	for (i = 0; i < GIB_MAX_VMS_PER_FD; i++) {
		struct gib_kvm *kvm = s->vms[i];

		if (!kvm)
			continue;
		for (j = 0; j < kvm->nr_vcpus; j++) {
			struct gib_kvcpu *v = &kvm->vcpus[j];

			slot = i * GIB_MAX_VCPUS_PER_VM + j;
			kvfree(v->work);
			v->work = work[slot];
			v->nr_work = nr_work[slot];
			work[slot] = NULL;
		}
	}
	rc = 0;
out:
	if (work)
		for (slot = 0; slot < nslots; slot++)
			kvfree(work[slot]);
	kvfree(timed);
	kvfree(cur);
	kvfree(work);
	kvfree(nr_copy);
	kvfree(nr_work);
	kfree(buf);
	return rc;
}

static long gib_ioctl_stats(struct gib_session *s, void __user *uarg)
{
	struct gib_stats *st;
	struct gib_kvm *kvm;
	u64 word;
	long rc;
	int i;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	rc = gib_copy_in(st, sizeof(*st), GIB_STATS_SIZE_V1, uarg);
	if (rc)
		goto out;
	rc = -EINVAL;
	kvm = gib_vm_get(s, st->vm);
	if (!kvm)
		goto out;
	st->nr_stats = GIB_STAT_NR;
	st->nr_events = GIB_EV_MAX;
	for (i = 0; i < GIB_STAT_NR; i++)
		st->stat[i] = gib_stat(&kvm->core, i);
	st->gal_irqs = gib_counter_read(&s->host.gal_irqs);
	st->gal_passes = gib_counter_read(&s->host.gal_passes);
	for (i = 0; i < GIB_EV_MAX; i++)
		st->events[i] = atomic64_read(&s->ev[i]);
	st->sched_done = atomic64_read(&s->sched_done);
	st->sched_timed = s->nr_timed;
	word = gisa_word0(&kvm->page.gisa);
	st->ipm = gisa_word_ipm(word);
	st->iam = gisa_word_iam(word);
	st->linked = gisa_linked(&kvm->page.gisa);
	st->running = s->running;
	rc = gib_copy_out(uarg, st, sizeof(*st));
out:
	kfree(st);
	return rc;
}

static void gib_format_spec(const struct gib_vm *kvm, char *buf, size_t len)
{
	const struct gib_param *d;
	const char *field;
	size_t n;
	u64 v;

	n = scnprintf(buf, len, "%s", kvm->policy->name);
	for (d = kvm->policy->params; d && d->name; d++) {
		field = (const char *)&kvm->params + d->offset;
		if (d->size == 8)
			v = *(const u64 *)field;
		else if (d->size == 4)
			v = *(const u32 *)field;
		else
			v = *(const bool *)field;
		n += scnprintf(buf + n, len - n, "%c%s=%llu",
			       d == kvm->policy->params ? ':' : ',', d->name, v);
	}
}

static long gib_ioctl_provenance(struct gib_session *s, void __user *uarg)
{
	struct gib_provenance *p;
	struct gib_kvm *kvm;
	long rc;

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	rc = gib_copy_in(p, sizeof(*p), GIB_PROVENANCE_SIZE_V1, uarg);
	if (rc)
		goto out;
	rc = -EINVAL;
	kvm = gib_vm_get(s, p->vm);
	if (!kvm)
		goto out;
	p->api_version = GIB_API_VERSION;
	p->nr_vcpus = kvm->nr_vcpus;
	gib_format_spec(&kvm->core, p->policy, sizeof(p->policy));
	strscpy(p->schedule, s->sched_name, sizeof(p->schedule));
	p->nr_items = s->nr_items;
	rc = gib_copy_out(uarg, p, sizeof(*p));
out:
	kfree(p);
	return rc;
}

static long gib_ioctl_locked(struct gib_session *s, unsigned int cmd,
			     void __user *uarg)
{
	struct gib_vm_args va;
	struct gib_masks m;
	struct gib_gisc g;
	struct gib_kvm *kvm;
	long rc;

	switch (cmd) {
	case GIB_CREATE_VM:
	case GIB_DESTROY_VM:
		rc = gib_copy_in(&va, sizeof(va), GIB_VM_ARGS_SIZE_V1, uarg);
		if (rc)
			return rc;
		if (va.flags)
			return -EINVAL;
		if (cmd == GIB_CREATE_VM)
			return gib_vm_create(s, va.vm, va.nr_vcpus);
		kvm = gib_vm_get(s, va.vm);
		if (!kvm)
			return -EINVAL;
		if (s->running)
			return -EBUSY;
		gib_vm_destroy(s, kvm);
		return 0;
	case GIB_SET_MASKS:
		rc = gib_copy_in(&m, sizeof(m), GIB_MASKS_SIZE_V1, uarg);
		if (rc)
			return rc;
		kvm = gib_vm_get(s, m.vm);
		if (!kvm || m.vcpu >= kvm->nr_vcpus || m.gcr6 > 0xff ||
		    m.pad || (m.flags & ~(GIB_MASK_PSW_IO | GIB_MASK_PSW_EXT)))
			return -EINVAL;
		gib_vcpu_set_masks(&kvm->vcpus[m.vcpu].core, m.gcr6,
				   m.flags & GIB_MASK_PSW_IO,
				   m.flags & GIB_MASK_PSW_EXT);
		return 0;
	case GIB_GISC_REGISTER:
	case GIB_GISC_UNREGISTER:
		rc = gib_copy_in(&g, sizeof(g), GIB_GISC_SIZE_V1, uarg);
		if (rc)
			return rc;
		kvm = gib_vm_get(s, g.vm);
		if (!kvm || g.pad)
			return -EINVAL;
		if (cmd == GIB_GISC_REGISTER)
			return kvm_s390_gisc_register(&kvm->core, g.isc);
		return kvm_s390_gisc_unregister(&kvm->core, g.isc);
	case GIB_SET_POLICY:
		return gib_ioctl_set_policy(s, uarg);
	case GIB_LOAD_SCHEDULE:
		return gib_ioctl_load(s, uarg);
	case GIB_START:
		return gib_session_start(s);
	case GIB_STOP:
		gib_session_stop(s);
		return 0;
	case GIB_GET_STATS:
		return gib_ioctl_stats(s, uarg);
	case GIB_GET_PROVENANCE:
		return gib_ioctl_provenance(s, uarg);
	}
	return -ENOTTY;
}

static long gib_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct gib_session *s = f->private_data;
	long rc;

	switch (cmd) {
	case GIB_GET_API_VERSION:
		return GIB_API_VERSION;
	case GIB_CHECK_EXTENSION:
		return arg >= GIB_CAP_SCHEDULE && arg <= GIB_CAP_GISC;
	}
	if (_IOC_TYPE(cmd) != GIBIO)
		return -ENOTTY;
	if (mutex_lock_interruptible(&s->lock))
		return -EINTR;
	rc = gib_ioctl_locked(s, cmd, (void __user *)arg);
	mutex_unlock(&s->lock);
	return rc;
}

static int gib_open(struct inode *inode, struct file *f)
{
	struct gib_session *s;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	gib_host_init(&s->host, &gib_ops, GAL_ISC);
	s->host.priv = s;
	mutex_init(&s->lock);
	raw_spin_lock_init(&s->alert_lock);
	s->gal_work = IRQ_WORK_INIT_HARD(gib_gal_work_fn);
	hrtimer_init(&s->src_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_HARD);
	s->src_timer.function = gib_src_fn;
	f->private_data = s;
	return 0;
}

/* closing the file destroys its VMs, whatever is in flight */
static int gib_release(struct inode *inode, struct file *f)
{
	struct gib_session *s = f->private_data;
	u32 i;

	mutex_lock(&s->lock);
	gib_session_stop(s);
	for (i = 0; i < GIB_MAX_VMS_PER_FD; i++)
		if (s->vms[i])
			gib_vm_destroy(s, s->vms[i]);
	mutex_unlock(&s->lock);
	irq_work_sync(&s->gal_work);
	hrtimer_cancel(&s->src_timer);
	kvfree(s->timed);
	mutex_destroy(&s->lock);
	kfree(s);
	return 0;
}

static const struct file_operations gib_fops = {
	.owner = THIS_MODULE,
	.open = gib_open,
	.release = gib_release,
	.unlocked_ioctl = gib_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice gib_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "gib",
	.fops = &gib_fops,
	.mode = 0600,
};

static int __init gib_init(void)
{
	int rc;

	BUILD_BUG_ON(sizeof(struct gib_vm_args) != GIB_VM_ARGS_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_masks) != GIB_MASKS_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_gisc) != GIB_GISC_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_policy_args) != GIB_POLICY_ARGS_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_schedule) != GIB_SCHEDULE_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_stats) != GIB_STATS_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_provenance) != GIB_PROVENANCE_SIZE_V1);
	BUILD_BUG_ON(sizeof(struct gib_sched_item) != 32);
	BUILD_BUG_ON(GIB_STAT_NR > GIB_MAX_STATS);
	BUILD_BUG_ON(GIB_EV_MAX > GIB_MAX_EVENT_TYPES);
	BUILD_BUG_ON(GIB_MAX_VMS_PER_FD > GIB_MAX_VMS);

	rc = misc_register(&gib_misc);
	if (rc)
		return rc;
	pr_info("loaded: /dev/gib, API version %d\n", GIB_API_VERSION);
	return 0;
}

static void __exit gib_exit(void)
{
	misc_deregister(&gib_misc);
	pr_info("unloaded\n");
}

module_init(gib_init);
module_exit(gib_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gibtrace: the s390 KVM GIB/GISA alert path, run by its interrupt core");
MODULE_AUTHOR("gibtrace");
