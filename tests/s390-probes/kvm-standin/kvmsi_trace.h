/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvmsi_trace.h - kvmsi's upstream-named tracepoints (tests/kvm-tp/), with
 * upstream's prototypes: a vcpu event gets the struct kvm_vcpu *, as the
 * probe set's raw tracepoint programs expect.
 */
#ifndef _KVMSI_TRACE_H
#define _KVMSI_TRACE_H

#include <linux/kvm_host.h>

#define KVM_TP_VCPU_PROTO struct kvm_vcpu *vcpu
#define KVM_TP_VCPU_ARGS vcpu
#define KVM_TP_VCPU_ASSIGN do {					\
	__entry->id = vcpu->vcpu_id;				\
	__entry->pswmask = vcpu->arch.sie_block->gpsw.mask;	\
	__entry->pswaddr = vcpu->arch.sie_block->gpsw.addr;	\
} while (0)

#include "kvm_tp_kvm.h"
#include "kvm_tp_kvm_s390.h"

#endif /* _KVMSI_TRACE_H */
