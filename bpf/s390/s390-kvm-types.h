/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel types s390-kvm.bpf.c reads, declared by hand: only the members
 * it touches, each with preserve_access_index, so that every offset is a
 * CO-RE relocation that libbpf resolves against the host kernel's BTF at
 * load time (and tests/s390-probes/core-check.c against Debian's s390x
 * kernel). There is no s390x vmlinux.h to include: Debian's s390x kernel
 * has no BTF to make one from. Members are named and typed as in
 * arch/s390/include/asm/kvm_host.h and include/linux/kvm_host.h (6.1); their
 * order and the offsets the compiler gives them here do not matter.
 */
#ifndef GIBTRACE_S390_KVM_TYPES_H
#define GIBTRACE_S390_KVM_TYPES_H

#define GT_CORE __attribute__((preserve_access_index))

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

/*
 * A kprobe's context: s390's pt_regs (args[1], psw, then gprs[16] inside an
 * anonymous union). Arguments are in r2..r6, the return value in r2. The
 * "___s390" flavour keeps the name apart from any other pt_regs; CO-RE
 * matches it by the essential name, pt_regs.
 */
struct pt_regs___s390 {
	unsigned long gprs[16];
} GT_CORE;

struct hrtimer {
	void *function;
} GT_CORE;

/* word 0 (u64.word[0]) holds next_alert, IPM and IAM: read as one 8-byte load */
struct kvm_s390_gisa {
	union {
		struct {
			u64 word[4];
		} u64;
	};
} GT_CORE;

struct kvm_s390_gisa_iam {
	u8 mask;
	u32 ref_count[8];
} GT_CORE;

struct kvm_s390_gisa_interrupt {
	struct kvm_s390_gisa *origin;
	struct kvm_s390_gisa_iam alert;
	struct hrtimer timer;
} GT_CORE;

struct kvm_arch {
	struct kvm_s390_gisa_interrupt gisa_int;
} GT_CORE;

struct kvm {
	struct kvm_arch arch;
} GT_CORE;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	unsigned long mask;
	unsigned long addr;
} psw_t;

struct kvm_s390_sie_block {
	atomic_t cpuflags;
	psw_t gpsw;
	u64 gcr[16];
} GT_CORE;

struct kvm_vcpu_arch {
	struct kvm_s390_sie_block *sie_block;
} GT_CORE;

struct kvm_vcpu {
	struct kvm *kvm;
	int vcpu_id;
	int vcpu_idx;
	struct kvm_vcpu_arch arch;
} GT_CORE;

#endif
