/*
 * The kvm.ko probe set of a real s390 KVM host (s390-kvm.bpf.c) and its
 * loader (s390-kvm.c): which attach points this kernel has, fentry/fexit or
 * kprobes chosen at load time, and the recorder backend over it (rec-s390.c).
 * docs/s390-host.md.
 */
#ifndef GIBTRACE_S390_KVM_H
#define GIBTRACE_S390_KVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../gib.h"

enum s390_probe_mode {
	S390_PROBES_AUTO, /* fentry/fexit if kvm.ko has BTF and a test attach works, else kprobes */
	S390_PROBES_KPROBE,
	S390_PROBES_FENTRY,
};

struct s390_kvm_opts {
	const char *kallsyms; /* the symbols to check against; NULL: /proc/kallsyms */
	const char *btf; /* the kernel's BTF for CO-RE when it has none in /sys/kernel/btf */
	enum s390_probe_mode mode;
};

struct s390_kvm;

typedef int (*s390_kvm_cb)(void *ctx, const struct gib_rec *r);

/*
 * Check the attach points, load the programs that feed @types (bit n: event
 * type n) and attach them; @ringbuf_bytes a power of two >= 4096. Reports
 * why it cannot (not s390, no kvm.ko, no BTF for CO-RE, privileges) through
 * gt_error and returns -errno.
 */
int s390_kvm__open(struct s390_kvm **out, const struct s390_kvm_opts *o, uint64_t types,
		   size_t ringbuf_bytes, s390_kvm_cb cb, void *ctx);
int s390_kvm__poll(struct s390_kvm *k, int timeout_ms);
/* the ring buffer's drops of @type on every CPU (ncpus entries): 0 or -errno */
int s390_kvm__drops(struct s390_kvm *k, unsigned int type, struct gib_drops *per_cpu);
/* what the kernel did not run the programs for (recursion_misses), summed */
uint64_t s390_kvm__misses(struct s390_kvm *k);
int s390_kvm__ncpus(const struct s390_kvm *k);
void s390_kvm__close(struct s390_kvm *k);

/*
 * The attach plan for the symbols of @o->kallsyms (or this host's): each
 * probe, the symbol it attaches to (a .isra/.constprop clone too), or why it
 * is missing and what covers it; printed to @out. Also checks that every
 * program of the embedded object has a place in the plan. 0 when the plan
 * can record the alert path, -ENOENT when kvm.ko's GIB path is missing.
 */
int s390_kvm__plan(const struct s390_kvm_opts *o, FILE *out);

/*
 * Load every kprobe/kretprobe and raw tracepoint program into this kernel
 * whatever its symbols, attach each whose attach point it has, detach, and
 * print what happened: the programs pass this kernel's verifier with their
 * CO-RE relocations applied. 0 when they all load.
 */
int s390_kvm__load_test(const struct s390_kvm_opts *o, FILE *out);

struct rec_state;
/* the recorder backend (recorder.h) over the probe set: gibtrace record --target s390-kvm */
int rec_s390__open(struct rec_state *rs, const struct s390_kvm_opts *o, uint64_t types,
		   size_t ringbuf_bytes);

#endif
