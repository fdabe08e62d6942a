// SPDX-License-Identifier: GPL-2.0
/*
 * gib.c - the GIB, its alert list and the GAL interruption handler
 * (arch/s390/kvm/interrupt.c: process_gib_alert_list, gib_alert_irq_handler)
 */
#include "gib.h"

const char *const gib_vm_stat_names[GIB_STAT_NR] = {
	[GIB_STAT_posts] = "posts",
	[GIB_STAT_posts_device] = "posts_device",
	[GIB_STAT_posts_software] = "posts_software",
	[GIB_STAT_coalesced] = "coalesced",
	[GIB_STAT_deliveries] = "deliveries",
	[GIB_STAT_deliveries_sie] = "deliveries_sie",
	[GIB_STAT_alerts] = "alerts",
	[GIB_STAT_gal_raised] = "gal_raised",
	[GIB_STAT_unlinked] = "unlinked",
	[GIB_STAT_kicker_ticks] = "kicker_ticks",
	[GIB_STAT_kicks] = "kicks",
	[GIB_STAT_kicks_suppressed] = "kicks_suppressed",
	[GIB_STAT_restores] = "restores",
	[GIB_STAT_restore_skips] = "restore_skips",
	[GIB_STAT_cas_retries] = "cas_retries",
	[GIB_STAT_waits] = "waits",
	[GIB_STAT_waits_runnable] = "waits_runnable",
	[GIB_STAT_halts] = "halts",
	[GIB_STAT_wakeups] = "wakeups",
	[GIB_STAT_wakeups_spurious] = "wakeups_spurious",
	[GIB_STAT_sie_entries] = "sie_entries",
};

void gib_emit(struct gib_host *host, const struct gib_event *ev)
{
	if (host->ops->event)
		host->ops->event(host, ev);
}

void gib_emit_vm(struct gib_vm *kvm, u16 type, u16 vcpu, u8 isc, u8 mask,
		 u8 old, u8 new, u32 arg)
{
	struct gib_event ev = {
		.type = type, .vm = kvm->id, .vcpu = vcpu, .isc = isc,
		.mask = mask, .old = old, .new = new, .arg = arg,
	};

	gib_emit(kvm->host, &ev);
}

/**
 * gib_host_init - the host's GIB: an empty alert list with GAL interruptions
 * enabled (origin NULL), delivered on host ISC @nisc
 * @host: zeroed or reused host state
 * @ops: the environment's callbacks (all but ->event are required)
 * @nisc: the host ISC of the GAL interruption (GAL_ISC, 5, upstream)
 */
void gib_host_init(struct gib_host *host, const struct gib_host_ops *ops,
		   u8 nisc)
{
	memset(host, 0, sizeof(*host));
	host->ops = ops;
	host->gib.alert_list_origin = NULL_GISA_ADDR;
	host->gib.nisc = nisc & 0x7;
}

/**
 * gib_vm_init - bring up a VM in slot @kvm->id with its GISA in @page
 * @host: the host
 * @kvm: the VM; ->id must be set to a free slot below GIB_MAX_VMS
 * @page: zeroed memory for the VM's sie_page2 (the GISA lives there)
 * @policy: the IAM restore policy
 * @params: its parameters, or NULL for the policy's defaults
 *
 * Returns: 0, -EINVAL for a bad slot, -EBUSY if the slot is taken.
 */
int gib_vm_init(struct gib_host *host, struct gib_vm *kvm,
		struct sie_page2 *page, const struct gib_policy *policy,
		const struct gib_params *params)
{
	u16 id = kvm->id;
	int i;

	if (id >= GIB_MAX_VMS || !policy)
		return -EINVAL;
	if (READ_ONCE(host->vms[id]))
		return -EBUSY;
	memset(kvm, 0, sizeof(*kvm));
	kvm->id = id;
	kvm->host = host;
	kvm->policy = policy;
	kvm->params = params ? *params : policy->defaults;
	memset(page, 0, sizeof(*page));
	page->gisa_phys = gisa_slot_phys(id);
	page->kvm = kvm;
	kvm->sie_page2 = page;
	for (i = 0; i < GIB_STAT_NR; i++)
		gib_counter_set(&kvm->stat[i], 0);
	kvm_s390_gisa_init(kvm);
	/* the drain scheme is the host's: v2's single cut once a VM runs it */
	if (policy->drain_single_pass)
		WRITE_ONCE(host->drain_single_pass, true);
	if (policy->init)
		policy->init(kvm);
	WRITE_ONCE(host->vms[id], kvm);
	gib_emit_vm(kvm, GIB_EV_vm_create, GIB_NO_VCPU, GIB_NO_ISC, 0, 0, 0, 0);
	return 0;
}

/* the GISA must have been destroyed (kvm_s390_gisa_destroy) */
void gib_vm_release(struct gib_vm *kvm)
{
	gib_emit_vm(kvm, GIB_EV_vm_destroy, GIB_NO_VCPU, GIB_NO_ISC, 0, 0, 0, 0);
	WRITE_ONCE(kvm->host->vms[kvm->id], NULL);
}

/* phys_to_virt + container_of(gisa, struct sie_page2, gisa)->kvm */
struct gib_vm *gib_vm_from_gisa_phys(struct gib_host *host, u32 phys)
{
	u32 slot = (phys >> 12) - 1;

	if ((phys & ~GISA_ADDR_MASK) != GISA_PAGE_OFFSET || slot >= GIB_MAX_VMS)
		return NULL;
	return READ_ONCE(host->vms[slot]);
}

/*
 * Walk one cut-off list: unlink each GISA (next_alert back to its own
 * address) before acting on it, so that millicode can link it again.
 * Returns the value that ended the list (NULL or NONE).
 */
static u32 gib_walk_alert_list(struct gib_host *host, u32 origin, u32 pass)
{
	struct kvm_s390_gisa *gisa;
	struct gib_vm *kvm;
	u32 gisa_phys;
	u32 count = 0;

	while (origin & GISA_ADDR_MASK) {
		gisa_phys = origin;
		kvm = gib_vm_from_gisa_phys(host, gisa_phys);
		if (gib_warn(!kvm, "alert list holds unknown GISA 0x%08x",
			     gisa_phys))
			return NULL_GISA_ADDR;
		gisa = &kvm->sie_page2->gisa;
		origin = gisa_word_next_alert(READ_ONCE(gisa->word[0]));
		gisa_set_next_alert(gisa, gisa_phys);
		gib_stat_inc(kvm, GIB_STAT_unlinked);
		gib_emit_vm(kvm, GIB_EV_gisa_unlink, GIB_NO_VCPU, GIB_NO_ISC,
			    0, 0, 0, pass);
		count++;
		if (kvm->policy->alert)
			kvm->policy->alert(kvm);
	}
	gib_counter_inc(&host->gal_passes);
	gib_emit(host, &(struct gib_event){ .type = GIB_EV_gal_process,
					    .vm = GIB_NO_VM,
					    .vcpu = GIB_NO_VCPU,
					    .isc = GIB_NO_ISC,
					    .arg = pass, .val = count });
	return origin;
}

/**
 * process_gib_alert_list - handle every GISA the machine linked
 * @host: the host
 *
 * Each pass cuts the list off with one xchg and walks it. While NONE is
 * stored, millicode links GISAs into a new list but raises no further GAL
 * interruption; such a list ends in NONE. Once a pass has cut off a list
 * that ends in NONE (it was built while NONE was stored, possibly empty),
 * the next pass is the final one: it stores NULL, which re-enables GAL
 * interruptions, and walks what was linked since. A GISA linked while the
 * host walks is handled in a later pass, never lost; a GISA linked after
 * the final xchg raises a new GAL interruption.
 *
 * With drain_single_pass (v2's unlink_gib_alert_list) one xchg stores NULL
 * at once and the list is walked once.
 */
void process_gib_alert_list(struct gib_host *host)
{
	u32 final, origin = 0UL;
	u32 pass = 0;

	if (READ_ONCE(host->drain_single_pass)) {
		origin = xchg(&host->gib.alert_list_origin, NULL_GISA_ADDR);
		gib_walk_alert_list(host, origin, 0);
		return;
	}

	do {
		/*
		 * NONE still stored: no GISA was linked by millicode while the
		 * last list was processed. This pass is the final one.
		 */
		final = (origin & NONE_GISA_ADDR);
		/*
		 * Cut off the list; store NONE to avoid further GAL
		 * interruptions while it is walked, NULL on the final pass to
		 * re-enable them.
		 */
		origin = xchg(&host->gib.alert_list_origin,
			      (!final) ? NONE_GISA_ADDR : NULL_GISA_ADDR);
		origin = gib_walk_alert_list(host, origin, pass++);
	} while (!final);
}

/**
 * gib_alert_irq_handler - the GAL interruption (IRQIO_GAL) on the host
 * @host: the host
 *
 * The pre-6.0 form: count it and process the alert list. (Since 6.0 zPCI
 * AEN forwarding may come first; that path is not modelled.)
 */
void gib_alert_irq_handler(struct gib_host *host)
{
	gib_counter_inc(&host->gal_irqs);
	gib_emit(host, &(struct gib_event){ .type = GIB_EV_gal_irq,
					    .vm = GIB_NO_VM,
					    .vcpu = GIB_NO_VCPU,
					    .isc = GIB_NO_ISC });
	process_gib_alert_list(host);
}
