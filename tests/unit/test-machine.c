/*
 * test-machine.c - what the machine does with an adapter interruption (gib-path.md
 * section 3: IPM, direct delivery in SIE, IAM test, linking, GAL only on a NULL
 * origin) and the host's software injection (interrupt.c __inject_io,
 * __floating_irq_kick)
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3
#define ISC_BIT 0x10

static int post_sets_ipm(const void *row)
{
	struct harness *h = h_create(1, 1);
	const struct gib_event *ev;

	(void)row;
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	/* IAM 0 (nothing registered): no alert */
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(h->gal_pending);
	ev = h_last(h, GIB_EV_airq_post);
	ASSERT_EQ(ev->isc, ISC);
	ASSERT_EQ(ev->arg, GIB_SRC_DEVICE);
	ASSERT_EQ_HEX(ev->old, 0);
	return 0;
}

/* SIE delivers directly: no alert, the IPM bit consumed, the IAM untouched */
static int sie_takes_it(const void *row)
{
	struct harness *h = h_create(1, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 1);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	gib_vcpu_set_masks(v, ISC_BIT, true, false);
	h_enter_sie(v);
	machine_post_airq(kvm, ISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(h->gal_pending);
	ASSERT_EQ(h_count(h, GIB_EV_gisa_alert), 0);
	ev = h_last(h, GIB_EV_airq_deliver);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ(ev->vcpu, 1);
	ASSERT_EQ(ev->isc, ISC);
	ASSERT_EQ(ev->arg, 1);
	ASSERT_EQ(h->vm[0].sie_delivered[1][ISC], 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_deliveries_sie), 1);
	return 0;
}

struct alert_row {
	const char *name;
	bool in_sie;
	u8 gcr6;
	bool psw_io;
};

static const struct alert_row alert_rows[] = {
	{ "millicode: no vcpu in SIE -> alert (IAM := 0, link, GAL on NULL origin)", false, ISC_BIT,
	  true },
	{ "millicode: vcpu in SIE with CR6 lacking the ISC -> alert path", true, 0x01, true },
	{ "millicode: vcpu in SIE with PSW I/O disabled -> alert path", true, ISC_BIT, false },
};

static int check_alert(const void *row)
{
	const struct alert_row *r = row;
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	const struct gib_event *ev;

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	gib_vcpu_set_masks(v, r->gcr6, r->psw_io, false);
	if (r->in_sie)
		h_enter_sie(v);
	machine_post_airq(kvm, ISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ_HEX(h_origin(h), h_phys(h, 0));
	ASSERT_EQ_HEX(h_next_alert(h, 0), NULL_GISA_ADDR);
	ASSERT_TRUE(h->gal_pending);
	ASSERT_EQ(h->gal_raised, 1);
	ASSERT_EQ(h_count(h, GIB_EV_airq_deliver), 0);
	ev = h_last(h, GIB_EV_gisa_alert);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ_HEX(ev->old, ISC_BIT);
	ASSERT_EQ_HEX(ev->arg, NULL_GISA_ADDR);
	return 0;
}

/* IAM without the ISC's bit: the IPM bit stays, nothing linked */
static int iam_without_bit(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 7), H_NISC);
	machine_post_airq(kvm, ISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_iam(h, 0), 0x01);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(h->gal_pending);
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* linked with IAM 0: more posts only set IPM bits, no second link or GAL */
static int linked_posts_only_ipm(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	u64 word;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	machine_post_airq(kvm, ISC);
	word = h_word(h, 0);
	machine_post_airq(kvm, ISC);
	machine_post_airq(kvm, 6);
	ASSERT_EQ_HEX(h_word(h, 0), word | gisa_word_make(0, 0x02, 0));
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_alerts), 1);
	ASSERT_EQ(h->gal_raised, 1);
	return 0;
}

/* while NONE is stored (the host drains) or a list is linked: link, no GAL */
static int link_without_gal(const void *row)
{
	struct harness *h = h_create(3, 1);
	int vm;

	(void)row;
	for (vm = 0; vm < 3; vm++)
		ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, vm), ISC), H_NISC);
	__atomic_store_n(&h->host.gib.alert_list_origin, NONE_GISA_ADDR, __ATOMIC_SEQ_CST);
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_EQ_HEX(h_origin(h), h_phys(h, 0));
	ASSERT_EQ_HEX(h_next_alert(h, 0), NONE_GISA_ADDR);
	ASSERT_EQ(h->gal_raised, 0);
	machine_post_airq(h_kvm(h, 1), ISC);
	ASSERT_EQ_HEX(h_origin(h), h_phys(h, 1));
	ASSERT_EQ_HEX(h_next_alert(h, 1), h_phys(h, 0));
	ASSERT_EQ(h->gal_raised, 0);
	ASSERT_EQ_HEX(h_last(h, GIB_EV_gisa_alert)->arg, h_phys(h, 0));

	/* the host's next pass takes both and, the list ending in NONE, finishes with NULL */
	process_gib_alert_list(&h->host);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(gisa_linked(h_gisa(h, 1)));
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);

	/* NULL again: a list of one raises a GAL, a second VM links in front without one */
	machine_post_airq(h_kvm(h, 2), ISC);
	ASSERT_EQ(h->gal_raised, 1);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 2)));
	return 0;
}

/* software injection: IPM set, never the alert path, a vcpu woken */
static int inject_no_alert(const void *row)
{
	struct harness *h = h_create(1, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	kvm_s390_inject_airq(kvm, ISC);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(h->gal_pending);
	ASSERT_EQ(h_count(h, GIB_EV_gisa_alert), 0);
	ASSERT_EQ(h_last(h, GIB_EV_airq_post)->arg, GIB_SRC_SOFTWARE);
	ev = h_last(h, GIB_EV_vcpu_kick);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ(ev->arg, GIB_KICK_FLOAT);
	ASSERT_EQ(h->vm[0].wakes[0] + h->vm[0].wakes[1], 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_posts_software), 1);
	return 0;
}

/* __floating_irq_kick: the first idle vcpu */
static int inject_wakes_first_idle(const void *row)
{
	struct harness *h = h_create(1, 3);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(h_wait(h_vcpu(h, 0, 2), ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_wait(h_vcpu(h, 0, 1), ISC_BIT, true, false), GIB_WAIT_ENABLED);
	kvm_s390_inject_airq(kvm, ISC);
	ASSERT_EQ(h->vm[0].wakes[0], 0);
	ASSERT_EQ(h->vm[0].wakes[1], 1);
	ASSERT_EQ(h->vm[0].wakes[2], 0);
	ASSERT_TRUE(h_vcpu(h, 0, 1)->valid_wakeup);
	return 0;
}

/* __floating_irq_kick: no idle vcpu -> round robin (next_rr_cpu), skipping stopped vcpus */
static int inject_round_robin(const void *row)
{
	static const int expect[] = { 0, 2, 0, 2, 0 };
	struct harness *h = h_create(1, 3);
	struct gib_vm *kvm = h_kvm(h, 0);
	size_t i;

	(void)row;
	gib_vcpu_stop(h_vcpu(h, 0, 1));
	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		check_step = (int)i;
		h_log_reset(h);
		kvm_s390_inject_airq(kvm, ISC);
		ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), 1);
		ASSERT_EQ(h_last(h, GIB_EV_vcpu_kick)->vcpu, expect[i]);
	}
	ASSERT_EQ(h->vm[0].wakes[1], 0);
	/* all stopped: nobody */
	gib_vcpu_stop(h_vcpu(h, 0, 0));
	gib_vcpu_stop(h_vcpu(h, 0, 2));
	h_log_reset(h);
	kvm_s390_inject_airq(kvm, ISC);
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), 0);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	return 0;
}

const struct test_case machine_cases[] = {
	TEST_CASE("millicode: a device post sets the IPM bit of its GISC", post_sets_ipm),
	TEST_CASE(
		"millicode: a vcpu in SIE enabled for the ISC takes it directly (no alert, IPM bit consumed)",
		sie_takes_it),
	TEST_TABLE(check_alert, alert_rows),
	TEST_CASE("millicode: IAM without the ISC's bit: no alert, the IPM bit stays",
		  iam_without_bit),
	TEST_CASE("millicode: linked GISA (IAM 0): further posts only set IPM bits",
		  linked_posts_only_ipm),
	TEST_CASE("millicode: origin NONE or a list linked: GISA linked in front, no GAL",
		  link_without_gal),
	TEST_CASE(
		"interrupt.c __inject_io (AI, GISA): IPM set, no alert, no GAL; __floating_irq_kick wakes a vcpu",
		inject_no_alert),
	TEST_CASE("interrupt.c __floating_irq_kick: the first idle vcpu is woken",
		  inject_wakes_first_idle),
	TEST_CASE(
		"interrupt.c __floating_irq_kick: no idle vcpu: round robin, stopped vcpus skipped",
		inject_round_robin),
	TEST_END
};
