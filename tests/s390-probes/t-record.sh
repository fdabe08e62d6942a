#!/usr/bin/env bash
# tests/s390-probes/t-record.sh CACHE REC-DUMP GIBTRACE WORK: gibtrace record --target s390-kvm,
# end to end, in the emulated s390x machine (tests/vm/vm.sh, GT_VM_ARCH=s390x). kvm.ko
# cannot load there (no SIE under TCG), so kvmsi.ko (kvm-standin/) stands in for it: the
# functions and tracepoints of kvm.ko's GIB path, by name and prototype, run through one
# scripted sequence on the real kernel structures, the kicker as a real hrtimer. The
# real loader attaches (kprobes: Debian's kernel has no BTF; CO-RE from s390-btf.sh's
# BTF), records while the sequence runs, and the file must hold exactly the events of
# record.expected: each probe mapped onto the vocabulary, the big-endian header with
# origin s390-host, and no drops. Then, on this host, the next step docs/s390-host.md
# gives: gibtrace convert infers the one post the machine made, and the result replays
# under every policy with that post delivered. Exits 77 when QEMU, the cross compiler or
# the s390x packages are missing.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
usage="usage: t-record.sh CACHE REC-DUMP GIBTRACE WORK"
cache=${1:?$usage} dump=${2:?$usage} gibtrace=${3:?$usage} work=${4:?$usage}
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

# convert (posts inferred) and replay: what a user does next with the recording
if "$gibtrace" help convert >/dev/null 2>&1; then
	"$gibtrace" convert "$out/rec.gtr" -o "$work/conv.gtr" | tee "$work/convert.txt" ||
		{ echo "FAIL: gibtrace convert of the recording failed"; fail=1; }
	grep -q ' 1 posts inferred' "$work/convert.txt" ||
		{ echo "FAIL: convert did not infer the one post"; fail=1; }
	"$gibtrace" replay "$work/conv.gtr" --policy all | tee "$work/replay.txt" ||
		{ echo "FAIL: the converted recording does not replay"; fail=1; }
	npol=$(grep -c '^  [a-z0-9-]*: .*; 1 posts, 1 delivered, 0 undelivered' "$work/replay.txt" || true)
	grep -q "replayed under $npol policies" "$work/replay.txt" && [[ $npol -ge 2 ]] ||
		{ echo "FAIL: not every policy delivered the inferred post"; fail=1; }
else
	echo "NOTE: this gibtrace has no convert (no libtracecmd): convert and replay not checked"
fi
[[ $fail -eq 0 ]] &&
	echo "PASS: s390-probes-record: $(grep -vc '^#' "$work/got") distinct records in order, $ticks kicker ticks with a kick"
exit "$fail"
