/*
 * test-fixes-2021.c - the two 2021 fixes of upstream's kicker, shown as the stall or the
 * missed wakeup each fixed, on deterministic hand-built sequences:
 *  - 9b57e9d5010b "KVM: s390: clear kicked_mask before sleeping again" (params
 *    kicked_clear): a kicked vcpu that finds nothing (another vcpu took the
 *    interruption) sleeps again with its kicked bit set; the kicker then finds it
 *    "lately kicked" at every later tick and kicks nobody, while an eligible vcpu sleeps.
 *  - 0e9ff65f455d "KVM: s390: preserve deliverable_mask in __airqs_kick_single_vcpu"
 *    (params preserve_mask): the mask and-ed in place with the CR6 of an idle vcpu not
 *    enabled for the pending ISC becomes 0, so an enabled idle vcpu later in idle_mask
 *    is never kicked.
 * A stall: the kicker stays armed and ticks N times with a registered ISC pending and an
 * idle vcpu enabled for it not woken, and no tick kicks anyone.
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3
#define ISC_BIT 0x10
#define STALL_TICKS 20

/* an idle vcpu (in idle_mask, not woken since) enabled for a pending registered ISC */
static bool eligible_asleep(struct harness *h, unsigned int woken_before[H_MAX_VCPUS])
{
	struct gib_vm *kvm = h_kvm(h, 0);
	u8 pending = h_ipm(h, 0) & kvm->gisa_int.alert.mask;
	int i;

	for (i = 0; i < h->nr_vcpus; i++) {
		struct gib_vcpu *v = h_vcpu(h, 0, i);

		if (h_idle(h, 0, i) && v->psw_io && (v->gcr6 & pending) &&
		    h->vm[0].wakes[i] == woken_before[i])
			return true;
	}
	return false;
}

/* fire the kicker @ticks times: did it stall (see the header) all along? */
static bool kicker_stalls(struct harness *h, int ticks)
{
	unsigned int before[H_MAX_VCPUS];
	u64 kicks = gib_stat(h_kvm(h, 0), GIB_STAT_kicks);
	int t;

	memcpy(before, h->vm[0].wakes, sizeof(before));
	for (t = 0; t < ticks; t++) {
		if (!h->vm[0].kicker_armed || !h_fire_kicker(h, 0))
			return false;
		if (gib_stat(h_kvm(h, 0), GIB_STAT_kicks) != kicks || !eligible_asleep(h, before))
			return false;
	}
	return true;
}

static struct harness *create(bool kicked_clear, bool preserve_mask, int nr_vcpus)
{
	struct gib_params params = h_upstream_params();

	params.kicked_clear_in_runnable = kicked_clear;
	params.kicker_preserve_mask = preserve_mask;
	return h_create_with(1, nr_vcpus, gib_policy_find("upstream"), &params);
}

static int idle(struct gib_vcpu *v, u8 gcr6)
{
	h_enter_sie(v);
	ASSERT_EQ(h_wait(v, gcr6, true, false), GIB_WAIT_ENABLED);
	return 0;
}

struct fix_row {
	const char *name;
	bool on;
	bool stalls;
};

static const struct fix_row kicked_clear_rows[] = {
	{ "kvm-s390.c kvm_arch_vcpu_runnable (2019, kicked_clear=0): a kicked vcpu that found nothing keeps its kicked bit: the kicker stalls",
	  false, true },
	{ "kvm-s390.c kvm_arch_vcpu_runnable (9b57e9d5010b, kicked_clear=1): the bit is cleared before sleeping again: kicked at the next tick",
	  true, false },
};

static int check_kicked_clear(const void *row)
{
	const struct fix_row *r = row;
	struct harness *h = create(r->on, true, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0), *v1 = h_vcpu(h, 0, 1);

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(idle(v0, ISC_BIT));
	CHECK_CALL(idle(v1, ISC_BIT));
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	/* vcpu 1 runs first (its guest timer) and takes ISC 3 */
	h_wake(v1, true);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	/* kicked vcpu 0 finds nothing: a spurious wakeup, it sleeps again */
	ASSERT_FALSE(kvm_vcpu_check_block(v0, true));
	ASSERT_EQ(h_kicked(h, 0, 0), !r->on);
	/* vcpu 1 waits again (restores at wait); the kicker restores too and stops */
	ASSERT_EQ(h_wait(v1, ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_fire_kicker(h, 0), 0);
	/* the next interruption: both vcpus idle and enabled for it */
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_TRUE(h->vm[0].kicker_armed);
	ASSERT_EQ(kicker_stalls(h, STALL_TICKS), r->stalls);
	if (r->stalls) {
		ASSERT_EQ(gib_stat(kvm, GIB_STAT_kicks_suppressed), STALL_TICKS);
		ASSERT_EQ(h->vm[0].wakes[1], 0); /* vcpu 1 is never kicked */
		/* until vcpu 0 enters SIE for some other reason (vcpu_pre_run clears the bit) */
		h_wake(v0, true);
		ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	} else {
		ASSERT_EQ(h->vm[0].wakes[0], 2);
		ASSERT_EQ(gib_stat(kvm, GIB_STAT_kicks_suppressed), 0);
	}
	return 0;
}

static const struct fix_row preserve_rows[] = {
	{ "interrupt.c __airqs_kick_single_vcpu (2019, preserve_mask=0): an idle vcpu not enabled zeroes the mask: the enabled one is never kicked",
	  false, true },
	{ "interrupt.c __airqs_kick_single_vcpu (0e9ff65f455d, preserve_mask=1): the enabled idle vcpu is kicked at the first tick",
	  true, false },
};

static int check_preserve_mask(const void *row)
{
	const struct fix_row *r = row;
	struct harness *h = create(true, r->on, 2);
	struct gib_vm *kvm = h_kvm(h, 0);

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(idle(h_vcpu(h, 0, 0), 0x01)); /* ISC 7 only, first in idle_mask */
	CHECK_CALL(idle(h_vcpu(h, 0, 1), ISC_BIT));
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(kicker_stalls(h, STALL_TICKS), r->stalls);
	ASSERT_EQ(h->vm[0].wakes[0], 0);
	ASSERT_EQ(h->vm[0].wakes[1], r->stalls ? 0 : 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_kicks_suppressed), 0);
	return 0;
}

const struct test_case fixes_2021_cases[] = { TEST_TABLE(check_kicked_clear, kicked_clear_rows),
					      TEST_TABLE(check_preserve_mask, preserve_rows),
					      TEST_END };
