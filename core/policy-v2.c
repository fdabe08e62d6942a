// SPDX-License-Identifier: GPL-2.0
/*
 * policy-v2.c - "KVM: s390: make use of the GIB" v2 (2018-11-19, 12 patches)
 *
 *  - vcpus_in_sie counts the VM's vcpus in SIE: +1 at the end of
 *    vcpu_pre_run, -1 in vcpu_post_run;
 *  - every SIE entry clears the IAM in software; the exit that takes
 *    vcpus_in_sie to 0 restores it (plain store, IPM not looked at) if the
 *    GISA is not linked;
 *  - GISA bits are left to SIE: vcpu_pre_run delivers none ("leave AIs in
 *    IPM of GISA during vcpu_pre_run()");
 *  - the GAL handler cuts the list once, storing NULL at once, and wakes one
 *    vcpu per GISA (__find_vcpu_for_floating_irq: first idle, else round
 *    robin, PSW and CR6 not looked at), whatever the IPM; no timer.
 */
#include "gib.h"

#define V2_VCPUS_IN_SIE	0

static void v2_sie_enter(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;

	gib_atomic_inc(&kvm->pstate[V2_VCPUS_IN_SIE]);
	if (kvm->gisa_int.origin)
		iam_clear_unlinked(kvm);
}

/* v2 and v3: the last vcpu out of SIE restores */
void gib_vm_idle_sie_exit(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;

	if (gib_atomic_dec_return(&kvm->pstate[V2_VCPUS_IN_SIE]) == 0 &&
	    kvm->gisa_int.origin)
		iam_restore_unlinked(kvm, GIB_RESTORE_POST_RUN);
}

/* v2: one vcpu per GISA, whatever is pending */
static void v2_alert(struct gib_vm *kvm)
{
	struct gib_vcpu *vcpu = __find_vcpu_for_floating_irq(kvm);

	if (vcpu)
		gib_alert_kick(kvm, vcpu, gisa_get_ipm(kvm->gisa_int.origin));
}

static const struct gib_param v2_params[] = {
	{ "halt_poll", "ns", offsetof(struct gib_params, halt_poll_ns), 8, 0,
	  1000000000ULL, "halt-poll window (80 us in 2018)" },
	{ .name = NULL }
};

const struct gib_policy gib_policy_v2 = {
	.name = "v2-post-run",
	.doc = "v2 (2018-11-19): IAM cleared at every SIE entry, restored when the last vcpu leaves SIE; one vcpu woken per alert",
	.params = v2_params,
	.defaults = { .kicker_period_ns = 0, .fanout = 1, .halt_poll_ns = 80000 },
	.sw_deliver_gisa = false,
	.drain_single_pass = true,
	.sie_enter = v2_sie_enter,
	.sie_exit = gib_vm_idle_sie_exit,
	.alert = v2_alert,
};
