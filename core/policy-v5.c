// SPDX-License-Identifier: GPL-2.0
/*
 * policy-v5.c - "KVM: s390: make use of the GIB" v5 (2018-12-19, 15 patches)
 *
 *  - 11/15: every IPM look-up of a runnable check (each halt-poll iteration
 *    and block wakeup too) restores the IAM in the same cmpxchg when the
 *    GISA is not linked and the IPM is clean ("as soon no airqs are pending
 *    anymore, get prepared for new ones");
 *  - 12/15: not right before SIE entry (delivery reads the IPM plainly);
 *  - 13/15: the GAL handler drains with NONE/NULL and, per GISA, kicks a
 *    set of idle vcpus whose CR6 masks together cover the pending ISCs
 *    (greedy, in vcpu order, at most 8), looks again and kicks more if new
 *    ISCs appeared; if it kicked nobody although vcpus are idle, it restores
 *    the IAM anyway. No timer, no kicked_mask.
 * The TPI/TSCH and FLIC restore sites of 11/15 are not modelled (no TPI
 * here). As posted, the idle-vcpu walk restarted at the same index after a
 * skip; the intended "next idle vcpu" is modelled.
 */
#include "gib.h"

static u8 v5_ipm_lookup(struct gib_vcpu *vcpu)
{
	return iam_get_ipm_restore_if_clean(vcpu->kvm, GIB_RESTORE_IPM_LOOKUP);
}

/* __try_airqs_kick: wake idle vcpus until their CR6s cover @ipm */
static int v5_try_airqs_kick(struct gib_vm *kvm, u8 ipm, bool *idle_seen)
{
	int idx, online = READ_ONCE(kvm->online_vcpus), kicked = 0;
	struct gib_vcpu *vcpu, *chosen[GIB_NR_ISC];
	u8 cover = 0, cr6;

	for_each_set_bit(idx, kvm->idle_mask, online) {
		vcpu = READ_ONCE(kvm->vcpus[idx]);
		if (!vcpu)
			continue;
		*idle_seen = true;
		if (!READ_ONCE(vcpu->psw_io))
			continue;
		cr6 = READ_ONCE(vcpu->gcr6);
		if (!(cr6 & ipm & ~cover))
			continue;
		cover |= cr6;
		chosen[kicked++] = vcpu;
		if ((ipm & ~cover) == 0 || kicked == GIB_NR_ISC)
			break;
	}
	for (idx = 0; idx < kicked; idx++)
		gib_alert_kick(kvm, chosen[idx], ipm);
	return kicked;
}

/* __floating_airqs_kick */
static void v5_alert(struct gib_vm *kvm)
{
	bool idle_seen = false;
	int kicked = 0;
	u8 ipm, t0;

	ipm = iam_get_ipm_restore_if_clean(kvm, GIB_RESTORE_ALERT);
	if (!ipm)
		return;
	do {
		t0 = ipm;
		kicked += v5_try_airqs_kick(kvm, ipm, &idle_seen);
		ipm = iam_get_ipm_restore_if_clean(kvm, GIB_RESTORE_ALERT);
		if (!ipm)
			return;
	} while (ipm & ~t0);
	/* restored latest when one of the kicked vcpus goes into WAIT or STOP */
	if (kicked)
		return;
	/* no vcpu idle: the running ones take the interruptions */
	if (!idle_seen)
		return;
	/* idle vcpus, but none can take them: restore anyway */
	iam_restore_unlinked(kvm, GIB_RESTORE_ALERT);
}

static const struct gib_param v5_params[] = {
	{ "halt_poll", "ns", offsetof(struct gib_params, halt_poll_ns), 8, 0,
	  1000000000ULL, "halt-poll window (80 us in 2018)" },
	{ .name = NULL }
};

const struct gib_policy gib_policy_v5 = {
	.name = "v5-clean-ipm",
	.doc = "v5 (2018-12-19): IAM restored in every IPM look-up while the IPM is clean; a CR6 cover set of idle vcpus woken per alert",
	.params = v5_params,
	.defaults = { .fanout = 8, .halt_poll_ns = 80000 },
	.sw_deliver_gisa = true,
	.ipm_lookup = v5_ipm_lookup,
	.alert = v5_alert,
};
