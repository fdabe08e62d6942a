// SPDX-License-Identifier: GPL-2.0
/*
 * iam.c - IAM restores as the policies use them: the primitive of gisa.c
 * plus the iam_restore event (with its site) and the counters.
 */
#include "gib.h"

/**
 * iam_get_ipm_or_restore - gisa_get_ipm_or_restore_iam at site @site
 * @kvm: the VM (its GISA must exist)
 * @site: where the policy restores
 *
 * Returns: the pending registered GISCs, or 0 when the IAM was restored.
 */
u8 iam_get_ipm_or_restore(struct gib_vm *kvm, enum gib_restore_site site)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;
	u8 pending;
	u64 before;

	pending = __gisa_get_ipm_or_restore_iam(gi, &before);
	if (pending) {
		gib_stat_inc(kvm, GIB_STAT_restore_skips);
		return pending;
	}
	gib_stat_inc(kvm, GIB_STAT_restores);
	gib_emit_vm(kvm, GIB_EV_iam_restore, GIB_NO_VCPU, GIB_NO_ISC,
		    gisa_word_ipm(before), gisa_word_iam(before),
		    READ_ONCE(gi->alert.mask), site);
	return 0;
}

/* (re)start the kicker at once: hrtimer_cancel if active, hrtimer_start(0) */
void iam_kicker_restart(struct gib_vm *kvm)
{
	const struct gib_host_ops *ops = kvm->host->ops;

	if (ops->kicker_active(kvm))
		ops->kicker_cancel(kvm);
	ops->kicker_start(kvm, 0);
}
