/*
 * test-policies.c - the defining behaviour of each IAM restore policy of the series
 * ("KVM: s390: make use of the GIB" v2..v5) and of upstream, on hand-built inputs
 * (reference/policies.md). Each case is named after the behaviour and the patch it
 * comes from.
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

#define ISC 3
#define ISC_BIT 0x10
#define ISC_OTHER_BIT 0x01 /* ISC 7: a CR6 that does not take ISC 3 */

#define V2 "v2-post-run"
#define V3 "v3-vm-idle"
#define V4 "v4-first-wait"
#define V5 "v5-clean-ipm"
#define UP "upstream"

/*
 * A host under @policy. The harness leaves the drain to gib_host_init (NONE/NULL); the
 * replayer sets v2's single cut from the policy, so do the same here.
 */
static struct harness *p_create(const char *policy, int nr_vms, int nr_vcpus,
				const struct gib_params *params)
{
	const struct gib_policy *p = gib_policy_find(policy);
	struct harness *h = h_create_with(nr_vms, nr_vcpus, p, params);

	h->host.drain_single_pass = p->drain_single_pass;
	return h;
}

/* into SIE (v2/v3 count it), then a wait intercept into an enabled wait with CR6 @gcr6 */
static int p_idle(struct gib_vcpu *v, u8 gcr6)
{
	h_enter_sie(v);
	ASSERT_EQ(h_wait(v, gcr6, true, false), GIB_WAIT_ENABLED);
	return 0;
}

static unsigned int restores_at(struct harness *h, u32 site)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->nr_events; i++)
		if (h->log[i].type == GIB_EV_iam_restore && h->log[i].arg == site)
			n++;
	return n;
}

/* ---------------------------------------------------------------- v2 */

/* v2 05/12 + 11/12: pre_run: vis++, iam = 0; post_run: vis--, if (!linked && !vis) iam = mask */
static int v2_clear_every_entry_restore_last_exit(const void *row)
{
	struct harness *h = p_create(V2, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0), *v1 = h_vcpu(h, 0, 1);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	h_enter_sie(v0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	/* every entry clears, not only the first one */
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), ISC_BIT), 0);
	h_enter_sie(v1);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	h_log_reset(h);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0); /* v1 still in SIE */
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	/* the IPM is not looked at: a pending ISC does not prevent the restore */
	gisa_set_ipm_gisc(h_gisa(h, 0), ISC);
	gib_vcpu_exit_sie(v1, GIB_EXIT_OTHER);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 1);
	ev = h_last(h, GIB_EV_iam_restore);
	ASSERT_EQ(ev->arg, GIB_RESTORE_POST_RUN);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	return 0;
}

/* v2 11/12: the last exit does not restore while the GISA is linked */
static int v2_no_restore_while_linked(const void *row)
{
	struct harness *h = p_create(V2, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	u64 skips;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	machine_post_airq(kvm, ISC); /* nobody in SIE: alert */
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	h_log_reset(h);
	skips = gib_stat(kvm, GIB_STAT_restore_skips);
	h_enter_sie(v0);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restore_skips), skips + 1);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	/* unlinking does not restore either: only the next last exit does */
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	h_enter_sie(v0);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	ASSERT_EQ(restores_at(h, GIB_RESTORE_POST_RUN), 1);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	return 0;
}

/*
 * v2 11/12 (__find_vcpu_for_floating_irq): one vcpu per GISA, the first idle one, whatever
 * its CR6: a vcpu not enabled for ISC 3 is woken, the enabled one is not, and nothing
 * wakes it later (no timer, IAM stays 0 while no vcpu runs): the interruption is stranded.
 */
static int v2_wakes_first_idle_whatever_cr6(const void *row)
{
	struct harness *h = p_create(V2, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(p_idle(v0, ISC_OTHER_BIT));
	CHECK_CALL(p_idle(h_vcpu(h, 0, 1), ISC_BIT));
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	ASSERT_EQ(h->vm[0].wakes[1], 0);
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), 1);
	ev = h_last(h, GIB_EV_vcpu_kick);
	ASSERT_EQ(ev->vcpu, 0);
	ASSERT_EQ(ev->arg, GIB_KICK_ALERT);
	ASSERT_FALSE(h->vm[0].kicker_armed);
	/* vcpu 0 finds nothing and sleeps again: spurious */
	ASSERT_FALSE(kvm_vcpu_check_block(v0, true));
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_wakeups_spurious), 1);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	ASSERT_FALSE(h->gal_pending);
	return 0;
}

/* the GAL handler with a clean IPM (the bit was consumed before it ran) */
struct clean_kick_row {
	const char *name;
	const char *policy;
	bool dirty;
	unsigned int kicks;
};

static const struct clean_kick_row clean_kick_rows[] = {
	{ "v2 11/12 gib_alert_irq_handler: wakes a vcpu per GISA whatever the IPM (clean IPM: kick)",
	  V2, false, 1 },
	{ "v3 08/12 process_gib_alert_list: IPM == 0 -> skip (clean IPM: no kick)", V3, false, 0 },
	{ "v3 08/12 process_gib_alert_list: IPM != 0 -> wake FIND1", V3, true, 1 },
	{ "v4 07/10 process_gib_alert_list (v3's): clean IPM: no kick", V4, false, 0 },
	{ "v4 07/10 process_gib_alert_list (v3's): dirty IPM: FIND1 kicked", V4, true, 1 },
};

static int check_clean_kick(const void *row)
{
	const struct clean_kick_row *r = row;
	struct harness *h = p_create(r->policy, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(p_idle(h_vcpu(h, 0, 0), ISC_OTHER_BIT));
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), ISC_BIT), 0);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	if (!r->dirty)
		ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), ISC));
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), r->kicks);
	ASSERT_EQ(h->vm[0].wakes[0], r->kicks);
	return 0;
}

/*
 * A device posts to VM 1 while the host walks VM 0 off the list. v2's single cut stored
 * NULL at once: VM 1's link raises a new GAL interruption, handled by the next handler
 * run. v3's NONE/NULL loop stored NONE: no GAL, VM 1 is walked in the final pass.
 */
struct drain_row {
	const char *name;
	const char *policy;
	unsigned int passes; /* gal_process events of the first handler run */
	unsigned int unlinks; /* gisa_unlink events of the first handler run */
	unsigned int gal_raised;
	bool gal_pending_after;
};

static const struct drain_row drain_rows[] = {
	{ "v2 11/12 unlink_gib_alert_list: one xchg storing NULL: a link during the walk raises a new GAL",
	  V2, 1, 1, 2, true },
	{ "v3 08/12 process_gib_alert_list: NONE during the walk, NULL on the final pass: no new GAL",
	  V3, 3, 2, 1, false },
};

static void post_vm1_during_walk(struct harness *h, const struct gib_event *ev)
{
	if (ev->type == GIB_EV_gisa_unlink && ev->vm == 0 && !h->hook_calls++)
		machine_post_airq(h_kvm(h, 1), ISC);
}

static int check_drain(const void *row)
{
	const struct drain_row *r = row;
	struct harness *h = p_create(r->policy, 2, 1, NULL);

	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), ISC), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 1), ISC), H_NISC);
	machine_post_airq(h_kvm(h, 0), ISC);
	ASSERT_EQ(h->gal_raised, 1);
	h_set_hook(h, post_vm1_during_walk, 0);
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->hook_calls, 1);
	ASSERT_EQ(h_count(h, GIB_EV_gal_process), r->passes);
	ASSERT_EQ(h_count(h, GIB_EV_gisa_unlink), r->unlinks);
	ASSERT_EQ(h->gal_raised, r->gal_raised);
	ASSERT_EQ(h->gal_pending, r->gal_pending_after);
	ASSERT_EQ(h_on_alert_list(h, h_phys(h, 1)), r->gal_pending_after);
	h_set_hook(h, NULL, 0);
	h_run_gal(h);
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	ASSERT_FALSE(gisa_linked(h_gisa(h, 1)));
	return 0;
}

/* ---------------------------------------------------------------- v3 */

/* v3 05/12: restored only when the last vcpu leaves SIE, not while another one runs */
static int v3_restore_when_vm_idle(const void *row)
{
	struct harness *h = p_create(V3, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0), *v1 = h_vcpu(h, 0, 1);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	/* both run with CR6 not taking ISC 3: SIE cannot take it, the machine alerts */
	gib_vcpu_set_masks(v0, ISC_OTHER_BIT, true, false);
	gib_vcpu_set_masks(v1, ISC_OTHER_BIT, true, false);
	h_enter_sie(v0);
	h_enter_sie(v1);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT); /* no software clear at entry */
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	h_log_reset(h);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	h_enter_sie(v0);
	gib_vcpu_exit_sie(v1, GIB_EXIT_OTHER);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0); /* v0 back in SIE */
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	/* the VM is idle: restored, though ISC 3 is still pending (IPM not looked at) */
	ASSERT_EQ(restores_at(h, GIB_RESTORE_POST_RUN), 1);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	return 0;
}

struct iam_clear_row {
	const char *name;
	u32 iam_clear;
	bool psw_io;
	u8 iam_after_entry;
};

static const struct iam_clear_row iam_clear_rows[] = {
	{ "v3 12/12 iam_clear_strategy=0 (default): no clear at SIE entry", 0, true, ISC_BIT },
	{ "v3 12/12 iam_clear_strategy=1: clear at SIE entry with PSW I/O on", 1, true, 0 },
	{ "v3 12/12 iam_clear_strategy=1: no clear at SIE entry with PSW I/O off", 1, false,
	  ISC_BIT },
	{ "v3 12/12 iam_clear_strategy=2: clear at every SIE entry (about v2)", 2, false, 0 },
};

static int check_iam_clear(const void *row)
{
	const struct iam_clear_row *r = row;
	struct gib_params params = gib_policy_find(V3)->defaults;
	struct harness *h;
	struct gib_vcpu *v0;

	ASSERT_EQ(gib_params_set(gib_policy_find(V3), &params, "iam_clear", r->iam_clear), 0);
	h = p_create(V3, 1, 1, &params);
	v0 = h_vcpu(h, 0, 0);
	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), ISC), H_NISC);
	gib_vcpu_set_masks(v0, ISC_BIT, r->psw_io, true);
	h_enter_sie(v0);
	ASSERT_EQ_HEX(h_iam(h, 0), r->iam_after_entry);
	/* the last exit restores in every variant */
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	return 0;
}

/* ---------------------------------------------------------------- v4 */

/* v4 09/10: nothing at SIE entry or exit; the first wait with a clean IPM restores */
static int v4_restore_at_first_clean_wait(const void *row)
{
	struct harness *h = p_create(V4, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	const struct gib_event *ev;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(p_idle(v0, ISC_BIT));
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	h_log_reset(h);
	h_wake(v0, true); /* SIE entry: delivered in software */
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	h_enter_sie(v0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ(h_wait(v0, ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 1);
	ev = h_last(h, GIB_EV_iam_restore);
	ASSERT_EQ(ev->arg, GIB_RESTORE_WAIT);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	return 0;
}

/*
 * v4 09/10 (inference in policies.md): a dirty IPM sends the waiting vcpu back to SIE,
 * even one not enabled for the ISC: it spins on wait intercepts until another vcpu
 * takes the bit; then its next wait restores.
 */
static int v4_dirty_ipm_spins(const void *row)
{
	struct harness *h = p_create(V4, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0), *v1 = h_vcpu(h, 0, 1);
	int i;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	gib_vcpu_set_masks(v0, ISC_OTHER_BIT, true, false);
	h_enter_sie(v0);
	machine_post_airq(kvm, ISC); /* v0 in SIE cannot take it: alert */
	ASSERT_TRUE(h_run_gal(h)); /* unlinked, IPM dirty */
	ASSERT_FALSE(gisa_linked(h_gisa(h, 0)));
	h_log_reset(h);
	for (i = 0; i < 5; i++) {
		check_step = i;
		ASSERT_EQ(h_wait(v0, ISC_OTHER_BIT, true, false), GIB_WAIT_RUNNABLE);
		h_enter_sie(v0);
	}
	check_step = -1;
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_waits_runnable), 5);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_halts), 0);
	ASSERT_EQ(h_count(h, GIB_EV_airq_deliver), 0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	/* another vcpu takes it in SIE; the spinning one can wait now, and restores */
	gib_vcpu_set_masks(v1, ISC_BIT, true, false);
	h_enter_sie(v1);
	ASSERT_EQ(h_count(h, GIB_EV_airq_deliver), 1);
	ASSERT_EQ(h_last(h, GIB_EV_airq_deliver)->vcpu, 1);
	ASSERT_EQ(h_wait(v0, ISC_OTHER_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(restores_at(h, GIB_RESTORE_WAIT), 1);
	return 0;
}

/* v4 09/10: linked -> neither test nor restore: the vcpu goes to sleep */
static int v4_nothing_while_linked(const void *row)
{
	struct harness *h = p_create(V4, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	u64 skips;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	gib_vcpu_set_masks(v0, ISC_OTHER_BIT, true, false);
	h_enter_sie(v0);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	h_log_reset(h);
	skips = gib_stat(kvm, GIB_STAT_restore_skips);
	ASSERT_EQ(h_wait(v0, ISC_OTHER_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restore_skips), skips);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	return 0;
}

/* the wait hook's place against the disabled-wait test */
struct disabled_row {
	const char *name;
	const char *policy;
	bool dirty;
	enum gib_wait_kind kind;
	unsigned int restores;
};

static const struct disabled_row disabled_rows[] = {
	{ "v4 09/10 kvm_s390_handle_wait: before the disabled-wait test: dirty IPM -> back to SIE",
	  V4, true, GIB_WAIT_RUNNABLE, 0 },
	{ "v4 09/10 kvm_s390_handle_wait: before the disabled-wait test: clean IPM -> restore, then disabled wait",
	  V4, false, GIB_WAIT_DISABLED, 1 },
	{ "interrupt.c kvm_s390_handle_wait (upstream): disabled wait first: dirty IPM -> disabled wait",
	  UP, true, GIB_WAIT_DISABLED, 0 },
	{ "interrupt.c kvm_s390_handle_wait (upstream): disabled wait first: clean IPM -> no restore",
	  UP, false, GIB_WAIT_DISABLED, 0 },
};

static int check_disabled(const void *row)
{
	const struct disabled_row *r = row;
	struct harness *h = p_create(r->policy, 1, 1, NULL);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);

	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), ISC), H_NISC);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), 0), 0);
	if (r->dirty)
		gisa_set_ipm_gisc(h_gisa(h, 0), ISC);
	h_enter_sie(v0);
	h_log_reset(h);
	ASSERT_EQ(h_wait(v0, ISC_BIT, false, false), r->kind);
	ASSERT_EQ(restores_at(h, GIB_RESTORE_WAIT), r->restores);
	return 0;
}

/* ---------------------------------------------------------------- v5 */

/* v5 11/15: every runnable check (each halt-poll iteration) restores, unlinked and clean */
static int v5_restore_in_every_lookup(const void *row)
{
	struct harness *h = p_create(V5, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	int i;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(p_idle(v0, ISC_BIT));
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), 0), 0);
	h_log_reset(h);
	for (i = 0; i < 3; i++)
		ASSERT_FALSE(kvm_vcpu_check_block(v0, false)); /* halt-poll iterations */
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 3);
	ASSERT_EQ(restores_at(h, GIB_RESTORE_IPM_LOOKUP), 3);
	ASSERT_EQ_HEX(h_iam(h, 0), ISC_BIT);
	/* linked: the look-up returns the IPM and restores nothing */
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), ISC)); /* even with the IPM clean */
	h_log_reset(h);
	ASSERT_FALSE(kvm_vcpu_check_block(v0, false));
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	/* unlinked (the alert restores: clean), IAM cleared, an unregistered ISC pending */
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(restores_at(h, GIB_RESTORE_ALERT), 1);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), 0), 0);
	h_log_reset(h);
	gisa_set_ipm_gisc(h_gisa(h, 0), 7);
	ASSERT_FALSE(kvm_vcpu_check_block(v0, false));
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), 7));
	ASSERT_FALSE(kvm_vcpu_check_block(v0, false));
	ASSERT_EQ(restores_at(h, GIB_RESTORE_IPM_LOOKUP), 1);
	return 0;
}

/* v5 12/15: delivery before SIE entry reads the IPM plainly: no restore there */
static int v5_no_restore_before_sie_entry(const void *row)
{
	struct harness *h = p_create(V5, 1, 1, NULL);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), ISC), H_NISC);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), 0), 0);
	gib_vcpu_set_masks(v0, ISC_BIT, true, false);
	h_log_reset(h);
	h_enter_sie(v0);
	gib_vcpu_exit_sie(v0, GIB_EXIT_OTHER);
	h_enter_sie(v0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	/* the same state, a runnable check: restored */
	ASSERT_FALSE(kvm_arch_vcpu_runnable(v0));
	ASSERT_EQ(restores_at(h, GIB_RESTORE_IPM_LOOKUP), 1);
	return 0;
}

/* v5 13/15 __try_airqs_kick: greedy CR6 cover in vcpu order */
struct cover_row {
	const char *name;
	u8 cr6[3];
	u8 io_off; /* vcpus (bit i) waiting with PSW I/O off (ext only) */
	unsigned int wakes[3];
};

static const struct cover_row cover_rows[] = {
	{ "v5 13/15 __try_airqs_kick: CR6 0x80,0x40,0xc0, IPM 0xc0: vcpus 0 and 1 (greedy, not minimal)",
	  { 0x80, 0x40, 0xc0 },
	  0,
	  { 1, 1, 0 } },
	{ "v5 13/15 __try_airqs_kick: CR6 0xc0,0x80,0x40, IPM 0xc0: vcpu 0 covers all, stop",
	  { 0xc0, 0x80, 0x40 },
	  0,
	  { 1, 0, 0 } },
	{ "v5 13/15 __try_airqs_kick: CR6 0x40,0x40,0x80: a vcpu adding nothing to the cover is skipped",
	  { 0x40, 0x40, 0x80 },
	  0,
	  { 1, 0, 1 } },
	{ "v5 13/15 __try_airqs_kick: a PSW-I/O-disabled idle vcpu is skipped",
	  { 0xc0, 0x80, 0x40 },
	  0x1,
	  { 0, 1, 1 } },
};

static int check_cover(const void *row)
{
	const struct cover_row *r = row;
	struct harness *h = p_create(V5, 1, 3, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	const struct gib_event *ev;
	int i;

	ASSERT_EQ(kvm_s390_gisc_register(kvm, 0), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 1), H_NISC);
	for (i = 0; i < 3; i++) {
		struct gib_vcpu *v = h_vcpu(h, 0, i);
		bool io = !(r->io_off & (1u << i));

		h_enter_sie(v);
		ASSERT_EQ(h_wait(v, r->cr6[i], io, !io), GIB_WAIT_ENABLED);
	}
	ASSERT_EQ_HEX(h_iam(h, 0), 0xc0);
	machine_post_airq(kvm, 0); /* alert, IAM 0 */
	machine_post_airq(kvm, 1); /* IPM only */
	ASSERT_EQ_HEX(h_ipm(h, 0), 0xc0);
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(h->vm[0].wakes[i], r->wakes[i]);
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), r->wakes[0] + r->wakes[1] + r->wakes[2]);
	ev = h_last(h, GIB_EV_vcpu_kick);
	ASSERT_EQ_HEX(ev->mask, 0xc0);
	ASSERT_EQ(ev->arg, GIB_KICK_ALERT);
	/* kicked: restored latest when one of them waits; not here */
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	ASSERT_EQ_HEX(h_iam(h, 0), 0);
	return 0;
}

static void post_isc1_at_first_kick(struct harness *h, const struct gib_event *ev)
{
	if (ev->type == GIB_EV_vcpu_kick && !h->hook_calls++)
		machine_post_airq(h_kvm(h, 0), 1);
}

/*
 * v5 13/15 __floating_airqs_kick: after a kick round, a new ISC in the IPM means another
 * round over the whole new IPM (no kicked_mask: vcpu 0, not yet running, is woken again)
 */
static int v5_retry_on_new_iscs(const void *row)
{
	struct harness *h = p_create(V5, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 0), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 1), H_NISC);
	CHECK_CALL(p_idle(h_vcpu(h, 0, 0), 0x80));
	CHECK_CALL(p_idle(h_vcpu(h, 0, 1), 0x40));
	machine_post_airq(kvm, 0);
	h_set_hook(h, post_isc1_at_first_kick, 0);
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h->hook_calls, 3);
	ASSERT_EQ(h->vm[0].wakes[0], 2);
	ASSERT_EQ(h->vm[0].wakes[1], 1);
	ASSERT_EQ_HEX(h_nth(h, GIB_EV_vcpu_kick, 0)->mask, 0x80);
	ASSERT_EQ_HEX(h_nth(h, GIB_EV_vcpu_kick, 2)->mask, 0xc0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	return 0;
}

/* v5 13/15: kicked nobody: restore anyway if a vcpu is idle, not if all run */
struct anyway_row {
	const char *name;
	bool idle; /* vcpu 0 idle (CR6 ISC 7 only), else running in SIE with that CR6 */
	bool io; /* its PSW I/O mask */
	unsigned int restores;
};

static const struct anyway_row anyway_rows[] = {
	{ "v5 13/15 __floating_airqs_kick: idle vcpus, none can take the ISC: restore anyway (IPM dirty)",
	  true, true, 1 },
	{ "v5 13/15 __floating_airqs_kick: the only idle vcpu has PSW I/O off: restore anyway",
	  true, false, 1 },
	{ "v5 13/15 __floating_airqs_kick: no vcpu idle: no restore (the running ones take it)",
	  false, true, 0 },
};

static int check_anyway(const void *row)
{
	const struct anyway_row *r = row;
	struct harness *h = p_create(V5, 1, 1, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0);
	const struct gib_event *ev;

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	h_enter_sie(v0);
	if (r->idle)
		ASSERT_EQ(h_wait(v0, ISC_OTHER_BIT, r->io, !r->io), GIB_WAIT_ENABLED);
	else
		gib_vcpu_set_masks(v0, ISC_OTHER_BIT, r->io, false);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), ISC_BIT), 0);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	h_log_reset(h);
	ASSERT_TRUE(h_run_gal(h));
	ASSERT_EQ(h_count(h, GIB_EV_vcpu_kick), 0);
	ASSERT_EQ(restores_at(h, GIB_RESTORE_ALERT), r->restores);
	ASSERT_EQ_HEX(h_iam(h, 0), r->restores ? ISC_BIT : 0);
	ASSERT_EQ_HEX(h_ipm(h, 0), ISC_BIT);
	if (r->restores) {
		ev = h_last(h, GIB_EV_iam_restore);
		ASSERT_EQ_HEX(ev->mask, ISC_BIT); /* the IPM it restored over */
	}
	return 0;
}

/* ---------------------------------------------------------------- upstream */

/* only upstream restores while the GISA is linked (get-IPM-or-restore does not test it) */
struct linked_row {
	const char *name;
	const char *policy;
	bool restored;
};

static const struct linked_row linked_rows[] = {
	{ "interrupt.c gisa_get_ipm_or_restore_iam (upstream): restores at wait while linked", UP,
	  true },
	{ "v4 09/10 kvm_s390_handle_wait: no restore at wait while linked", V4, false },
	{ "v5 11/15 get_ipm(IRQ_FLAG_IAM): no restore at wait while linked", V5, false },
};

static int check_linked(const void *row)
{
	const struct linked_row *r = row;
	struct harness *h = p_create(r->policy, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);

	ASSERT_EQ(kvm_s390_gisc_register(kvm, ISC), H_NISC);
	CHECK_CALL(p_idle(h_vcpu(h, 0, 0), ISC_BIT));
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), ISC_BIT), 0);
	machine_post_airq(kvm, ISC);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_TRUE(gisa_tac_ipm_gisc(h_gisa(h, 0), ISC)); /* consumed meanwhile */
	h_log_reset(h);
	h_enter_sie(h_vcpu(h, 0, 1));
	ASSERT_EQ(h_wait(h_vcpu(h, 0, 1), ISC_BIT, true, false), GIB_WAIT_ENABLED);
	ASSERT_TRUE(gisa_linked(h_gisa(h, 0)));
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), r->restored);
	ASSERT_EQ_HEX(h_iam(h, 0), r->restored ? ISC_BIT : 0);
	return 0;
}

/*
 * interrupt.c gisa_vcpu_kicker: one vcpu per tick; the second ISC's vcpu is woken only
 * after the first one ran ("lately kicked" stops the tick), the kicker stops exactly at
 * the tick that restores
 */
static int upstream_one_vcpu_per_tick(const void *row)
{
	struct harness *h = p_create(UP, 1, 2, NULL);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v0 = h_vcpu(h, 0, 0), *v1 = h_vcpu(h, 0, 1);

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	CHECK_CALL(p_idle(v0, 0x10));
	CHECK_CALL(p_idle(v1, 0x02));
	machine_post_airq(kvm, 3);
	machine_post_airq(kvm, 6);
	ASSERT_TRUE(h_run_gal(h));
	h_log_reset(h);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[0], 1);
	ASSERT_EQ(h->vm[0].wakes[1], 0);
	ASSERT_EQ_HEX(h_last(h, GIB_EV_vcpu_kick)->mask, 0x12);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD); /* vcpu 0 lately kicked: nobody */
	ASSERT_EQ(h->vm[0].wakes[1], 0);
	h_wake(v0, true); /* it takes ISC 3 and waits again */
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x02);
	ASSERT_EQ(h_wait(v0, 0x10, true, false), GIB_WAIT_ENABLED);
	ASSERT_EQ(h_fire_kicker(h, 0), H_PERIOD);
	ASSERT_EQ(h->vm[0].wakes[1], 1);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	h_wake(v1, true);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	ASSERT_EQ(h_fire_kicker(h, 0), 0); /* the tick that restores stops */
	ASSERT_EQ(restores_at(h, GIB_RESTORE_KICKER), 1);
	ASSERT_FALSE(h->vm[0].kicker_armed);
	return 0;
}

const struct test_case policies_cases[] = {
	TEST_CASE(
		"v2 05/12+11/12 vcpu_pre_run/post_run: IAM cleared at every SIE entry, restored when the last vcpu leaves SIE (IPM not looked at)",
		v2_clear_every_entry_restore_last_exit),
	TEST_CASE("v2 11/12 vcpu_post_run: no restore while the GISA is linked",
		  v2_no_restore_while_linked),
	TEST_CASE(
		"v2 11/12 gib_alert_irq_handler: wakes the first idle vcpu whatever its CR6; the enabled one is never woken",
		v2_wakes_first_idle_whatever_cr6),
	TEST_TABLE(check_clean_kick, clean_kick_rows),
	TEST_TABLE(check_drain, drain_rows),
	TEST_CASE(
		"v3 05/12 vcpu_post_run: restored only when the last vcpu leaves SIE, not while another runs",
		v3_restore_when_vm_idle),
	TEST_TABLE(check_iam_clear, iam_clear_rows),
	TEST_CASE(
		"v4 09/10 kvm_s390_handle_wait: no restore at SIE entry/exit; the first wait with a clean IPM restores",
		v4_restore_at_first_clean_wait),
	TEST_CASE(
		"v4 09/10 kvm_s390_handle_wait: dirty IPM -> back to SIE, a vcpu not enabled for the ISC spins",
		v4_dirty_ipm_spins),
	TEST_CASE(
		"v4 09/10 kvm_s390_handle_wait: linked -> neither test nor restore, the vcpu sleeps",
		v4_nothing_while_linked),
	TEST_TABLE(check_disabled, disabled_rows),
	TEST_CASE(
		"v5 11/15 kvm_arch_vcpu_runnable: every IPM look-up (each halt-poll iteration) restores when unlinked and clean",
		v5_restore_in_every_lookup),
	TEST_CASE("v5 12/15 vcpu_pre_run: no restore right before SIE entry",
		  v5_no_restore_before_sie_entry),
	TEST_TABLE(check_cover, cover_rows),
	TEST_CASE(
		"v5 13/15 __floating_airqs_kick: new ISCs after a kick round: another round over the new IPM",
		v5_retry_on_new_iscs),
	TEST_TABLE(check_anyway, anyway_rows),
	TEST_TABLE(check_linked, linked_rows),
	TEST_CASE(
		"interrupt.c gisa_vcpu_kicker: one vcpu per tick, the next after the first ran, stops at the restoring tick",
		upstream_one_vcpu_per_tick),
	TEST_END
};
