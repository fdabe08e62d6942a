// SPDX-License-Identifier: GPL-2.0
/*
 * gib.bpf.c - one program per gib:* tracepoint of gib.ko: copy the event
 * into the ring buffer as a struct gib_rec; when the buffer is full, count
 * the loss per CPU with its time span instead (never silently).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "gib.h"
#include <gibtrace/events.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20); /* resized by the loader */
} events SEC(".maps");

/* per CPU and event type: what the full ring buffer refused */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GIB_EV_MAX);
	__type(key, unsigned int);
	__type(value, struct gib_drops);
} drops SEC(".maps");

static __always_inline int emit(struct gib_tp_ctx *ctx, unsigned short type)
{
	unsigned long long now = bpf_ktime_get_ns();
	unsigned int key = type;
	struct gib_drops *d;
	struct gib_rec *r;

	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		d = bpf_map_lookup_elem(&drops, &key);
		if (d) {
			if (!d->count)
				d->first_ts = now;
			d->count++;
			d->last_ts = now;
		}
		return 0;
	}
	r->ts = now;
	r->cpu = bpf_get_smp_processor_id();
	r->type = type;
	r->vm = ctx->vm;
	r->vcpu = ctx->vcpu;
	r->isc = ctx->isc;
	r->mask = ctx->mask;
	r->old = ctx->old;
	r->new = ctx->new;
	r->pad = 0;
	r->arg = ctx->arg;
	r->val = ctx->val;
	bpf_ringbuf_submit(r, 0);
	return 0;
}

#define GIB_TP(name)                                                                               \
	SEC("tracepoint/gib/" #name)                                                               \
	int tp_##name(struct gib_tp_ctx *ctx)                                                      \
	{                                                                                          \
		return emit(ctx, GIB_EV_##name);                                                   \
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
