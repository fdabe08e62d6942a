// SPDX-License-Identifier: GPL-2.0
/*
 * kvmtp: makes gib.ko look like KVM on an s390 host to a tracer. It attaches
 * to gib.ko's own tracepoints and emits, in the same context, what upstream
 * KVM emits at the same step, under upstream's names, fields and formats
 * (tests/kvm-tp/, through kvmtp_trace.h):
 *
 *  gib:sie_enter            kvm:kvm_s390_sie_enter (end of vcpu_pre_run)
 *  gib:sie_exit             kvm:kvm_s390_sie_exit, icptcode 0x1c on a wait
 *                           intercept, 0x28 on a stop, 0x04 otherwise
 *  gib:vcpu_wakeup          kvm:kvm_vcpu_wakeup, once per halt (see below)
 *  gib:airq_deliver         kvm-s390:kvm_s390_deliver_interrupt, only when
 *                           the vcpu is out of SIE: KVM delivered it in
 *                           software. What SIE delivers has no tracepoint.
 *  gib:airq_post (software) kvm-s390:kvm_s390_inject_vm (from user), as the
 *                           injection of an adapter interruption by QEMU
 *
 * A recording of gib.ko with both sets enabled thus holds what a real host
 * shows and, in the gib:* events, the ground truth of the same run.
 *
 * kvm_vcpu_wakeup ends a halt, and gib.ko reports every wakeup of a halt,
 * also those that sleep again: the last one of a halt is emitted, when the
 * vcpu next delivers, enters SIE or waits, with ns the halt's length.
 * pswmask and pswaddr are 0: gib.ko's vcpus have no guest PSW
 * (kvmtp_trace.h).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/tracepoint.h>

#include "gib_trace.h"
#include "kvmtp_trace.h"

#define KVMTP_VMS	16
#define KVMTP_VCPUS	64

/* gib.ko's vocabulary: include/gibtrace/events.h */
#define GIB_WAIT_ENABLED	0
#define GIB_EXIT_WAIT		0
#define GIB_EXIT_STOP		2
#define GIB_SRC_SOFTWARE	1

#define ICPT_INST		0x04
#define ICPT_WAIT		0x1c
#define ICPT_STOP		0x28

/* what KVM puts into the I/O interruption word of a GISA adapter interruption */
#define KVMTP_INT_AI		KVM_S390_INT_IO(1, 0, 0, 0)
#define kvmtp_isc_word(isc)	(((u32)(isc) << 27) | 0x80000000)

static struct kvmtp_vcpu *kvmtp_vcpus;

static struct kvmtp_vcpu *kvmtp_vcpu(u16 vm, u16 vcpu)
{
	if (vm >= KVMTP_VMS || vcpu >= KVMTP_VCPUS)
		return NULL;
	return &kvmtp_vcpus[vm * KVMTP_VCPUS + vcpu];
}

/* the halt of @v ended: kvm_vcpu_wakeup, once */
static void kvmtp_flush_wakeup(struct kvmtp_vcpu *v)
{
	if (!READ_ONCE(v->wake_pending))
		return;
	WRITE_ONCE(v->wake_pending, false);
	trace_kvm_vcpu_wakeup(v->halt_end - v->halt_start, v->woke_slept,
			      v->woke_valid);
}

static void kvmtp_sie_enter(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			    u8 old, u8 new, u32 arg, u32 val)
{
	struct kvmtp_vcpu *v = kvmtp_vcpu(vm, vcpu);

	if (!v)
		return;
	kvmtp_flush_wakeup(v);
	trace_kvm_s390_sie_enter(v, 0);
	/* before gib.ko's machine delivers at entry: that delivery is SIE's */
	WRITE_ONCE(v->in_sie, true);
}

static void kvmtp_sie_exit(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			   u8 old, u8 new, u32 arg, u32 val)
{
	struct kvmtp_vcpu *v = kvmtp_vcpu(vm, vcpu);
	u8 icpt = arg == GIB_EXIT_WAIT ? ICPT_WAIT :
		  arg == GIB_EXIT_STOP ? ICPT_STOP : ICPT_INST;

	if (!v)
		return;
	WRITE_ONCE(v->in_sie, false);
	kvmtp_flush_wakeup(v);
	trace_kvm_s390_sie_exit(v, icpt);
}

static void kvmtp_vcpu_wait(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			    u8 old, u8 new, u32 arg, u32 val)
{
	struct kvmtp_vcpu *v = kvmtp_vcpu(vm, vcpu);

	if (!v)
		return;
	kvmtp_flush_wakeup(v);
	if (arg == GIB_WAIT_ENABLED)
		v->halt_start = ktime_get_ns();
}

static void kvmtp_vcpu_wakeup(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			      u8 old, u8 new, u32 arg, u32 val)
{
	struct kvmtp_vcpu *v = kvmtp_vcpu(vm, vcpu);

	if (!v)
		return;
	v->halt_end = ktime_get_ns();
	v->woke_slept = arg & 1;
	v->woke_valid = arg & 2;
	WRITE_ONCE(v->wake_pending, true);
}

static void kvmtp_airq_deliver(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			       u8 old, u8 new, u32 arg, u32 val)
{
	struct kvmtp_vcpu *v = kvmtp_vcpu(vm, vcpu);

	if (!v || READ_ONCE(v->in_sie))
		return;
	kvmtp_flush_wakeup(v);
	trace_kvm_s390_deliver_interrupt(vcpu, KVMTP_INT_AI, 0,
					 kvmtp_isc_word(isc));
}

static void kvmtp_airq_post(void *data, u16 vm, u16 vcpu, u8 isc, u8 mask,
			    u8 old, u8 new, u32 arg, u32 val)
{
	if (arg == GIB_SRC_SOFTWARE)
		trace_kvm_s390_inject_vm(KVMTP_INT_AI, 0, kvmtp_isc_word(isc), 2);
}

static int __init kvmtp_init(void)
{
	int ret;

	kvmtp_vcpus = kcalloc(KVMTP_VMS * KVMTP_VCPUS, sizeof(*kvmtp_vcpus),
			      GFP_KERNEL);
	if (!kvmtp_vcpus)
		return -ENOMEM;
	for (int i = 0; i < KVMTP_VMS * KVMTP_VCPUS; i++)
		kvmtp_vcpus[i].id = i % KVMTP_VCPUS;
	ret = register_trace_sie_enter(kvmtp_sie_enter, NULL);
	if (ret)
		goto out_free;
	ret = register_trace_sie_exit(kvmtp_sie_exit, NULL);
	if (ret)
		goto out_unreg_enter;
	ret = register_trace_vcpu_wait(kvmtp_vcpu_wait, NULL);
	if (ret)
		goto out_unreg_exit;
	ret = register_trace_vcpu_wakeup(kvmtp_vcpu_wakeup, NULL);
	if (ret)
		goto out_unreg_wait;
	ret = register_trace_airq_deliver(kvmtp_airq_deliver, NULL);
	if (ret)
		goto out_unreg_wakeup;
	ret = register_trace_airq_post(kvmtp_airq_post, NULL);
	if (ret)
		goto out_unreg_deliver;
	return 0;

out_unreg_deliver:
	unregister_trace_airq_deliver(kvmtp_airq_deliver, NULL);
out_unreg_wakeup:
	unregister_trace_vcpu_wakeup(kvmtp_vcpu_wakeup, NULL);
out_unreg_wait:
	unregister_trace_vcpu_wait(kvmtp_vcpu_wait, NULL);
out_unreg_exit:
	unregister_trace_sie_exit(kvmtp_sie_exit, NULL);
out_unreg_enter:
	unregister_trace_sie_enter(kvmtp_sie_enter, NULL);
out_free:
	kfree(kvmtp_vcpus);
	return ret;
}

static void __exit kvmtp_exit(void)
{
	unregister_trace_airq_post(kvmtp_airq_post, NULL);
	unregister_trace_airq_deliver(kvmtp_airq_deliver, NULL);
	unregister_trace_vcpu_wakeup(kvmtp_vcpu_wakeup, NULL);
	unregister_trace_vcpu_wait(kvmtp_vcpu_wait, NULL);
	unregister_trace_sie_exit(kvmtp_sie_exit, NULL);
	unregister_trace_sie_enter(kvmtp_sie_enter, NULL);
	/* no probe runs after this */
	tracepoint_synchronize_unregister();
	kfree(kvmtp_vcpus);
}

module_init(kvmtp_init);
module_exit(kvmtp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gib.ko's steps as the upstream kvm and kvm-s390 tracepoints");
