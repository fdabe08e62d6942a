// SPDX-License-Identifier: GPL-2.0
/*
 * kvmsi - a stand-in for kvm.ko's GIB path, for the probe set's recording
 * test in an emulated s390x machine, where kvm.ko itself cannot load (QEMU's
 * TCG has no SIE). It is NOT kvm.ko: it defines functions with the names and
 * prototypes of kvm.ko's (arch/s390/kvm/interrupt.c, virt/kvm/kvm_main.c,
 * 6.1) and tracepoints with upstream's names and prototypes, and drives them
 * through one scripted sequence on the real kernel structures (struct kvm,
 * struct kvm_vcpu, the SIE block and the GISA from this kernel's headers, so
 * every offset is the one the probe set's CO-RE relocations resolve to).
 *
 * Writing 1 to /sys/module/kvmsi/parameters/run runs the sequence once in
 * the writer's thread, which stands for a vcpu thread; the kicker runs as a
 * real hrtimer in hard interrupt context. The sequence and the events the
 * probe set must record for it: tests/s390-probes/t-record.sh.
 */
#include <linux/module.h>
#include <linux/kvm_host.h>
#include <linux/hrtimer.h>
#include <linux/delay.h>
#include <linux/slab.h>

#include "kvmsi_trace.h"

/*
 * Each stand-in is noinline and noipa: kept out of line and never cloned
 * (.isra, .constprop), so the probe set attaches to the very symbol, and its
 * arguments are where the calling convention puts them.
 */

#define KVMSI_GISC 3
#define KVMSI_NISC 5
#define KVMSI_AI_TYPE 0x04000000u /* KVM_S390_INT_IO(1, 0, 0, 0) */

struct airq_struct;
struct tpi_info;

static struct kvm *vm;
static struct kvm_vcpu *vcpu;
static struct kvm_s390_gisa *gisa;
static bool linked; /* the machine put the GISA on the alert list */
static atomic_t kicks, kicker_stopped;
/* the kicker against the delivery: the recording's order must not depend on timing */
static DEFINE_SPINLOCK(kvmsi_lock);

/* word 0: next_alert 63..32, IPM 31..24, IAM 7..0; one cmpxchg per update */
static void gisa_update(u64 clear, u64 set)
{
	u64 word, old = READ_ONCE(gisa->u64.word[0]);

	do {
		word = old;
		old = cmpxchg(&gisa->u64.word[0], word, (word & ~clear) | set);
	} while (old != word);
}

static u8 gisa_ipm(void)
{
	return (u8)(READ_ONCE(gisa->u64.word[0]) >> 24);
}

static void gisa_set_iam(u8 iam)
{
	if (!linked) /* -EBUSY while linked, ignored as upstream does */
		gisa_update(0xff, iam);
}

noinline __attribute__((__noipa__)) void kvm_s390_vcpu_wakeup(struct kvm_vcpu *vcpu)
{
	vcpu->valid_wakeup = true;
}

noinline __attribute__((__noipa__)) enum hrtimer_restart gisa_vcpu_kicker(struct hrtimer *timer)
{
	struct kvm_s390_gisa_interrupt *gi =
		container_of(timer, struct kvm_s390_gisa_interrupt, timer);
	enum hrtimer_restart ret = HRTIMER_RESTART;
	u8 pending;

	spin_lock(&kvmsi_lock);
	pending = gisa_ipm() & gi->alert.mask;
	if (!pending) {
		gisa_update(0xff, gi->alert.mask); /* the IAM restore */
		atomic_inc(&kicker_stopped);
		ret = HRTIMER_NORESTART;
	} else {
		/* one kick: the vcpu's kicked bit stays set until it runs */
		if (atomic_inc_return(&kicks) == 1)
			kvm_s390_vcpu_wakeup(vcpu);
		hrtimer_forward_now(timer, ns_to_ktime(gi->expires));
	}
	spin_unlock(&kvmsi_lock);
	return ret;
}

noinline __attribute__((__noipa__)) void kvm_s390_gisa_init(struct kvm *kvm)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->arch.gisa_int;

	gi->origin = gisa;
	gi->alert.mask = 0;
	gi->expires = 50 * 1000;
	hrtimer_init(&gi->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	gi->timer.function = gisa_vcpu_kicker;
	/* not on the alert list: next_alert is its own address */
	WRITE_ONCE(gisa->u64.word[0], (u64)(u32)virt_to_phys(gisa) << 32);
}

noinline __attribute__((__noipa__)) void kvm_s390_gisa_destroy(struct kvm *kvm)
{
	hrtimer_cancel(&kvm->arch.gisa_int.timer);
	kvm->arch.gisa_int.origin = NULL;
}

noinline __attribute__((__noipa__)) int kvm_s390_gisc_register(struct kvm *kvm, u32 gisc)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->arch.gisa_int;

	if (gi->alert.ref_count[gisc]++ == 0) {
		gi->alert.mask |= 0x80 >> gisc;
		gisa_set_iam(gi->alert.mask);
	}
	return KVMSI_NISC;
}

noinline __attribute__((__noipa__)) int kvm_s390_gisc_unregister(struct kvm *kvm, u32 gisc)
{
	struct kvm_s390_gisa_interrupt *gi = &kvm->arch.gisa_int;

	if (!gi->alert.ref_count[gisc])
		return -EINVAL;
	if (--gi->alert.ref_count[gisc] == 0) {
		gi->alert.mask &= ~(0x80 >> gisc);
		gisa_set_iam(gi->alert.mask);
	}
	return 0;
}

/* the GAL interruption: the alert list has this one GISA; unlink it, start its kicker */
noinline __attribute__((__noipa__)) void gib_alert_irq_handler(struct airq_struct *airq,
							       struct tpi_info *tpi_info)
{
	linked = false;
	hrtimer_start(&vm->arch.gisa_int.timer, 0, HRTIMER_MODE_REL);
}

noinline __attribute__((__noipa__)) void kvm_vcpu_halt(struct kvm_vcpu *vcpu)
{
	trace_kvm_vcpu_wakeup(1000, true, vcpu->valid_wakeup);
	vcpu->valid_wakeup = false;
}

noinline __attribute__((__noipa__)) int kvm_s390_handle_wait(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_gisa_interrupt *gi = &vcpu->kvm->arch.gisa_int;
	u8 pending = gisa_ipm() & gi->alert.mask;

	if (pending & (u8)(vcpu->arch.sie_block->gcr[6] >> 24))
		return 0; /* deliverable: back to SIE */
	if (!(vcpu->arch.sie_block->gpsw.mask & (PSW_MASK_IO | PSW_MASK_EXT)))
		return -EOPNOTSUPP; /* disabled wait */
	if (!pending)
		gisa_update(0xff, gi->alert.mask); /* the IAM restore */
	kvm_vcpu_halt(vcpu);
	return 0;
}

noinline __attribute__((__noipa__)) enum hrtimer_restart kvm_s390_idle_wakeup(struct hrtimer *timer)
{
	kvm_s390_vcpu_wakeup(container_of(timer, struct kvm_vcpu, arch.ckc_timer));
	return HRTIMER_NORESTART;
}

/* wait up to 200 ms for @v to reach @want */
static int kvmsi_wait(atomic_t *v, int want)
{
	int i;

	for (i = 0; i < 2000 && atomic_read(v) < want; i++)
		usleep_range(100, 200);
	return atomic_read(v) >= want ? 0 : -ETIMEDOUT;
}

static void kvmsi_wait_intercept(void)
{
	trace_kvm_s390_sie_enter(vcpu, atomic_read(&vcpu->arch.sie_block->cpuflags));
	trace_kvm_s390_sie_exit(vcpu, 0x1c);
	kvm_s390_handle_wait(vcpu);
}

static int kvmsi_sequence(void)
{
	struct kvm_s390_sie_block *sb = vcpu->arch.sie_block;
	u64 isc_bit = (u64)(0x80 >> KVMSI_GISC) << 24;
	unsigned long flags;
	int err;

	kvm_s390_gisa_init(vm);
	trace_kvm_s390_create_vcpu(vcpu->vcpu_id, vcpu, sb);
	kvm_s390_gisc_register(vm, KVMSI_GISC);
	/* an enabled wait with nothing pending: the IAM is restored, the vcpu halts */
	kvmsi_wait_intercept();
	/* a device posts for the ISC; the machine alerts: IAM cleared, GISA linked */
	gisa_update(0xff, isc_bit);
	linked = true;
	/* with interrupts off, as the real handler runs: the kicker fires after it returns */
	local_irq_save(flags);
	gib_alert_irq_handler(NULL, NULL);
	local_irq_restore(flags);
	err = kvmsi_wait(&kicks, 1);
	/* KVM delivers it to the kicked vcpu; the kicker then stops and restores */
	spin_lock_irqsave(&kvmsi_lock, flags);
	trace_kvm_s390_sie_enter(vcpu, atomic_read(&sb->cpuflags));
	gisa_update(isc_bit, 0);
	trace_kvm_s390_deliver_interrupt(vcpu->vcpu_id, KVMSI_AI_TYPE, 0,
					 0x80000000u | KVMSI_GISC << 27);
	spin_unlock_irqrestore(&kvmsi_lock, flags);
	err = err ?: kvmsi_wait(&kicker_stopped, 1);
	/* the guest's clock comparator wakes it */
	kvm_s390_idle_wakeup(&vcpu->arch.ckc_timer);
	/* a wait with the ISC pending and enabled: runnable */
	gisa_update(0, isc_bit);
	kvmsi_wait_intercept();
	gisa_update(isc_bit, 0);
	/* a disabled wait */
	sb->gpsw.mask &= ~(PSW_MASK_IO | PSW_MASK_EXT);
	kvmsi_wait_intercept();
	sb->gpsw.mask |= PSW_MASK_IO | PSW_MASK_EXT;
	/* unregistered while linked: gisa_set_iam refuses, the IAM keeps the old mask */
	linked = true;
	kvm_s390_gisc_unregister(vm, KVMSI_GISC);
	linked = false;
	kvm_s390_gisa_destroy(vm);
	return err;
}

static int kvmsi_run(const char *val, const struct kernel_param *kp)
{
	int err = -ENOMEM;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	gisa = kzalloc(sizeof(*gisa), GFP_KERNEL);
	if (!vm || !vcpu || !gisa)
		goto out;
	vcpu->arch.sie_block = kzalloc(sizeof(*vcpu->arch.sie_block), GFP_KERNEL);
	if (!vcpu->arch.sie_block)
		goto out;
	vcpu->kvm = vm;
	vcpu->vcpu_id = 0;
	vcpu->vcpu_idx = 0;
	vcpu->arch.sie_block->gcr[6] = (u64)(0x80 >> KVMSI_GISC) << 24;
	vcpu->arch.sie_block->gpsw.mask = PSW_MASK_IO | PSW_MASK_EXT;
	atomic_set(&kicks, 0);
	atomic_set(&kicker_stopped, 0);
	err = kvmsi_sequence();
	pr_info("kvmsi: sequence %s, %d kicker ticks with a kick\n", err ? "timed out" : "done",
		atomic_read(&kicks));
out:
	if (vcpu)
		kfree(vcpu->arch.sie_block);
	kfree(gisa);
	kfree(vcpu);
	kfree(vm);
	return err;
}

static const struct kernel_param_ops kvmsi_run_ops = {
	.set = kvmsi_run,
};
module_param_cb(run, &kvmsi_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write 1: run the GIB path sequence once");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A stand-in for kvm.ko's GIB path: the s390-kvm probe set's recording test");
