#!/usr/bin/env bash
# ctest vm-record-errors: gibtrace record refuses clearly, with a non-zero exit and no
# file left behind: no gib.ko loaded (both backends), an unknown event (-e bogus), an
# output it cannot write (-o /proc/nope), not root (uid 1000: record-asuser.c). As root
# with gib.ko loaded, both backends work, and COMMAND's failure is record's exit status.
set -euo pipefail
GIBKO_TEST=vm-record-errors
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/record-lib.sh"
record_prepare "${1:?usage: t-record-errors.sh WORK_DIR GIBTRACE_STATIC GTR_DUMP}" "${2-}" "${3-}"
gibko_vm "$gibko_here/record-errors-guest.sh" --timeout 120
out=$GIBKO_WORK/out

# expect NAME RC REGEX: exit status RC ("nz": any but 0) and a line matching REGEX
expect()
{
	local name=$1 want=$2 re=$3 rc

	[[ -s $out/$name.rc ]] || gibko_fail "$name: not run"
	rc=$(cat "$out/$name.rc")
	if [[ $want == nz && $rc == 0 ]] || [[ $want != nz && $rc != "$want" ]] ||
		! grep -Eq "$re" "$out/$name.out"; then
		gibko_fail "$name: exit $rc (want $want), output: $(cat "$out/$name.out")"
	fi
	printf '  %-20s exit %s: %s\n' "$name" "$rc" "$(grep -Em1 "$re" "$out/$name.out")"
}

expect nomod 2 'no gib:\* tracepoints.*is gib.ko loaded'
expect nomod-tracefs 2 'no gib:\* tracepoints.*is gib.ko loaded'
expect bogus 1 "unknown event 'bogus'; events: vm_create, "
expect unwritable 2 '/proc/nope'
expect unwritable-tracefs 2 '/proc/nope'
expect nonroot 2 'needs root'
expect nonroot-tracefs 2 'needs root'
expect ok 0 'written'
expect ok-tracefs 0 'written'
expect cmd-fails 1 'written'
[[ ! -s $out/leftover ]] || gibko_fail "files left behind: $(cat "$out/leftover")"
echo "vm-record-errors: PASS: every bad invocation refused with a clear message"
