#!/usr/bin/env bash
# ctest vm-record-policies: `gibtrace record` (BPF backend) of `gibtrace run
# gibko-short.scn` under each policy. Without drops, the recording holds exactly what
# gib.ko's own per-type counters say (up to their read; then only the teardown), and
# `gibtrace replay --validate` of it runs end to end (exit 0, or 3 when the replay does
# not reproduce the recording within tolerance: reported, not a failure).
set -euo pipefail
GIBKO_TEST=vm-record-policies
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/record-lib.sh"
record_prepare "${1:?usage: t-record-policies.sh WORK_DIR GIBTRACE_STATIC GTR_DUMP}" "${2-}" "${3-}"
gibko_vm "$gibko_here/record-policies-guest.sh" --timeout 200
out=$GIBKO_WORK/out
fail=""
summary=""
for p in v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait; do
	rec_run_ok "$out" "$p"
	grep -q '"consistent": *false' "$out/$p.out.json" && gibko_fail "$p: gibtrace run: inconsistent"
	"$GIBTRACE" info --json "$out/$p.gtr" >"$out/$p.info" || gibko_fail "$p: gibtrace info failed"
	# No ring buffer drops (drop records on a CPU). The BPF programs can still miss an
	# event that nests into one of its own type on a CPU (the kernel's recursion_misses,
	# written as drop records on CPU ncpus): counted exactly, rare, reported.
	ncpus=$(grep -o '"ncpus": *"[0-9]*"' "$out/$p.info" | grep -o '[0-9]*')
	"$GTR_DUMP" "$out/$p.gtr" | awk -v n="$ncpus" \
		'$3 == "meta" { if ($2 < n) rb += $8; else nest += $8 } END { print rb + 0, nest + 0 }' \
		>"$out/$p.drops"
	read -r rb nest <"$out/$p.drops"
	[[ $rb == 0 ]] || gibko_fail "$p: $rb events dropped by the ring buffer"
	[[ $nest == 0 ]] || summary+=" $p:$nest-nesting-misses"
	grep -q "\"policy\": *\"$p:" "$out/$p.info" || gibko_fail "$p: no policy $p in the header"
	rec_exact "$p" "$out/$p.out.json" "$out/$p.out.rec" "$out/$p.gtr" typed || fail+=" $p"
	rc=0
	"$GIBTRACE" replay --validate "$out/$p.gtr" >"$out/$p.validate" 2>&1 || rc=$?
	cat "$out/$p.validate"
	case $rc in
	0) summary+=" $p:validated" ;;
	3) summary+=" $p:validation-miss(3)" ;;
	*) gibko_fail "$p: gibtrace replay --validate exited $rc" ;;
	esac
done
[[ -z $fail ]] || gibko_fail "the recording is not gib.ko's counters for:$fail"
echo "vm-record-policies: PASS: 6 policies recorded exactly (no drops);$summary"
