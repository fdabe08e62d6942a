/*
 * test-alert-list.c - the GIB alert list: process_gib_alert_list and
 * gib_alert_irq_handler (arch/s390/kvm/interrupt.c), with millicode linking GISAs
 * while the host walks
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3

/* register ISC 3 on VMs 0..n-1: IAM 0x10, nobody in SIE, so a post alerts */
static int setup(struct harness *h, int n)
{
	int vm;

	for (vm = 0; vm < n; vm++) {
		ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, vm), ISC), H_NISC);
		ASSERT_EQ_HEX(h_iam(h, vm), isc_bit(ISC));
	}
	return 0;
}

static int every_gisa_unlinked(const void *row)
{
	struct harness *h = h_create(3, 1);
	const struct gib_event *ev;
	int vm;
	u32 i;

	(void)row;
	CHECK_CALL(setup(h, 3));
	for (vm = 0; vm < 3; vm++)
		machine_post_airq(h_kvm(h, vm), ISC);
	ASSERT_EQ(h->gal_raised, 1);
	for (vm = 0; vm < 3; vm++) {
		ASSERT_TRUE(gisa_linked(h_gisa(h, vm)));
		ASSERT_TRUE(h_on_alert_list(h, h_phys(h, vm)));
	}

	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	for (vm = 0; vm < 3; vm++) {
		ASSERT_FALSE(gisa_linked(h_gisa(h, vm)));
		ASSERT_EQ_HEX(h_next_alert(h, vm), h_phys(h, vm));
		/* the host does not touch the IPM or the IAM */
		ASSERT_EQ_HEX(h_ipm(h, vm), isc_bit(ISC));
		ASSERT_EQ_HEX(h_iam(h, vm), 0);
		ASSERT_EQ(gib_stat(h_kvm(h, vm), GIB_STAT_unlinked), 1);
	}
	ASSERT_EQ(h_count(h, GIB_EV_gisa_unlink), 3);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(h_nth(h, GIB_EV_gisa_unlink, i)->arg, 0);
	ev = h_nth(h, GIB_EV_gal_process, 0);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ(ev->val, 3);
	ASSERT_FALSE(h->gal_pending);
	return 0;
}

/* the origin as each pass left it, recorded at its gal_process event */
static u32 origin_after_pass[8];

static void record_origin(struct harness *h, const struct gib_event *ev)
{
	if (ev->type == GIB_EV_gal_process && ev->arg < ARRAY_SIZE(origin_after_pass))
		origin_after_pass[ev->arg] = h_origin(h);
}

/*
 * Upstream: final = origin & NONE; origin = xchg(origin, final ? NULL : NONE); walk.
 * Pass 0 stores NONE and walks the list (it ends in NULL: linked while the origin was
 * NULL); pass 1 stores NONE and gets NONE back (an empty list ending in NONE); pass 2
 * is final: it stores NULL.
 */
static int three_passes(const void *row)
{
	struct harness *h = h_create(1, 1);
	static const u8 unlinked[3] = { 1, 0, 0 };
	static const u32 origin[3] = { NONE_GISA_ADDR, NONE_GISA_ADDR, NULL_GISA_ADDR };
	const struct gib_event *ev;
	u32 pass;

	(void)row;
	CHECK_CALL(setup(h, 1));
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_EQ_HEX(h_next_alert(h, 0), NULL_GISA_ADDR);
	h_log_reset(h);
	h_set_hook(h, record_origin, 0);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h_count(h, GIB_EV_gal_irq), 1);
	ASSERT_EQ(h_count(h, GIB_EV_gal_process), 3);
	ASSERT_EQ(gib_counter_read(&h->host.gal_passes), 3);
	for (pass = 0; pass < 3; pass++) {
		ev = h_nth(h, GIB_EV_gal_process, pass);
		ASSERT_EQ(ev->arg, pass);
		ASSERT_EQ(ev->val, unlinked[pass]);
		ASSERT_EQ_HEX(origin_after_pass[pass], origin[pass]);
	}
	return 0;
}

/* a spurious GAL (nothing linked) takes the same three passes and ends with NULL */
static int empty_list_three_passes(const void *row)
{
	struct harness *h = h_create(1, 1);

	(void)row;
	process_gib_alert_list(&h->host);
	ASSERT_EQ(h_count(h, GIB_EV_gal_process), 3);
	ASSERT_EQ(h_count(h, GIB_EV_gisa_unlink), 0);
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* the hook posts for VM hook_arg once, at the first event matching (type, pass) */
static u16 link_on_type;
static u32 link_on_pass;

static void link_during_walk(struct harness *h, const struct gib_event *ev)
{
	if (h->hook_calls || ev->type != link_on_type || ev->arg != link_on_pass)
		return;
	h->hook_calls++;
	machine_post_airq(h_kvm(h, (int)h->hook_arg), ISC);
}

static int linked_while_none_stored(const void *row)
{
	struct harness *h = h_create(3, 1);
	const struct gib_event *ev;

	(void)row;
	CHECK_CALL(setup(h, 3));
	machine_post_airq(h_kvm(h, 0), ISC);
	h_log_reset(h);
	/* VM 1 is linked when VM 0 is unlinked in pass 0, with NONE stored */
	link_on_type = GIB_EV_gisa_unlink;
	link_on_pass = 0;
	h_set_hook(h, link_during_walk, 1);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->hook_calls, 1);
	ev = h_last(h, GIB_EV_gisa_alert);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ(ev->vm, 1);
	ASSERT_EQ_HEX(ev->arg, NONE_GISA_ADDR);
	/* linked without a GAL, unlinked by pass 1, its kicker started */
	ASSERT_EQ(h->gal_raised, 1);
	ASSERT_FALSE(h->gal_pending);
	ASSERT_EQ(gib_stat(h_kvm(h, 1), GIB_STAT_gal_raised), 0);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 1)));
	ev = h_last(h, GIB_EV_gisa_unlink);
	ASSERT_EQ(ev->vm, 1);
	ASSERT_EQ(ev->arg, 1);
	ASSERT_TRUE(h->vm[1].kicker_armed);
	ASSERT_EQ(h->vm[1].kicker_delay, 0);
	ASSERT_EQ(h_count(h, GIB_EV_gal_process), 3);
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* VM 1 linked in pass 0, VM 2 while pass 1 walks VM 1 (NONE stored): the final pass takes it */
static void link_two(struct harness *h, const struct gib_event *ev)
{
	if (ev->type != GIB_EV_gisa_unlink)
		return;
	if (ev->vm == 0 && ev->arg == 0 && h->hook_calls == 0) {
		h->hook_calls++;
		machine_post_airq(h_kvm(h, 1), ISC);
	} else if (ev->vm == 1 && ev->arg == 1 && h->hook_calls == 1) {
		h->hook_calls++;
		machine_post_airq(h_kvm(h, 2), ISC);
	}
}

static int linked_during_second_pass(const void *row)
{
	struct harness *h = h_create(3, 1);
	const struct gib_event *ev;

	(void)row;
	CHECK_CALL(setup(h, 3));
	machine_post_airq(h_kvm(h, 0), ISC);
	h_log_reset(h);
	h_set_hook(h, link_two, 0);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->hook_calls, 2);
	ASSERT_EQ(h->gal_raised, 1);
	ASSERT_FALSE(h->gal_pending);
	ev = h_last(h, GIB_EV_gisa_unlink);
	ASSERT_EQ(ev->vm, 2);
	ASSERT_EQ(ev->arg, 2);
	ASSERT_EQ(h_count(h, GIB_EV_gal_process), 3);
	ASSERT_EQ(h_nth(h, GIB_EV_gal_process, 2)->val, 1);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 2)));
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* storing NULL re-enables GAL interruptions: a GISA linked after the final pass raises one */
static int linked_after_final_pass(const void *row)
{
	struct harness *h = h_create(2, 1);

	(void)row;
	CHECK_CALL(setup(h, 2));
	machine_post_airq(h_kvm(h, 0), ISC);
	link_on_type = GIB_EV_gal_process;
	link_on_pass = 2;
	h_set_hook(h, link_during_walk, 1);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->hook_calls, 1);
	ASSERT_EQ(h->gal_raised, 2);
	ASSERT_TRUE(h->gal_pending);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 1)));
	ASSERT_EQ_HEX(h_origin(h), h_phys(h, 1));
	ASSERT_EQ_HEX(h_next_alert(h, 1), NULL_GISA_ADDR);
	h_set_hook(h, NULL, 0);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_FALSE(gisa_linked(h_gisa(h, 1)));
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* a test policy: upstream whose alert hook also links VM 1 once (from inside the walk) */
static int policy_links;

static void alert_and_link(struct gib_vm *kvm)
{
	gib_upstream_alert(kvm);
	if (kvm->id == 0 && !policy_links++)
		machine_post_airq(kvm->host->vms[1], ISC);
}

static int linked_from_alert_hook(const void *row)
{
	struct gib_policy policy = *gib_policy_find("upstream");
	struct harness *h;

	(void)row;
	policy.name = "test-link-in-alert";
	policy.alert = alert_and_link;
	policy_links = 0;
	h = h_create_with(2, 1, &policy, NULL);
	CHECK_CALL(setup(h, 2));
	machine_post_airq(h_kvm(h, 0), ISC);
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(policy_links, 1);
	ASSERT_EQ(h->gal_raised, 1);
	ASSERT_FALSE(h->gal_pending);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 1)));
	ASSERT_EQ(h_last(h, GIB_EV_gisa_unlink)->vm, 1);
	ASSERT_EQ(h_last(h, GIB_EV_gisa_unlink)->arg, 1);
	ASSERT_TRUE(h->vm[0].kicker_armed);
	ASSERT_TRUE(h->vm[1].kicker_armed);
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/* hrtimer_cancel if hrtimer_active, then hrtimer_start(0) */
static int alert_restarts_kicker(const void *row)
{
	struct harness *h = h_create(2, 1);

	(void)row;
	CHECK_CALL(setup(h, 2));
	h_arm_kicker(h, 0, H_PERIOD);
	machine_post_airq(h_kvm(h, 0), ISC);
	machine_post_airq(h_kvm(h, 1), ISC);
	ASSERT_TRUE(h_run_gal(h));
	/* VM 0: armed, so cancelled, then started at once */
	ASSERT_EQ(h->vm[0].kicker_cancels, 1);
	ASSERT_EQ(h->vm[0].kicker_starts, 2);
	ASSERT_TRUE(h->vm[0].kicker_armed);
	ASSERT_EQ(h->vm[0].kicker_delay, 0);
	/* VM 1: not active, so no cancel */
	ASSERT_EQ(h->vm[1].kicker_cancels, 0);
	ASSERT_EQ(h->vm[1].kicker_starts, 1);
	ASSERT_TRUE(h->vm[1].kicker_armed);
	ASSERT_EQ(h->vm[1].kicker_delay, 0);
	return 0;
}

static int gal_handler_counts(const void *row)
{
	struct harness *h = h_create(1, 1);

	(void)row;
	CHECK_CALL(setup(h, 1));
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_EQ(gib_counter_read(&h->host.gal_irqs), 0);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(gib_counter_read(&h->host.gal_irqs), 1);
	ASSERT_EQ(h_count(h, GIB_EV_gal_irq), 1);
	ASSERT_FALSE(h_run_gal(h));
	return 0;
}

const struct test_case alert_list_cases[] = {
	TEST_CASE(
		"interrupt.c process_gib_alert_list: every GISA unlinked (next_alert = self), origin NULL",
		every_gisa_unlinked),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: one GAL, nothing linked meanwhile: 3 passes (NONE, NONE, final NULL)",
		three_passes),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: an empty list (spurious GAL) also takes 3 passes, ends NULL",
		empty_list_three_passes),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: GISA linked in pass 0 (NONE stored): no GAL, unlinked by pass 1",
		linked_while_none_stored),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: GISA linked in pass 1 walk: no GAL, unlinked by the final pass",
		linked_during_second_pass),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: storing NULL re-enables GALs: a later link raises one",
		linked_after_final_pass),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: GISA linked from the alert hook is taken by a later pass",
		linked_from_alert_hook),
	TEST_CASE(
		"interrupt.c process_gib_alert_list: hrtimer_cancel if active, hrtimer_start(0) per GISA",
		alert_restarts_kicker),
	TEST_CASE("interrupt.c gib_alert_irq_handler: IRQIO_GAL counted, the list processed",
		  gal_handler_counts),
	TEST_END
};
