/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gib_trace.h - the gib:* tracepoints of gib.ko: one per type of the event
 * vocabulary (include/gibtrace/events.h) that the core or the glue emits,
 * all of one class with the fields of struct gib_event.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM gib

#if !defined(_GIB_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _GIB_TRACE_H

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(gib_event,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val),
	TP_STRUCT__entry(
		__field(u16, vm)
		__field(u16, vcpu)
		__field(u8, isc)
		__field(u8, mask)
		__field(u8, old)
		__field(u8, new)
		__field(u32, arg)
		__field(u32, val)
	),
	TP_fast_assign(
		__entry->vm = vm;
		__entry->vcpu = vcpu;
		__entry->isc = isc;
		__entry->mask = mask;
		__entry->old = old;
		__entry->new = new;
		__entry->arg = arg;
		__entry->val = val;
	),
	TP_printk("vm=%u vcpu=%u isc=%u mask=0x%02x old=0x%02x new=0x%02x arg=%u val=%u",
		  __entry->vm, __entry->vcpu, __entry->isc, __entry->mask,
		  __entry->old, __entry->new, __entry->arg, __entry->val)
);

DEFINE_EVENT(gib_event, airq_post,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gisa_alert,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gal_irq,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gal_process,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, kick_timer,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vcpu_kick,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vcpu_wakeup,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, iam_restore,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, airq_deliver,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, sie_enter,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, sie_exit,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vcpu_wait,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gisc_register,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gisc_unregister,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vm_create,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vm_destroy,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vcpu_create,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, vcpu_destroy,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, iam_set,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, gisa_unlink,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, guest_work,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

DEFINE_EVENT(gib_event, guest_timer,
	TP_PROTO(u16 vm, u16 vcpu, u8 isc, u8 mask, u8 old, u8 new, u32 arg,
		 u32 val),
	TP_ARGS(vm, vcpu, isc, mask, old, new, arg, val)
);

#endif /* _GIB_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE gib_trace
#include <trace/define_trace.h>
