// SPDX-License-Identifier: GPL-2.0
/*
 * s390-kvm.bpf.c - the GIB/GISA alert path of a real s390 KVM host, observed
 * in kvm.ko (docs/s390-host.md, reference gib-path.md section 6), as the
 * same 32-byte records as gib.bpf.c (struct gib_rec) so that the recorder's
 * writer is shared.
 *
 * Every function probe exists twice: fentry/fexit (needs BTF for kvm.ko and
 * BPF trampolines) and kprobe/kretprobe (needs neither); the loader
 * (s390-kvm.c) autoloads one set, chosen at load time. The handlers are
 * shared; the variants differ only in how they fetch arguments (a
 * trampoline's u64 array, or s390's r2..r6 in pt_regs) and the return value.
 * Tracepoints are raw tracepoints: unlike tracepoint and kprobe programs
 * they still run when an interrupt's event nests into a program already
 * running on the CPU (gib.bpf.c says more).
 *
 * GISA word 0 is read as ONE 8-byte load: IPM, IAM and next_alert from the
 * same instant, by the big-endian bit positions of core/gisa.c (the program
 * runs on the s390 host itself, so a native u64 load is the big-endian word).
 * Every structure offset is a CO-RE relocation (s390-kvm-types.h).
 */
#include "../gib-ring.bpf.h"
#include <bpf/bpf_core_read.h>

#include "s390-kvm-types.h"

char LICENSE[] SEC("license") = "GPL";

#define NO_VM 0xffff
#define NO_VCPU 0xffff
#define NO_ISC 0xff
#define HRTIMER_MODE_REL 0x1 /* hrtimer_start by a caller; a re-arm enqueues ABS */
#define ICPT_WAIT 0x1c
#define ICPT_STOP 0x28
#define EOPNOTSUPP 95
#define KVM_S390_INT_IO_MAX 0xfffdffffu
#define KVM_S390_INT_IO_AI_MASK 0x04000000u
#define PSW_MASK_INTS 0x0300000000000000ull /* PSW_MASK_IO | PSW_MASK_EXT */

/* set by the loader from /proc/kallsyms: the kicker, to pick its hrtimers */
const volatile u64 kicker_fn;
/* the loader attached process_gib_alert_list: it, not the GAL handler, is a pass */
const volatile int alert_list_probed;

/* struct kvm * -> the trace's small VM number, in order of first sight */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u64);
	__type(value, u32);
} vm_ids SEC(".maps");
u32 vm_next;

/* per vcpu thread: its vcpu (from SIE entry and halt), and the wait in progress */
struct task_state {
	u64 vcpu;
	u64 wait_ts; /* kvm_s390_handle_wait entry, 0 outside it */
	u64 wait_word; /* GISA word 0 there */
	u64 kvm; /* gisc_(un)register, gisa_init: the argument, for the kretprobe */
	u32 gisc;
	u8 mask_before;
	u8 halted; /* handle_wait went on into kvm_vcpu_halt */
};

/* LRU: threads that ended leave their entry; the least recently used goes first */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct task_state);
} tasks SEC(".maps");

/* per CPU: what the hard-interrupt handlers carry from entry to exit */
struct cpu_state {
	u64 kick_kvm; /* gisa_vcpu_kicker running for this VM, else 0 */
	u64 kick_word;
	u8 kick_mask; /* alert.mask at its entry */
	u8 idle_wakeup; /* kvm_s390_idle_wakeup running */
	u8 in_pass; /* inside an alert-list pass */
	u32 unlinked; /* GISAs unlinked in this pass */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct cpu_state);
} cpus SEC(".maps");

static __always_inline struct cpu_state *cpu_state(void)
{
	u32 zero = 0;

	return bpf_map_lookup_elem(&cpus, &zero);
}

static __always_inline int emit_at(u64 ts, u16 type, u32 vm, u32 vcpu, u8 isc, u8 mask, u8 old,
				   u8 new, u32 arg, u32 val)
{
	struct gib_rec *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);

	if (!r)
		return gib_ring_drop(type, ts);
	return gib_ring_submit(r, ts, type, (u16)vm, (u16)vcpu, isc, mask, old, new, arg, val);
}

#define emit(...) emit_at(bpf_ktime_get_ns(), __VA_ARGS__)

/* the VM's number; @create: give the next one to a VM not seen yet */
static __always_inline u32 vm_id(u64 kvm, int create)
{
	u32 *id = bpf_map_lookup_elem(&vm_ids, &kvm), nr;

	if (id)
		return *id;
	if (!create && !kvm)
		return NO_VM;
	nr = __sync_fetch_and_add(&vm_next, 1);
	bpf_map_update_elem(&vm_ids, &kvm, &nr, BPF_NOEXIST);
	id = bpf_map_lookup_elem(&vm_ids, &kvm);
	return id ? *id : nr;
}

static __always_inline struct kvm_s390_gisa *gisa_of(struct kvm *kvm)
{
	return BPF_CORE_READ(kvm, arch.gisa_int.origin);
}

/* word 0 in one 8-byte load: next_alert 63..32, IPM 31..24, IAM 7..0 */
static __always_inline u64 gisa_word0(struct kvm_s390_gisa *gisa)
{
	u64 w = 0;

	if (gisa)
		bpf_probe_read_kernel(&w, sizeof(w),
				      __builtin_preserve_access_index(&gisa->u64.word[0]));
	return w;
}

static __always_inline u8 word_ipm(u64 w)
{
	return (u8)(w >> 24);
}

static __always_inline u8 word_iam(u64 w)
{
	return (u8)w;
}

static __always_inline u8 alert_mask(struct kvm *kvm)
{
	return BPF_CORE_READ(kvm, arch.gisa_int.alert.mask);
}

/* the guest's enabled ISCs: CR6 bits 31..24, as (u8)(gcr[6] >> 24) */
static __always_inline u8 vcpu_cr6(struct kvm_vcpu *vcpu)
{
	return (u8)(BPF_CORE_READ(vcpu, arch.sie_block, gcr[6]) >> 24);
}

static __always_inline u32 vcpu_idx(struct kvm_vcpu *vcpu)
{
	return (u32)BPF_CORE_READ(vcpu, vcpu_idx);
}

/* container_of(timer, struct kvm, arch.gisa_int.timer) */
static __always_inline struct kvm *kvm_of_kicker(struct hrtimer *timer)
{
	return (struct kvm *)((char *)timer -
			      bpf_core_field_offset(struct kvm_s390_gisa_interrupt, timer) -
			      bpf_core_field_offset(struct kvm, arch.gisa_int));
}

static __always_inline struct task_state *task_state(int create)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct task_state *t = bpf_map_lookup_elem(&tasks, &tid), zero = {};

	if (t || !create)
		return t;
	bpf_map_update_elem(&tasks, &tid, &zero, BPF_ANY);
	return bpf_map_lookup_elem(&tasks, &tid);
}

/* ---- the handlers ------------------------------------------------------ */

static __always_inline void pass_begin(void)
{
	struct cpu_state *c = cpu_state();

	if (c) {
		c->in_pass = 1;
		c->unlinked = 0;
	}
}

static __always_inline void pass_end(void)
{
	struct cpu_state *c = cpu_state();

	if (!c || !c->in_pass)
		return;
	c->in_pass = 0;
	/* the passes of the loop are not visible: arg 0 is "all of them" */
	emit(GIB_EV_gal_process, NO_VM, NO_VCPU, NO_ISC, 0, 0, 0, 0, c->unlinked);
}

static __always_inline void gal_entry(void)
{
	emit(GIB_EV_gal_irq, NO_VM, NO_VCPU, NO_ISC, 0, 0, 0, 0, 0);
	if (!alert_list_probed)
		pass_begin();
}

static __always_inline void gal_exit(void)
{
	if (!alert_list_probed)
		pass_end();
}

static __always_inline void kicker_entry(struct hrtimer *timer)
{
	struct kvm *kvm = kvm_of_kicker(timer);
	struct cpu_state *c = cpu_state();

	if (!c)
		return;
	c->kick_kvm = (u64)kvm;
	c->kick_word = gisa_word0(gisa_of(kvm));
	c->kick_mask = alert_mask(kvm);
}

/* HRTIMER_RESTART (1): a vcpu was kicked or the kick suppressed; 0: IAM restored */
static __always_inline void kicker_exit(long ret)
{
	struct cpu_state *c = cpu_state();
	u64 after;
	u32 vm;

	if (!c || !c->kick_kvm)
		return;
	vm = vm_id(c->kick_kvm, 0);
	emit(GIB_EV_kick_timer, vm, NO_VCPU, NO_ISC, word_ipm(c->kick_word), 0, 0, ret ? 1 : 0, 0);
	if (!ret) {
		after = gisa_word0(gisa_of((struct kvm *)c->kick_kvm));
		emit(GIB_EV_iam_restore, vm, NO_VCPU, NO_ISC, word_ipm(c->kick_word),
		     word_iam(c->kick_word), word_iam(after), GIB_RESTORE_KICKER, 0);
	}
	c->kick_kvm = 0;
}

/* kvm_s390_vcpu_wakeup: by the kicker, by the guest's clock comparator, or any other */
static __always_inline void vcpu_wakeup_entry(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = BPF_CORE_READ(vcpu, kvm);
	struct cpu_state *c = cpu_state();
	u32 vm = vm_id((u64)kvm, 0), idx = vcpu_idx(vcpu);
	u8 pending;

	if (c && c->idle_wakeup) {
		emit(GIB_EV_guest_timer, vm, idx, NO_ISC, 0, 0, 0, 0, 0);
		return;
	}
	pending = word_ipm(gisa_word0(gisa_of(kvm))) & alert_mask(kvm);
	if (c && c->kick_kvm == (u64)kvm)
		emit(GIB_EV_vcpu_kick, vm, idx, NO_ISC, c->kick_word >> 24 & c->kick_mask, 0, 0,
		     GIB_KICK_KICKER, 0);
	else
		emit(GIB_EV_vcpu_kick, vm, idx, NO_ISC, pending, 0, 0, GIB_KICK_FLOAT, 0);
}

static __always_inline void idle_wakeup(int running)
{
	struct cpu_state *c = cpu_state();

	if (c)
		c->idle_wakeup = (u8)running;
}

static __always_inline void handle_wait_entry(struct kvm_vcpu *vcpu)
{
	struct task_state *t = task_state(1);

	if (!t)
		return;
	t->vcpu = (u64)vcpu;
	t->wait_ts = bpf_ktime_get_ns();
	t->wait_word = gisa_word0(gisa_of(BPF_CORE_READ(vcpu, kvm)));
	t->halted = 0;
}

/*
 * kvm_vcpu_halt from kvm_s390_handle_wait: an enabled wait. The IAM restore
 * in between (gisa_get_ipm_or_restore_iam, static inline) is not visible: it
 * stores the alert mask exactly when no registered ISC is pending, so the
 * restore is inferred from the word at halt entry (docs/s390-host.md).
 */
static __always_inline void halt_entry(struct kvm_vcpu *vcpu)
{
	struct task_state *t = task_state(1);
	struct kvm *kvm = BPF_CORE_READ(vcpu, kvm);
	u32 vm = vm_id((u64)kvm, 0), idx = vcpu_idx(vcpu);
	u64 w;
	u8 mask;

	if (!t)
		return;
	t->vcpu = (u64)vcpu;
	if (!t->wait_ts)
		return;
	t->halted = 1;
	emit_at(t->wait_ts, GIB_EV_vcpu_wait, vm, idx, NO_ISC, vcpu_cr6(vcpu), 0, 0,
		GIB_WAIT_ENABLED, 0);
	if (!gisa_of(kvm))
		return;
	w = gisa_word0(gisa_of(kvm));
	mask = alert_mask(kvm);
	if (!(word_ipm(w) & mask) && word_iam(w) == mask)
		emit(GIB_EV_iam_restore, vm, NO_VCPU, NO_ISC, word_ipm(w), word_iam(t->wait_word),
		     word_iam(w), GIB_RESTORE_WAIT, 0);
}

/* back to SIE without sleeping: runnable, or a disabled wait (-EOPNOTSUPP) */
static __always_inline void handle_wait_exit(long ret)
{
	struct task_state *t = task_state(0);
	struct kvm_vcpu *vcpu;

	if (!t || !t->wait_ts)
		return;
	vcpu = (struct kvm_vcpu *)t->vcpu;
	if (!t->halted)
		emit_at(t->wait_ts, GIB_EV_vcpu_wait, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0),
			vcpu_idx(vcpu), NO_ISC, vcpu_cr6(vcpu), 0, 0,
			(int)ret == -EOPNOTSUPP ? GIB_WAIT_DISABLED : GIB_WAIT_RUNNABLE, 0);
	t->wait_ts = 0;
}

static __always_inline void gisc_entry(struct kvm *kvm, u32 gisc)
{
	struct task_state *t = task_state(1);

	if (!t)
		return;
	t->kvm = (u64)kvm;
	t->gisc = gisc;
	t->mask_before = gisa_of(kvm) ? alert_mask(kvm) : 0;
}

/* after the registration: the mask, the ISC's count, and whether set_iam took */
static __always_inline void gisc_exit(u16 type, long ret)
{
	struct task_state *t = task_state(0);
	struct kvm *kvm;
	u32 vm, gisc, count;
	u8 mask;
	u64 w;

	if (!t || !t->kvm)
		return;
	kvm = (struct kvm *)t->kvm;
	t->kvm = 0;
	if ((int)ret < 0)
		return;
	gisc = t->gisc & 7;
	vm = vm_id((u64)kvm, 0);
	mask = alert_mask(kvm);
	count = BPF_CORE_READ(kvm, arch.gisa_int.alert.ref_count[gisc]);
	emit(type, vm, NO_VCPU, (u8)gisc, mask, t->mask_before, mask, count, 0);
	if (mask == t->mask_before)
		return;
	/* gisa_set_iam refuses (-EBUSY) while the GISA is linked: the IAM kept its value */
	w = gisa_word0(gisa_of(kvm));
	emit(GIB_EV_iam_set, vm, NO_VCPU, NO_ISC, mask, t->mask_before, mask,
	     word_iam(w) != mask ? 1 : 0, 0);
}

static __always_inline void gisa_init_entry(struct kvm *kvm)
{
	struct task_state *t = task_state(1);

	if (t)
		t->kvm = (u64)kvm;
}

static __always_inline void gisa_init_exit(void)
{
	struct task_state *t = task_state(0);
	u64 kvm;

	if (!t || !t->kvm)
		return;
	kvm = t->kvm;
	t->kvm = 0;
	if (gisa_of((struct kvm *)kvm)) /* no AIV facility: no GISA */
		emit(GIB_EV_vm_create, vm_id(kvm, 1), NO_VCPU, NO_ISC, 0, 0, 0, 0, 0);
}

static __always_inline void gisa_destroy_entry(struct kvm *kvm)
{
	u64 key = (u64)kvm;
	u32 vm = vm_id(key, 0);

	if (vm == NO_VM)
		return;
	emit(GIB_EV_vm_destroy, vm, NO_VCPU, NO_ISC, 0, 0, 0, 0, 0);
	bpf_map_delete_elem(&vm_ids, &key);
}

/* ---- the two variants of each function probe ---------------------------- */

#define KARG(ctx, n) (((struct pt_regs___s390 *)(ctx))->gprs[2 + (n)])
#define KRET(ctx) ((long)((struct pt_regs___s390 *)(ctx))->gprs[2])

/* fentry/fexit and kprobe/kretprobe of @fn running @entry, @exit with args or ret */
#define PROBE_ENTRY(fn, body)                                                                      \
	SEC("fentry/" #fn)                                                                         \
	int f_##fn(u64 *ctx)                                                                       \
	{                                                                                          \
		u64 a0 = ctx[0], a1 = ctx[1];                                                      \
		(void)a0;                                                                          \
		(void)a1;                                                                          \
		body;                                                                              \
		return 0;                                                                          \
	}                                                                                          \
	SEC("kprobe/" #fn)                                                                         \
	int k_##fn(void *ctx)                                                                      \
	{                                                                                          \
		u64 a0 = KARG(ctx, 0), a1 = KARG(ctx, 1);                                          \
		(void)a0;                                                                          \
		(void)a1;                                                                          \
		body;                                                                              \
		return 0;                                                                          \
	}

/* @nargs: where fexit finds the return value */
#define PROBE_EXIT(fn, nargs, body)                                                                \
	SEC("fexit/" #fn)                                                                          \
	int fx_##fn(u64 *ctx)                                                                      \
	{                                                                                          \
		long ret = (long)ctx[nargs];                                                       \
		(void)ret;                                                                         \
		body;                                                                              \
		return 0;                                                                          \
	}                                                                                          \
	SEC("kretprobe/" #fn)                                                                      \
	int kr_##fn(void *ctx)                                                                     \
	{                                                                                          \
		long ret = KRET(ctx);                                                              \
		(void)ret;                                                                         \
		body;                                                                              \
		return 0;                                                                          \
	}

/* GAL interruption (hard interrupt on the host's NISC): (airq, tpi_info) */
PROBE_ENTRY(gib_alert_irq_handler, gal_entry())
PROBE_EXIT(gib_alert_irq_handler, 2, gal_exit())
/* alert-list processing, where the build keeps it out of line (6.1: inlined) */
PROBE_ENTRY(process_gib_alert_list, pass_begin())
PROBE_EXIT(process_gib_alert_list, 0, pass_end())
/* the kicker hrtimer: (timer) -> HRTIMER_RESTART / HRTIMER_NORESTART */
PROBE_ENTRY(gisa_vcpu_kicker, kicker_entry((struct hrtimer *)a0))
PROBE_EXIT(gisa_vcpu_kicker, 1, kicker_exit(ret))
PROBE_ENTRY(kvm_s390_vcpu_wakeup, vcpu_wakeup_entry((struct kvm_vcpu *)a0))
/* the guest clock comparator's hrtimer: its vcpu wakeup is a guest timer */
PROBE_ENTRY(kvm_s390_idle_wakeup, idle_wakeup(1))
PROBE_EXIT(kvm_s390_idle_wakeup, 1, idle_wakeup(0))
PROBE_ENTRY(kvm_s390_handle_wait, handle_wait_entry((struct kvm_vcpu *)a0))
PROBE_EXIT(kvm_s390_handle_wait, 1, handle_wait_exit(ret))
PROBE_ENTRY(kvm_vcpu_halt, halt_entry((struct kvm_vcpu *)a0))
PROBE_ENTRY(kvm_s390_gisc_register, gisc_entry((struct kvm *)a0, (u32)a1))
PROBE_EXIT(kvm_s390_gisc_register, 2, gisc_exit(GIB_EV_gisc_register, ret))
PROBE_ENTRY(kvm_s390_gisc_unregister, gisc_entry((struct kvm *)a0, (u32)a1))
PROBE_EXIT(kvm_s390_gisc_unregister, 2, gisc_exit(GIB_EV_gisc_unregister, ret))
PROBE_ENTRY(kvm_s390_gisa_init, gisa_init_entry((struct kvm *)a0))
PROBE_EXIT(kvm_s390_gisa_init, 1, gisa_init_exit())
PROBE_ENTRY(kvm_s390_gisa_destroy, gisa_destroy_entry((struct kvm *)a0))

/* ---- tracepoints (raw: the TP_PROTO arguments) --------------------------- */

/* kvm:kvm_vcpu_wakeup(ns, waited, valid): the end of kvm_vcpu_halt, in the vcpu thread */
SEC("raw_tp/kvm_vcpu_wakeup")
int tp_kvm_vcpu_wakeup(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_state *t = task_state(0);
	struct kvm_vcpu *vcpu;

	if (!t || !t->vcpu)
		return 0;
	vcpu = (struct kvm_vcpu *)t->vcpu;
	emit(GIB_EV_vcpu_wakeup, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0), vcpu_idx(vcpu), NO_ISC,
	     vcpu_cr6(vcpu), 0, 0, (ctx->args[1] ? 1 : 0) | (ctx->args[2] ? 2 : 0), 0);
	return 0;
}

/* kvm-s390:kvm_s390_deliver_interrupt(id, type, data0, data1): KVM delivered an AI */
SEC("raw_tp/kvm_s390_deliver_interrupt")
int tp_kvm_s390_deliver_interrupt(struct bpf_raw_tracepoint_args *ctx)
{
	u64 type = ctx->args[1], data1 = ctx->args[3];
	struct task_state *t = task_state(0);
	struct kvm_vcpu *vcpu;

	if (type > KVM_S390_INT_IO_MAX || !(type & KVM_S390_INT_IO_AI_MASK))
		return 0;
	if (!t || !t->vcpu)
		return 0;
	vcpu = (struct kvm_vcpu *)t->vcpu;
	/* data1: io_int_parm << 32 | io_int_word; the ISC is in bits 29..27 of the word */
	emit(GIB_EV_airq_deliver, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0), vcpu_idx(vcpu),
	     (u8)((data1 >> 27) & 7), 0, 0, 0, 0, 0);
	return 0;
}

/* kvm:kvm_s390_sie_enter(vcpu, cpuflags): also tells which thread runs which vcpu */
SEC("raw_tp/kvm_s390_sie_enter")
int tp_kvm_s390_sie_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct kvm_vcpu *vcpu = (struct kvm_vcpu *)ctx->args[0];
	struct task_state *t = task_state(1);

	if (t)
		t->vcpu = (u64)vcpu;
	emit(GIB_EV_sie_enter, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0), vcpu_idx(vcpu), NO_ISC,
	     vcpu_cr6(vcpu), 0, 0, 0, 0);
	return 0;
}

/* kvm:kvm_s390_sie_exit(vcpu, icptcode) */
SEC("raw_tp/kvm_s390_sie_exit")
int tp_kvm_s390_sie_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct kvm_vcpu *vcpu = (struct kvm_vcpu *)ctx->args[0];
	u8 icpt = (u8)ctx->args[1];

	emit(GIB_EV_sie_exit, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0), vcpu_idx(vcpu), NO_ISC, 0, 0,
	     0,
	     icpt == ICPT_WAIT ? GIB_EXIT_WAIT :
	     icpt == ICPT_STOP ? GIB_EXIT_STOP :
				 GIB_EXIT_OTHER,
	     0);
	return 0;
}

/* kvm-s390:kvm_s390_create_vcpu(id, vcpu, sie_block) */
SEC("raw_tp/kvm_s390_create_vcpu")
int tp_kvm_s390_create_vcpu(struct bpf_raw_tracepoint_args *ctx)
{
	struct kvm_vcpu *vcpu = (struct kvm_vcpu *)ctx->args[1];

	emit(GIB_EV_vcpu_create, vm_id((u64)BPF_CORE_READ(vcpu, kvm), 0), vcpu_idx(vcpu), NO_ISC, 0,
	     0, 0, 0, 0);
	return 0;
}

/*
 * timer:hrtimer_start(hrtimer, mode) of a kicker: a caller's start (REL) is
 * alert-list processing unlinking that GISA and starting its kicker at once
 * (or zPCI's aen_host_forward); the kicker's own re-arm is enqueued ABS.
 */
SEC("raw_tp/hrtimer_start")
int tp_hrtimer_start(struct bpf_raw_tracepoint_args *ctx)
{
	struct hrtimer *timer = (struct hrtimer *)ctx->args[0];
	struct cpu_state *c;

	if (!kicker_fn || (u64)BPF_CORE_READ(timer, function) != kicker_fn)
		return 0;
	if (!(ctx->args[1] & HRTIMER_MODE_REL))
		return 0;
	c = cpu_state();
	if (c && c->in_pass)
		c->unlinked++;
	emit(GIB_EV_gisa_unlink, vm_id((u64)kvm_of_kicker(timer), 0), NO_VCPU, NO_ISC, 0, 0, 0, 0,
	     0);
	return 0;
}
