// SPDX-License-Identifier: GPL-2.0
/*
 * gisa.c - GISA word 0 and the GISA life cycle (arch/s390/kvm/interrupt.c)
 *
 * Word 0 is one u64 with the big-endian bit positions: next_alert in bits
 * 63..32, the IPM in 31..24 (ISC 0 is bit 31), the IAM in 7..0. Every
 * multi-field update is a cmpxchg loop on the whole word, as upstream, so
 * that IPM bits set by the machine in between are never lost.
 */
#include "gib.h"

static inline struct sie_page2 *gisa_page(struct kvm_s390_gisa *gisa)
{
	return container_of(gisa, struct sie_page2, gisa);
}

/* the GISA's own address, which next_alert holds while it is unlinked */
u32 gisa_phys(struct kvm_s390_gisa *gisa)
{
	return gisa_page(gisa)->gisa_phys;
}

u64 gisa_word0(struct kvm_s390_gisa *gisa)
{
	return READ_ONCE(gisa->word[0]);
}

static void gisa_cas_retry(struct kvm_s390_gisa *gisa)
{
	struct gib_vm *kvm = gisa_page(gisa)->kvm;

	if (kvm)
		gib_stat_inc(kvm, GIB_STAT_cas_retries);
}

/* next_alert != own address: the GISA is on (or being linked into) a list */
bool gisa_linked(struct kvm_s390_gisa *gisa)
{
	return gisa_word_next_alert(READ_ONCE(gisa->word[0])) != gisa_phys(gisa);
}

/*
 * gisa_set_next_alert - store next_alert, leaving IPM and IAM as they are.
 *
 * Upstream stores the 4-byte next_alert field; with word 0 modelled as one
 * u64 the same store is an atomic update of bits 63..32.
 */
void gisa_set_next_alert(struct kvm_s390_gisa *gisa, u32 next_alert)
{
	u64 word, _word, old;

	word = READ_ONCE(gisa->word[0]);
	for (;;) {
		_word = (word & ~GISA_WORD_NEXT_MASK) |
			((u64)next_alert << GISA_WORD_NEXT_SHIFT);
		old = cmpxchg(&gisa->word[0], word, _word);
		if (old == word)
			return;
		gisa_cas_retry(gisa);
		word = old;
	}
}

/* set the IPM bit of @gisc (set_bit_inv on word 0); never touches the IAM */
void gisa_set_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc)
{
	gib_set_bit_inv(IPM_BIT_OFFSET + gisc, (unsigned long *)gisa);
}

/* set the IPM bit of @gisc: true if it was set already (a coalesced post) */
bool gisa_tas_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc)
{
	return gib_test_and_set_bit_inv(IPM_BIT_OFFSET + gisc,
					(unsigned long *)gisa);
}

/* atomically test and clear the IPM bit of @gisc: true if it was set */
bool gisa_tac_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc)
{
	return gib_test_and_clear_bit_inv(IPM_BIT_OFFSET + gisc,
					  (unsigned long *)gisa);
}

u8 gisa_get_ipm(struct kvm_s390_gisa *gisa)
{
	return gisa_word_ipm(READ_ONCE(gisa->word[0]));
}

/* clear all IPM bits; next_alert and the IAM are left untouched */
void gisa_clear_ipm(struct kvm_s390_gisa *gisa)
{
	u64 word, _word, old;

	word = READ_ONCE(gisa->word[0]);
	for (;;) {
		_word = word & ~GISA_WORD_IPM_MASK;
		old = cmpxchg(&gisa->word[0], word, _word);
		if (old == word)
			return;
		gisa_cas_retry(gisa);
		word = old;
	}
}

/**
 * gisa_set_iam - change the IAM while the GISA is not on the alert list
 * @gisa: the GISA
 * @iam: the new alert mask
 *
 * The IAM and next_alert are read and the IAM replaced in one cmpxchg.
 *
 * Returns: 0 on success, -EBUSY if the GISA is linked into the alert list
 * (millicode keeps the IAM at 0 while it is; the new mask is set at the
 * next restore).
 */
int gisa_set_iam(struct kvm_s390_gisa *gisa, u8 iam)
{
	u64 word, _word, old;

	word = READ_ONCE(gisa->word[0]);
	for (;;) {
		if (gisa_word_next_alert(word) != gisa_phys(gisa))
			return -EBUSY;
		_word = (word & ~GISA_WORD_IAM_MASK) | iam;
		old = cmpxchg(&gisa->word[0], word, _word);
		if (old == word)
			return 0;
		gisa_cas_retry(gisa);
		word = old;
	}
}

/*
 * As gisa_get_ipm_or_restore_iam; *@before gets word 0 as the decision saw
 * it (the word replaced, when the IAM was restored).
 */
u8 __gisa_get_ipm_or_restore_iam(struct kvm_s390_gisa_interrupt *gi,
				 u64 *before)
{
	u8 pending_mask, alert_mask;
	u64 word, _word, old;

	word = READ_ONCE(gi->origin->word[0]);
	for (;;) {
		*before = word;
		alert_mask = READ_ONCE(gi->alert.mask);
		pending_mask = gisa_word_ipm(word) & alert_mask;
		if (pending_mask)
			return pending_mask;
		_word = (word & ~GISA_WORD_IAM_MASK) | alert_mask;
		old = cmpxchg(&gi->origin->word[0], word, _word);
		if (old == word)
			return 0;
		gisa_cas_retry(gi->origin);
		word = old;
	}
}

/**
 * gisa_get_ipm_or_restore_iam - the IAM restore primitive
 * @gi: the VM's GISA interrupt state
 *
 * Reads the IPM bits of the registered GISCs; if none is pending, stores the
 * alert mask into the IAM in the same cmpxchg, so that no interruption made
 * pending in between goes unnoticed. Like upstream it does not test whether
 * the GISA is linked.
 *
 * Returns: the pending registered GISCs (IAM unchanged), or 0 when the IAM
 * was restored.
 */
u8 gisa_get_ipm_or_restore_iam(struct kvm_s390_gisa_interrupt *gi)
{
	u64 before;

	return __gisa_get_ipm_or_restore_iam(gi, &before);
}

/**
 * kvm_s390_gisa_init - set up the VM's GISA: zeroed, unlinked (next_alert
 * holds its own address), IAM 0, no GISC registered, kicker period 50 us.
 * @kvm: the VM; kvm->sie_page2 must be set
 *
 * Returns: 0.
 */
int kvm_s390_gisa_init(struct gib_vm *kvm)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;

	/* ref_count[] and kicked_mask start zeroed with the VM (kzalloc) */
	gi->origin = &kvm->sie_page2->gisa;
	gi->alert.mask = 0;
	gib_spin_lock_init(&gi->alert.ref_lock);
	gi->expires = kvm->params.kicker_period_ns;
	memset(gi->origin, 0, sizeof(struct kvm_s390_gisa));
	gi->origin->word[0] = gisa_word_make(gisa_phys(gi->origin), 0, 0);
	return 0;
}

/* reset: clear the IPM only (upstream since v7; the IAM and list stay) */
void kvm_s390_gisa_clear(struct gib_vm *kvm)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;

	if (!gi->origin)
		return;
	gisa_clear_ipm(gi->origin);
}

/**
 * kvm_s390_gisa_destroy - take the GISA out of service
 * @kvm: the VM
 *
 * As upstream since 2023 ("fix gisa destroy operation might lead to cpu
 * stalls"): the alert mask becomes 0; if the GISA is on the alert list, the
 * list is processed here (which unlinks it) instead of spinning until the
 * GAL handler does; then the kicker is cancelled. Afterwards the GISA is
 * neither linked nor alertable, and no kicker of it is queued: the page can
 * be freed. The environment must have stopped the VM's device sources first
 * (the devices' GISC unregistration; seed 004): a post still running would
 * be millicode working on a GISA that the host is freeing.
 */
void kvm_s390_gisa_destroy(struct gib_vm *kvm)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;
	const struct gib_host_ops *ops = kvm->host->ops;

	if (!gi->origin)
		return;
	gib_warn(READ_ONCE(gi->alert.mask) != 0x00,
		 "unexpected non zero alert.mask 0x%02x", gi->alert.mask);
	WRITE_ONCE(gi->alert.mask, 0x00);
	if (gisa_set_iam(gi->origin, 0x00))
		process_gib_alert_list(kvm->host);
	ops->kicker_cancel(kvm);
	gi->origin = NULL;
}

/**
 * kvm_s390_gisc_register - a device of the guest uses guest ISC @gisc
 * @kvm: the VM
 * @gisc: the guest ISC (0..7)
 *
 * Counts the registration; the first one adds the ISC to the alert mask and
 * tries to set the IAM (which fails with -EBUSY while the GISA is linked:
 * the mask then takes effect at the next restore, as upstream).
 *
 * Returns: the host NISC on success, -ENODEV if the VM has no GISA,
 * -ERANGE if @gisc > MAX_ISC.
 */
int kvm_s390_gisc_register(struct gib_vm *kvm, u32 gisc)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;
	u8 old_mask;
	int rc = 0;

	if (!gi->origin)
		return -ENODEV;
	if (gisc > MAX_ISC)
		return -ERANGE;

	gib_spin_lock(&gi->alert.ref_lock);
	gi->alert.ref_count[gisc]++;
	old_mask = gi->alert.mask;
	if (gi->alert.ref_count[gisc] == 1) {
		WRITE_ONCE(gi->alert.mask, old_mask | isc_bit(gisc));
		rc = gisa_set_iam(gi->origin, gi->alert.mask);
	}
	gib_emit_vm(kvm, GIB_EV_gisc_register, GIB_NO_VCPU, gisc,
		    gi->alert.mask, old_mask, gi->alert.mask,
		    gi->alert.ref_count[gisc]);
	if (gi->alert.ref_count[gisc] == 1)
		gib_emit_vm(kvm, GIB_EV_iam_set, GIB_NO_VCPU, GIB_NO_ISC,
			    gi->alert.mask, old_mask, gi->alert.mask, rc ? 1 : 0);
	gib_spin_unlock(&gi->alert.ref_lock);

	return kvm->host->gib.nisc;
}

/**
 * kvm_s390_gisc_unregister - a device of the guest stops using @gisc
 * @kvm: the VM
 * @gisc: the guest ISC (0..7)
 *
 * The last unregistration removes the ISC from the alert mask and tries to
 * set the IAM (ignored if the GISA is linked, as upstream).
 *
 * Returns: 0 on success, -ENODEV if the VM has no GISA, -ERANGE if
 * @gisc > MAX_ISC, -EINVAL if @gisc was not registered.
 */
int kvm_s390_gisc_unregister(struct gib_vm *kvm, u32 gisc)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->gisa_int;
	u8 old_mask;
	int rc = 0, set_rc = 0;

	if (!gi->origin)
		return -ENODEV;
	if (gisc > MAX_ISC)
		return -ERANGE;

	gib_spin_lock(&gi->alert.ref_lock);
	if (gi->alert.ref_count[gisc] == 0) {
		rc = -EINVAL;
		goto out;
	}
	gi->alert.ref_count[gisc]--;
	old_mask = gi->alert.mask;
	if (gi->alert.ref_count[gisc] == 0) {
		WRITE_ONCE(gi->alert.mask, old_mask & ~isc_bit(gisc));
		set_rc = gisa_set_iam(gi->origin, gi->alert.mask);
	}
	gib_emit_vm(kvm, GIB_EV_gisc_unregister, GIB_NO_VCPU, gisc,
		    gi->alert.mask, old_mask, gi->alert.mask,
		    gi->alert.ref_count[gisc]);
	if (gi->alert.ref_count[gisc] == 0)
		gib_emit_vm(kvm, GIB_EV_iam_set, GIB_NO_VCPU, GIB_NO_ISC,
			    gi->alert.mask, old_mask, gi->alert.mask,
			    set_rc ? 1 : 0);
out:
	gib_spin_unlock(&gi->alert.ref_lock);

	return rc;
}
