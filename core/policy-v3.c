// SPDX-License-Identifier: GPL-2.0
/*
 * policy-v3.c - "KVM: s390: make use of the GIB" v3 (2018-11-28, 12 patches)
 *
 *  - the IAM is never cleared in software before SIE entry (millicode
 *    clears it when it links the GISA); restored, as in v2, when the exit
 *    takes vcpus_in_sie to 0 and the GISA is not linked: "as soon a vm is
 *    idle";
 *  - the experimental 12/12 sysctl s390.iam_clear_strategy is the parameter
 *    iam_clear: 0 never (default), 1 clear at SIE entry if the entering
 *    vcpu's PSW has I/O enabled, 2 always (about v2);
 *  - stock delivery of GISA bits before SIE entry;
 *  - the GAL handler drains with the NONE/NULL cut-off loop and wakes one
 *    vcpu per GISA whose IPM is not clean (__find_vcpu_for_floating_irq);
 *    no timer.
 */
#include "gib.h"

#define V3_VCPUS_IN_SIE	0

static void v3_sie_enter(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;
	u32 strategy = kvm->params.iam_clear;

	gib_atomic_inc(&kvm->pstate[V3_VCPUS_IN_SIE]);
	if (!kvm->gisa_int.origin)
		return;
	if (strategy == 2 || (strategy == 1 && READ_ONCE(vcpu->psw_io)))
		iam_clear_unlinked(kvm);
}

/* v3 and v4: one vcpu per GISA with a dirty IPM */
void gib_find1_alert(struct gib_vm *kvm)
{
	u8 ipm = gisa_get_ipm(kvm->gisa_int.origin);
	struct gib_vcpu *vcpu;

	if (!ipm)
		return;
	vcpu = __find_vcpu_for_floating_irq(kvm);
	if (vcpu)
		gib_alert_kick(kvm, vcpu, ipm);
}

static const struct gib_param v3_params[] = {
	{ "halt_poll", "ns", offsetof(struct gib_params, halt_poll_ns), 8, 0,
	  1000000000ULL, "halt-poll window (80 us in 2018)" },
	{ "iam_clear", "", offsetof(struct gib_params, iam_clear), 4, 0, 2,
	  "12/12 sysctl: 0 never, 1 at SIE entry with PSW I/O on, 2 always" },
	{ .name = NULL }
};

const struct gib_policy gib_policy_v3 = {
	.name = "v3-vm-idle",
	.doc = "v3 (2018-11-28): IAM restored when the VM goes idle (last vcpu out of SIE); one vcpu woken per alert with a dirty IPM",
	.params = v3_params,
	.defaults = { .fanout = 1, .halt_poll_ns = 80000, .iam_clear = 0 },
	.sw_deliver_gisa = true,
	.sie_enter = v3_sie_enter,
	.sie_exit = gib_vm_idle_sie_exit,
	.alert = gib_find1_alert,
};
