/*
 * gibtrace selftest: the interrupt core's self-check.
 *
 * Drives the user-space build of core/ by hand through the GIB alert path
 * of one host with two VMs of two vcpus each, under every policy in the
 * core's table: a post taken directly in SIE, a post while every vcpu waits
 * (alert, GAL interruption, alert-list passes, kicker, kick, wakeup,
 * delivery, IAM restore), a post coalescing onto a pending bit, a software
 * injection, and a VM destroyed while its GISA is on the alert list. Each
 * step checks what upstream would have done and the run ends with the
 * counters. Exit status 0 when every check holds.
 */
#include <stdio.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "gib.h"

#define ST_VMS 2
#define ST_VCPUS 2

struct st_env {
	struct gib_host host;
	struct gib_vm vm[ST_VMS];
	struct sie_page2 page[ST_VMS];
	struct gib_vcpu vcpu[ST_VMS][ST_VCPUS];
	bool kicker_armed[ST_VMS];
	u64 kicker_delay[ST_VMS];
	bool gal_pending;
	bool woken[ST_VMS][ST_VCPUS];
	u64 events[GIB_EV_MAX];
	int checks, failed;
	bool verbose;
	struct gt_writer *out; /* -o: every event, a microsecond apart */
	u64 clock;
	int werr;
};

static struct st_env *st_of(struct gib_host *host)
{
	return host->priv;
}

static void st_kicker_start(struct gib_vm *kvm, u64 delay_ns)
{
	struct st_env *e = st_of(kvm->host);

	e->kicker_armed[kvm->id] = true;
	e->kicker_delay[kvm->id] = delay_ns;
}

static void st_kicker_cancel(struct gib_vm *kvm)
{
	st_of(kvm->host)->kicker_armed[kvm->id] = false;
}

static bool st_kicker_active(struct gib_vm *kvm)
{
	return st_of(kvm->host)->kicker_armed[kvm->id];
}

static void st_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	st_of(vcpu->kvm->host)->woken[vcpu->kvm->id][vcpu->vcpu_idx] = true;
}

static void st_raise_gal(struct gib_host *host)
{
	st_of(host)->gal_pending = true;
}

static void st_event(struct gib_host *host, const struct gib_event *ev)
{
	struct st_env *e = st_of(host);

	if (ev->type < GIB_EV_MAX)
		e->events[ev->type]++;
	if (e->out && !e->werr) {
		struct gt_event te = {
			.ts = e->clock += 1000,
			.cpu = ev->vcpu == GIB_NO_VCPU ? 0 : ev->vcpu,
			.type = ev->type,
			.vm = ev->vm,
			.vcpu = ev->vcpu,
			.isc = ev->isc,
			.mask = ev->mask,
			.old = ev->old,
			.new = ev->new,
			.arg = ev->arg,
			.val = ev->val,
		};

		e->werr = gt_writer__add(e->out, &te);
	}
}

static const struct gib_host_ops st_ops = {
	.kicker_start = st_kicker_start,
	.kicker_cancel = st_kicker_cancel,
	.kicker_active = st_kicker_active,
	.vcpu_wake_up = st_vcpu_wake_up,
	.raise_gal = st_raise_gal,
	.event = st_event,
};

static void st_check(struct st_env *e, bool ok, const char *what)
{
	e->checks++;
	if (!ok)
		e->failed++;
	if (!ok || e->verbose)
		printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
}

/* the vcpu takes a wait intercept; returns true if it went idle */
static bool st_wait(struct gib_vcpu *vcpu)
{
	gib_vcpu_exit_sie(vcpu, GIB_EXIT_WAIT);
	if (kvm_s390_handle_wait(vcpu) == GIB_WAIT_ENABLED)
		return true;
	gib_vcpu_enter_sie(vcpu);
	return false;
}

/* run what the host has pending: the GAL interruption, kicks, kicker ticks */
static void st_settle(struct st_env *e)
{
	bool busy = true;
	int rounds = 0, v, c;

	while (busy && rounds++ < 64) {
		busy = false;
		if (e->gal_pending) {
			e->gal_pending = false;
			gib_alert_irq_handler(&e->host);
			busy = true;
		}
		for (v = 0; v < ST_VMS; v++) {
			for (c = 0; c < ST_VCPUS; c++) {
				struct gib_vcpu *vcpu = &e->vcpu[v][c];

				if (!e->woken[v][c])
					continue;
				e->woken[v][c] = false;
				if (vcpu->state != GIB_VCPU_WAIT)
					continue;
				kvm_s390_handle_wait_done(vcpu, true);
				gib_vcpu_enter_sie(vcpu);
				busy = true;
			}
			if (e->kicker_armed[v]) {
				u64 next = gisa_vcpu_kicker(&e->vm[v]);

				e->kicker_armed[v] = next != 0;
				e->kicker_delay[v] = next;
				busy = true;
			}
		}
	}
}

static void st_setup(struct st_env *e, const struct gib_policy *policy)
{
	struct gt_writer *out = e->out;
	bool verbose = e->verbose;
	u64 clock = e->clock;
	int v, c;

	memset(e, 0, sizeof(*e));
	e->verbose = verbose;
	e->out = out;
	e->clock = clock;
	gib_host_init(&e->host, &st_ops, 5);
	e->host.priv = e;
	for (v = 0; v < ST_VMS; v++) {
		e->vm[v].id = v;
		gib_vm_init(&e->host, &e->vm[v], &e->page[v], policy, NULL);
		for (c = 0; c < ST_VCPUS; c++) {
			gib_vcpu_init(&e->vm[v], &e->vcpu[v][c], c);
			/*
			 * both take ISC 3 (virtio, QDIO) and 6 (AP): the v2..v4
			 * alert handlers wake a vcpu whatever its CR6, which
			 * gibtrace replay shows; this checks the core's path
			 */
			gib_vcpu_set_masks(&e->vcpu[v][c], 0x12, true, true);
			gib_vcpu_enter_sie(&e->vcpu[v][c]);
		}
		kvm_s390_gisc_register(&e->vm[v], 3);
		kvm_s390_gisc_register(&e->vm[v], 6);
	}
}

static u64 st_stat(struct st_env *e, int v, enum gib_vm_stat s)
{
	return gib_stat(&e->vm[v], s);
}

static void st_run_policy(struct st_env *e, const struct gib_policy *policy)
{
	struct kvm_s390_gisa *gisa;
	u64 word;
	int v, c;

	st_setup(e, policy);
	gisa = &e->page[0].gisa;

	st_check(e, gisa_word_iam(gisa_word0(gisa)) == 0x12,
		 "registering ISCs 3 and 6 sets the IAM to 0x12");

	machine_post_airq(&e->vm[0], 6);
	st_check(e, st_stat(e, 0, GIB_STAT_deliveries_sie) == 1 && gisa_get_ipm(gisa) == 0,
		 "a post for a vcpu in SIE enabled for it is taken directly");

	for (v = 0; v < ST_VMS; v++)
		for (c = 0; c < ST_VCPUS; c++)
			st_wait(&e->vcpu[v][c]);
	st_check(e, e->vm[0].idle_mask[0] == 0x3, "both vcpus of an idle VM are in idle_mask");

	machine_post_airq(&e->vm[0], 6);
	word = gisa_word0(gisa);
	st_check(e,
		 gisa_word_iam(word) == 0 && gisa_linked(gisa) &&
			 e->host.gib.alert_list_origin == gisa_phys(gisa),
		 "an alert clears the IAM and links the GISA as list head");
	st_check(e, e->gal_pending, "linking into a NULL list raises a GAL");
	machine_post_airq(&e->vm[0], 6);
	st_check(e, st_stat(e, 0, GIB_STAT_alerts) == 1,
		 "a second post while linked raises no second alert");

	machine_post_airq(&e->vm[1], 3);
	st_check(e, st_stat(e, 1, GIB_STAT_gal_raised) == 0,
		 "a GISA linked into a non-empty list raises no GAL");

	st_settle(e);
	st_check(e, e->host.gib.alert_list_origin == NULL_GISA_ADDR && !gisa_linked(gisa),
		 "alert processing unlinks every GISA and re-enables GALs");
	st_check(e, st_stat(e, 0, GIB_STAT_deliveries) == 2 && gisa_get_ipm(gisa) == 0,
		 "the kicked vcpu consumed the pending bit");
	st_check(e, st_stat(e, 0, GIB_STAT_coalesced) == 1,
		 "two posts onto one pending bit count as one coalescing");
	st_check(e, st_stat(e, 1, GIB_STAT_deliveries) == 1,
		 "the second VM's interruption was delivered too");

	for (v = 0; v < ST_VMS; v++)
		for (c = 0; c < ST_VCPUS; c++)
			if (e->vcpu[v][c].state == GIB_VCPU_IN_SIE)
				st_wait(&e->vcpu[v][c]);
	st_settle(e);
	st_check(e, gisa_word_iam(gisa_word0(gisa)) == 0x12,
		 "the IAM is restored once nothing registered is pending");

	kvm_s390_inject_airq(&e->vm[0], 3);
	st_check(e, st_stat(e, 0, GIB_STAT_alerts) == 1 && !e->gal_pending,
		 "a software injection never takes the alert path");
	st_settle(e);
	st_check(e, st_stat(e, 0, GIB_STAT_deliveries) == 3,
		 "a software injection is delivered after the floating kick");

	for (c = 0; c < ST_VCPUS; c++)
		if (e->vcpu[0][c].state == GIB_VCPU_IN_SIE)
			st_wait(&e->vcpu[0][c]);
	machine_post_airq(&e->vm[0], 3);
	st_check(e, gisa_linked(gisa) && e->gal_pending,
		 "before destroy: GISA linked, GAL pending");
	kvm_s390_gisc_unregister(&e->vm[0], 3);
	kvm_s390_gisc_unregister(&e->vm[0], 6);
	kvm_s390_gisa_destroy(&e->vm[0]);
	st_check(e,
		 !gisa_linked(gisa) && e->host.gib.alert_list_origin == NULL_GISA_ADDR &&
			 !e->kicker_armed[0] && !e->vm[0].gisa_int.origin,
		 "destroy with the GISA linked unlinks it and stops its kicker");
	for (c = 0; c < ST_VCPUS; c++)
		gib_vcpu_release(&e->vcpu[0][c]);
	gib_vm_release(&e->vm[0]);
	st_settle(e);
	st_check(e, e->host.vms[0] == NULL, "the GAL left over after destroy finds nothing");
}

static void st_print_counters(struct st_env *e)
{
	int i;

	printf("  %-18s %10s %10s\n", "counter", "vm0", "vm1");
	for (i = 0; i < GIB_STAT_NR; i++)
		printf("  %-18s %10llu %10llu\n", gib_vm_stat_names[i],
		       (unsigned long long)st_stat(e, 0, i), (unsigned long long)st_stat(e, 1, i));
	printf("  %-18s %10llu\n", "gal_irqs",
	       (unsigned long long)gib_counter_read(&e->host.gal_irqs));
	printf("  %-18s %10llu\n", "gal_passes",
	       (unsigned long long)gib_counter_read(&e->host.gal_passes));
}

static const struct gt_help_opt selftest_options[] = {
	{ "-v, --verbose", "print every step and each policy's counters" },
	{ "-o TRACE", "write the events of the run to TRACE (cpu = vcpu index)" },
	{ .flag = NULL },
};

static const struct gt_help_opt selftest_examples[] = {
	{ "gibtrace selftest",
	  "every policy through the GIB path; exit status 0 if every check holds" },
	{ "gibtrace selftest -o st.gtr && gibtrace info st.gtr",
	  "the same, recorded and described" },
	{ .flag = NULL },
};

const struct gt_help gt_help_selftest = {
	.usage = "gibtrace selftest [-v] [-o TRACE]",
	.description =
		"The interrupt core's self-check. Drives the user-space build of core/ by hand\n"
		"through the GIB alert path of one host with two VMs of two vcpus each, under every\n"
		"policy in the core's table: a post taken directly in SIE, a post while every vcpu\n"
		"waits (alert, GAL interruption, alert-list passes, kicker, kick, wakeup, delivery,\n"
		"IAM restore), a post coalescing onto a pending bit, a software injection, and a VM\n"
		"destroyed while its GISA is on the alert list.\n"
		"\n"
		"Each step checks what upstream would have done; the run ends with the counters.\n"
		"Exits 0 when every check holds, 1 otherwise.",
	.options = selftest_options,
	.examples = selftest_examples,
	.see_also = "docs/core.md, docs/policies.md",
};

int cmd_selftest(int argc, const char **argv)
{
	static struct st_env env;
	int i, failed = 0, checks = 0;
	const char *out = NULL;
	struct gt_header h;

	env.verbose = false;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			env.verbose = true;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else {
			gt_help__usage(&gt_help_selftest, stderr);
			return 1;
		}
	}
	if (out) {
		gt_header__init(&h);
		gt_header__set_host(&h, "gibtrace selftest");
		gt_header__set(&h, GT_TAG_ORIGIN, "selftest");
		gt_header__set(&h, GT_TAG_CLOCK, "selftest steps, 1 us apart");
		gt_header__set(&h, GT_TAG_PROVENANCE,
			       "the core's self-check, every policy in turn; cpu = vcpu index");
		env.out = gt_writer__open(out, &h, NULL, NULL);
		gt_header__release(&h);
		if (!env.out)
			return 1;
	}

	for (i = 0; gib_policies[i]; i++) {
		printf("policy %s: %s\n", gib_policies[i]->name, gib_policies[i]->doc);
		st_run_policy(&env, gib_policies[i]);
		if (env.verbose)
			st_print_counters(&env);
		printf("  %d checks, %d failed\n", env.checks, env.failed);
		failed += env.failed;
		checks += env.checks;
	}
	printf("selftest: %d checks, %d failed\n", checks, failed);
	if (env.out) {
		int err = gt_writer__close(env.out);

		if (err || env.werr) {
			fprintf(stderr, "gibtrace selftest: %s: not written\n", out);
			return 1;
		}
	}
	return failed ? 1 : 0;
}
