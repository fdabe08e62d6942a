#!/bin/sh
# In the emulated s390x guest (busybox sh, root; t-vm.sh): try kvm.ko, then the real
# loader of the probe set on Debian's s390x kernel: its attach plan against the live
# /proc/kallsyms, and the load test (every kprobe and raw tracepoint program through this
# kernel's verifier and its BPF interpreter's checks, CO-RE relocations resolved by libbpf
# against /vmlinux.btf, each attached where the kernel has the attach point). What each
# step printed, and its status, goes to /out for t-vm.sh.
set -u
uname -r >/out/release
rc=0
insmod /kvm.ko >/out/kvm-insmod.txt 2>&1 || rc=$?
echo "$rc" >/out/kvm-insmod.rc
dmesg | grep -iE 'kvm|sie' >/out/kvm-dmesg.txt || true
grep '^kvm ' /proc/modules >/out/kvm-module.txt || true
rc=0
/gibtrace record --target s390-kvm --check >/out/plan.txt 2>&1 || rc=$?
echo "$rc" >/out/plan.rc
rc=0
/gibtrace record --target s390-kvm --load-test --btf /vmlinux.btf >/out/load.txt 2>&1 || rc=$?
echo "$rc" >/out/load.rc
# the interpreter, not a JIT, ran them: Debian's s390x kernel has none enabled
cat /proc/sys/net/core/bpf_jit_enable >/out/jit.txt 2>&1 || echo "no bpf_jit_enable" >/out/jit.txt
echo "s390-probes guest: insmod kvm $(cat /out/kvm-insmod.rc), plan $(cat /out/plan.rc)," \
	"load test $(cat /out/load.rc)"
