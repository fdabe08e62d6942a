#!/usr/bin/env bash
# bench/tune.sh: the tuning sweep's benchmark (issue "tuning sweeps", item 4). One command;
# everything it prints is measured in the same run and given as ratios (this machine is noisy:
# compare, don't quote).
#
#   bench/tune.sh [--gibtrace PATH] [--rounds R]
#
# 1. Sweep throughput, configurations/s: the same 48-configuration sweep of ap-burst under
#    upstream with -j 1 and with -j 2, interleaved, R rounds (default 3), best of each; the
#    ratio -j 2 / -j 1 (2.0 is perfect scaling on two cores).
# 2. The cost of a merge: a 1000-configuration sweep of idle-vms as 4 shards (--shard I/4, -j 2
#    each, one after the other: the whole sweep's time), then `gibtrace merge` of the 4 files
#    (best of 5); the ratio merge / sweep. Then merges of synthetic results: 100000 (the grid's
#    cap) of a typical shape (a small front), and the worst shape (every result on the front:
#    finding the front is O(n x front)) at 10000 and 20000.
# The sweep's wall and CPU times both print: on a loaded machine (load average above nproc)
# -j 2 cannot gain, and the CPU per configuration says whether the threads themselves cost.
# Builds build/release (gibtrace only) unless --gibtrace is given.
set -euo pipefail
root=$(readlink -f "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/..")
cd "$root"

gibtrace='' rounds=3
while [[ $# -gt 0 ]]; do
	case $1 in
	--gibtrace) gibtrace=$(readlink -f "$2"); shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "tune.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done

W=$root/build/bench/tune
rm -rf "$W"
mkdir -p "$W"
log()
{
	echo "bench: $*" >&2
}

if [[ -z $gibtrace ]]; then
	[[ -f build/release/CMakeCache.txt ]] || cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >&2
	cmake --build build/release -j"$(nproc)" --target gibtrace >"$W/build.log" 2>&1 ||
		{ log "building gibtrace failed: see $W/build.log"; exit 1; }
	gibtrace=$root/build/release/gibtrace
fi
G=$gibtrace
cd "$W"
"$G" gen "$root/scenarios/ap-burst.scn" -o ap.gtr >/dev/null
"$G" gen "$root/scenarios/idle-vms.scn" -o idle.gtr >/dev/null

# now: seconds since the epoch, microseconds
now()
{
	echo "${EPOCHREALTIME/[.,]/}"
}
# secs START END: END - START in seconds, 3 decimals
secs()
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e6 }'
}
best()
{
	awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'
}

# --- 1. -j 1 against -j 2
SWEEP=(ap.gtr --policy upstream --param period=10us:80us:log --param halt_poll=0:150us:50us
	--param kicked_clear=0:1:1 --param fanout=1:2:1)
n=$("$G" tune "${SWEEP[@]}" -j 2 -o warm.results --quiet | tail -n 1 | awk '{ print $1 }')
log "sweep: $n configurations of ap-burst under upstream; nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
b1='' b2='' c1='' c2=''
for ((r = 1; r <= rounds; r++)); do
	for j in 1 2; do
		/usr/bin/time -f '%e %U %S' -o time.txt "$G" tune "${SWEEP[@]}" -j $j -o j$j.results \
			--quiet >j$j.txt
		read -r t u s <time.txt
		c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
		log "round $r: -j $j: $t s wall, $c s CPU; load $(cut -d' ' -f1 /proc/loadavg)"
		if [[ $j -eq 1 ]]; then
			[[ -n $b1 ]] && awk -v a="$b1" -v b="$t" 'BEGIN { exit !(b >= a) }' || c1=$c
			b1=$(best "$b1" "$t")
		else
			[[ -n $b2 ]] && awk -v a="$b2" -v b="$t" 'BEGIN { exit !(b >= a) }' || c2=$c
			b2=$(best "$b2" "$t")
		fi
	done
done
cmp -s j1.txt j2.txt || { log "ERROR: -j 1 and -j 2 printed different results"; exit 1; }

# --- 2. merge of 1000 results against the sweep that made them
BIG=(idle.gtr --policy upstream --param period=10us:1000us:10us --param halt_poll=0:180us:20us)
t0=$(now)
for i in 0 1 2 3; do
	"$G" tune "${BIG[@]}" --shard $i/4 -j 2 -o big-$i.results --quiet >/dev/null
done
tsweep=$(secs "$t0" "$(now)")
nbig=$(cat big-?.results | grep -vc '^#')
bm=''
for r in 1 2 3 4 5; do
	t0=$(now)
	"$G" merge big-0.results big-1.results big-2.results big-3.results -o big.merged >big.txt
	bm=$(best "$bm" "$(secs "$t0" "$(now)")")
done
nfront=$(tail -n 1 big.txt | awk '{ print $3 }')

# --- 3. merges at the cap: 100000 synthetic results in 4 files, small front and all-front
synth()
{
	awk -v shape="$1" -v n="$2" -v tmpl="$(grep -v '^#' big-0.results | head -n 1)" 'BEGIN {
		srand(1)
		split(tmpl, f, "\t")
		for (s = 0; s < 4; s++) {
			out = sprintf("%s-%d-%d.results", shape, n, s)
			print "# gibtrace tune results 1\n# trace\tsynthetic" > out
			for (i = s; i < n; i += 4) {
				if (shape == "typical") {
					p99 = int(20000 + rand() * 2000000); cost = 5000 + rand() * 5000
				} else {
					p99 = 20000 + i; cost = 200000 - i
				}
				line = i "\t" f[2]
				for (k = 3; k <= length(f); k++)
					line = line "\t" (k == 5 ? p99 : (k == length(f) ? cost : f[k]))
				print line > out
			}
		}
	}'
}
mcap=()
for run in "typical 100000" "worst 10000" "worst 20000"; do
	read -r shape nsyn <<<"$run"
	synth "$shape" "$nsyn"
	t0=$(now)
	"$G" merge "$shape-$nsyn"-?.results >"$shape.txt"
	mcap+=("$(secs "$t0" "$(now)")" "$(tail -n 1 "$shape.txt" | awk '{ print $3 }')")
done

echo
echo "tuning sweep benchmark (gibtrace $("$G" version 2>/dev/null | head -n 1 || true); nproc $(nproc))"
awk -v n="$n" -v b1="$b1" -v b2="$b2" -v c1="$c1" -v c2="$c2" -v R="$rounds" 'BEGIN {
	printf "sweep, %d configurations of ap-burst (best wall time of %d rounds):\n", n, R
	printf "  -j 1   %7.3f s wall  %6.3f s CPU   %7.1f configurations/s\n", b1, c1, n / b1
	printf "  -j 2   %7.3f s wall  %6.3f s CPU   %7.1f configurations/s\n", b2, c2, n / b2
	printf "  ratio -j 2 / -j 1: %.2fx configurations/s (2.00 = perfect on two idle cores);", b1 / b2
	printf " CPU per configuration %.2fx\n", c2 / c1
}'
awk -v n="$nbig" -v ts="$tsweep" -v tm="$bm" -v nf="$nfront" 'BEGIN {
	printf "merge of %d results (4 shards of an idle-vms sweep, %d on the front):\n", n, nf
	printf "  the sweep  %8.3f s (4 shards, -j 2 each, %.0f configurations/s)\n", ts, n / ts
	printf "  the merge  %8.3f s (best of 5)\n", tm
	printf "  ratio merge / sweep: %.5f (1 / %.0f)\n", tm / ts, ts / tm
}'
awk -v tt="${mcap[0]}" -v ft="${mcap[1]}" -v w1="${mcap[2]}" -v f1="${mcap[3]}" \
	-v w2="${mcap[4]}" -v f2="${mcap[5]}" -v tm="$bm" 'BEGIN {
	printf "merge of synthetic results (the grid cap is 100000):\n"
	printf "  100000, typical (%d on the front)  %8.3f s  (%.0fx the 1000-result merge)\n", ft, tt, tt / tm
	printf "  10000, worst (all %d on the front)  %7.3f s\n", f1, w1
	printf "  20000, worst (all %d on the front)  %7.3f s  (%.1fx the 10000: quadratic is 4x)\n", f2, w2, w2 / w1
}'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (ratios above 1x need idle cores)"
