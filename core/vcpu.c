// SPDX-License-Identifier: GPL-2.0
/*
 * vcpu.c - vcpus: SIE entry and exit, the wait path, idle_mask, kicks
 * (arch/s390/kvm/interrupt.c and kvm-s390.c)
 *
 * The environment runs each vcpu: it calls gib_vcpu_enter_sie, lets the
 * guest work, calls gib_vcpu_exit_sie and, on a wait intercept,
 * kvm_s390_handle_wait. If that returns GIB_WAIT_ENABLED the vcpu is idle
 * (in idle_mask): the environment halt-polls (kvm_arch_vcpu_runnable per
 * iteration) for params.halt_poll_ns, then sleeps until
 * gib_host_ops.vcpu_wake_up or its own timer, and ends the halt with
 * kvm_s390_handle_wait_done.
 */
#include "gib.h"

void gib_vcpu_init(struct gib_vm *kvm, struct gib_vcpu *vcpu, u16 idx)
{
	memset(vcpu, 0, sizeof(*vcpu));
	vcpu->kvm = kvm;
	vcpu->vcpu_idx = idx;
	vcpu->vcpu_id = idx;
	vcpu->state = GIB_VCPU_HOST;
	WRITE_ONCE(kvm->vcpus[idx], vcpu);
	if (READ_ONCE(kvm->online_vcpus) <= idx)
		WRITE_ONCE(kvm->online_vcpus, idx + 1);
	gib_emit_vm(kvm, GIB_EV_vcpu_create, idx, GIB_NO_ISC, 0, 0, 0, 0);
}

void gib_vcpu_release(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;

	clear_bit(vcpu->vcpu_idx, kvm->idle_mask);
	clear_bit(vcpu->vcpu_idx, kvm->gisa_int.kicked_mask);
	WRITE_ONCE(kvm->vcpus[vcpu->vcpu_idx], NULL);
	gib_emit_vm(kvm, GIB_EV_vcpu_destroy, vcpu->vcpu_idx, GIB_NO_ISC,
		    0, 0, 0, 0);
}

/* the guest changed its PSW masks or CR6 (lpsw, lctl, a wait PSW) */
void gib_vcpu_set_masks(struct gib_vcpu *vcpu, u8 gcr6, bool psw_io,
			bool psw_ext)
{
	WRITE_ONCE(vcpu->gcr6, gcr6);
	WRITE_ONCE(vcpu->psw_io, psw_io);
	WRITE_ONCE(vcpu->psw_ext, psw_ext);
}

void gib_vcpu_stop(struct gib_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->state, GIB_VCPU_STOPPED);
}

/*
 * The environment says when an idle vcpu halt-polls and when it sleeps (no
 * upstream version looks at it; a policy may prefer a vcpu that polls: it
 * runs again within a poll iteration instead of a scheduler wakeup).
 */
void gib_vcpu_set_polling(struct gib_vcpu *vcpu, bool polling)
{
	WRITE_ONCE(vcpu->halt_polling, polling);
}

/*
 * deliverable_irqs, GISA part: the IPM as the policy's IPM look-up sees it
 * (v5 restores the IAM there), filtered by the PSW I/O mask and CR6.
 */
u8 gib_vcpu_deliverable(struct gib_vcpu *vcpu)
{
	struct kvm_s390_gisa_interrupt *gi = &vcpu->kvm->gisa_int;
	const struct gib_policy *policy = vcpu->kvm->policy;
	u8 ipm;

	if (!gi->origin)
		return 0;
	ipm = policy->ipm_lookup ? policy->ipm_lookup(vcpu) :
				   gisa_get_ipm(gi->origin);
	if (!READ_ONCE(vcpu->psw_io))
		return 0;
	return ipm & READ_ONCE(vcpu->gcr6);
}

static bool kvm_s390_vcpu_has_irq(struct gib_vcpu *vcpu)
{
	if (gib_vcpu_deliverable(vcpu))
		return true;
	return READ_ONCE(vcpu->psw_ext) && READ_ONCE(vcpu->timer_pending);
}

/**
 * kvm_arch_vcpu_runnable - the check of every halt-poll iteration and of
 * every wakeup from a block
 * @vcpu: the vcpu
 *
 * Since 9b57e9d5010b (2021) it first clears the vcpu's kicked bit, so that a
 * vcpu woken for nothing can be kicked again; params.kicked_clear_in_runnable
 * off replays the 2019 behaviour.
 *
 * Returns: true if an interruption is deliverable to the vcpu.
 */
bool kvm_arch_vcpu_runnable(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;

	if (kvm->params.kicked_clear_in_runnable)
		clear_bit(vcpu->vcpu_idx, kvm->gisa_int.kicked_mask);
	return kvm_s390_vcpu_has_irq(vcpu);
}

/**
 * kvm_vcpu_check_block - a halted vcpu checks whether it can stop halting
 * @vcpu: the vcpu, idle
 * @woken: it was just woken from a real sleep
 *
 * kvm_vcpu_check_block: the runnable check of every halt-poll iteration and
 * of every wakeup. A vcpu woken from sleep with nothing deliverable goes back
 * to sleep: a spurious wakeup, counted here (the host paid a context switch
 * for nothing).
 *
 * Returns: true if the halt ends.
 */
bool kvm_vcpu_check_block(struct gib_vcpu *vcpu, bool woken)
{
	bool runnable = kvm_arch_vcpu_runnable(vcpu);

	if (woken && !runnable) {
		gib_stat_inc(vcpu->kvm, GIB_STAT_wakeups_spurious);
		gib_emit_vm(vcpu->kvm, GIB_EV_vcpu_wakeup, vcpu->vcpu_idx,
			    GIB_NO_ISC, READ_ONCE(vcpu->gcr6), 0, 0,
			    1 | (READ_ONCE(vcpu->valid_wakeup) ? 2 : 0) | 4);
	}
	return runnable;
}

/**
 * kvm_s390_deliver_pending_interrupts - software delivery before SIE entry
 * @vcpu: the vcpu
 *
 * A pending guest timer interruption first, then the highest-priority
 * deliverable GISA ISC (__deliver_io: the IPM bit is test-and-cleared, one
 * PSW swap). The guest's new PSW disables further interruptions; what else
 * is pending the machine delivers once the vcpu is in SIE. Policies that
 * leave GISA bits to SIE (v2) skip the GISA part. The IPM is read without
 * the policy's look-up, so no policy restores the IAM right before SIE
 * entry (v5 12/15).
 *
 * Returns: the number of interruptions delivered (0 or 1).
 */
int kvm_s390_deliver_pending_interrupts(struct gib_vcpu *vcpu)
{
	struct kvm_s390_gisa *gisa = vcpu->kvm->gisa_int.origin;
	u8 ipm;
	u32 gisc;

	if (READ_ONCE(vcpu->psw_ext) && READ_ONCE(vcpu->timer_pending)) {
		WRITE_ONCE(vcpu->timer_pending, false);
		return 1;
	}
	if (!gisa || !vcpu->kvm->policy->sw_deliver_gisa ||
	    !READ_ONCE(vcpu->psw_io))
		return 0;
	ipm = gisa_get_ipm(gisa) & READ_ONCE(vcpu->gcr6);
	for (gisc = 0; gisc <= MAX_ISC; gisc++) {
		if (!(ipm & isc_bit(gisc)))
			continue;
		if (gisa_tac_ipm_gisc(gisa, gisc)) {
			gib_deliver_gisc(vcpu, gisc, false);
			return 1;
		}
	}
	return 0;
}

/**
 * gib_vcpu_enter_sie - vcpu_pre_run and the SIE entry
 * @vcpu: the vcpu, out of SIE
 *
 * Delivery in software, the kicked bit cleared (vcpu_pre_run), the policy's
 * entry hook, then the vcpu is in SIE and the machine delivers what else is
 * pending for it.
 */
void gib_vcpu_enter_sie(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;

	kvm_s390_deliver_pending_interrupts(vcpu);
	clear_bit(vcpu->vcpu_idx, kvm->gisa_int.kicked_mask);
	if (kvm->policy->sie_enter)
		kvm->policy->sie_enter(vcpu);
	gib_stat_inc(kvm, GIB_STAT_sie_entries);
	gib_emit_vm(kvm, GIB_EV_sie_enter, vcpu->vcpu_idx, GIB_NO_ISC,
		    READ_ONCE(vcpu->gcr6), 0, 0, 0);
	WRITE_ONCE(vcpu->state, GIB_VCPU_IN_SIE);
	machine_sie_deliver(vcpu);
}

/* vcpu_post_run: the vcpu left SIE */
void gib_vcpu_exit_sie(struct gib_vcpu *vcpu, enum gib_exit_reason reason)
{
	struct gib_vm *kvm = vcpu->kvm;

	WRITE_ONCE(vcpu->state, GIB_VCPU_HOST);
	gib_emit_vm(kvm, GIB_EV_sie_exit, vcpu->vcpu_idx, GIB_NO_ISC, 0, 0, 0,
		    reason);
	if (kvm->policy->sie_exit)
		kvm->policy->sie_exit(vcpu);
}

/**
 * kvm_s390_handle_wait - the wait intercept (ICPT 0x1c)
 * @vcpu: the vcpu, out of SIE, its wait PSW and CR6 set
 *
 * The order of upstream: the runnable fast path; a disabled wait; the
 * policy's check (upstream: a registered GISC pending and enabled in this
 * vcpu's CR6 sends it back to SIE, else the IAM is restored if nothing
 * registered is pending); then the vcpu goes idle (__set_cpu_idle).
 *
 * Returns: GIB_WAIT_RUNNABLE (re-enter SIE), GIB_WAIT_DISABLED (disabled
 * wait: -EOPNOTSUPP upstream, the vcpu stays out until reset), or
 * GIB_WAIT_ENABLED (the vcpu is idle: halt, then kvm_s390_handle_wait_done).
 */
enum gib_wait_kind kvm_s390_handle_wait(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;
	u8 gcr6 = READ_ONCE(vcpu->gcr6);

	gib_stat_inc(kvm, GIB_STAT_waits);
	/* fast path */
	if (kvm_arch_vcpu_runnable(vcpu))
		goto runnable;

	if (kvm->policy->wait_hook_first && kvm->gisa_int.origin &&
	    kvm->policy->handle_wait && kvm->policy->handle_wait(vcpu))
		goto runnable;

	if (!READ_ONCE(vcpu->psw_io) && !READ_ONCE(vcpu->psw_ext)) {
		WRITE_ONCE(vcpu->state, GIB_VCPU_DISABLED_WAIT);
		gib_emit_vm(kvm, GIB_EV_vcpu_wait, vcpu->vcpu_idx, GIB_NO_ISC,
			    gcr6, 0, 0, GIB_WAIT_DISABLED);
		return GIB_WAIT_DISABLED;
	}

	if (!kvm->policy->wait_hook_first && kvm->gisa_int.origin &&
	    kvm->policy->handle_wait && kvm->policy->handle_wait(vcpu))
		goto runnable;

	/* __set_cpu_idle */
	WRITE_ONCE(vcpu->state, GIB_VCPU_WAIT);
	set_bit(vcpu->vcpu_idx, kvm->idle_mask);
	gib_stat_inc(kvm, GIB_STAT_halts);
	gib_emit_vm(kvm, GIB_EV_vcpu_wait, vcpu->vcpu_idx, GIB_NO_ISC, gcr6,
		    0, 0, GIB_WAIT_ENABLED);
	return GIB_WAIT_ENABLED;

runnable:
	gib_stat_inc(kvm, GIB_STAT_waits_runnable);
	gib_emit_vm(kvm, GIB_EV_vcpu_wait, vcpu->vcpu_idx, GIB_NO_ISC, gcr6,
		    0, 0, GIB_WAIT_RUNNABLE);
	return GIB_WAIT_RUNNABLE;
}

/**
 * kvm_s390_handle_wait_done - the halt ended (after kvm_vcpu_halt)
 * @vcpu: the vcpu
 * @slept: it really slept (kvm_vcpu_wakeup's "waited"), else a poll hit
 *
 * Reports the wakeup with valid_wakeup, clears it and leaves idle
 * (__unset_cpu_idle). A wakeup with nothing deliverable is spurious.
 */
void kvm_s390_handle_wait_done(struct gib_vcpu *vcpu, bool slept)
{
	struct gib_vm *kvm = vcpu->kvm;
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;
	bool valid = READ_ONCE(vcpu->valid_wakeup);
	bool work;

	work = READ_ONCE(vcpu->psw_ext) && READ_ONCE(vcpu->timer_pending);
	if (gisa && READ_ONCE(vcpu->psw_io))
		work |= !!(gisa_get_ipm(gisa) & READ_ONCE(vcpu->gcr6));
	gib_stat_inc(kvm, GIB_STAT_wakeups);
	if (!work)
		gib_stat_inc(kvm, GIB_STAT_wakeups_spurious);
	gib_emit_vm(kvm, GIB_EV_vcpu_wakeup, vcpu->vcpu_idx, GIB_NO_ISC,
		    READ_ONCE(vcpu->gcr6), 0, 0,
		    (slept ? 1 : 0) | (valid ? 2 : 0) | (work ? 0 : 4));
	WRITE_ONCE(vcpu->valid_wakeup, false);
	/* __unset_cpu_idle */
	clear_bit(vcpu->vcpu_idx, kvm->idle_mask);
	WRITE_ONCE(vcpu->state, GIB_VCPU_HOST);
}

/* valid_wakeup = true; kvm_vcpu_wake_up (kvm_s390_vsie_kick: no vSIE here) */
void kvm_s390_vcpu_wakeup(struct gib_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->valid_wakeup, true);
	gib_stat_inc(vcpu->kvm, GIB_STAT_kicks);
	vcpu->kvm->host->ops->vcpu_wake_up(vcpu);
}

static bool psw_ioint_disabled(struct gib_vcpu *vcpu)
{
	return !READ_ONCE(vcpu->psw_io);
}

/*
 * Kick up to @fanout idle vcpus enabled for a pending ISC; a vcpu whose
 * kicked bit is already set ("lately kicked but not yet running") uses up a
 * kick without being woken. With params.kicker_preserve_mask off, the 2019
 * code and-ed the mask in place with each examined vcpu's CR6, so one idle
 * vcpu not enabled for it hid all later ones (fixed by 0e9ff65f455d).
 */
void gib_airqs_kick(struct gib_vm *kvm, u8 deliverable_mask, u32 fanout)
{
	int vcpu_idx, online_vcpus = READ_ONCE(kvm->online_vcpus);
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;
	bool preserve = kvm->params.kicker_preserve_mask;
	struct gib_vcpu *vcpu;
	u8 vcpu_isc_mask;

	for_each_set_bit(vcpu_idx, kvm->idle_mask, online_vcpus) {
		vcpu = READ_ONCE(kvm->vcpus[vcpu_idx]);
		if (!vcpu || psw_ioint_disabled(vcpu))
			continue;
		vcpu_isc_mask = READ_ONCE(vcpu->gcr6);
		if (!preserve)
			deliverable_mask &= vcpu_isc_mask;
		if (!(deliverable_mask & vcpu_isc_mask))
			continue;
		/* lately kicked but not yet running */
		if (test_and_set_bit(vcpu_idx, gi->kicked_mask)) {
			gib_stat_inc(kvm, GIB_STAT_kicks_suppressed);
		} else {
			gib_emit_vm(kvm, GIB_EV_vcpu_kick, vcpu_idx,
				    GIB_NO_ISC, deliverable_mask, 0, 0,
				    GIB_KICK_KICKER);
			kvm_s390_vcpu_wakeup(vcpu);
		}
		if (--fanout == 0)
			return;
	}
}

/**
 * __airqs_kick_single_vcpu - wake at most one idle vcpu that can take one of
 * @deliverable_mask's ISCs
 * @kvm: the VM
 * @deliverable_mask: pending registered GISCs
 *
 * The first vcpu in idle_mask with PSW I/O enabled whose CR6 matches is the
 * one: if its kicked bit is already set nobody is kicked in this tick.
 */
void __airqs_kick_single_vcpu(struct gib_vm *kvm, u8 deliverable_mask)
{
	gib_airqs_kick(kvm, deliverable_mask, 1);
}

/**
 * gisa_vcpu_kicker - the GISA's kicker timer fired (hardirq in gib.ko)
 * @kvm: the VM
 *
 * Returns: ns until the next tick (HRTIMER_RESTART after
 * hrtimer_forward_now), or 0 (HRTIMER_NORESTART).
 */
u64 gisa_vcpu_kicker(struct gib_vm *kvm)
{
	u64 next = 0;

	gib_stat_inc(kvm, GIB_STAT_kicker_ticks);
	if (kvm->gisa_int.origin && kvm->policy->kicker)
		next = kvm->policy->kicker(kvm);
	gib_emit_vm(kvm, GIB_EV_kick_timer, GIB_NO_VCPU, GIB_NO_ISC,
		    gisa_get_ipm(&kvm->sie_page2->gisa), 0, 0, next ? 1 : 0);
	return next;
}

/**
 * __find_vcpu_for_floating_irq - whom a floating interruption wakes
 * @kvm: the VM
 *
 * The first idle vcpu, else round robin (next_rr_cpu) over the vcpus that
 * are not stopped. PSW and CR6 are not looked at: a running vcpu picked by
 * round robin gets a wakeup that does nothing. (Factored out in v2 08/12 of
 * the series; the v2..v5 alert handlers kick through it too.)
 *
 * Returns: the vcpu, or NULL if there is none or all are stopped.
 */
struct gib_vcpu *__find_vcpu_for_floating_irq(struct gib_vm *kvm)
{
	int sigcpu, online_vcpus = READ_ONCE(kvm->online_vcpus);
	struct gib_vcpu *dst_vcpu;
	int nr_tries = 0;

	if (!online_vcpus)
		return NULL;

	/* find idle VCPUs first, then round robin */
	sigcpu = find_first_bit(kvm->idle_mask, online_vcpus);
	if (sigcpu == online_vcpus) {
		do {
			sigcpu = READ_ONCE(kvm->next_rr_cpu);
			WRITE_ONCE(kvm->next_rr_cpu, (sigcpu + 1) % online_vcpus);
			/* avoid endless loops if all vcpus are stopped */
			if (nr_tries++ >= online_vcpus)
				return NULL;
			dst_vcpu = READ_ONCE(kvm->vcpus[sigcpu]);
		} while (!dst_vcpu ||
			 READ_ONCE(dst_vcpu->state) == GIB_VCPU_STOPPED);
	}
	return READ_ONCE(kvm->vcpus[sigcpu]);
}

/**
 * __floating_irq_kick - wake a vcpu after a software injection
 * @kvm: the VM
 *
 * For an adapter interruption with a GISA no CPUSTAT_IO_INT is set: the
 * wakeup alone, a no-op for a running vcpu.
 */
void __floating_irq_kick(struct gib_vm *kvm)
{
	struct gib_vcpu *dst_vcpu = __find_vcpu_for_floating_irq(kvm);

	if (!dst_vcpu)
		return;
	gib_emit_vm(kvm, GIB_EV_vcpu_kick, dst_vcpu->vcpu_idx, GIB_NO_ISC,
		    gisa_get_ipm(&kvm->sie_page2->gisa), 0, 0, GIB_KICK_FLOAT);
	kvm_s390_vcpu_wakeup(dst_vcpu);
}
