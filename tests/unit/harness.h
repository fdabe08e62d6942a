/*
 * harness.h - a hand-driven, single-threaded environment for the interrupt core
 *
 * struct gib_host_ops for the unit tests: nothing happens unless a test does it.
 * A kicker start only records that the VM's kicker is armed and with which delay
 * (h_fire_kicker runs it); a vcpu wake-up only counts; a GAL interruption only sets
 * gal_pending (h_run_gal runs the handler); every event is appended to a log with
 * a count per type, and may be passed to a test hook, which can act on the core
 * in the middle of a core function (a device posting while the host walks the
 * alert list).
 */
#ifndef GIB_TESTS_UNIT_HARNESS_H
#define GIB_TESTS_UNIT_HARNESS_H

#include "gib.h"

#define H_MAX_VMS 4
#define H_MAX_VCPUS 8
#define H_MAX_EVENTS 4096
#define H_NISC 5 /* GAL_ISC, the host ISC of the GAL interruption */
#define H_PERIOD 50000 /* upstream gi->expires: 50 us */

struct harness;

/* called for each event after it is logged; not re-entered by the events it causes */
typedef void (*h_hook_fn)(struct harness *h, const struct gib_event *ev);

struct h_vm {
	struct gib_vm kvm;
	struct sie_page2 page;
	struct gib_vcpu vcpu[H_MAX_VCPUS];
	bool kicker_armed; /* queued: h_fire_kicker may run it */
	bool kicker_running; /* inside gisa_vcpu_kicker */
	u64 kicker_delay; /* of the last start or re-arm */
	unsigned int kicker_starts;
	unsigned int kicker_cancels;
	unsigned int kicker_fired;
	unsigned int wakes[H_MAX_VCPUS]; /* vcpu_wake_up calls */
	unsigned int sie_delivered[H_MAX_VCPUS][GIB_NR_ISC];
};

struct harness {
	struct gib_host host;
	struct gib_host_ops ops;
	struct h_vm vm[H_MAX_VMS];
	int nr_vms;
	int nr_vcpus;
	bool gal_pending;
	unsigned int gal_raised;
	struct gib_event log[H_MAX_EVENTS];
	unsigned int nr_events;
	unsigned int lost_events;
	unsigned int count[GIB_EV_MAX];
	h_hook_fn hook;
	bool in_hook;
	long hook_arg; /* the hook's own */
	int hook_calls; /* the hook's own */
};

/* a host with @nr_vms VMs of @nr_vcpus vcpus each, under upstream with its defaults */
struct harness *h_create(int nr_vms, int nr_vcpus);
/* the same under @policy with @params (NULL: the policy's defaults) */
struct harness *h_create_with(int nr_vms, int nr_vcpus, const struct gib_policy *policy,
			      const struct gib_params *params);
/* the upstream policy's defaults, to change one parameter */
struct gib_params h_upstream_params(void);

static inline struct gib_vm *h_kvm(struct harness *h, int vm)
{
	return &h->vm[vm].kvm;
}

static inline struct gib_vcpu *h_vcpu(struct harness *h, int vm, int idx)
{
	return &h->vm[vm].vcpu[idx];
}

/* the VM's GISA, also after kvm_s390_gisa_destroy (the page stays) */
static inline struct kvm_s390_gisa *h_gisa(struct harness *h, int vm)
{
	return &h->vm[vm].page.gisa;
}

static inline u32 h_phys(struct harness *h, int vm)
{
	return h->vm[vm].page.gisa_phys;
}

u64 h_word(struct harness *h, int vm);
void h_set_word(struct harness *h, int vm, u64 word);
u8 h_iam(struct harness *h, int vm);
u8 h_ipm(struct harness *h, int vm);
u32 h_next_alert(struct harness *h, int vm);
u32 h_origin(struct harness *h);
bool h_idle(struct harness *h, int vm, int idx);
bool h_kicked(struct harness *h, int vm, int idx);

/* whether the alert list from the origin holds the GISA at @phys (walked, bounded) */
bool h_on_alert_list(struct harness *h, u32 phys);

/* run the GAL handler if a GAL interruption is pending; returns whether it ran */
bool h_run_gal(struct harness *h);
/* fire VM @vm's kicker (it must be armed): re-armed if gisa_vcpu_kicker returns non-zero */
u64 h_fire_kicker(struct harness *h, int vm);
/* arm the kicker as an earlier alert would have */
void h_arm_kicker(struct harness *h, int vm, u64 delay);

/* SIE entry (vcpu_pre_run, delivery) */
void h_enter_sie(struct gib_vcpu *vcpu);
/* the guest loads a wait PSW with these masks: wait intercept, kvm_s390_handle_wait */
enum gib_wait_kind h_wait(struct gib_vcpu *vcpu, u8 gcr6, bool psw_io, bool psw_ext);
/* the halt ends (kvm_s390_handle_wait_done) and the vcpu re-enters SIE */
void h_wake(struct gib_vcpu *vcpu, bool slept);

/* events */
unsigned int h_count(struct harness *h, u16 type);
/* the @n-th (from 0) logged event of @type, or NULL */
const struct gib_event *h_nth(struct harness *h, u16 type, unsigned int n);
/* the last logged event of @type, or NULL */
const struct gib_event *h_last(struct harness *h, u16 type);
/* forget the log and the counts (the core's state stays) */
void h_log_reset(struct harness *h);
void h_set_hook(struct harness *h, h_hook_fn hook, long arg);

#endif /* GIB_TESTS_UNIT_HARNESS_H */
