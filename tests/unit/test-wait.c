/*
 * test-wait.c - the wait intercept: kvm_s390_handle_wait's order of checks and its
 * IAM restore, and the end of the halt (arch/s390/kvm/interrupt.c)
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3
#define ISC_BIT 0x10

struct wait_row {
	const char *name;
	u8 ipm; /* pending before the wait; ISC 3 is registered (alert.mask 0x10) */
	u8 gcr6;
	bool psw_io;
	bool psw_ext;
	bool timer;
	enum gib_wait_kind kind;
	u8 iam_after; /* from IAM 0 */
	bool restored; /* an iam_restore event (site wait) */
	bool policy; /* the GISA check ran (a restore or a skip) */
};

static const struct wait_row wait_rows[] = {
	{ "interrupt.c kvm_s390_handle_wait: fast path first: registered ISC deliverable -> return 0, no restore",
	  ISC_BIT, ISC_BIT, true, false, false, GIB_WAIT_RUNNABLE, 0x00, false, false },
	{ "interrupt.c kvm_s390_handle_wait: fast path: unregistered ISC deliverable -> return 0, no restore",
	  0x01, 0x01, true, false, false, GIB_WAIT_RUNNABLE, 0x00, false, false },
	{ "interrupt.c kvm_s390_handle_wait: fast path: clock comparator pending, ext on -> return 0, no restore",
	  0x00, ISC_BIT, true, true, true, GIB_WAIT_RUNNABLE, 0x00, false, false },
	{ "interrupt.c kvm_s390_handle_wait: PSW I/O and ext off -> disabled wait (-EOPNOTSUPP), no restore",
	  0x00, ISC_BIT, false, false, false, GIB_WAIT_DISABLED, 0x00, false, false },
	{ "interrupt.c kvm_s390_handle_wait: disabled wait is checked before the GISA (ISC pending)",
	  ISC_BIT, ISC_BIT, false, false, false, GIB_WAIT_DISABLED, 0x00, false, false },
	{ "interrupt.c kvm_s390_handle_wait: registered ISC pending & this CR6 (PSW I/O off) -> return 0, IAM not restored",
	  ISC_BIT, ISC_BIT, false, true, false, GIB_WAIT_RUNNABLE, 0x00, false, true },
	{ "interrupt.c kvm_s390_handle_wait: registered ISC pending, not in this CR6 -> idle, IAM not restored",
	  ISC_BIT, 0x01, true, false, false, GIB_WAIT_ENABLED, 0x00, false, true },
	{ "interrupt.c kvm_s390_handle_wait: nothing pending -> idle, IAM restored (site wait)",
	  0x00, ISC_BIT, true, false, false, GIB_WAIT_ENABLED, ISC_BIT, true, true },
	{ "interrupt.c kvm_s390_handle_wait: only an unregistered, not enabled ISC pending -> idle, IAM restored",
	  0x01, ISC_BIT, true, false, false, GIB_WAIT_ENABLED, ISC_BIT, true, true },
	{ "interrupt.c kvm_s390_handle_wait: nothing pending, ext-only wait -> idle, IAM restored",
	  0x00, ISC_BIT, false, true, false, GIB_WAIT_ENABLED, ISC_BIT, true, true },
};

static int check_wait(const void *row)
{
	const struct wait_row *r = row;
	struct harness *h = h_create(1, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	u32 isc;

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), 0), 0);
	for (isc = 0; isc <= MAX_ISC; isc++)
		if (r->ipm & isc_bit(isc))
			gisa_set_ipm_gisc(h_gisa(h, 0), isc);
	v->timer_pending = r->timer;
	h_log_reset(h);

	ASSERT_EQ(h_wait(v, r->gcr6, r->psw_io, r->psw_ext), r->kind);
	ASSERT_EQ_HEX(h_iam(h, 0), r->iam_after);
	ASSERT_EQ_HEX(h_ipm(h, 0), r->ipm);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), r->restored);
	if (r->restored)
		ASSERT_EQ(h_last(h, GIB_EV_iam_restore)->arg, GIB_RESTORE_WAIT);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restores) + gib_stat(kvm, GIB_STAT_restore_skips),
		  r->policy);
	ASSERT_EQ(h_idle(h, 0, 0), r->kind == GIB_WAIT_ENABLED);
	ASSERT_FALSE(h_idle(h, 0, 1));
	ASSERT_EQ(v->state, r->kind == GIB_WAIT_ENABLED	 ? GIB_VCPU_WAIT :
			    r->kind == GIB_WAIT_DISABLED ? GIB_VCPU_DISABLED_WAIT :
							   GIB_VCPU_HOST);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_waits), 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_waits_runnable), r->kind == GIB_WAIT_RUNNABLE);
	ASSERT_EQ(h_last(h, GIB_EV_vcpu_wait)->arg, r->kind);
	ASSERT_EQ_HEX(h_last(h, GIB_EV_vcpu_wait)->mask, r->gcr6);
	return 0;
}

/* gisa_get_ipm_or_restore_iam does not test the alert list: a wait restores while linked */
static int restore_while_linked(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), ISC));
	ASSERT_EQ(h_wait(h_vcpu(h, 0, 0), ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	return 0;
}

/* without a GISA (destroyed) the wait neither restores nor reads one */
static int no_gisa_no_restore(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	kvm_s390_gisa_destroy(kvm);
	ASSERT_EQ(h_wait(h_vcpu(h, 0, 0), ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restore_skips), 0);
	return 0;
}

/* kicked with an interruption to take: valid wakeup, not spurious, idle bit cleared */
static int wakeup_after_kick(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	ASSERT_EQ(h_wait(v, ISC_BIT, true, false), GIB_WAIT_ENABLED);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_TRUE(v->valid_wakeup);
	kvm_s390_handle_wait_done(v, true);
	ev = h_last(h, GIB_EV_vcpu_wakeup);
	ASSERT_EQ(ev->arg & 3, 3); /* slept, valid */
	ASSERT_FALSE(v->valid_wakeup);
	ASSERT_FALSE(h_idle(h, 0, 0));
	ASSERT_EQ(v->state, GIB_VCPU_HOST);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_wakeups), 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_wakeups_spurious), 0);
	return 0;
}

struct wakeup_row {
	const char *name;
	bool kick; /* kvm_s390_vcpu_wakeup before the end of the halt */
	bool slept;
	u8 ipm;
	u32 arg;
	u64 spurious;
};

static const struct wakeup_row wakeup_rows[] = {
	{ "kvm_main.c kvm_vcpu_halt: valid wakeup, slept, nothing deliverable: spurious", true,
	  true, 0x00, 3, 1 },
	{ "kvm_main.c kvm_vcpu_halt: poll hit without a kick, ISC deliverable: not valid, not spurious",
	  false, false, ISC_BIT, 0, 0 },
	{ "kvm_main.c kvm_vcpu_halt: slept, no kick, only a not enabled ISC pending: spurious",
	  false, true, 0x01, 1, 1 },
};

/* kvm_s390_handle_wait_done: reports (slept, valid_wakeup), clears both idle and valid */
static int check_wakeup(const void *row)
{
	const struct wakeup_row *r = row;
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	u32 isc;

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	ASSERT_EQ(h_wait(v, ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_TRUE(h_idle(h, 0, 0));
	for (isc = 0; isc <= MAX_ISC; isc++)
		if (r->ipm & isc_bit(isc))
			gisa_set_ipm_gisc(h_gisa(h, 0), isc);
	if (r->kick)
		kvm_s390_vcpu_wakeup(v);
	kvm_s390_handle_wait_done(v, r->slept);
	/* bit 0 slept, bit 1 valid_wakeup */
	ASSERT_EQ(h_last(h, GIB_EV_vcpu_wakeup)->arg & 3, r->arg);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_wakeups_spurious), r->spurious);
	ASSERT_FALSE(v->valid_wakeup);
	ASSERT_FALSE(h_idle(h, 0, 0));
	return 0;
}

const struct test_case wait_cases[] = {
	TEST_TABLE(check_wait, wait_rows),
	TEST_CASE(
		"interrupt.c kvm_s390_handle_wait: restores the IAM while the GISA is linked (no list test)",
		restore_while_linked),
	TEST_CASE("interrupt.c kvm_s390_handle_wait: no GISA (gi->origin NULL): no restore",
		  no_gisa_no_restore),
	TEST_CASE(
		"interrupt.c kvm_s390_handle_wait: kicked halt ends: valid_wakeup reported and cleared, __unset_cpu_idle",
		wakeup_after_kick),
	TEST_TABLE(check_wakeup, wakeup_rows),
	TEST_END
};
