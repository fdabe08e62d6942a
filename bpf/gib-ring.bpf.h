/*
 * What both probe sets' BPF programs (gib.bpf.c, s390/s390-kvm.bpf.c) share:
 * the ring buffer of struct gib_rec that their loaders drain, and the
 * per-CPU count of what it refused when full (never a silent loss).
 * Included once, by the program file.
 */
#ifndef GIBTRACE_GIB_RING_BPF_H
#define GIBTRACE_GIB_RING_BPF_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "gib.h"
#include <gibtrace/events.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20); /* resized by the loader */
} events SEC(".maps");

/* per CPU and event type: what the full ring buffer refused */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GIB_EV_MAX);
	__type(key, __u32);
	__type(value, struct gib_drops);
} drops SEC(".maps");

/* the ring buffer was full: count the loss of an event of @type at @ts on this CPU */
static __always_inline int gib_ring_drop(__u16 type, __u64 ts)
{
	__u32 key = type;
	struct gib_drops *d = bpf_map_lookup_elem(&drops, &key);

	if (d) {
		/* atomic: a program may nest in here for the same type */
		if (!d->count)
			d->first_ts = ts;
		__sync_fetch_and_add(&d->count, 1);
		d->last_ts = ts;
	}
	return 0;
}

/*
 * @r, reserved in the ring buffer: the event at @ts on this CPU, submitted. A
 * macro: the field values are evaluated after the helper call that reads the
 * CPU, as written out in place, so the compiler keeps none of them across it
 * (a function's arguments are evaluated first, and were spilled to the stack).
 */
#define gib_ring_submit(r, ts_, type_, vm_, vcpu_, isc_, mask_, old_, new_, arg_, val_)            \
	({                                                                                         \
		(r)->ts = (ts_);                                                                   \
		(r)->cpu = bpf_get_smp_processor_id();                                             \
		(r)->type = (type_);                                                               \
		(r)->vm = (vm_);                                                                   \
		(r)->vcpu = (vcpu_);                                                               \
		(r)->isc = (isc_);                                                                 \
		(r)->mask = (mask_);                                                               \
		(r)->old = (old_);                                                                 \
		(r)->new = (new_);                                                                 \
		(r)->pad = 0;                                                                      \
		(r)->arg = (arg_);                                                                 \
		(r)->val = (val_);                                                                 \
		bpf_ringbuf_submit((r), 0);                                                        \
		0;                                                                                 \
	})

#endif
