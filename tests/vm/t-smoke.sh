#!/usr/bin/env bash
# ctest vm-smoke: builds smoke-mod against the cloud kernel, runs smoke-guest.sh in the
# VM and checks that 1000 gibsmoke:tick events were traced (numbered on from the 5 fired
# on load), that the module unloaded and that dmesg is clean. WORK_DIR holds the build,
# the initramfs cache and the output. Exit 77 (skip) when QEMU, the kernel or its
# headers are missing.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=vm.sh
source "$here/vm.sh"

work=${1:?usage: t-smoke.sh WORK_DIR}
vm_prereqs headers || exit $?
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/mod" "$work/out"

ko=$("$here/build-module.sh" "$here/smoke-mod" "$work/mod")
"$here/vm.sh" run --out "$work/out" --build "$work/build" --timeout 240 \
	--files "$ko:/gibsmoke.ko" -- "$here/smoke-guest.sh"

fail()
{
	echo "vm-smoke: FAIL: $*"
	exit 1
}
out=$work/out
count=$(cat "$out/count" 2>/dev/null || echo none)
[[ $count == 1000 ]] || fail "expected 1000 gibsmoke:tick events in the trace, got $count"
grep -q 'field:u64 n;' "$out/format.txt" || fail "no u64 n in the event format"
grep -q 'field:u32 cpu;' "$out/format.txt" || fail "no u32 cpu in the event format"
first=$(grep -m 1 ' tick: n=' "$out/trace.txt" | sed -E 's/.* tick: n=([0-9]+) cpu=[0-9]+$/\1/')
last=$(grep ' tick: n=' "$out/trace.txt" | tail -n 1 | sed -E 's/.* tick: n=([0-9]+) cpu=[0-9]+$/\1/')
[[ $first == 5 && $last == 1004 ]] ||
	fail "expected ticks n=5..1004 (5 fired on load), got n=$first..$last"
grep -q 'gibsmoke: loaded, 5 ticks fired' "$out/dmesg.txt" || fail "no load message in dmesg"
grep -q 'gibsmoke: unloaded after 1005 ticks' "$out/dmesg.txt" || fail "no unload message in dmesg"
echo "vm-smoke: PASS: 1000 events n=$first..$last traced, module unloaded, dmesg clean"
