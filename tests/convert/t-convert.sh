#!/usr/bin/env bash
# ctest convert-trace-dat: `gibtrace convert` of data/gibko-short.dat, a real trace.dat
# of gib.ko's gib:* events (data/README). The converted trace holds, per event type,
# exactly the events `trace-cmd report` shows of that name (and as many drop records as
# it shows LOST EVENTS markers: none in this file); its header says where it came from;
# `gibtrace replay` of it runs.
#   t-convert.sh GIBTRACE WORK_DIR
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
gt=${1:?usage: t-convert.sh GIBTRACE WORK_DIR}
work=${2:?usage: t-convert.sh GIBTRACE WORK_DIR}
dat=$here/data/gibko-short.dat
name=convert-trace-dat
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
need_convert "$gt" trace-cmd
rm -rf "$work"
mkdir -p "$work"
"$gt" convert "$dat" -o "$work/c.gtr" >"$work/convert.out" || fail "gibtrace convert failed"
cat "$work/convert.out"
"$gt" info --json "$work/c.gtr" >"$work/info.json" || fail "gibtrace info failed"

# trace-cmd's view: one line an event, "comm-pid [cpu] ts: name: fields"
trace-cmd report -i "$dat" >"$work/report.txt" 2>/dev/null || fail "trace-cmd report failed"
sed -nE 's/^.*\] +[0-9]+\.[0-9]+: ([A-Za-z0-9_]+): .*$/\1/p' "$work/report.txt" |
	sort | uniq -c | awk '{ print $2, $1 }' >"$work/tc.counts"
[[ -s $work/tc.counts ]] || fail "no events in trace-cmd report"
lost=$(grep -c 'EVENTS DROPPED\|LOST EVENTS' "$work/report.txt" || true)
# ours: the "types" object of gibtrace info --json
awk '/"types": *\{/ { t = 1; next } t && /\}/ { t = 0 } t { gsub(/[",:]/, " "); print $1, $2 }' \
	"$work/info.json" | grep -v '^drop ' | sort >"$work/gt.counts"
diff -u "$work/tc.counts" "$work/gt.counts" || fail "event counts per type differ (trace-cmd, gibtrace)"
drops=$(grep -o '^[^:]*: [0-9]* events, [0-9]* drop records' "$work/convert.out" |
	awk '{ print $(NF - 2) }')
[[ $drops == "$lost" ]] || fail "$drops drop records, trace-cmd report shows $lost lost markers"

grep -q '"origin": *"converted"' "$work/info.json" || fail "origin is not converted"
grep -q "\"provenance\": *\"gibtrace convert of $dat (trace-cmd " "$work/info.json" ||
	fail "no provenance"
grep -q '"clock": *"trace.dat trace_clock global"' "$work/info.json" ||
	fail "the clock is not trace.dat's (global)"

"$gt" replay "$work/c.gtr" >"$work/replay.out" 2>&1 || {
	cat "$work/replay.out"
	fail "gibtrace replay of the converted trace failed"
}
tail -5 "$work/replay.out"
n=$(awk '{ s += $2 } END { print s }' "$work/tc.counts")
echo "convert-trace-dat: PASS: $n events in $(wc -l <"$work/tc.counts") types as trace-cmd" \
	"report counts them, $lost lost markers; replay runs"
