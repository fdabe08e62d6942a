#!/usr/bin/env bash
# tests/s390-probes/t-record.sh CACHE REC-DUMP WORK: gibtrace record --target s390-kvm,
# end to end, in the emulated s390x machine (tests/vm/vm.sh, GT_VM_ARCH=s390x). kvm.ko
# cannot load there (no SIE under TCG), so kvmsi.ko (kvm-standin/) stands in for it: the
# functions and tracepoints of kvm.ko's GIB path, by name and prototype, run through one
# scripted sequence on the real kernel structures, the kicker as a real hrtimer. The
# real loader attaches (kprobes: Debian's kernel has no BTF; CO-RE from s390-btf.sh's
# BTF), records while the sequence runs, and the file must hold exactly the events of
# record.expected: each probe mapped onto the vocabulary, the big-endian header with
# origin s390-host, and no drops. Exits 77 when QEMU, the cross compiler or the s390x
# packages are missing.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
cache=${1:?usage: t-record.sh CACHE REC-DUMP WORK}
dump=${2:?usage: t-record.sh CACHE REC-DUMP WORK}
work=${3:?usage: t-record.sh CACHE REC-DUMP WORK}
export GT_VM_ARCH=s390x
# shellcheck source-path=SCRIPTDIR source=../vm/vm.sh
source "$top/tests/vm/vm.sh"

vm_prereqs headers || exit $?
dir=$(bash "$here/s390-btf.sh" "$cache") || exit $?
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/out" "$work/mod"
gt=$("$top/scripts/s390x-build.sh" "${GT_S390X_BUILD:-$(dirname "$work")/s390x-cross}" gibtrace-static) ||
	exit $?
ko=$("$top/tests/vm/build-module.sh" "$here/kvm-standin" "$work/mod")

# One CPU: the kicker (a hard interrupt, with its probes) then runs whole between two
# steps of the sequence, so the order of the records does not depend on timing.
"$top/tests/vm/vm.sh" run --out "$work/out" --build "$work/build" --timeout 240 --smp 1 \
	--files "$gt:/gibtrace" "$dir/vmlinux.btf:/vmlinux.btf" "$ko:/kvmsi.ko" \
	-- "$here/vm-record-guest.sh"

out=$work/out
fail=0
cat "$out/plan.txt" "$out/record.txt" "$out/kvmsi.txt"
[[ $(cat "$out/plan.rc") == 0 ]] ||
	{ echo "FAIL: with the stand-in loaded the plan exits $(cat "$out/plan.rc")"; fail=1; }
[[ $(cat "$out/record.rc") == 0 ]] ||
	{ echo "FAIL: gibtrace record exits $(cat "$out/record.rc")"; fail=1; }
ticks=$(sed -n 's/.*kvmsi: sequence done, \([0-9]*\) kicker ticks.*/\1/p' "$out/kvmsi.txt")
[[ -n $ticks && $ticks -ge 1 ]] || { echo "FAIL: the stand-in's sequence did not complete"; fail=1; }
grep -qE '^  total +[0-9]+ +0$' "$out/record.txt" || { echo "FAIL: the recording dropped events"; fail=1; }

# the records, runs of equal lines collapsed, against record.expected
"$dump" "$out/rec.gtr" | awk '
	$0 == prev { n++; next }
	{ if (NR > 1) print prev (n > 1 ? " x " n : ""); prev = $0; n = 1 }
	END { print prev (n > 1 ? " x " n : "") }' >"$work/got"
if [[ ${ticks:-0} == 1 ]]; then
	times=
else
	times=" x ${ticks:-0}"
fi
grep -v '^## ' "$here/record.expected" | sed "s/ x TICKS\$/$times/" >"$work/want"
if ! diff -u "$work/want" "$work/got"; then
	echo "FAIL: the recording differs from record.expected (- expected, + recorded)"
	fail=1
fi
[[ $fail -eq 0 ]] &&
	echo "PASS: s390-probes-record: $(grep -vc '^#' "$work/got") distinct records in order, $ticks kicker ticks with a kick"
exit "$fail"
