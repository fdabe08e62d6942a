#!/usr/bin/env bash
# tests/s390-probes/t-core.sh CACHE CORE-CHECK BPFEB.o BPFEL.o BAD.o: every CO-RE
# relocation of the probe set (both byte orders) resolves against the BTF of Debian's
# s390x kernel (vmlinux, and kvm.ko split on it: s390-btf.sh), by core-check.c; the
# sie_block offsets resolve to the reference's numbers (gib-path.md section 6: gcr[6]
# at 0x100+6*8, gpsw at 0x90, cpuflags at 0); and the negative control, an object that
# reads a member no kernel has, fails and is named.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
cache=${1:?usage: t-core.sh CACHE CORE-CHECK BPFEB.o BPFEL.o BAD.o}
check=$2 eb=$3 el=$4 bad=$5
fail=0

dir=$(bash "$here/s390-btf.sh" "$cache") || exit $?
btf=$dir/vmlinux.btf kbtf=$dir/kvm.btf
echo "target: Debian's s390x kernel $(cat "$dir/release")"

for obj in "$eb" "$el"; do
	out=$("$check" "$obj" "$btf" "$kbtf") || {
		echo "$out" | grep -E 'UNRESOLVED|relocations,'
		echo "FAIL: $obj: relocations do not resolve"
		fail=1
		continue
	}
	summary=$(tail -n 1 <<<"$out")
	echo "$summary"
	n=$(sed -E 's/.*: ([0-9]+) relocations.*/\1/' <<<"$summary")
	# every probe reads kvm structures: far more than a handful of relocations
	[[ $n -ge 50 ]] || { echo "FAIL: only $n relocations in $obj"; fail=1; }
	if [[ $obj == "$eb" ]]; then
		# the distinct relocations, as core-check resolved them
		grep -vE '^#|relocations,' <<<"$out" | sort -u
		# what the programs read must land where the reference says
		grep -qx 'struct kvm_s390_sie_block: gcr\[6\] -> offset 0x130 (304)' <<<"$out" ||
			{ echo "FAIL: sie_block gcr[6] is not at 0x130"; fail=1; }
		grep -qx 'struct pt_regs: gprs\[2\] -> offset 0x28 (40)' <<<"$out" ||
			{ echo "FAIL: s390 pt_regs gprs[2] (the first argument) is not at 0x28"; fail=1; }
		grep -qx 'struct kvm_s390_gisa: u64.word\[0\] -> offset 0x0 (0)' <<<"$out" ||
			{ echo "FAIL: GISA word 0 is not at 0"; fail=1; }
	fi
done

# the reference's sie_block numbers, straight from the kernel's types
for f in 'gcr[6]=0x130' 'gpsw=0x90' 'cpuflags=0x0'; do
	out=$("$check" --field kvm_s390_sie_block "${f%=*}" "$btf") || true
	echo "$out"
	[[ $out == *"-> offset ${f#*=} "* ]] || { echo "FAIL: sie_block ${f%=*} is not at ${f#*=}"; fail=1; }
done

# negative control: must fail, and name the member
if out=$("$check" "$bad" "$btf" "$kbtf"); then
	echo "$out"
	echo "FAIL: the negative control resolved"
	fail=1
else
	echo "negative control: $(grep UNRESOLVED <<<"$out")"
	grep -q "UNRESOLVED struct kvm_vcpu: gt_no_such_member" <<<"$out" ||
		{ echo "FAIL: the negative control's failure does not name gt_no_such_member"; fail=1; }
	grep -q 'struct kvm_vcpu: vcpu_idx -> offset' <<<"$out" ||
		{ echo "FAIL: the negative control's good relocation did not resolve"; fail=1; }
fi
[[ $fail -eq 0 ]] && echo "PASS: s390-probes-core"
exit "$fail"
