#!/usr/bin/env bash
# ctest vm-s390x-tools: gibtrace-static cross-built for s390x (scripts/s390x-build.sh)
# runs in the s390x guest: its selftest passes with as many checks as the host's, and its
# replay of the shipped recordings (traces/<set>/upstream.gtr, little-endian files) under
# every policy prints, byte for byte, the JSON that the host's gibtrace prints. The core,
# the reader and the replay engine thus give the same results big-endian, with s390x's
# atomics, as on x86.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
export GT_VM_ARCH=s390x
# shellcheck source-path=SCRIPTDIR source=../vm/vm.sh
source "$top/tests/vm/vm.sh"

fail()
{
	echo "vm-s390x-tools: FAIL: $*"
	exit 1
}
work=${1:?usage: t-tools.sh WORK_DIR HOST_GIBTRACE}
host_gt=${2:?usage: t-tools.sh WORK_DIR HOST_GIBTRACE}
vm_prereqs headers || exit $?
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/out" "$work/traces"
gt=$("$top/scripts/s390x-build.sh" "${GT_S390X_BUILD:-$work/s390x-cross}" gibtrace-static)
readelf -h "$gt" | grep -q 'Machine: *IBM S/390' || fail "$gt is not an s390x program"
readelf -h "$gt" | grep -q 'Data: .*big endian' || fail "$gt is not big-endian"

# the same names in the guest and here: the JSON holds the trace's path
mkdir -p "$work/traces"
sets=()
for d in "$top"/traces/*/; do
	[[ -f $d/upstream.gtr ]] || continue
	s=$(basename "$d")
	cp "$d/upstream.gtr" "$work/traces/$s.gtr"
	sets+=("$s")
done
[[ ${#sets[@]} -gt 0 ]] || fail "no traces/*/upstream.gtr"

vm_run --out "$work/out" --build "$work/build" --timeout 240 \
	--files "$gt:/gibtrace" "$work/traces:/traces" -- "$here/tools-guest.sh"
out=$work/out
[[ $(cat "$out/uname.txt") == s390x ]] || fail "the guest is $(cat "$out/uname.txt"), not s390x"

want=$("$host_gt" selftest | tail -n 1)
have=$(tail -n 1 "$out/selftest.txt")
[[ $want =~ ^selftest:\ [0-9]+\ checks,\ 0\ failed$ ]] || fail "host selftest: $want"
[[ $have == "$want" ]] || fail "s390x selftest: '$have', host: '$want'"

for s in "${sets[@]}"; do
	(cd "$work/traces" && "$host_gt" replay "$s.gtr" --policy all --json -j 1 --quiet) \
		>"$work/$s.host.json"
	grep -q '"policy"' "$out/$s.json" || fail "$s: no replay output from the guest"
	if ! cmp -s "$work/$s.host.json" "$out/$s.json"; then
		diff -u "$work/$s.host.json" "$out/$s.json" | head -n 40
		fail "$s: the s390x replay differs from the host's"
	fi
done
echo "vm-s390x-tools: PASS: s390x $have; replay of ${sets[*]} under every policy" \
	"identical to the host's"
