/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvmtp_trace.h - kvmtp's upstream-named tracepoints (tests/kvm-tp/). Its
 * vcpu events get kvmtp's own vcpu where upstream's get struct kvm_vcpu:
 * the id and no guest PSW (gib.ko's vcpus have none: 0).
 */
#ifndef _KVMTP_TRACE_H
#define _KVMTP_TRACE_H

#include <linux/types.h>

/* what kvmtp keeps per vcpu of gib.ko */
struct kvmtp_vcpu {
	int id;
	bool in_sie;
	bool wake_pending;
	bool woke_slept;
	bool woke_valid;
	u64 halt_start;
	u64 halt_end;
};

#define KVM_TP_VCPU_PROTO struct kvmtp_vcpu *vcpu
#define KVM_TP_VCPU_ARGS vcpu
#define KVM_TP_VCPU_ASSIGN do {				\
	__entry->id = vcpu->id;				\
	__entry->pswmask = 0;				\
	__entry->pswaddr = 0;				\
} while (0)

#include "kvm_tp_kvm.h"
#include "kvm_tp_kvm_s390.h"

#endif /* _KVMTP_TRACE_H */
