/* SPDX-License-Identifier: GPL-2.0 */
/* gibsmoke: the tracepoint of the VM harness's smoke-test module. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM gibsmoke

#if !defined(_GIBSMOKE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _GIBSMOKE_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(tick,
	TP_PROTO(u64 n, u32 cpu),
	TP_ARGS(n, cpu),
	TP_STRUCT__entry(
		__field(u64, n)
		__field(u32, cpu)
	),
	TP_fast_assign(
		__entry->n = n;
		__entry->cpu = cpu;
	),
	TP_printk("n=%llu cpu=%u", __entry->n, __entry->cpu)
);

#endif /* _GIBSMOKE_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE gibsmoke_trace
#include <trace/define_trace.h>
