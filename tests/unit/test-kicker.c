/*
 * test-kicker.c - the GISA kicker under upstream: gisa_vcpu_kicker and
 * __airqs_kick_single_vcpu (arch/s390/kvm/interrupt.c), the kicked_mask
 * bookkeeping of vcpu_pre_run and kvm_arch_vcpu_runnable, and the 2021 fixes
 * 9b57e9d5010b and 0e9ff65f455d as parameters
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3
#define ISC_BIT 0x10

/* how a vcpu is set up before the alert */
enum vcpu_setup {
	V_IDLE, /* enabled wait, PSW I/O on, CR6 = ISC 3 */
	V_IDLE_OTHER_ISC, /* enabled wait, PSW I/O on, CR6 = ISC 7 only */
	V_IDLE_IO_OFF, /* enabled wait with the external mask only, CR6 = ISC 3 */
	V_HOST, /* out of SIE on another intercept: not idle */
	V_DISABLED, /* disabled wait: not idle */
};

static int setup_vcpu(struct gib_vcpu *v, enum vcpu_setup how)
{
	switch (how) {
	case V_IDLE:
		ASSERT_EQ(h_wait(v, ISC_BIT, true, false), GIB_WAIT_ENABLED);
		break;
	case V_IDLE_OTHER_ISC:
		ASSERT_EQ(h_wait(v, 0x01, true, false), GIB_WAIT_ENABLED);
		break;
	case V_IDLE_IO_OFF:
		ASSERT_EQ(h_wait(v, ISC_BIT, false, true), GIB_WAIT_ENABLED);
		break;
	case V_HOST:
		gib_vcpu_set_masks(v, ISC_BIT, true, false);
		gib_vcpu_exit_sie(v, GIB_EXIT_OTHER);
		break;
	case V_DISABLED:
		ASSERT_EQ(h_wait(v, ISC_BIT, false, false), GIB_WAIT_DISABLED);
		break;
	}
	return 0;
}

/*
 * VM 0 with ISC 3 registered and its vcpus set up as @how; a device posts ISC 3,
 * the GISA is linked and the GAL handled: the kicker is armed with delay 0.
 */
static int setup_alert(struct harness *h, const enum vcpu_setup *how, int n)
{
	int i;

	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), ISC), H_NISC);
	for (i = 0; i < n; i++)
		CHECK_CALL(setup_vcpu(h_vcpu(h, 0, i), how[i]));
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_TRUE(h->vm[0].kicker_armed);
	ASSERT_EQ(h->vm[0].kicker_delay, 0);
	h_log_reset(h);
	return 0;
}

static unsigned int total_wakes(struct harness *h)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < h->nr_vcpus; i++)
		n += h->vm[0].wakes[i];
	return n;
}

static int one_kick_per_tick(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE, V_IDLE, V_IDLE };
	struct harness *h = h_create(1, 3);
	const struct gib_event *ev;

	(void)row;
	CHECK_CALL(setup_alert(h, how, 3));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(total_wakes(h), 1);
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	ASSERT_TRUE(h_kicked(h, 0, 0));
	ASSERT_FALSE(h_kicked(h, 0, 1));
	ASSERT_TRUE(h_vcpu(h, 0, 0)->valid_wakeup);
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), 1);
	ev = h_last(h, GIB_EV_vcpu_kick);
	ASSERT_EQ(ev->vcpu, 0);
	ASSERT_EQ_HEX(ev->mask, ISC_BIT);
	ASSERT_EQ(ev->arg, GIB_KICK_KICKER);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_TRUE(h->vm[0].kicker_armed);
	ASSERT_EQ(h->vm[0].kicker_delay, H_PERIOD);
	ASSERT_EQ(h_last(h, GIB_EV_kick_timer)->arg, 1);
	return 0;
}

/* "lately kicked but not yet running": the first eligible vcpu's bit set -> return */
static int lately_kicked_stops_tick(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE, V_IDLE, V_IDLE };
	struct harness *h = h_create(1, 3);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	CHECK_CALL(setup_alert(h, how, 3));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	/* vcpu 0 has not run yet: the next ticks kick nobody, not even vcpu 1 or 2 */
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(total_wakes(h), 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_kicks_suppressed), 2);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_kicks), 1);
	ASSERT_FALSE(h_kicked(h, 0, 1));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	return 0;
}

struct eligible_row {
	const char *name;
	enum vcpu_setup first; /* vcpu 0: not eligible */
};

static const struct eligible_row eligible_rows[] = {
	{ "interrupt.c __airqs_kick_single_vcpu: a vcpu not in idle_mask (out of SIE) is skipped",
	  V_HOST },
	{ "interrupt.c __airqs_kick_single_vcpu: a vcpu in disabled wait (not idle) is skipped",
	  V_DISABLED },
	{ "interrupt.c __airqs_kick_single_vcpu: an idle vcpu with PSW I/O off (psw_ioint_disabled) is skipped",
	  V_IDLE_IO_OFF },
	{ "interrupt.c __airqs_kick_single_vcpu: an idle vcpu whose CR6 lacks the ISC is skipped",
	  V_IDLE_OTHER_ISC },
};

/* vcpu 0 not eligible, vcpu 1 eligible: vcpu 1 is kicked */
static int check_eligible(const void *row)
{
	const struct eligible_row *r = row;
	enum vcpu_setup how[2] = { r->first, V_IDLE };
	struct harness *h = h_create(1, 2);

	CHECK_CALL(setup_alert(h, how, 2));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 0);
	ASSERT_EQ(h->vm[0].wakes[1], 1);
	ASSERT_FALSE(h_kicked(h, 0, 0));
	ASSERT_TRUE(h_kicked(h, 0, 1));
	return 0;
}

/* nobody eligible: tick again every 50 us, kick nobody, IAM stays 0 */
static int no_eligible_keeps_ticking(const void *row)
{
	static const enum vcpu_setup how[] = { V_HOST, V_IDLE_OTHER_ISC };
	struct harness *h = h_create(1, 2);
	int tick;

	(void)row;
	CHECK_CALL(setup_alert(h, how, 2));
	for (tick = 0; tick < 5; tick++) {
		ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
		ASSERT_EQ_HEX(h_iam(h, 0), 0);
	}
	ASSERT_EQ(total_wakes(h), 0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ(gib_stat(h_kvm(h, 0), GIB_STAT_kicks_suppressed), 0);
	return 0;
}

/* once the registered ISC is consumed: restore (site kicker), HRTIMER_NORESTART */
static int restore_and_stop(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE };
	struct harness *h = h_create(1, 1);
	const struct gib_event *ev;

	(void)row;
	CHECK_CALL(setup_alert(h, how, 1));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	h_wake(h_vcpu(h, 0, 0), true);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	ASSERT_EQ(h_fire_kicker(h, 0), 0);
	ASSERT_FALSE(h->vm[0].kicker_armed);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ev = h_last(h, GIB_EV_iam_restore);
	ASSERT_NOT_NULL(ev);
	ASSERT_EQ(ev->arg, GIB_RESTORE_KICKER);
	ASSERT_EQ_HEX(ev->new, ISC_BIT);
	ASSERT_EQ(h_last(h, GIB_EV_kick_timer)->arg, 0);
	return 0;
}

/* an unregistered ISC left pending (software posted) does not keep the kicker running */
static int unregistered_pending_stops(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE };
	struct harness *h = h_create(1, 1);

	(void)row;
	CHECK_CALL(setup_alert(h, how, 1));
	gisa_set_ipm_gisc(h_gisa(h, 0), 7);
	ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), ISC));
	ASSERT_EQ(h_fire_kicker(h, 0), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x01);
	ASSERT_EQ(total_wakes(h), 0);
	return 0;
}

/*
 * The kicker stops exactly when it restores: over a scripted run of ticks with posts,
 * deliveries and waits in between, a tick returns 0 iff it restored the IAM, and while
 * it returns non-zero a registered ISC is pending and the IAM is not restored by it.
 */
static int stops_iff_restores(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE, V_IDLE };
	struct harness *h = h_create(1, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	unsigned int seed = 12345, restores, tick;
	struct gib_vcpu *v;
	u64 next;
	int i;

	(void)row;
	CHECK_CALL(setup_alert(h, how, 2));
	for (tick = 0; tick < 200; tick++) {
		check_step = (int)tick;
		seed = seed * 1103515245U + 12345U;
		switch ((seed >> 16) % 5) {
		case 0: /* a device posts again (alert path if the IAM allows) */
			machine_post_airq(kvm, ISC);
			break;
		case 1: /* an unregistered ISC is posted in software */
			gisa_set_ipm_gisc(h_gisa(h, 0), 7);
			break;
		case 2: /* kicked vcpus run and go back to wait */
			for (i = 0; i < 2; i++) {
				v = h_vcpu(h, 0, i);
				if (!h->vm[0].wakes[i] || v->state != GIB_VCPU_WAIT)
					continue;
				h_wake(v, true);
				h_wait(v, ISC_BIT, true, false);
			}
			break;
		default:
			break;
		}
		h_run_gal(h);
		if (!h->vm[0].kicker_armed)
			h_arm_kicker(h, 0, 0);
		restores = h_count(h, GIB_EV_iam_restore);
		next = h_fire_kicker(h, 0);
		if (next) {
			ASSERT_EQ(next, H_PERIOD);
			ASSERT_EQ(h_count(h, GIB_EV_iam_restore), restores);
			ASSERT_NE(h_ipm(h, 0) & kvm->gisa_int.alert.mask, 0);
		} else {
			ASSERT_EQ(h_count(h, GIB_EV_iam_restore), restores + 1);
			ASSERT_EQ(h_last(h, GIB_EV_iam_restore)->arg, GIB_RESTORE_KICKER);
			ASSERT_EQ_HEX(h_iam(h, 0), kvm->gisa_int.alert.mask);
		}
	}
	return 0;
}

struct preserve_row {
	const char *name;
	bool preserve;
	unsigned int wakes1;
};

static const struct preserve_row preserve_rows[] = {
	{ "interrupt.c __airqs_kick_single_vcpu (2019): mask and-ed in place: an idle vcpu not enabled hides a later one",
	  false, 0 },
	{ "interrupt.c __airqs_kick_single_vcpu (0e9ff65f455d): mask preserved: the later enabled vcpu is kicked",
	  true, 1 },
};

static int check_preserve(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE_OTHER_ISC, V_IDLE };
	const struct preserve_row *r = row;
	struct gib_params params = h_upstream_params();
	struct harness *h;

	params.kicker_preserve_mask = r->preserve;
	h = h_create_with(1, 2, gib_policy_find("upstream"), &params);
	CHECK_CALL(setup_alert(h, how, 2));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 0);
	ASSERT_EQ(h->vm[0].wakes[1], r->wakes1);
	ASSERT_EQ(h_kicked(h, 0, 1), r->wakes1);
	return 0;
}

/* vcpu_pre_run clears the vcpu's kicked bit */
static int kicked_cleared_by_sie_entry(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE };
	struct harness *h = h_create(1, 1);

	(void)row;
	CHECK_CALL(setup_alert(h, how, 1));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_TRUE(h_kicked(h, 0, 0));
	h_wake(h_vcpu(h, 0, 0), true);
	ASSERT_FALSE(h_kicked(h, 0, 0));
	return 0;
}

struct runnable_row {
	const char *name;
	bool clear_in_runnable;
	bool kicked_after;
	unsigned int wakes_after_second_tick;
};

static const struct runnable_row runnable_rows[] = {
	{ "kvm-s390.c kvm_arch_vcpu_runnable (9b57e9d5010b): clears the kicked bit, the vcpu is kicked again",
	  true, false, 2 },
	{ "kvm-s390.c kvm_arch_vcpu_runnable (2019): kicked bit kept, the next tick kicks nobody",
	  false, true, 1 },
};

/* the kicked vcpu polls (kvm_arch_vcpu_runnable) and finds nothing: the ISC went away */
static int check_runnable_clear(const void *row)
{
	static const enum vcpu_setup how[] = { V_IDLE };
	const struct runnable_row *r = row;
	struct gib_params params = h_upstream_params();
	struct gib_vcpu *v;
	struct harness *h;

	params.kicked_clear_in_runnable = r->clear_in_runnable;
	h = h_create_with(1, 1, gib_policy_find("upstream"), &params);
	v = h_vcpu(h, 0, 0);
	CHECK_CALL(setup_alert(h, how, 1));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	/* the guest disabled ISC 3 meanwhile: the poll finds nothing and it sleeps again */
	gib_vcpu_set_masks(v, 0x01, true, false);
	ASSERT_FALSE(kvm_arch_vcpu_runnable(v));
	ASSERT_EQ(h_kicked(h, 0, 0), r->kicked_after);
	gib_vcpu_set_masks(v, ISC_BIT, true, false);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], r->wakes_after_second_tick);
	return 0;
}

const struct test_case kicker_cases[] = {
	TEST_CASE(
		"interrupt.c __airqs_kick_single_vcpu: at most one vcpu per tick, the first idle enabled one",
		one_kick_per_tick),
	TEST_CASE(
		"interrupt.c __airqs_kick_single_vcpu: first eligible vcpu lately kicked: nobody kicked this tick",
		lately_kicked_stops_tick),
	TEST_TABLE(check_eligible, eligible_rows),
	TEST_CASE(
		"interrupt.c gisa_vcpu_kicker: no eligible vcpu: HRTIMER_RESTART every 50 us, IAM stays 0",
		no_eligible_keeps_ticking),
	TEST_CASE(
		"interrupt.c gisa_vcpu_kicker: nothing registered pending: IAM restored (kicker), HRTIMER_NORESTART",
		restore_and_stop),
	TEST_CASE(
		"interrupt.c gisa_vcpu_kicker: an unregistered ISC pending does not keep the timer running",
		unregistered_pending_stops),
	TEST_CASE(
		"interrupt.c gisa_vcpu_kicker: stops exactly when it restores the IAM (200 scripted ticks)",
		stops_iff_restores),
	TEST_TABLE(check_preserve, preserve_rows),
	TEST_CASE("kvm-s390.c vcpu_pre_run: clears the vcpu's kicked bit",
		  kicked_cleared_by_sie_entry),
	TEST_TABLE(check_runnable_clear, runnable_rows),
	TEST_END
};
