/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvmsi_kvm.h - kvm:* tracepoints with upstream's names and prototypes (Linux
 * 6.1: arch/s390/kvm/trace.h, include/trace/events/kvm.h): the probe set's
 * raw tracepoint programs get these arguments. Fields trimmed to what the
 * prototypes give; the programs do not read them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm

#if !defined(_KVMSI_KVM_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KVMSI_KVM_H

#include <linux/tracepoint.h>
#include <linux/kvm_host.h>

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
		  __entry->waited ? "wait" : "poll", __entry->ns,
		  __entry->valid ? "valid" : "invalid")
);

TRACE_EVENT(kvm_s390_sie_enter,
	TP_PROTO(struct kvm_vcpu *vcpu, int cpuflags),
	TP_ARGS(vcpu, cpuflags),
	TP_STRUCT__entry(
		__field(int, id)
		__field(int, cpuflags)
	),
	TP_fast_assign(
		__entry->id = vcpu->vcpu_id;
		__entry->cpuflags = cpuflags;
	),
	TP_printk("%02d: entering sie flags %x", __entry->id, __entry->cpuflags)
);

TRACE_EVENT(kvm_s390_sie_exit,
	TP_PROTO(struct kvm_vcpu *vcpu, u8 icptcode),
	TP_ARGS(vcpu, icptcode),
	TP_STRUCT__entry(
		__field(int, id)
		__field(u8, icptcode)
	),
	TP_fast_assign(
		__entry->id = vcpu->vcpu_id;
		__entry->icptcode = icptcode;
	),
	TP_printk("%02d: exit sie icptcode %d", __entry->id, __entry->icptcode)
);

#endif /* _KVMSI_KVM_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kvmsi_kvm
#include <trace/define_trace.h>
