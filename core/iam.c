// SPDX-License-Identifier: GPL-2.0
/*
 * iam.c - IAM restores as the policies use them: the primitive of gisa.c
 * plus the iam_restore event (with its site) and the counters.
 */
#include "gib.h"

/* the IAM became @iam: count it and report it with what the word held */
static void iam_restored(struct gib_vm *kvm, u64 before, u8 iam,
			 enum gib_restore_site site)
{
	gib_stat_inc(kvm, GIB_STAT_restores);
	gib_emit_vm(kvm, GIB_EV_iam_restore, GIB_NO_VCPU, GIB_NO_ISC,
		    gisa_word_ipm(before), gisa_word_iam(before), iam, site);
}

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
	iam_restored(kvm, before, READ_ONCE(gi->alert.mask), site);
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


/**
 * iam_get_ipm_restore_if_clean - v5's get_ipm(gisa, IRQ_FLAG_IAM)
 * @kvm: the VM
 * @site: where the policy restores
 *
 * One cmpxchg on word 0: linked, or any IPM bit pending (registered or not),
 * returns the IPM without restoring; else the IAM becomes the alert mask.
 *
 * Returns: the IPM (0 when the IAM was restored).
 */
u8 iam_get_ipm_restore_if_clean(struct gib_vm *kvm, enum gib_restore_site site)
{
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;
	u64 word, _word, old;
	u8 mask;

	word = READ_ONCE(gisa->word[0]);
	for (;;) {
		if (gisa_word_next_alert(word) != gisa_phys(gisa) ||
		    gisa_word_ipm(word)) {
			gib_stat_inc(kvm, GIB_STAT_restore_skips);
			return gisa_word_ipm(word);
		}
		mask = READ_ONCE(kvm->gisa_int.alert.mask);
		_word = (word & ~GISA_WORD_IAM_MASK) | mask;
		old = cmpxchg(&gisa->word[0], word, _word);
		if (old == word)
			break;
		gib_stat_inc(kvm, GIB_STAT_cas_retries);
		word = old;
	}
	iam_restored(kvm, word, mask, site);
	return 0;
}

/**
 * iam_restore_unlinked - v2..v4's restore: IAM := alert mask unless linked
 * @kvm: the VM
 * @site: where the policy restores
 *
 * The IPM is not looked at (v2, v3: a plain store in vcpu_post_run; v4 tests
 * the IPM itself before). Modelled as gisa_set_iam, which refuses while the
 * GISA is linked: the test and the store are one cmpxchg here.
 *
 * Returns: true if the IAM was restored.
 */
bool iam_restore_unlinked(struct gib_vm *kvm, enum gib_restore_site site)
{
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;
	u8 mask = READ_ONCE(kvm->gisa_int.alert.mask);
	u64 before = gisa_word0(gisa);

	if (gisa_set_iam(gisa, mask)) {
		gib_stat_inc(kvm, GIB_STAT_restore_skips);
		return false;
	}
	iam_restored(kvm, before, mask, site);
	return true;
}

/* v2's software clear at every SIE entry (and v3's iam_clear_strategy) */
void iam_clear_unlinked(struct gib_vm *kvm)
{
	gisa_set_iam(kvm->gisa_int.origin, 0);
}

/* the v2..v5 alert handlers wake vcpus themselves */
void gib_alert_kick(struct gib_vm *kvm, struct gib_vcpu *vcpu, u8 mask)
{
	gib_emit_vm(kvm, GIB_EV_vcpu_kick, vcpu->vcpu_idx, GIB_NO_ISC, mask, 0,
		    0, GIB_KICK_ALERT);
	kvm_s390_vcpu_wakeup(vcpu);
}
