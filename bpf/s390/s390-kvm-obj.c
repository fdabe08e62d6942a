/*
 * s390-kvm-obj.c - s390-kvm.bpf.c's object for this build's byte order
 * (bpfeb on s390x), embedded in the binary for s390-kvm.c to open at run
 * time, as gib-obj.c does for gib.bpf.c (it says why).
 */

/* S390_KVM_BPF_OBJECT: the object's path in the build tree (bpf/s390/CMakeLists.txt) */
__asm__(".section .rodata\n"
	".balign 8\n"
	".globl s390_kvm_bpf_obj\n"
	"s390_kvm_bpf_obj:\n"
	".incbin \"" S390_KVM_BPF_OBJECT "\"\n"
	".globl s390_kvm_bpf_obj_end\n"
	"s390_kvm_bpf_obj_end:\n"
	".previous\n");
