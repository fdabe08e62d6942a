/*
 * test-gisc.c - guest ISC registration: kvm_s390_gisc_register and
 * kvm_s390_gisc_unregister (arch/s390/kvm/interrupt.c, used by vfio-ap and zPCI)
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

static int enodev_without_gisa(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	kvm_s390_gisa_destroy(kvm);
	ASSERT_TRUE(kvm->gisa_int.origin == NULL);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), -ENODEV);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 3), -ENODEV);
	/* the GISA is checked before the range */
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 8), -ENODEV);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 8), -ENODEV);
	ASSERT_EQ(h_count(h, GIB_EV_gisc_register), 0);
	return 0;
}

static int erange(const void *row)
{
	static const u32 bad[] = { MAX_ISC + 1, 255, 0xffffffffU };
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);
	size_t i;

	(void)row;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ASSERT_EQ(kvm_s390_gisc_register(kvm, bad[i]), -ERANGE);
		ASSERT_EQ(kvm_s390_gisc_unregister(kvm, bad[i]), -ERANGE);
	}
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	return 0;
}

/* returns gib->nisc, the host ISC the device is programmed with, for every GISC */
static int returns_nisc(const void *row)
{
	struct harness *h = h_create(1, 0);
	u32 gisc;

	(void)row;
	for (gisc = 0; gisc <= MAX_ISC; gisc++)
		ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), gisc), H_NISC);
	ASSERT_EQ_HEX(h_kvm(h, 0)->gisa_int.alert.mask, 0xff);
	ASSERT_EQ_HEX(h_iam(h, 0), 0xff);
	return 0;
}

static int einval_unregistered(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 3), -EINVAL);
	ASSERT_EQ(kvm->gisa_int.alert.ref_count[3], 0);
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0x02);
	ASSERT_EQ_HEX(h_iam(h, 0), 0x02);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 6), 0);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 6), -EINVAL);
	ASSERT_EQ(kvm->gisa_int.alert.ref_count[6], 0);
	return 0;
}

struct ref_step {
	bool reg;
	u32 gisc;
	int rc;
	u32 count; /* ref_count[gisc] after */
	u8 mask; /* alert.mask and (unlinked) IAM after */
};

/* mask bit set on 0 -> 1 only, cleared on 1 -> 0 only */
static int refcounts(const void *row)
{
	static const struct ref_step steps[] = {
		{ true, 3, H_NISC, 1, 0x10 }, { true, 3, H_NISC, 2, 0x10 },
		{ true, 7, H_NISC, 1, 0x11 }, { false, 3, 0, 1, 0x11 },
		{ true, 3, H_NISC, 2, 0x11 }, { false, 3, 0, 1, 0x11 },
		{ false, 3, 0, 0, 0x01 },     { false, 3, -EINVAL, 0, 0x01 },
		{ false, 7, 0, 0, 0x00 },
	};
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);
	const struct gib_event *ev;
	unsigned int n;
	size_t i;
	int rc;

	(void)row;
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		check_step = (int)i;
		n = h_count(h, GIB_EV_iam_set);
		rc = steps[i].reg ? kvm_s390_gisc_register(kvm, steps[i].gisc) :
				    kvm_s390_gisc_unregister(kvm, steps[i].gisc);
		ASSERT_EQ(rc, steps[i].rc);
		ASSERT_EQ(kvm->gisa_int.alert.ref_count[steps[i].gisc], steps[i].count);
		ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, steps[i].mask);
		ASSERT_EQ_HEX(h_iam(h, 0), steps[i].mask);
		/* gisa_set_iam only on a 0 <-> 1 transition */
		if (steps[i].rc >= 0 && steps[i].count == (steps[i].reg ? 1U : 0U)) {
			ASSERT_EQ(h_count(h, GIB_EV_iam_set), n + 1);
			ev = h_last(h, GIB_EV_iam_set);
			ASSERT_EQ(ev->arg, 0);
			ASSERT_EQ_HEX(ev->new, steps[i].mask);
		} else {
			ASSERT_EQ(h_count(h, GIB_EV_iam_set), n);
		}
	}
	return 0;
}

/* while linked: alert.mask changes, the IAM stays 0 (gisa_set_iam's -EBUSY is ignored) */
static int linked_mask_only(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);
	u64 word;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	machine_post_airq(kvm, 3);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	word = h_word(h, 0);

	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0x12);
	ASSERT_EQ_HEX(h_word(h, 0), word);
	ASSERT_EQ(h_last(h, GIB_EV_iam_set)->arg, 1); /* -EBUSY */

	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 3), 0);
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0x02);
	ASSERT_EQ_HEX(h_word(h, 0), word);
	ASSERT_EQ(h_last(h, GIB_EV_iam_set)->arg, 1); /* -EBUSY */
	return 0;
}

/* a mask refused while linked takes effect at the next restore (here the kicker's) */
static int linked_mask_at_next_restore(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	ASSERT_EQ(h_wait(v, 0x10, true, false), GIB_WAIT_ENABLED);
	machine_post_airq(kvm, 3);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	h_wake(v, true);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	ASSERT_EQ(h_fire_kicker(h, 0), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0x12);
	return 0;
}

/*
 * gisa_set_iam only on 0 -> 1: after alert processing (unlinked, IAM still 0 until the
 * next restore) a second registration of the same GISC leaves the IAM at 0
 */
static int second_register_no_set_iam(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	machine_post_airq(kvm, 3);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 3), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0x10);
	return 0;
}

/* registration changes the mask and the IAM, never the IPM */
static int ipm_untouched(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	gisa_set_ipm_gisc(h_gisa(h, 0), 3);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x10);
	ASSERT_EQ_HEX(h_iam(h, 0), 0x10);
	ASSERT_EQ(kvm_s390_gisc_unregister(kvm, 3), 0);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x10);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	return 0;
}

const struct test_case gisc_cases[] = {
	TEST_CASE(
		"interrupt.c kvm_s390_gisc_(un)register: -ENODEV without a GISA (checked before the range)",
		enodev_without_gisa),
	TEST_CASE("interrupt.c kvm_s390_gisc_(un)register: -ERANGE for gisc > MAX_ISC", erange),
	TEST_CASE("interrupt.c kvm_s390_gisc_register: returns gib->nisc for every GISC",
		  returns_nisc),
	TEST_CASE("interrupt.c kvm_s390_gisc_unregister: -EINVAL for an unregistered GISC",
		  einval_unregistered),
	TEST_CASE(
		"interrupt.c kvm_s390_gisc_(un)register: ref_count; mask bit set on 0->1, cleared on 1->0 only",
		refcounts),
	TEST_CASE(
		"interrupt.c kvm_s390_gisc_(un)register: linked: mask changes, IAM left at 0 (-EBUSY ignored)",
		linked_mask_only),
	TEST_CASE(
		"interrupt.c kvm_s390_gisc_register: mask refused while linked is set at the next restore",
		linked_mask_at_next_restore),
	TEST_CASE(
		"interrupt.c kvm_s390_gisc_(un)register: no gisa_set_iam unless 0<->1 (IAM 0 after an alert stays 0)",
		second_register_no_set_iam),
	TEST_CASE("interrupt.c kvm_s390_gisc_(un)register: the IPM is left alone", ipm_untouched),
	TEST_END
};
