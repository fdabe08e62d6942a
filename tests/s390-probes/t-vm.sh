#!/usr/bin/env bash
# tests/s390-probes/t-vm.sh CACHE WORK: the real loader of the probe set in an emulated
# s390x machine (qemu-system-s390x, TCG) booting Debian's s390x kernel (tests/vm/vm.sh
# with GT_VM_ARCH=s390x), gibtrace-static cross-built for s390x (its embedded object is
# the bpfeb one). vm-guest.sh tries kvm.ko, prints the loader's plan over the live
# /proc/kallsyms and runs its load test with the BTF that s390-btf.sh made. Asserts:
#   - kvm.ko loads, or it refuses with the reason the kernel printed (TCG has no SIE:
#     "kvm-s390: SIE is not available"), and the plan then names what is missing;
#   - every kprobe and raw tracepoint program passes this kernel's verifier, its CO-RE
#     relocations applied by libbpf against the pahole BTF;
#   - the timer:hrtimer_start program attaches and the kernel runs it (interpreted: the
#     kernel has no BPF JIT enabled).
# Exits 77 when QEMU, the cross compiler or the s390x packages are missing.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
cache=${1:?usage: t-vm.sh CACHE WORK}
work=${2:?usage: t-vm.sh CACHE WORK}
export GT_VM_ARCH=s390x
# shellcheck source-path=SCRIPTDIR source=../vm/vm.sh
source "$top/tests/vm/vm.sh"

vm_prereqs || exit $?
dir=$(bash "$here/s390-btf.sh" "$cache") || exit $?
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/out"
gt=$("$top/scripts/s390x-build.sh" "${GT_S390X_BUILD:-$(dirname "$work")/s390x-cross}" gibtrace-static) ||
	exit $?
rel=$(vm_kernel_release)
ko=$(vm_kernel_file modules "$rel")/kernel/arch/s390/kvm/kvm.ko
[[ -f $ko ]] || { echo "s390-probes-vm: no kvm.ko in $rel's modules"; exit 1; }

"$top/tests/vm/vm.sh" run --out "$work/out" --build "$work/build" --timeout 240 \
	--files "$gt:/gibtrace" "$dir/vmlinux.btf:/vmlinux.btf" "$ko:/kvm.ko" \
	-- "$here/vm-guest.sh"

out=$work/out
fail=0
echo "guest kernel: $(cat "$out/release"); BPF JIT: $(cat "$out/jit.txt")"
echo "insmod kvm.ko: status $(cat "$out/kvm-insmod.rc"): $(cat "$out/kvm-insmod.txt")"
cat "$out/kvm-dmesg.txt"
if [[ -s $out/kvm-module.txt ]]; then
	echo "kvm.ko loaded: the plan must find the GIB path"
	[[ $(cat "$out/plan.rc") == 0 ]] || { echo "FAIL: plan status $(cat "$out/plan.rc")"; fail=1; }
else
	grep -q 'kvm-s390: SIE is not available' "$out/kvm-dmesg.txt" ||
		{ echo "FAIL: kvm.ko did not load and the kernel said nothing about SIE"; fail=1; }
	[[ $(cat "$out/plan.rc") == 2 ]] && grep -q 'no s390 kvm.ko GIB path' "$out/plan.txt" ||
		{ echo "FAIL: without kvm.ko the plan does not refuse"; fail=1; }
fi
cat "$out/load.txt"
[[ $(cat "$out/load.rc") == 0 ]] || { echo "FAIL: the load test exits $(cat "$out/load.rc")"; fail=1; }
nobj=$(grep -cE '^ *(kprobe|kretprobe|raw_tp)/' "$out/load.txt" || true)
loaded=$(sed -n 's/^loaded \([0-9]*\) programs.*/\1/p' "$out/load.txt")
[[ -n $loaded && $loaded -ge 20 && $loaded == "$nobj" ]] ||
	{ echo "FAIL: loaded '$loaded' programs, the report lists $nobj"; fail=1; }
runs=$(sed -n 's|^ *raw_tp/hrtimer_start *attached, ran \([0-9]*\) times.*|\1|p' "$out/load.txt")
[[ -n $runs && $runs -gt 0 ]] ||
	{ echo "FAIL: the hrtimer_start program did not run in the guest"; fail=1; }
[[ $fail -eq 0 ]] && echo "PASS: s390-probes-vm: $loaded programs verified, hrtimer_start ran $runs times"
exit "$fail"
