// SPDX-License-Identifier: GPL-2.0
/*
 * gib.bpf.c - one program per gib:* tracepoint of gib.ko: copy the event
 * into the ring buffer as a struct gib_rec; when the buffer is full, count
 * the loss per CPU with its time span instead (never silently).
 *
 * Raw tracepoint programs, not tracepoint ones: the kernel runs a
 * tracepoint (or kprobe) program only when no other such program runs on
 * the CPU (bpf_prog_active), and skips it without counting anything
 * otherwise. gib.ko fires most events from hard interrupts (the schedule's
 * timer, the kickers, the GAL irq_work), often right into a program running
 * for a vcpu thread's event: 5% of them were lost that way, silently. A raw
 * tracepoint program is only kept from nesting into itself (the same event
 * type on the same CPU), and the kernel counts that in the program's
 * recursion_misses. That still happens (guest_work, airq_deliver: from a
 * vcpu thread and from the interrupts that extend its run), so every type
 * has two programs: the primary (tp_*) and a backup (tb_*) with a recursion
 * guard of its own, which records the event only when the type's primary is
 * running on this CPU already, i.e. when the kernel skipped the primary for
 * this event. The loader reports what neither took: the primary's
 * recursion_misses minus what the backups took over (gib_bpf__misses).
 */
#include "gib-ring.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* args: the tracepoint's TP_PROTO, vm vcpu isc mask old new arg val (gib.h) */
/* per CPU and event type: the type's primary program is running */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GIB_EV_MAX);
	__type(key, unsigned int);
	__type(value, unsigned int);
} busy SEC(".maps");

/* per CPU and event type: the events the backup program took over */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GIB_EV_MAX);
	__type(key, unsigned int);
	__type(value, unsigned long long);
} rescued SEC(".maps");

static __always_inline int emit(struct bpf_raw_tracepoint_args *ctx, unsigned short type)
{
	struct gib_rec *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	/* after the reserve: an event nesting in from an interrupt comes later in both */
	unsigned long long now = bpf_ktime_get_ns();

	if (!r)
		return gib_ring_drop(type, now);
	return gib_ring_submit(r, now, type, (__u16)ctx->args[GIB_ARG_VM],
			       (__u16)ctx->args[GIB_ARG_VCPU], (__u8)ctx->args[GIB_ARG_ISC],
			       (__u8)ctx->args[GIB_ARG_MASK], (__u8)ctx->args[GIB_ARG_OLD],
			       (__u8)ctx->args[GIB_ARG_NEW], (__u32)ctx->args[GIB_ARG_ARG],
			       (__u32)ctx->args[GIB_ARG_VAL]);
}

static __always_inline int primary(struct bpf_raw_tracepoint_args *ctx, unsigned short type)
{
	unsigned int key = type, *b = bpf_map_lookup_elem(&busy, &key);

	if (b)
		(*b)++;
	emit(ctx, type);
	if (b)
		(*b)--;
	return 0;
}

static __always_inline int backup(struct bpf_raw_tracepoint_args *ctx, unsigned short type)
{
	unsigned int key = type, *b = bpf_map_lookup_elem(&busy, &key);
	unsigned long long *r;

	if (!b || !*b)
		return 0; /* the primary ran for this event */
	r = bpf_map_lookup_elem(&rescued, &key);
	if (r)
		__sync_fetch_and_add(r, 1);
	return emit(ctx, type);
}

#define GIB_TP(name)                                                                               \
	SEC("raw_tp/" #name)                                                                       \
	int tp_##name(struct bpf_raw_tracepoint_args *ctx)                                         \
	{                                                                                          \
		return primary(ctx, GIB_EV_##name);                                                \
	}                                                                                          \
	SEC("raw_tp/" #name)                                                                       \
	int tb_##name(struct bpf_raw_tracepoint_args *ctx)                                         \
	{                                                                                          \
		return backup(ctx, GIB_EV_##name);                                                 \
	}

/* every type gib.ko emits: the vocabulary but the recorder's own (drop) */
GIB_TP(vm_create)
GIB_TP(vm_destroy)
GIB_TP(vcpu_create)
GIB_TP(vcpu_destroy)
GIB_TP(gisc_register)
GIB_TP(gisc_unregister)
GIB_TP(airq_post)
GIB_TP(vcpu_wait)
GIB_TP(guest_timer)
GIB_TP(guest_work)
GIB_TP(gisa_alert)
GIB_TP(gal_irq)
GIB_TP(gal_process)
GIB_TP(kick_timer)
GIB_TP(vcpu_kick)
GIB_TP(vcpu_wakeup)
GIB_TP(iam_restore)
GIB_TP(airq_deliver)
GIB_TP(sie_enter)
GIB_TP(sie_exit)
GIB_TP(iam_set)
GIB_TP(gisa_unlink)
