/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm_tp_kvm_s390.h - the kvm-s390:* tracepoints of an s390 host that
 * gibtrace reads, with upstream's names, prototypes, fields and print formats
 * (Linux 6.1: arch/s390/kvm/trace-s390.h), for the test modules kvmtp
 * (tests/convert/kvm-s390-tp) and kvmsi (tests/s390-probes/kvm-standin).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm-s390

#undef TRACE_SYSTEM_VAR
#define TRACE_SYSTEM_VAR kvm_s390

#if !defined(_KVM_TP_KVM_S390_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KVM_TP_KVM_S390_H

#include <linux/tracepoint.h>
#include <uapi/linux/kvm.h>

/* kvm_s390_create_vcpu's pointers (an x86 build has neither structure) */
struct kvm_vcpu;
struct kvm_s390_sie_block;

/* arch/s390/include/uapi/asm/kvm.h, which an x86 build does not have */
#define KVM_TP_AIS_MODE_ALL	0
#define KVM_TP_AIS_MODE_SINGLE	1

/* the names of the interruption types that are not I/O */
#define kvm_tp_irq_name(__type)						\
	(__type > KVM_S390_INT_IO_MAX ?					\
	__print_symbolic(__type,					\
		{KVM_S390_SIGP_STOP, "sigp stop"},			\
		{KVM_S390_PROGRAM_INT, "program interrupt"},		\
		{KVM_S390_SIGP_SET_PREFIX, "sigp set prefix"},		\
		{KVM_S390_RESTART, "sigp restart"},			\
		{KVM_S390_INT_PFAULT_INIT, "pfault init"},		\
		{KVM_S390_INT_PFAULT_DONE, "pfault done"},		\
		{KVM_S390_MCHK, "machine check"},			\
		{KVM_S390_INT_CLOCK_COMP, "clock comparator"},		\
		{KVM_S390_INT_CPU_TIMER, "cpu timer"},			\
		{KVM_S390_INT_VIRTIO, "virtio interrupt"},		\
		{KVM_S390_INT_SERVICE, "sclp interrupt"},		\
		{KVM_S390_INT_EMERGENCY, "sigp emergency"},		\
		{KVM_S390_INT_EXTERNAL_CALL, "sigp ext call"}) :	\
		(__type & KVM_S390_INT_IO_AI_MASK ?			\
		 "adapter I/O interrupt" : "subchannel I/O interrupt"))

/* a vcpu was created (kvm_arch_vcpu_create) */
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

/* a floating interruption injected by the host (who: 1 kernel, 2 user) */
TRACE_EVENT(kvm_s390_inject_vm,
	TP_PROTO(__u64 type, __u32 parm, __u64 parm64, int who),
	TP_ARGS(type, parm, parm64, who),
	TP_STRUCT__entry(
		__field(__u32, inttype)
		__field(__u32, parm)
		__field(__u64, parm64)
		__field(int, who)
	),
	TP_fast_assign(
		__entry->inttype = type & 0x00000000ffffffff;
		__entry->parm = parm;
		__entry->parm64 = parm64;
		__entry->who = who;
	),
	TP_printk("inject%s: type:%x (%s) parm:%x parm64:%llx",
		  (__entry->who == 1) ? " (from kernel)" :
		  (__entry->who == 2) ? " (from user)" : "",
		  __entry->inttype, kvm_tp_irq_name(__entry->inttype),
		  __entry->parm, __entry->parm64)
);

/* an interruption delivered by KVM in software (not by SIE) */
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
	TP_printk("deliver interrupt (vcpu %d): type:%x (%s) data:%08llx %016llx",
		  __entry->id, __entry->inttype,
		  kvm_tp_irq_name(__entry->inttype), __entry->data0,
		  __entry->data1)
);

/* adapter-interruption suppression (AIS): the mode of an ISC changed */
TRACE_EVENT(kvm_s390_modify_ais_mode,
	TP_PROTO(__u8 isc, __u16 from, __u16 to),
	TP_ARGS(isc, from, to),
	TP_STRUCT__entry(
		__field(__u8, isc)
		__field(__u16, from)
		__field(__u16, to)
	),
	TP_fast_assign(
		__entry->isc = isc;
		__entry->from = from;
		__entry->to = to;
	),
	TP_printk("for isc %x, modifying interruption mode from %s to %s",
		  __entry->isc,
		  (__entry->from == KVM_TP_AIS_MODE_ALL) ?
		  "ALL-Interruptions Mode" :
		  (__entry->from == KVM_TP_AIS_MODE_SINGLE) ?
		  "Single-Interruption Mode" : "No-Interruptions Mode",
		  (__entry->to == KVM_TP_AIS_MODE_ALL) ?
		  "ALL-Interruptions Mode" :
		  (__entry->to == KVM_TP_AIS_MODE_SINGLE) ?
		  "Single-Interruption Mode" : "No-Interruptions Mode")
);

/* an adapter interruption dropped by AIS: nothing became pending */
TRACE_EVENT(kvm_s390_airq_suppressed,
	TP_PROTO(__u32 id, __u8 isc),
	TP_ARGS(id, isc),
	TP_STRUCT__entry(
		__field(__u32, id)
		__field(__u8, isc)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->isc = isc;
	),
	TP_printk("adapter I/O interrupt suppressed (id:%x isc:%x)",
		  __entry->id, __entry->isc)
);

#endif /* _KVM_TP_KVM_S390_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kvm_tp_kvm_s390
#include <trace/define_trace.h>
