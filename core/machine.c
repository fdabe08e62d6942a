// SPDX-License-Identifier: GPL-2.0
/*
 * machine.c - what the machine (millicode and SIE) does with an adapter
 * interruption, and the host's software injection next to it.
 *
 * A device posting through the machine (vfio-ap via AQIC, zPCI with
 * forwarding): set the IPM bit; a vcpu running in SIE and enabled for the
 * ISC takes it directly; otherwise, if the ISC's bit is set in the IAM,
 * clear the IAM, link the GISA into the GIB alert list and raise a GAL
 * interruption only if the list origin was NULL (NONE: the host is
 * draining, link but raise nothing).
 *
 * Millicode links a GISA in one interlocked step. The model takes two
 * atomic steps, word 0 first (IAM cleared, next_alert set) and then the
 * origin; between them the GISA already reads as linked, so the host can
 * see it only through gisa_set_iam's -EBUSY, which upstream ignores.
 */
#include "gib.h"

/*
 * gib_deliver_gisc - account one consumed IPM bit: all posts made since the
 * bit was last consumed were delivered by this one interruption.
 */
void gib_deliver_gisc(struct gib_vcpu *vcpu, u32 gisc, bool by_sie)
{
	struct gib_vm *kvm = vcpu->kvm;
	u32 posts = gib_atomic_xchg(&kvm->posts_pending[gisc], 0);

	gib_stat_inc(kvm, GIB_STAT_deliveries);
	if (by_sie)
		gib_stat_inc(kvm, GIB_STAT_deliveries_sie);
	gib_emit_vm(kvm, GIB_EV_airq_deliver, vcpu->vcpu_idx, gisc,
		    isc_bit(gisc), 0, 0, posts);
	if (by_sie && kvm->host->ops->sie_delivered)
		kvm->host->ops->sie_delivered(vcpu, gisc);
}

/*
 * A vcpu in SIE enabled for @gisc takes the pending bit directly.
 * Returns true if the bit is no longer pending (taken here or by another
 * vcpu meanwhile).
 */
static bool machine_sie_take(struct gib_vm *kvm, u32 gisc)
{
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;
	int i, n = READ_ONCE(kvm->online_vcpus);
	struct gib_vcpu *vcpu;

	for (i = 0; i < n; i++) {
		vcpu = READ_ONCE(kvm->vcpus[i]);
		if (!vcpu || READ_ONCE(vcpu->state) != GIB_VCPU_IN_SIE)
			continue;
		if (!READ_ONCE(vcpu->psw_io) ||
		    !(READ_ONCE(vcpu->gcr6) & isc_bit(gisc)))
			continue;
		if (gisa_tac_ipm_gisc(gisa, gisc))
			gib_deliver_gisc(vcpu, gisc, true);
		return true;
	}
	return false;
}

/**
 * machine_sie_deliver - a vcpu has entered SIE: the machine delivers every
 * pending IPM bit it is enabled for, highest priority (ISC 0) first.
 * @vcpu: the vcpu, already in GIB_VCPU_IN_SIE
 */
void machine_sie_deliver(struct gib_vcpu *vcpu)
{
	struct kvm_s390_gisa *gisa = vcpu->kvm->gisa_int.origin;
	u8 ipm;
	u32 gisc;

	if (!gisa || !READ_ONCE(vcpu->psw_io))
		return;
	ipm = gisa_get_ipm(gisa) & READ_ONCE(vcpu->gcr6);
	for (gisc = 0; ipm && gisc <= MAX_ISC; gisc++) {
		if (!(ipm & isc_bit(gisc)))
			continue;
		if (gisa_tac_ipm_gisc(gisa, gisc))
			gib_deliver_gisc(vcpu, gisc, true);
	}
}

/*
 * The IAM asks for an alert for @gisc: clear the IAM and link the GISA.
 * Nothing happens if the bit is no longer pending (delivered meanwhile) or
 * the IAM does not have the ISC's bit.
 */
static void machine_alert(struct gib_vm *kvm, u32 gisc)
{
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;
	struct gib_host *host = kvm->host;
	u32 self = gisa_phys(gisa), origin, prev;
	u64 word, _word, old;
	u8 bit = isc_bit(gisc), iam;

	word = READ_ONCE(gisa->word[0]);
	for (;;) {
		iam = gisa_word_iam(word);
		if (!(gisa_word_ipm(word) & bit) || !(iam & bit))
			return;
		if (gisa_word_next_alert(word) != self) {
			/*
			 * The host restored the IAM while the GISA was still
			 * linked (gisa_get_ipm_or_restore_iam does not test
			 * it): clear the IAM again, but a GISA is on the list
			 * only once. Real millicode here is UNVERIFIED.
			 */
			_word = word & ~GISA_WORD_IAM_MASK;
			old = cmpxchg(&gisa->word[0], word, _word);
			if (old == word)
				return;
			word = old;
			continue;
		}
		origin = READ_ONCE(host->gib.alert_list_origin);
		_word = (word & ~(GISA_WORD_NEXT_MASK | GISA_WORD_IAM_MASK)) |
			((u64)origin << GISA_WORD_NEXT_SHIFT);
		old = cmpxchg(&gisa->word[0], word, _word);
		if (old == word)
			break;
		word = old;
	}

	/* make the GISA the head of the list; only the host's xchg races */
	while ((prev = cmpxchg(&host->gib.alert_list_origin, origin, self)) !=
	       origin) {
		origin = prev;
		gisa_set_next_alert(gisa, origin);
	}

	gib_stat_inc(kvm, GIB_STAT_alerts);
	gib_emit_vm(kvm, GIB_EV_gisa_alert, GIB_NO_VCPU, gisc, bit, iam, 0,
		    origin);
	if (origin == NULL_GISA_ADDR) {
		gib_stat_inc(kvm, GIB_STAT_gal_raised);
		host->ops->raise_gal(host);
	}
}

static void machine_account_post(struct gib_vm *kvm, u32 gisc,
				 enum gib_airq_source src)
{
	struct kvm_s390_gisa *gisa = kvm->gisa_int.origin;

	/* counted before the bit is set, so that a delivery never misses it */
	gib_atomic_inc(&kvm->posts_pending[gisc]);
	gib_stat_inc(kvm, GIB_STAT_posts);
	gib_stat_inc(kvm, src == GIB_SRC_DEVICE ? GIB_STAT_posts_device :
						  GIB_STAT_posts_software);
	gib_emit_vm(kvm, GIB_EV_airq_post, GIB_NO_VCPU, gisc, isc_bit(gisc),
		    gisa_get_ipm(gisa), 0, src);
}

/**
 * machine_post_airq - a device posts an adapter interruption for guest
 * ISC @gisc through the machine (the AIV facility)
 * @kvm: the target VM; its GISA must exist
 * @gisc: the guest ISC (0..7)
 */
void machine_post_airq(struct gib_vm *kvm, u32 gisc)
{
	machine_account_post(kvm, gisc, GIB_SRC_DEVICE);
	if (gisa_tas_ipm_gisc(kvm->gisa_int.origin, gisc))
		gib_stat_inc(kvm, GIB_STAT_coalesced);
	if (machine_sie_take(kvm, gisc))
		return;
	machine_alert(kvm, gisc);
}

/**
 * kvm_s390_inject_airq - software injection of an adapter interruption
 * (virtio-ccw through QEMU, the FLIC): __inject_io sets the IPM bit of the
 * GISA, then __floating_irq_kick wakes a vcpu. Never takes the alert path.
 * @kvm: the target VM; its GISA must exist
 * @gisc: the guest ISC (0..7)
 */
void kvm_s390_inject_airq(struct gib_vm *kvm, u32 gisc)
{
	bool taken;

	machine_account_post(kvm, gisc, GIB_SRC_SOFTWARE);
	if (gisa_tas_ipm_gisc(kvm->gisa_int.origin, gisc))
		gib_stat_inc(kvm, GIB_STAT_coalesced);
	/* SIE sees the IPM bit whoever set it */
	taken = machine_sie_take(kvm, gisc);
	if (kvm->policy->float_kick)
		kvm->policy->float_kick(kvm, gisc, taken);
	else
		__floating_irq_kick(kvm);
}
