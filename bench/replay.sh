#!/usr/bin/env bash
# bench/replay.sh: the replayer's benchmark (issue "replayer and the five historical
# strategies", item 7). One command; every figure is measured in this run and printed with
# its ratio to a peer of the same run (this machine is noisy: compare, don't quote).
#
#   bench/replay.sh [--max-events N] [--budget SECONDS] [--no-profile]
#
# 1. Traces of scenarios/zpci-nic.scn (one VM, 8 vcpus, a 400k/s zPCI source) with the
#    duration stretched so that the input holds about 10^6, 10^7 and 10^8 events
#    (`gibtrace gen`). The 10^8 one is generated and replayed only if the 10^7 replay
#    says it fits in --budget seconds (default 300); otherwise its time is extrapolated
#    from 10^6 and 10^7, and the table says so.
# 2. `gibtrace replay --policy upstream -o OUT` of each: wall and CPU time, input events/s
#    per core (input records / CPU seconds) and output events/s per core, and the same
#    without writing (--quiet, no -o: engine and reader only); peak RSS (/usr/bin/time -v).
#    Linearity: CPU ns per input event at each size, as a ratio to the 10^6 one.
# 3. --policy all on the 10^7 trace with -j 1 and -j 2 (wall), and two single-policy
#    replays run one after the other against both at once with & (wall).
# 4. Against the goal of 20 M input events/s/core: the ratio.
# 5. Where the time goes: perf record -e cpu-clock on the 10^6 replay (software event,
#    no PMU needed), else valgrind --tool=callgrind on a 10^5 input; the top symbols.
#
# Builds a Release tree in build/bench-replay (GIB_BENCH_BUILD to change it), or uses the
# binary GIBTRACE names; the traces go to that tree's replay-bench/ (about 3 bytes per
# input event, 2 per output event).
set -euo pipefail
root=$(readlink -f "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/..")
cd "$root"

max_events=100000000
budget=300
profile=1
while [[ $# -gt 0 ]]; do
	case $1 in
	--max-events) max_events=$2; shift 2 ;;
	--budget) budget=$2; shift 2 ;;
	--no-profile) profile=0; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/replay.sh: unknown argument '$1' (--help)" >&2; exit 2 ;;
	esac
done

build=${GIB_BENCH_BUILD:-$root/build/bench-replay}
work=$build/replay-bench
mkdir -p "$work"
if [[ -n ${GIBTRACE:-} ]]; then
	g=$(readlink -f "$GIBTRACE")
	echo "== using GIBTRACE=$g"
else
	echo "== building a Release tree in $build"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$build" -j"$(nproc)" --target gibtrace >/dev/null
	g=$build/gibtrace
fi
cpus=$(nproc)
echo "   $g ($("$g" --version 2>/dev/null | head -n 1)); $cpus CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

events_of() # TRACE -> number of records
{
	"$g" info "$1" | sed -n 's/^  events *\([0-9]*\).*/\1/p' | head -n 1
}

# run LABEL CMD...: sets wall, cpu (user+sys) and rss (KiB) of CMD
run()
{
	local out=$work/time.txt
	shift
	/usr/bin/time -v -o "$out" "$@" >/dev/null
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$out")
	cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.3f", u + s}' "$out")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
}

# a scenario of zpci-nic lasting MS milliseconds
scenario() # MS -> path
{
	local f=$work/zpci-nic-$1ms.scn
	sed "s/^duration .*/duration $1ms/" scenarios/zpci-nic.scn >"$f"
	echo "$f"
}

fmt() { awk -v x="$1" 'BEGIN { if (x >= 1e6) printf "%.2fM", x / 1e6; else if (x >= 1e3) printf "%.1fk", x / 1e3; else printf "%g", x }'; }

echo "== 1. traces of scenarios/zpci-nic.scn"
base_ms=500
"$g" gen "$(scenario $base_ms)" -o "$work/base.gtr" >/dev/null
base_events=$(events_of "$work/base.gtr")
per_ms=$(awk -v n="$base_events" -v ms=$base_ms 'BEGIN { print n / ms }')
echo "   $base_ms ms hold $base_events events: $(fmt "$per_ms") events per ms of scenario"

declare -A in_ev out_ev wall_o cpu_o rss_o wall_q cpu_q gen_s
sizes=()
for target in 1000000 10000000 100000000; do
	if [[ $target -le $max_events ]]; then sizes+=("$target"); fi
done

replay_size() # TARGET
{
	local t=$1 ms trace
	ms=$(awk -v t="$t" -v r="$per_ms" 'BEGIN { printf "%d", t / r + 0.5 }')
	trace=$work/zpci-$t.gtr
	run gen "$g" gen "$(scenario "$ms")" -o "$trace"
	gen_s[$t]=$wall
	in_ev[$t]=$(events_of "$trace")
	run replay "$g" replay "$trace" --policy upstream -o "$work/out-$t.gtr" --quiet
	wall_o[$t]=$wall cpu_o[$t]=$cpu rss_o[$t]=$rss
	out_ev[$t]=$(events_of "$work/out-$t.gtr")
	run replay "$g" replay "$trace" --policy upstream --quiet
	wall_q[$t]=$wall cpu_q[$t]=$cpu
	printf "   10^%d: %s ms of scenario, %s input events (gen %.1f s), %s output events\n" \
		"$((${#t} - 1))" "$ms" "$(fmt "${in_ev[$t]}")" "${gen_s[$t]}" "$(fmt "${out_ev[$t]}")"
	rm -f "$work/out-$t.gtr"
}

extrapolated=""
for t in "${sizes[@]}"; do
	if [[ $t -eq 100000000 && -n ${cpu_o[10000000]:-} ]]; then
		# gen + 2 replays of 10^8, from the 10^7 figures
		est=$(awk -v a="${gen_s[10000000]}" -v b="${wall_o[10000000]}" -v c="${wall_q[10000000]}" \
			'BEGIN { printf "%d", 10 * (a + b + c) }')
		if [[ $est -gt $budget ]]; then
			extrapolated="10^8 not run: about $est s by the 10^7 figures, over --budget $budget s"
			echo "   $extrapolated; extrapolated linearly from 10^6 and 10^7 below"
			continue
		fi
	fi
	replay_size "$t"
	if [[ $t -eq 100000000 ]]; then rm -f "$work/zpci-$t.gtr"; fi
done

echo
echo "== 2. replay --policy upstream: rates per core and linearity"
printf "   %-6s %10s %10s %9s %9s %12s %12s %12s %9s %9s\n" size input output "wall s" "cpu s" \
	"in ev/s/core" "out ev/s/core" "in/s quiet" "ns/in ev" "vs 10^6"
ns_1=""
for t in 1000000 10000000 100000000; do
	if [[ -z ${cpu_o[$t]:-} ]]; then
		[[ $t -eq 100000000 && -n ${cpu_o[10000000]:-} && -n ${cpu_o[1000000]:-} ]] || continue
		# linear extrapolation: cost per event of the 10^7 run, slope from 10^6 to 10^7
		awk -v n6="${in_ev[1000000]}" -v c6="${cpu_o[1000000]}" -v n7="${in_ev[10000000]}" \
			-v c7="${cpu_o[10000000]}" -v o7="${out_ev[10000000]}" -v r7="${rss_o[10000000]}" \
			'BEGIN { slope = (c7 - c6) / (n7 - n6); n8 = 10 * n7; c8 = c7 + slope * (n8 - n7);
			printf "   %-6s %10.2fM %10.2fM %9s %9.1f %12.2fM %12.2fM %12s %9.1f %9s  (extrapolated; peak RSS ~%d MiB if linear)\n",
			"10^8", n8 / 1e6, 10 * o7 / 1e6, "-", c8, n8 / c8 / 1e6, 10 * o7 / c8 / 1e6, "-",
			c8 / n8 * 1e9, "-", r7 / 1024 }'
		continue
	fi
	ns=$(awk -v c="${cpu_o[$t]}" -v n="${in_ev[$t]}" 'BEGIN { printf "%.1f", c / n * 1e9 }')
	if [[ -z $ns_1 ]]; then ns_1=$ns; fi
	awk -v t="10^$((${#t} - 1))" -v n="${in_ev[$t]}" -v o="${out_ev[$t]}" -v w="${wall_o[$t]}" \
		-v c="${cpu_o[$t]}" -v q="${cpu_q[$t]}" -v ns="$ns" -v ns1="$ns_1" -v r="${rss_o[$t]}" \
		'BEGIN { printf "   %-6s %10.2fM %10.2fM %9.2f %9.2f %12.2fM %12.2fM %12.2fM %9.1f %8.2fx  peak RSS %d MiB\n",
		t, n / 1e6, o / 1e6, w, c, n / c / 1e6, o / c / 1e6, n / q / 1e6, ns, ns / ns1, r / 1024 }'
done
echo "   (input events: every record of the input, read twice: guest work first, then the rest;"
echo "    'quiet': no output trace written; 'vs 10^6': CPU cost per input event relative to 10^6:"
echo "    1.00x is linear)"
if [[ -n $extrapolated ]]; then echo "   $extrapolated"; fi

ref=10000000
[[ -n ${cpu_o[$ref]:-} ]] || ref=1000000
trace=$work/zpci-$ref.gtr
echo
echo "== 3. --policy all on the 10^$((${#ref} - 1)) trace ($(fmt "${in_ev[$ref]}") events), $cpus CPUs"
npol=$("$g" replay "$work/base.gtr" --policy all --json --quiet | grep -c '"policy":')
run all "$g" replay "$trace" --policy all -j 1 --quiet
all1=$wall all1_cpu=$cpu
run all "$g" replay "$trace" --policy all -j 2 --quiet
all2=$wall
run one "$g" replay "$trace" --policy upstream --quiet
one=$wall
t0=$(date +%s.%N)
"$g" replay "$trace" --policy upstream --quiet >/dev/null &
p1=$!
"$g" replay "$trace" --policy v5-clean-ipm --quiet >/dev/null &
p2=$!
wait $p1 $p2
par=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
run one "$g" replay "$trace" --policy v5-clean-ipm --quiet
seq=$(awk -v a="$one" -v b="$wall" 'BEGIN { print a + b }')
# the peer: a CPU-bound loop alone and two at once: what 2 CPUs give on this host
spin() { awk 'BEGIN { for (i = 0; i < 3e7; i++) x += i }'; }
t0=$(date +%s.%N)
spin
t1=$(date +%s.%N)
spin &
p1=$!
spin &
p2=$!
wait $p1 $p2
t2=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "   peer: a CPU-bound awk loop alone %.2f s, two at once %.2f s: the host gives %.2fx of 2\n", b - a, c - b, 2 * (b - a) / (c - b) }'
awk -v p="$npol" -v a1="$all1" -v a2="$all2" -v c1="$all1_cpu" -v s="$seq" -v q="$par" 'BEGIN {
	printf "   --policy all (%d policies): -j 1 %.2f s wall (%.2f s CPU), -j 2 %.2f s wall: speed-up %.2fx of 2\n", p, a1, c1, a2, a1 / a2;
	printf "   upstream + v5-clean-ipm: one after the other %.2f s, both at once with & %.2f s: speed-up %.2fx of 2\n", s, q, s / q }'

echo
echo "== 4. the goal: 20 M input events/s/core"
awk -v n="${in_ev[$ref]}" -v c="${cpu_o[$ref]}" -v q="${cpu_q[$ref]}" 'BEGIN {
	r = n / c / 1e6; rq = n / q / 1e6;
	printf "   measured on 10^7: %.2f M/s/core with the output trace written, %.2f M/s/core without:\n", r, rq;
	printf "   %.1fx and %.1fx short of 20 M/s/core\n", 20 / r, 20 / rq }'

if [[ $profile -eq 1 ]]; then
	echo
	echo "== 5. where the time goes (10^6 input, upstream, output written)"
	prof=$work/perf.data
	if perf record -q -e cpu-clock -F 4999 -g -o "$prof" -- "$g" replay "$work/zpci-1000000.gtr" \
		--policy upstream -o "$work/prof-out.gtr" --quiet >/dev/null 2>"$work/perf.err"; then
		perf report -i "$prof" --stdio --no-children --sort symbol --percent-limit 1.5 2>/dev/null |
			grep -E '^ +[0-9.]+%' | head -n 20 | sed 's/^/   /'
		echo "   (self time per symbol; perf record -e cpu-clock, $prof)"
	else
		echo "   perf record failed ($(head -n 1 "$work/perf.err")); callgrind on 10^5 events instead"
		small_ms=$(awk -v r="$per_ms" 'BEGIN { printf "%d", 1e5 / r + 0.5 }')
		"$g" gen "$(scenario "$small_ms")" -o "$work/zpci-small.gtr" >/dev/null
		valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$g" replay \
			"$work/zpci-small.gtr" --policy upstream -o "$work/prof-out.gtr" --quiet \
			>/dev/null 2>&1
		callgrind_annotate "$work/callgrind.out" 2>/dev/null | sed -n '/^Ir/,$p' | head -n 24 |
			sed 's/^/   /'
	fi
	rm -f "$work/prof-out.gtr"
fi
