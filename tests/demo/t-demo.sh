#!/usr/bin/env bash
# ctest demo: t-demo.sh GIBTRACE TRACES_DIR WORK_DIR. Runs `gibtrace demo` on the shipped
# recordings into WORK_DIR and checks what it printed and wrote; then --traces on a copy
# that lacks a recording, and a folder without any (exit 1).
set -euo pipefail
gibtrace=${1:?usage: t-demo.sh GIBTRACE TRACES_DIR WORK_DIR}
traces=${2:?}
work=${3:?}
fail()
{
	echo "demo: FAIL: $*"
	exit 1
}
rm -rf "$work"
mkdir -p "$work"
scenarios=()
for d in "$traces"/*/; do
	[[ -f $d/upstream.gtr ]] && scenarios+=("$(basename "$d")")
done
[[ ${#scenarios[@]} -ge 3 ]] || fail "fewer than 3 recorded scenarios in $traces"

"$gibtrace" demo -o "$work/out" >"$work/demo.txt" 2>"$work/demo.err" ||
	fail "gibtrace demo exited $?: $(cat "$work/demo.err")"
cat "$work/demo.txt"
out=$work/demo.txt
for s in "${scenarios[@]}"; do
	grep -q "^== $s: the upstream recording replayed under every policy" "$out" ||
		fail "no table for $s"
	[[ -s $work/out/demo-$s.html ]] || fail "no demo-$s.html"
	grep -q '<svg' "$work/out/demo-$s.html" || fail "demo-$s.html has no chart"
	grep -q "demo-$s.html" "$work/out/report.html" || fail "report.html does not link $s"
	for p in v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait; do
		grep -Eq "^$s +$p +\\|" "$out" || fail "no fidelity row $s $p"
	done
done
# every table: the figures' rows, a baseline column, intervals
[[ $(grep -c '^latency p99 us' "$out") == "${#scenarios[@]}" ]] || fail "a table lacks p99"
[[ $(grep -c '^host cost /s' "$out") == "${#scenarios[@]}" ]] || fail "a table lacks host cost"
grep -q 'upstream\*' "$out" || fail "no baseline column"
grep -q '^== FIDELITY' "$out" || fail "no fidelity section"
grep -q '^p99 real/pred in us. Medians over the rows' "$out" || fail "no fidelity summary"
tail -1 "$out" | grep -q "^report: $work/out/report.html$" || fail "the last line is not report.html's path"
grep -q '== FIDELITY' "$work/out/report.html" || fail "report.html lacks the tables"

# the same recordings through --traces, one missing: its row says so
cp -r "$traces" "$work/traces"
rm "$work/traces/${scenarios[0]}/poll-wait.gtr"
"$gibtrace" demo --traces "$work/traces" -o "$work/out2" --rounds 50 -j 1 >"$work/demo2.txt" ||
	fail "gibtrace demo --traces exited $?"
grep -Eq "^${scenarios[0]} +poll-wait +\\| no recording" "$work/demo2.txt" ||
	fail "a missing recording is not reported"
# deterministic: the same figures (the intervals depend on --rounds)
a=$(grep '^latency p99 us' "$out" | awk '{ print $4, $5, $6, $7, $8, $9 }')
b=$(grep '^latency p99 us' "$work/demo2.txt" | awk '{ print $4, $5, $6, $7, $8, $9 }')
[[ $a == "$b" ]] || fail "the replays differ between two runs: $a / $b"

# no recordings: exit 1 and say where to get them
mkdir -p "$work/empty"
if "$gibtrace" demo --traces "$work/empty" -o "$work/out3" 2>"$work/demo3.err"; then
	fail "gibtrace demo on an empty folder succeeded"
fi
grep -q 'record-all.sh' "$work/demo3.err" || fail "no hint: $(cat "$work/demo3.err")"
echo "demo: PASS: ${#scenarios[@]} scenarios, tables, fidelity, report.html"
