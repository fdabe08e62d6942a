// SPDX-License-Identifier: GPL-2.0
/*
 * policy-pollwait.c - gibtrace's own: upstream's GIB path, with kicks that
 * wake a sleeping vcpu only when no other will take the interruption
 *
 * Software injection (virtio-ccw through QEMU): every version of the series
 * and upstream set the IPM bit and then wake the first idle vcpu, else one
 * round robin (__floating_irq_kick), whatever its CR6 and even when a vcpu
 * in SIE already took the interruption: the woken vcpu often finds nothing
 * (a spurious wakeup), or cannot take the ISC, which then waits for the next
 * alert. Here a software injection that SIE took wakes nobody; otherwise the
 * kick goes to an idle vcpu enabled for the ISC, one that still halt-polls
 * first, and to nobody if no idle vcpu is enabled (a running one will take
 * it when it enables the ISC or waits).
 *
 * Upstream's kicker wakes the first idle vcpu enabled for a pending ISC in
 * idle_mask order, whether it sleeps or still halt-polls. A vcpu in its
 * halt-poll window checks kvm_arch_vcpu_runnable on every iteration: it
 * takes a pending ISC it is enabled for within an iteration, kicked or not.
 * Waking a sleeping vcpu then costs a scheduler wakeup that usually finds
 * the interruption already taken (a spurious wakeup). This policy kicks
 * nobody in a tick where an eligible vcpu is polling, and otherwise behaves
 * as upstream (restore at wait and in the kicker, one vcpu per tick,
 * kicked_mask, the 2021 fixes). The environment says which vcpus poll
 * (gib_vcpu_set_polling).
 */
#include "gib.h"

/* an idle vcpu, enabled for one of @pending, that is still polling */
static bool pollwait_poller(struct gib_vm *kvm, u8 pending)
{
	int idx, online = READ_ONCE(kvm->online_vcpus);
	struct gib_vcpu *vcpu;

	for_each_set_bit(idx, kvm->idle_mask, online) {
		vcpu = READ_ONCE(kvm->vcpus[idx]);
		if (!vcpu || !READ_ONCE(vcpu->psw_io))
			continue;
		if ((READ_ONCE(vcpu->gcr6) & pending) &&
		    READ_ONCE(vcpu->halt_polling))
			return true;
	}
	return false;
}

/* the idle vcpu enabled for @mask to wake: a polling one first */
static struct gib_vcpu *pollwait_pick(struct gib_vm *kvm, u8 mask)
{
	int idx, online = READ_ONCE(kvm->online_vcpus);
	struct gib_vcpu *vcpu, *sleeper = NULL;

	for_each_set_bit(idx, kvm->idle_mask, online) {
		vcpu = READ_ONCE(kvm->vcpus[idx]);
		if (!vcpu || !READ_ONCE(vcpu->psw_io) ||
		    !(READ_ONCE(vcpu->gcr6) & mask))
			continue;
		if (READ_ONCE(vcpu->halt_polling))
			return vcpu;
		if (!sleeper)
			sleeper = vcpu;
	}
	return sleeper;
}

static void pollwait_float_kick(struct gib_vm *kvm, u32 gisc, bool taken)
{
	struct gib_vcpu *vcpu;

	if (taken)
		return;
	vcpu = pollwait_pick(kvm, isc_bit(gisc));
	if (!vcpu)
		return;
	gib_emit_vm(kvm, GIB_EV_vcpu_kick, vcpu->vcpu_idx, gisc, isc_bit(gisc),
		    0, 0, GIB_KICK_FLOAT);
	kvm_s390_vcpu_wakeup(vcpu);
}

static u64 pollwait_kicker(struct gib_vm *kvm)
{
	u8 pending = iam_get_ipm_or_restore(kvm, GIB_RESTORE_KICKER);

	if (!pending)
		return 0;
	if (!pollwait_poller(kvm, pending))
		gib_airqs_kick(kvm, pending, kvm->params.fanout);
	return kvm->gisa_int.expires;
}

const struct gib_policy gib_policy_pollwait = {
	.name = "poll-wait",
	.doc = "gibtrace's own: upstream's GIB path; kicks (software injections too) wake only an idle vcpu enabled for the ISC, a polling one first, and nobody when SIE took it",
	.params = gib_upstream_params,
	.defaults = GIB_UPSTREAM_DEFAULTS,
	.sw_deliver_gisa = true,
	.handle_wait = gib_upstream_handle_wait,
	.alert = gib_upstream_alert,
	.kicker = pollwait_kicker,
	.float_kick = pollwait_float_kick,
};
