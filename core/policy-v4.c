// SPDX-License-Identifier: GPL-2.0
/*
 * policy-v4.c - "KVM: s390: make use of the GIB" v4 (2018-11-30, 10 patches)
 *
 * The "least aggressive" strategy: vcpus_in_sie is gone; the IAM is
 * restored in kvm_s390_handle_wait, after the runnable fast path and before
 * the disabled-wait test ("this could be the last vcpu being open for I/O
 * interruptions"): if the GISA is not linked, any IPM bit pending sends the
 * vcpu back to SIE, else the IAM is restored (plain store) and it goes on
 * to wait. Linked: neither test nor restore. The GAL handler is v3's. A
 * vcpu not enabled for the pending ISC returns to SIE, takes the wait
 * intercept again, and repeats until another vcpu consumes the bit.
 */
#include "gib.h"

static bool v4_handle_wait(struct gib_vcpu *vcpu)
{
	struct gib_vm *kvm = vcpu->kvm;
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;

	if (gisa_linked(gisa))
		return false;
	if (gisa_get_ipm(gisa))
		return true;
	iam_restore_unlinked(kvm, GIB_RESTORE_WAIT);
	return false;
}

static const struct gib_param v4_params[] = {
	{ "halt_poll", "ns", offsetof(struct gib_params, halt_poll_ns), 8, 0,
	  1000000000ULL, "halt-poll window (80 us in 2018)" },
	{ .name = NULL }
};

const struct gib_policy gib_policy_v4 = {
	.name = "v4-first-wait",
	.doc = "v4 (2018-11-30): IAM restored by the first vcpu that tries to wait with a clean IPM; a dirty IPM sends it back to SIE",
	.params = v4_params,
	.defaults = { .fanout = 1, .halt_poll_ns = 80000 },
	.sw_deliver_gisa = true,
	.wait_hook_first = true,
	.handle_wait = v4_handle_wait,
	.alert = gib_find1_alert,
};
