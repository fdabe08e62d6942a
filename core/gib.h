/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gib.h - the interrupt core: a model of the s390 KVM GIB/GISA alert path
 *
 * Names, word-0 packing, NULL/NONE alert-list semantics and the order of the
 * checks follow arch/s390/kvm/interrupt.c. What the hardware and millicode
 * do (posting an adapter interruption, linking a GISA, raising the GAL
 * interruption, delivering in SIE) is in machine.c. The heuristics that
 * changed from version to version of the series (when to restore the IAM,
 * whom to kick) are policies: struct gib_policy below, one file each.
 *
 * The core owns no thread, timer or sleep. Its environment (gib.ko's glue,
 * the replayer, a test) drives it and is called back through
 * struct gib_host_ops: start/cancel a GISA's kicker timer, wake a vcpu,
 * raise the GAL interruption, and report every state change as an event.
 */
#ifndef GIB_CORE_GIB_H
#define GIB_CORE_GIB_H

#include "port.h"
#include <gibtrace/events.h>

#define MAX_ISC			7
#define GIB_NR_ISC		(MAX_ISC + 1)
#define KVM_MAX_VCPUS		255
#define GIB_MAX_VMS		1024

/* alert list origin markers (interrupt.c) */
#define NULL_GISA_ADDR		0x00000000UL
#define NONE_GISA_ADDR		0x00000001UL
#define GISA_ADDR_MASK		0xfffff000UL

/* GISA word 0: next_alert 63..32, IPM 31..24, byte 5 23..16, byte 6 15..8, IAM 7..0 */
#define IPM_BIT_OFFSET		32	/* MSB-0 bit number of IPM bit for ISC 0 */
#define GISA_WORD_NEXT_SHIFT	32
#define GISA_WORD_IPM_SHIFT	24
#define GISA_WORD_IAM_MASK	0xffULL
#define GISA_WORD_IPM_MASK	(0xffULL << GISA_WORD_IPM_SHIFT)
#define GISA_WORD_NEXT_MASK	(0xffffffffULL << GISA_WORD_NEXT_SHIFT)

/* the model's physical address of the GISA in sie_page2 of VM slot @slot */
#define GISA_PAGE_OFFSET	0x900
#define gisa_slot_phys(slot)	((u32)((((slot) + 1) << 12) | GISA_PAGE_OFFSET))

static inline u8 isc_bit(u32 isc)
{
	return 0x80 >> isc;
}

static inline u32 gisa_word_next_alert(u64 word)
{
	return (u32)(word >> GISA_WORD_NEXT_SHIFT);
}

static inline u8 gisa_word_ipm(u64 word)
{
	return (u8)(word >> GISA_WORD_IPM_SHIFT);
}

static inline u8 gisa_word_iam(u64 word)
{
	return (u8)(word & GISA_WORD_IAM_MASK);
}

static inline u64 gisa_word_make(u32 next_alert, u8 ipm, u8 iam)
{
	return ((u64)next_alert << GISA_WORD_NEXT_SHIFT) |
	       ((u64)ipm << GISA_WORD_IPM_SHIFT) | iam;
}

struct gib_host;
struct gib_vm;
struct gib_vcpu;
struct gib_policy;

/* the Guest Interruption State Area: only word 0 is modelled bit by bit */
struct kvm_s390_gisa {
	u64 word[4];
};

/* the Guest Information Block (one per host) */
struct kvm_s390_gib {
	u32 alert_list_origin;
	u32 reserved01;
	u8 nisc;
};

/* the page holding a VM's GISA, with its address and the kvm back-pointer */
struct sie_page2 {
	struct kvm_s390_gisa gisa;
	u32 gisa_phys;
	struct gib_vm *kvm;
};

struct kvm_s390_gisa_iam {
	u8 mask;		/* the IAM restore value: union of registered GISCs */
	struct gib_spinlock ref_lock;
	u32 ref_count[GIB_NR_ISC];
};

struct kvm_s390_gisa_interrupt {
	struct kvm_s390_gisa *origin;	/* NULL: the VM has no GISA */
	struct kvm_s390_gisa_iam alert;
	u64 expires;			/* kicker period, ns */
	DECLARE_BITMAP(kicked_mask, KVM_MAX_VCPUS);
};

/* vcpu states, as the machine and the kicker see them */
enum gib_vcpu_state {
	GIB_VCPU_STOPPED = 0,
	GIB_VCPU_HOST,		/* out of SIE: intercept or host work */
	GIB_VCPU_IN_SIE,	/* in SIE: the machine delivers directly */
	GIB_VCPU_WAIT,		/* enabled wait: idle, halt-polling or asleep */
	GIB_VCPU_DISABLED_WAIT,	/* disabled wait: no interruption can wake it */
};

struct gib_vcpu {
	struct gib_vm *kvm;
	u16 vcpu_idx;
	u16 vcpu_id;
	int state;			/* enum gib_vcpu_state */
	u8 gcr6;			/* (u8)(gcr[6] >> 24): enabled guest ISCs */
	bool psw_io;			/* PSW I/O interruption mask */
	bool psw_ext;			/* PSW external mask (guest timer) */
	bool valid_wakeup;		/* woken through kvm_s390_vcpu_wakeup */
	bool timer_pending;		/* a guest timer interruption is pending */
	bool halt_polling;		/* idle and still in its halt-poll window */
	void *priv;			/* the environment's */
};

/* per-VM statistics: the module's counters, the reports' totals */
enum gib_vm_stat {
	GIB_STAT_posts,				/* adapter interruptions posted */
	GIB_STAT_posts_device,			/* ... by a device through the machine */
	GIB_STAT_posts_software,		/* ... injected in software */
	GIB_STAT_coalesced,			/* posts onto an IPM bit already set */
	GIB_STAT_deliveries,			/* IPM bits consumed by a delivery */
	GIB_STAT_deliveries_sie,		/* ... delivered by SIE directly */
	GIB_STAT_alerts,			/* GISA linked into the alert list */
	GIB_STAT_gal_raised,			/* ... into a NULL list: GAL raised */
	GIB_STAT_unlinked,			/* GISA unlinked by alert processing */
	GIB_STAT_kicker_ticks,			/* gisa_vcpu_kicker runs */
	GIB_STAT_kicks,				/* kvm_s390_vcpu_wakeup calls */
	GIB_STAT_kicks_suppressed,		/* kicker found its vcpu lately kicked */
	GIB_STAT_restores,			/* IAM restored */
	GIB_STAT_restore_skips,			/* restore refused: pending or linked */
	GIB_STAT_cas_retries,			/* failed cmpxchg on GISA word 0 */
	GIB_STAT_waits,				/* kvm_s390_handle_wait calls */
	GIB_STAT_waits_runnable,		/* ... that went straight back to SIE */
	GIB_STAT_halts,				/* ... that went idle */
	GIB_STAT_wakeups,			/* halts that ended */
	GIB_STAT_wakeups_spurious,		/* ... with nothing deliverable */
	GIB_STAT_sie_entries,
	GIB_STAT_NR
};

extern const char *const gib_vm_stat_names[GIB_STAT_NR];

/* policy parameters; each policy says which it reads (struct gib_param) */
struct gib_params {
	u64 kicker_period_ns;	/* upstream: 50 us */
	u32 fanout;		/* vcpus kicked per tick or alert */
	u64 halt_poll_ns;	/* halt-poll window: 80 us before 5.2, 50 us after */
	bool kicked_clear_in_runnable;	/* 9b57e9d5010b (2021): on */
	bool kicker_preserve_mask;	/* 0e9ff65f455d (2021): on */
	u32 iam_clear;			/* v3 12/12 sysctl: 0 never, 1 PSW I/O, 2 always */
};

struct gib_param {
	const char *name;
	const char *unit;		/* "ns", "" or "bool" */
	size_t offset;			/* in struct gib_params */
	size_t size;			/* 8, 4 or 1 */
	u64 min, max;
	const char *doc;
};

/* how many policy-private words a VM carries */
#define GIB_POLICY_WORDS	4

/*
 * An IAM restore strategy. A hook left NULL does nothing at that site.
 * Hooks run in the context the site runs in: sie_enter/sie_exit/handle_wait/
 * ipm_lookup on the vcpu, alert in the GAL handler, kicker in the kicker
 * timer (hardirq in gib.ko).
 */
struct gib_policy {
	const char *name;
	const char *doc;		/* which version, what it did */
	const struct gib_param *params;	/* terminated by a NULL name */
	struct gib_params defaults;
	bool sw_deliver_gisa;		/* deliver GISA bits before SIE entry */
	bool drain_single_pass;		/* v2: one cut to NULL, no NONE pass */
	bool wait_hook_first;		/* v4: handle_wait before the disabled test */

	void (*init)(struct gib_vm *kvm);
	/* vcpu_pre_run, after delivery, before SIE entry */
	void (*sie_enter)(struct gib_vcpu *vcpu);
	/* vcpu_post_run, after leaving SIE */
	void (*sie_exit)(struct gib_vcpu *vcpu);
	/*
	 * kvm_s390_handle_wait after the runnable and disabled-wait checks
	 * (before the latter with wait_hook_first): true sends the vcpu back
	 * to SIE, false lets it go idle.
	 */
	bool (*handle_wait)(struct gib_vcpu *vcpu);
	/* the IPM as a runnable check sees it (may restore the IAM: v5) */
	u8 (*ipm_lookup)(struct gib_vcpu *vcpu);
	/* alert-list processing, for each GISA it unlinked */
	void (*alert)(struct gib_vm *kvm);
	/*
	 * the kicker timer fired: return the ns until the next tick, or 0 to
	 * stop the timer
	 */
	u64 (*kicker)(struct gib_vm *kvm);
	/*
	 * whom a software injection of @gisc wakes (NULL: __floating_irq_kick,
	 * as every version of the series); @taken: a vcpu in SIE took it
	 */
	void (*float_kick)(struct gib_vm *kvm, u32 gisc, bool taken);
};

struct gib_vm {
	struct gib_host *host;
	u16 id;				/* slot in the host's table */
	struct sie_page2 *sie_page2;
	struct kvm_s390_gisa_interrupt gisa_int;
	DECLARE_BITMAP(idle_mask, KVM_MAX_VCPUS);
	struct gib_vcpu *vcpus[KVM_MAX_VCPUS];
	int online_vcpus;
	int next_rr_cpu;		/* float_int.next_rr_cpu */
	const struct gib_policy *policy;
	struct gib_params params;
	struct gib_atomic pstate[GIB_POLICY_WORDS];	/* the policy's own state */
	struct gib_atomic posts_pending[GIB_NR_ISC];	/* posts since the bit was consumed */
	struct gib_counter stat[GIB_STAT_NR];
	void *priv;			/* the environment's */
};

/* a host-side event, as the core reports it; time and cpu come from the host */
struct gib_event {
	u16 type;			/* enum gib_event_type */
	u16 vm;
	u16 vcpu;
	u8 isc;
	u8 mask;
	u8 old;
	u8 new;
	u32 arg;
	u32 val;
};

#define GIB_NO_VCPU		0xffff
#define GIB_NO_VM		0xffff
#define GIB_NO_ISC		0xff

/* what the environment provides */
struct gib_host_ops {
	/* (re)start @kvm's kicker to fire after @delay_ns; cancels a pending one */
	void (*kicker_start)(struct gib_vm *kvm, u64 delay_ns);
	/* cancel @kvm's kicker, waiting for a running callback to finish */
	void (*kicker_cancel)(struct gib_vm *kvm);
	/* whether @kvm's kicker is queued or running (hrtimer_active) */
	bool (*kicker_active)(struct gib_vm *kvm);
	/* wake @vcpu if it is halt-polling or asleep (kvm_vcpu_wake_up) */
	void (*vcpu_wake_up)(struct gib_vcpu *vcpu);
	/* the machine raises a GAL interruption on the host */
	void (*raise_gal)(struct gib_host *host);
	/* the machine delivered ISC @isc to @vcpu while in SIE */
	void (*sie_delivered)(struct gib_vcpu *vcpu, u32 isc);
	/* every state change (may be NULL) */
	void (*event)(struct gib_host *host, const struct gib_event *ev);
};

struct gib_host {
	struct kvm_s390_gib gib;
	const struct gib_host_ops *ops;
	struct gib_vm *vms[GIB_MAX_VMS];
	struct gib_counter gal_irqs;		/* IRQIO_GAL */
	struct gib_counter gal_passes;	/* alert-list passes */
	bool drain_single_pass;		/* v2's one-cut drain (set by its policy) */
	void *priv;
};

/* gisa.c: GISA word 0 (all atomic on word 0) */
void gisa_set_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc);
bool gisa_tac_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc);
bool gisa_tas_ipm_gisc(struct kvm_s390_gisa *gisa, u32 gisc);
u8 gisa_get_ipm(struct kvm_s390_gisa *gisa);
void gisa_clear_ipm(struct kvm_s390_gisa *gisa);
int gisa_set_iam(struct kvm_s390_gisa *gisa, u8 iam);
u8 gisa_get_ipm_or_restore_iam(struct kvm_s390_gisa_interrupt *gi);
u8 __gisa_get_ipm_or_restore_iam(struct kvm_s390_gisa_interrupt *gi,
				 u64 *before);
u32 gisa_phys(struct kvm_s390_gisa *gisa);
bool gisa_linked(struct kvm_s390_gisa *gisa);
void gisa_set_next_alert(struct kvm_s390_gisa *gisa, u32 next_alert);
u64 gisa_word0(struct kvm_s390_gisa *gisa);

/* gisa.c: GISA life cycle and guest ISC registration */
int kvm_s390_gisa_init(struct gib_vm *kvm);
void kvm_s390_gisa_clear(struct gib_vm *kvm);
void kvm_s390_gisa_destroy(struct gib_vm *kvm);
int kvm_s390_gisc_register(struct gib_vm *kvm, u32 gisc);
int kvm_s390_gisc_unregister(struct gib_vm *kvm, u32 gisc);

/* gib.c: the GIB and its alert list */
void gib_host_init(struct gib_host *host, const struct gib_host_ops *ops,
		   u8 nisc);
int gib_vm_init(struct gib_host *host, struct gib_vm *kvm,
		struct sie_page2 *page, const struct gib_policy *policy,
		const struct gib_params *params);
void gib_vm_release(struct gib_vm *kvm);
struct gib_vm *gib_vm_from_gisa_phys(struct gib_host *host, u32 phys);
void process_gib_alert_list(struct gib_host *host);
void gib_alert_irq_handler(struct gib_host *host);
void gib_emit(struct gib_host *host, const struct gib_event *ev);
void gib_emit_vm(struct gib_vm *kvm, u16 type, u16 vcpu, u8 isc, u8 mask,
		 u8 old, u8 new, u32 arg);

static inline void gib_stat_inc(struct gib_vm *kvm, enum gib_vm_stat s)
{
	gib_counter_inc(&kvm->stat[s]);
}

static inline u64 gib_stat(struct gib_vm *kvm, enum gib_vm_stat s)
{
	return gib_counter_read(&kvm->stat[s]);
}

/* machine.c: what millicode and SIE do */
void machine_post_airq(struct gib_vm *kvm, u32 gisc);
void machine_sie_deliver(struct gib_vcpu *vcpu);
void kvm_s390_inject_airq(struct gib_vm *kvm, u32 gisc);
void gib_deliver_gisc(struct gib_vcpu *vcpu, u32 gisc, bool by_sie);

/* vcpu.c: vcpus, waits, kicks */
void gib_vcpu_init(struct gib_vm *kvm, struct gib_vcpu *vcpu, u16 idx);
void gib_vcpu_release(struct gib_vcpu *vcpu);
void gib_vcpu_set_masks(struct gib_vcpu *vcpu, u8 gcr6, bool psw_io,
			bool psw_ext);
u8 gib_vcpu_deliverable(struct gib_vcpu *vcpu);
bool kvm_arch_vcpu_runnable(struct gib_vcpu *vcpu);
bool kvm_vcpu_check_block(struct gib_vcpu *vcpu, bool woken);
int kvm_s390_deliver_pending_interrupts(struct gib_vcpu *vcpu);
void gib_vcpu_enter_sie(struct gib_vcpu *vcpu);
void gib_vcpu_exit_sie(struct gib_vcpu *vcpu, enum gib_exit_reason reason);
enum gib_wait_kind kvm_s390_handle_wait(struct gib_vcpu *vcpu);
void kvm_s390_handle_wait_done(struct gib_vcpu *vcpu, bool slept);
void kvm_s390_vcpu_wakeup(struct gib_vcpu *vcpu);
void __airqs_kick_single_vcpu(struct gib_vm *kvm, u8 deliverable_mask);
void gib_airqs_kick(struct gib_vm *kvm, u8 deliverable_mask, u32 fanout);
u64 gisa_vcpu_kicker(struct gib_vm *kvm);
void __floating_irq_kick(struct gib_vm *kvm);
void gib_vcpu_stop(struct gib_vcpu *vcpu);
void gib_vcpu_set_polling(struct gib_vcpu *vcpu, bool polling);

/* iam.c: restores as policies use them, with their events and counters */
u8 iam_get_ipm_or_restore(struct gib_vm *kvm, enum gib_restore_site site);
u8 iam_get_ipm_restore_if_clean(struct gib_vm *kvm, enum gib_restore_site site);
bool iam_restore_unlinked(struct gib_vm *kvm, enum gib_restore_site site);
void iam_clear_unlinked(struct gib_vm *kvm);
void iam_kicker_restart(struct gib_vm *kvm);
struct gib_vcpu *__find_vcpu_for_floating_irq(struct gib_vm *kvm);
void gib_alert_kick(struct gib_vm *kvm, struct gib_vcpu *vcpu, u8 mask);

/* pieces policies share: policy-v2.c, policy-v3.c */
void gib_vm_idle_sie_exit(struct gib_vcpu *vcpu);
void gib_find1_alert(struct gib_vm *kvm);

/* policy-upstream.c: the pieces of upstream other policies reuse */
extern const struct gib_param gib_upstream_params[];
/* upstream's defaults: a 50 us kicker, one vcpu a tick, the 2021 fixes on */
#define GIB_UPSTREAM_DEFAULTS {			\
		.kicker_period_ns = 50000,	\
		.fanout = 1,			\
		.halt_poll_ns = 50000,		\
		.kicked_clear_in_runnable = true, \
		.kicker_preserve_mask = true,	\
	}
bool gib_upstream_handle_wait(struct gib_vcpu *vcpu);
void gib_upstream_alert(struct gib_vm *kvm);
u64 gib_upstream_kicker(struct gib_vm *kvm);

/* policies.c: the table of every policy */
extern const struct gib_policy *const gib_policies[];
const struct gib_policy *gib_policy_find(const char *name);
int gib_params_set(const struct gib_policy *policy, struct gib_params *p,
		   const char *name, u64 value);

#endif /* GIB_CORE_GIB_H */
