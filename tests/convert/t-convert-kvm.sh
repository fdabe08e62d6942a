#!/usr/bin/env bash
# ctest convert-kvm-dat, convert-kvm-perf, convert-s390-host: gibtrace convert of what a
# real s390 host records, against the ground truth of the same recording (data/README).
#   dat:  data/kvm-short.dat's upstream-named kvm, kvm-s390 and timer events (--events
#         kvm) against its gib:* events (the default for a file that has them);
#   perf: the same of data/kvm-short.perf.data, through `perf script` text;
#   host: the gib:* conversion of data/kvm-short.dat without its airq_post events and
#         big-endian (what `gibtrace record --target s390-kvm` writes on s390x) converted
#         again: posts inferred, byte order kept.
# check-kvm compares (observed types equal, per vcpu and in order; inferred posts no
# earlier than the truth's, the error printed); info must mark what was inferred; the
# result must replay under every policy.
#   t-convert-kvm.sh dat|perf|host GIBTRACE CHECK_KVM WORK_DIR
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
mode=${1:?usage: t-convert-kvm.sh dat|perf|host GIBTRACE CHECK_KVM WORK_DIR}
gt=${2:?}
check=${3:?}
work=${4:?}
name=convert-kvm-$mode
[[ $mode == host ]] && name=convert-s390-host
data=$here/data
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
need_convert "$gt"
rm -rf "$work"
mkdir -p "$work"

case $mode in
dat)
	in=$data/kvm-short.dat
	"$gt" convert "$in" -o "$work/truth.gtr" --quiet || fail "convert (gib:*) failed"
	"$gt" convert "$in" --events kvm --vm-by comm --kicker gib_kicker_fn \
		-o "$work/out.gtr" >"$work/convert.out" || fail "convert (--events kvm) failed"
	;;
perf)
	need_convert "$gt" perf
	perf script -i "$data/kvm-short.perf.data" --kallsyms "$data/kvm-short.kallsyms" --ns \
		-F comm,pid,tid,cpu,time,event,trace >"$work/perf.txt" 2>"$work/perf.err" ||
		fail "perf script failed: $(head -3 "$work/perf.err")"
	echo "perf script: $(wc -l <"$work/perf.txt") lines"
	"$gt" convert "$work/perf.txt" -o "$work/truth.gtr" --quiet || fail "convert (gib:*) failed"
	# gib.ko's vcpus are kthreads, one process each: VMs by their names, gib/VM.VCPU
	"$gt" convert "$work/perf.txt" --events kvm --vm-by comm --kicker gib_kicker_fn \
		-o "$work/out.gtr" >"$work/convert.out" || fail "convert (--events kvm) failed"
	;;
host)
	"$gt" convert "$data/kvm-short.dat" -o "$work/truth.gtr" --quiet ||
		fail "convert (gib:*) failed"
	"$check" --drop-posts "$work/truth.gtr" "$work/host.gtr" || fail "check-kvm --drop-posts"
	"$gt" info --json "$work/host.gtr" | grep -q '"airq_post"' && fail "airq_post not dropped"
	"$gt" convert "$work/host.gtr" -o "$work/out.gtr" >"$work/convert.out" ||
		fail "convert of a gibtrace file failed"
	"$gt" info --json "$work/out.gtr" | grep -q '"byte_order": *"big"' ||
		fail "the converted file is not big-endian as its input"
	;;
*)
	fail "unknown mode $mode"
	;;
esac
cat "$work/convert.out"

if [[ $mode == host ]]; then
	"$check" --posts "$work/truth.gtr" "$work/out.gtr" | tee "$work/check.out" ||
		fail "the inferred posts are not as documented"
else
	"$check" "$work/truth.gtr" "$work/out.gtr" | tee "$work/check.out" ||
		fail "the conversion differs from the ground truth"
fi

# info marks what is observed and what inferred, text and JSON
"$gt" info "$work/out.gtr" >"$work/info.txt" || fail "gibtrace info failed"
"$gt" info --json "$work/out.gtr" >"$work/info.json" || fail "gibtrace info --json failed"
grep -Eq '^ +airq_post +[0-9]+  inferred \(device:no-later-than-' "$work/info.txt" ||
	fail "info does not mark airq_post inferred"
grep -q '"airq_post": *"inferred (device:no-later-than-' "$work/info.json" ||
	fail "info --json does not mark airq_post inferred"
grep -q '"origin": *"converted"' "$work/info.json" || fail "origin is not converted"
if [[ $mode != host ]]; then
	grep -Eq '^ +sie_exit +[0-9]+  observed$' "$work/info.txt" ||
		fail "info does not mark sie_exit observed"
	grep -Eq '^ +vcpu_wait +[0-9]+  inferred \(' "$work/info.txt" ||
		fail "info does not mark vcpu_wait inferred"
fi

# halt-poll CPU: a converted host trace names no policy, so a halt that slept counts 0
# unless --halt-poll gives the host's window; polls that hit count either way
"$gt" report "$work/out.gtr" >"$work/report.txt" || fail "gibtrace report failed"
"$gt" report "$work/out.gtr" --halt-poll 50us >"$work/report-hp.txt" ||
	fail "gibtrace report --halt-poll 50us failed"
hp0=$(sed -n 's/^  halt-poll CPU *\([0-9.]*\)% .*window not known.*/\1/p' "$work/report.txt")
hp50=$(sed -n 's/^  halt-poll CPU *\([0-9.]*\)% .*(halt-poll window 50.0 us)$/\1/p' "$work/report-hp.txt")
[[ -n $hp0 && -n $hp50 ]] || fail "report: no halt-poll line with its window (${hp0:-none}, ${hp50:-none})"
awk -v a="$hp0" -v b="$hp50" 'BEGIN { exit !(b > a) }' ||
	fail "halt-poll CPU with a 50 us window ($hp50%) is not above the lower bound ($hp0%)"
echo "$name: halt-poll CPU $hp0% (lower bound, window not known), $hp50% with --halt-poll 50us"

"$gt" replay "$work/out.gtr" --policy all >"$work/replay.out" 2>&1 || {
	tail -20 "$work/replay.out"
	fail "gibtrace replay --policy all of the converted trace failed"
}
grep -E '^ +[a-z0-9-]+: .* posts, .* delivered' "$work/replay.out" | sed 's/^/replay: /'
n=$(grep -cE '^ +[a-z0-9-]+: .* posts, .* delivered' "$work/replay.out")
[[ $n -ge 6 ]] || fail "replay ran $n policies, expected every policy (6 or more)"
echo "$name: PASS: observed events as the ground truth, inferred posts within their bound," \
	"info marks them, replays under $n policies"
