/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvmsi_kvm_s390.h - kvm-s390:* tracepoints with upstream's names and
 * prototypes (Linux 6.1: arch/s390/kvm/trace-s390.h).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm-s390
#define TRACE_SYSTEM_VAR kvm_s390

#if !defined(_KVMSI_KVM_S390_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KVMSI_KVM_S390_H

#include <linux/tracepoint.h>
#include <linux/kvm_host.h>

TRACE_EVENT(kvm_s390_create_vcpu,
	TP_PROTO(unsigned int id, struct kvm_vcpu *vcpu,
		 struct kvm_s390_sie_block *sie_block),
	TP_ARGS(id, vcpu, sie_block),
	TP_STRUCT__entry(
		__field(unsigned int, id)
		__field(struct kvm_vcpu *, vcpu)
		__field(struct kvm_s390_sie_block *, sie_block)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->vcpu = vcpu;
		__entry->sie_block = sie_block;
	),
	TP_printk("create cpu %d at 0x%pK, sie block at 0x%pK",
		  __entry->id, __entry->vcpu, __entry->sie_block)
);

TRACE_EVENT(kvm_s390_deliver_interrupt,
	TP_PROTO(unsigned int id, __u64 type, __u64 data0, __u64 data1),
	TP_ARGS(id, type, data0, data1),
	TP_STRUCT__entry(
		__field(int, id)
		__field(__u32, inttype)
		__field(__u64, data0)
		__field(__u64, data1)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->inttype = type & 0x00000000ffffffff;
		__entry->data0 = data0;
		__entry->data1 = data1;
	),
	TP_printk("deliver interrupt (vcpu %d): type:%x data:%08llx %016llx",
		  __entry->id, __entry->inttype, __entry->data0, __entry->data1)
);

#endif /* _KVMSI_KVM_S390_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kvmsi_kvm_s390
#include <trace/define_trace.h>
