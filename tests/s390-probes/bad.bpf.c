// SPDX-License-Identifier: GPL-2.0
/*
 * bad.bpf.c - the negative control of core-check: one relocation that
 * resolves (kvm_vcpu.vcpu_idx) and one that cannot (a member no kernel has),
 * so the checker must fail and name the second.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

struct kvm_vcpu {
	int vcpu_idx;
	int gt_no_such_member;
} __attribute__((preserve_access_index));

SEC("kprobe/kvm_s390_vcpu_wakeup")
int bad(struct kvm_vcpu *ctx)
{
	return BPF_CORE_READ(ctx, vcpu_idx) + BPF_CORE_READ(ctx, gt_no_such_member);
}
