#!/usr/bin/env bash
# ctest vm-record-drops: record-fast.scn (100k device posts a second) recorded through a
# 4 KiB buffer, with the BPF backend (-b 4096: the ring buffer) and the ftrace one (4 KiB
# per CPU). Both must lose events, and say so exactly: what the file holds plus what its
# drop records count equals gib.ko's own counters (BPF: per type too, from record's
# summary); every drop before the counters were read, only the teardown after.
set -euo pipefail
GIBKO_TEST=vm-record-drops
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/record-lib.sh"
record_prepare "${1:?usage: t-record-drops.sh WORK_DIR GIBTRACE_STATIC GTR_DUMP}" "${2-}" "${3-}"
gibko_vm "$gibko_here/record-drops-guest.sh" --timeout 200
out=$GIBKO_WORK/out
fail=""
summary=""
for b in bpf tracefs; do
	rec_run_ok "$out" "$b"
	cat "$out/$b.out.rec"
	rec_exact "$b" "$out/$b.out.json" "$out/$b.out.rec" "$out/$b.gtr" \
		"$([[ $b == bpf ]] && echo typed)" | tee "$out/$b.exact" || fail+=" $b"
	dropped=$(awk '$3 == "meta" { n += $8 } END { print n + 0 }' "$out/$b.gtr.dump")
	[[ $dropped -gt 0 ]] || fail+=" $b(no drops: the buffer did not overflow)"
	summary+=" $b: $(grep -o 'total.*' "$out/$b.exact" | awk '{ print $3 " recorded + " $4 " dropped = " $2 }');"
done
[[ -z $fail ]] || gibko_fail "not exact:$fail"
echo "vm-record-drops: PASS:$summary"
