/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gibbench: the tracepoint of the trace-format benchmark (bench/format.sh),
 * shaped like gibtrace's iam_restore event: vm, mask, old, new, arg.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM gibbench

#if !defined(_GIBBENCH_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _GIBBENCH_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(iam_restore,
	TP_PROTO(u16 vm, u8 mask, u8 old, u8 new, u32 arg),
	TP_ARGS(vm, mask, old, new, arg),
	TP_STRUCT__entry(
		__field(u16, vm)
		__field(u8, mask)
		__field(u8, old)
		__field(u8, new)
		__field(u32, arg)
	),
	TP_fast_assign(
		__entry->vm = vm;
		__entry->mask = mask;
		__entry->old = old;
		__entry->new = new;
		__entry->arg = arg;
	),
	TP_printk("vm=%u mask=0x%02x old=0x%02x new=0x%02x arg=%u",
		  __entry->vm, __entry->mask, __entry->old, __entry->new, __entry->arg)
);

#endif /* _GIBBENCH_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE gibbench_trace
#include <trace/define_trace.h>
