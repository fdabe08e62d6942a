/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm_tp_kvm.h - the kvm:* tracepoints of an s390 host that gibtrace reads,
 * with upstream's names, fields and print formats (Linux 6.1:
 * arch/s390/kvm/trace.h, include/trace/events/kvm.h), for the test modules
 * kvmtp (tests/convert/kvm-s390-tp) and kvmsi (tests/s390-probes/kvm-standin).
 *
 * As upstream's VCPU_PROTO_COMMON, the includer says how a vcpu event gets
 * its vcpu: KVM_TP_VCPU_PROTO and KVM_TP_VCPU_ARGS (the prototype's first
 * arguments) and KVM_TP_VCPU_ASSIGN (sets __entry->id, pswmask and pswaddr).
 * kvmsi passes upstream's struct kvm_vcpu *, kvmtp (x86, no SIE block) the
 * three values.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm

#if !defined(_KVM_TP_KVM_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KVM_TP_KVM_H

#include <linux/tracepoint.h>

/* every s390 vcpu event starts with the vcpu id and the guest PSW */
TRACE_EVENT(kvm_s390_sie_enter,
	TP_PROTO(KVM_TP_VCPU_PROTO, int cpuflags),
	TP_ARGS(KVM_TP_VCPU_ARGS, cpuflags),
	TP_STRUCT__entry(
		__field(int, id)
		__field(unsigned long, pswmask)
		__field(unsigned long, pswaddr)
		__field(int, cpuflags)
	),
	TP_fast_assign(
		KVM_TP_VCPU_ASSIGN;
		__entry->cpuflags = cpuflags;
	),
	TP_printk("%02d[%016lx-%016lx]: entering sie flags %x", __entry->id,
		  __entry->pswmask, __entry->pswaddr, __entry->cpuflags)
);

TRACE_EVENT(kvm_s390_sie_exit,
	TP_PROTO(KVM_TP_VCPU_PROTO, u8 icptcode),
	TP_ARGS(KVM_TP_VCPU_ARGS, icptcode),
	TP_STRUCT__entry(
		__field(int, id)
		__field(unsigned long, pswmask)
		__field(unsigned long, pswaddr)
		__field(u8, icptcode)
	),
	TP_fast_assign(
		KVM_TP_VCPU_ASSIGN;
		__entry->icptcode = icptcode;
	),
	TP_printk("%02d[%016lx-%016lx]: exit sie icptcode %d (%s)",
		  __entry->id, __entry->pswmask, __entry->pswaddr,
		  __entry->icptcode,
		  /* arch/s390/include/uapi/asm/sie.h: sie_intercept_code */
		  __print_symbolic(__entry->icptcode,
				   { 0x00, "Host interruption" },
				   { 0x04, "Instruction" },
				   { 0x08, "Program interruption" },
				   { 0x0c, "Instruction and program interruption" },
				   { 0x10, "External request" },
				   { 0x14, "External interruption" },
				   { 0x18, "I/O request" },
				   { 0x1c, "Wait state" },
				   { 0x20, "Validity" },
				   { 0x28, "Stop request" },
				   { 0x2c, "Operation exception" },
				   { 0x38, "Partial-execution" },
				   { 0x3c, "I/O interruption" },
				   { 0x40, "I/O instruction" },
				   { 0x48, "Timing subset" }))
);

/* include/trace/events/kvm.h: the end of every kvm_vcpu_halt */
TRACE_EVENT(kvm_vcpu_wakeup,
	TP_PROTO(__u64 ns, bool waited, bool valid),
	TP_ARGS(ns, waited, valid),
	TP_STRUCT__entry(
		__field(__u64, ns)
		__field(bool, waited)
		__field(bool, valid)
	),
	TP_fast_assign(
		__entry->ns = ns;
		__entry->waited = waited;
		__entry->valid = valid;
	),
	TP_printk("%s time %lld ns, polling %s",
		  __entry->waited ? "wait" : "poll",
		  __entry->ns,
		  __entry->valid ? "valid" : "invalid")
);

#endif /* _KVM_TP_KVM_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kvm_tp_kvm
#include <trace/define_trace.h>
