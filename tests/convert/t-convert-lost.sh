#!/usr/bin/env bash
# ctest convert-perf-lost: perf's lost events become drop records. data/kvm-lost.perf.data
# is a perf record of the same run as kvm-short's with a one-page ring buffer (data/README),
# so perf lost events and wrote PERF_RECORD_LOST records. `perf script --show-lost-events`
# prints them; convert, with --events gib and with --events kvm, must turn each line into a
# drop record of its CPU with its count: the drops in `gibtrace info` equal the sum of the
# lines' counts, exactly, and no line is bad. Without --show-lost-events the same convert
# finds no drop and says how to get them. The kvm conversion replays with the drop warning.
#   t-convert-lost.sh GIBTRACE WORK_DIR
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
gt=$(readlink -f "${1:?usage: t-convert-lost.sh GIBTRACE WORK_DIR}")
work=${2:?}
name=convert-perf-lost
data=$here/data
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
need_convert "$gt" perf
rm -rf "$work"
mkdir -p "$work"
cd "$work"

script()
{
	perf script -i "$data/kvm-lost.perf.data" --kallsyms "$data/kvm-lost.kallsyms" --ns \
		-F comm,pid,tid,cpu,time,event,trace "$@" 2>perf.err ||
		fail "perf script failed: $(head -3 perf.err)"
}
script --show-lost-events >lost.txt
script >plain.txt
read -r nrec nlost < <(awk '/ PERF_RECORD_LOST lost [0-9]+$/ { n++; s += $NF } END { print n + 0, s + 0 }' lost.txt)
[[ $nrec -gt 0 && $nlost -gt 0 ]] || fail "kvm-lost.perf.data has no PERF_RECORD_LOST lines"
echo "perf script --show-lost-events: $nrec PERF_RECORD_LOST lines, $nlost events lost"
# the kernel's own count, per event (PERF_FORMAT_LOST): printed, and never below ours
kernel=$(perf report --stats -i "$data/kvm-lost.perf.data" 2>/dev/null |
	awk '/ stats:$/ { ev = 1 } ev && /LOST_SAMPLES events:/ { s += $3 } END { print s + 0 }')
echo "perf report --stats: $kernel events lost by the per-event counters"
[[ $kernel -ge $nlost ]] || fail "the lost lines count $nlost, more than the kernel's $kernel"

# drops DROPS RECORDS FILE: info says DROPS lost events, in RECORDS drop records
drops()
{
	local got recs
	"$gt" info "$3" >"$3.info" || fail "gibtrace info $3 failed"
	got=$(sed -n 's/^  drops *\([0-9]*\) lost events.*/\1/p' "$3.info")
	recs=$(awk '/^    cpu [0-9]+ +[0-9]+ lost in [0-9]+ drop records/ { s += $6 } END { print s + 0 }' "$3.info")
	[[ ${got:-0} == "$1" && $recs == "$2" ]] ||
		fail "$3: ${got:-0} events lost in $recs drop records, expected $1 in $2"
}
for ev in gib kvm; do
	args=(--events "$ev")
	[[ $ev == kvm ]] && args+=(--vm-by comm --kicker gib_kicker_fn)
	"$gt" convert lost.txt "${args[@]}" -o "$ev.gtr" >"$ev.out" ||
		fail "convert --events $ev failed (a bad line?): $(tail -3 "$ev.out")"
	grep -q "^lost: $nlost events in $nrec PERF_RECORD_LOST lines (drop records)$" "$ev.out" ||
		fail "convert --events $ev: no 'lost: $nlost events in $nrec' line"
	drops "$nlost" "$nrec" "$ev.gtr"
	"$gt" convert plain.txt "${args[@]}" -o "$ev-plain.gtr" >"$ev-plain.out" ||
		fail "convert --events $ev of the text without lost lines failed"
	grep -q 'lost: 0 events in 0 PERF_RECORD_LOST lines .*--show-lost-events' "$ev-plain.out" ||
		fail "convert --events $ev without lost lines does not point to --show-lost-events"
	drops 0 0 "$ev-plain.gtr"
	echo "$name: --events $ev: $nlost events lost in $nrec drop records, as perf printed"
done
"$gt" replay kvm.gtr --policy all >replay.out 2>&1 || fail "replay of the kvm conversion failed"
grep -q "warning: the input lost $nlost events (drop records)" replay.out ||
	fail "the replay does not warn of the $nlost lost events"
echo "$name: PASS: PERF_RECORD_LOST lines are drop records ($nlost events, $nrec records;" \
	"the kernel's counters say $kernel), in both conversions, and the replay warns"
