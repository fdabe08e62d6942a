// SPDX-License-Identifier: GPL-2.0
/*
 * policy-upstream.c - the IAM restore strategy Linux runs since 5.1
 *
 * v7 of "KVM: s390: make use of the GIB" (2019-01-31) as merged, with the
 * 2021 fixes as switches:
 *  - restore in kvm_s390_handle_wait via gisa_get_ipm_or_restore_iam: a
 *    registered GISC pending and enabled in this vcpu's CR6 sends it back to
 *    SIE; nothing registered pending restores the IAM; otherwise it sleeps
 *    with the IAM left at 0;
 *  - alert processing (re)starts a per-GISA hrtimer, the kicker, at once;
 *  - each tick: nothing registered pending -> restore and stop; else kick
 *    at most one idle vcpu enabled for a pending ISC whose kicked bit is
 *    clear, and tick again after 50 us (gi->expires);
 *  - kicked_mask cleared in vcpu_pre_run, and since 9b57e9d5010b (Oct 2021)
 *    in every kvm_arch_vcpu_runnable (kicked_clear=0 replays 2019);
 *  - the kicker keeps its pending mask per vcpu since 0e9ff65f455d (Oct
 *    2021; preserve_mask=0 replays the in-place and-ing of 2019).
 */
#include "gib.h"

bool gib_upstream_handle_wait(struct gib_vcpu *vcpu)
{
	return iam_get_ipm_or_restore(vcpu->kvm, GIB_RESTORE_WAIT) &
	       READ_ONCE(vcpu->gcr6);
}

void gib_upstream_alert(struct gib_vm *kvm)
{
	iam_kicker_restart(kvm);
}

u64 gib_upstream_kicker(struct gib_vm *kvm)
{
	u8 pending_mask;

	pending_mask = iam_get_ipm_or_restore(kvm, GIB_RESTORE_KICKER);
	if (pending_mask) {
		gib_airqs_kick(kvm, pending_mask, kvm->params.fanout);
		return kvm->gisa_int.expires;
	}
	return 0;
}

/* also the parameters of policies built on upstream's kicker */
const struct gib_param gib_upstream_params[] = {
	{ "period", "ns", offsetof(struct gib_params, kicker_period_ns), 8,
	  1000, 1000000000ULL, "kicker period (gi->expires)" },
	{ "fanout", "", offsetof(struct gib_params, fanout), 4, 1,
	  KVM_MAX_VCPUS, "vcpus kicked per tick (upstream: 1)" },
	{ "halt_poll", "ns", offsetof(struct gib_params, halt_poll_ns), 8, 0,
	  1000000000ULL, "halt-poll window (50 us since 5.2, 80 us before)" },
	{ "kicked_clear", "bool",
	  offsetof(struct gib_params, kicked_clear_in_runnable), 1, 0, 1,
	  "clear kicked_mask in every runnable check (9b57e9d5010b, 2021)" },
	{ "preserve_mask", "bool",
	  offsetof(struct gib_params, kicker_preserve_mask), 1, 0, 1,
	  "kicker keeps its pending mask per vcpu (0e9ff65f455d, 2021)" },
	{ .name = NULL }
};

const struct gib_policy gib_policy_upstream = {
	.name = "upstream",
	.doc = "v7 as merged (Linux 5.1) with the 2021 fixes: restore at wait and in a 50 us kicker that wakes one vcpu per tick",
	.params = gib_upstream_params,
	.defaults = GIB_UPSTREAM_DEFAULTS,
	.sw_deliver_gisa = true,
	.handle_wait = gib_upstream_handle_wait,
	.alert = gib_upstream_alert,
	.kicker = gib_upstream_kicker,
};
