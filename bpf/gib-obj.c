/*
 * gib-obj.c - gib.bpf.c's object for this build's byte order (bpfel or
 * bpfeb, chosen by CMake from the target compiler), embedded in the binary
 * for gib.c to open at run time. Embedded rather than read from a file next
 * to the binary: gibtrace-static is copied alone into the VM guests and
 * installed alone, and a binary can never meet an object of another build.
 * Not a bpftool skeleton: bpftool 7.1 refuses to make one of a bpfeb object
 * ("Endian mismatch"), so both byte orders take this one path.
 */
#include "gib-obj.h"

/* GIB_BPF_OBJECT: the object's path in the build tree (bpf/CMakeLists.txt) */
__asm__(".section .rodata\n"
	".balign 8\n"
	".globl gib_bpf_obj\n"
	"gib_bpf_obj:\n"
	".incbin \"" GIB_BPF_OBJECT "\"\n"
	".globl gib_bpf_obj_end\n"
	"gib_bpf_obj_end:\n"
	".previous\n");
