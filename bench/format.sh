#!/usr/bin/env bash
# bench/format.sh: the trace format's benchmark (issue "trace format", item 6). One command;
# everything it prints is measured in the same run and compared as ratios (this machine is
# noisy: compare, don't quote).
#
#   bench/format.sh [--vm | --no-vm] [--events N] [--rw-events N]
#
# 1. bytes/event of our format on a realistic recording: gibtrace gen scenarios/mixed-host.scn,
#    then gibtrace replay --policy upstream (exogenous and endogenous events), zstd and raw.
# 2. libgibtrace's write and read rates (bench/format-bench.c, best of 3).
# 3. Our reader against trace-cmd report, perf script and a libtracecmd loop over the same
#    events: in a QEMU guest (tests/vm) the module tests/vm/bench-mod fires
#    gibbench:iam_restore N times under `trace-cmd record` and again under `perf record -a`;
#    trace.dat is converted to our format on the host (bench/tracedat.c); every reader is
#    timed on the host (interleaved rounds, best time). The guest's trace.dat and perf.data are cached under
#    build/bench/vm/ and reused while their inputs are unchanged (--vm: record again;
#    --no-vm: never boot a guest, fail without a cache).
# 4. A final table: name, events, bytes/event, events/s, ratios to ours.
#
# Installs what it needs (trace-cmd, libtracecmd-dev, linux-perf, pkg-config) with apt-get
# when missing; scripts/deps.sh has the rest (the compiler, libzstd, QEMU and the kernel).
set -euo pipefail
root=$(readlink -f "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/..")
cd "$root"

vm_mode=auto
events=2000000
rw_events=4000000
while [[ $# -gt 0 ]]; do
	case $1 in
	--vm) vm_mode=always; shift ;;
	--no-vm) vm_mode=never; shift ;;
	--events) events=$2; shift 2 ;;
	--rw-events) rw_events=$2; shift 2 ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "format.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done

W=$root/build/bench
T=$W/tools
V=$W/vm
mkdir -p "$W" "$T" "$V"
log()
{
	echo "bench: $*" >&2
}
die()
{
	echo "bench: ERROR: $*" >&2
	exit 1
}
t_start=$(date +%s)

# --- dependencies: only the benchmark's, so that CI does not pay for them
bench_deps()
{
	local pkg missing=()

	for pkg in trace-cmd libtracecmd-dev libtraceevent-dev libtracefs-dev linux-perf \
		pkg-config; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	[[ ${#missing[@]} -eq 0 ]] && return 0
	log "installing ${missing[*]}"
	local sudo=()
	[[ $(id -u) -eq 0 ]] || sudo=(sudo)
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update >&2
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
		install -y --no-install-recommends "${missing[@]}" >&2
}
bench_deps

# --- build: gibtrace and libgibtrace (release), then the two tools against them
if [[ ! -f build/release/CMakeCache.txt ]]; then
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >&2
fi
if ! cmake --build build/release -j"$(nproc)" --target gibtrace libgibtrace >"$W/build.log" 2>&1; then
	[[ -x build/release/gibtrace && -f build/release/libgibtrace.a ]] ||
		die "building gibtrace failed: see $W/build.log"
	log "WARNING: building gibtrace failed (see $W/build.log); using the binaries there"
fi
G=$root/build/release/gibtrace
CFLAGS=(-O2 -g -Wall -Wextra -Werror -Iinclude)
gcc "${CFLAGS[@]}" -o "$T/format-bench" bench/format-bench.c build/release/libgibtrace.a -lzstd
# shellcheck disable=SC2046
gcc "${CFLAGS[@]}" $(pkg-config --cflags libtracecmd) -o "$T/tracedat" bench/tracedat.c \
	build/release/libgibtrace.a $(pkg-config --libs libtracecmd) -lzstd

kv()	# kv KEY TEXT: the word after KEY in TEXT
{
	awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$2"
}
fsize()
{
	stat -c %s "$1"
}
div()
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# run_once CMD...: runs CMD once (stdout to /dev/null); sets wall and cpu (user + sys), s
run_once()
{
	local out

	out=$({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$W/last.err"; } 2>&1) ||
		die "$* failed: $(head -n 5 "$W/last.err")"
	wall=$(awk '{ print $1 }' <<<"$out")
	cpu=$(awk '{ print $2 + $3 }' <<<"$out")
}

min()
{
	awk -v a="$1" -v b="$2" 'BEGIN { print ((a + 0 < b + 0) ? a : b) }'
}

# rows of the final table: name|events|bytes|wall|cpu (bytes or times may be empty)
rows=()
row()
{
	rows+=("$1|$2|$3|$4|$5")
}

# === 1. bytes/event on a realistic recording =====================================
log "1/3: mixed-host: gen, replay --policy upstream, raw rewrite"
"$G" gen scenarios/mixed-host.scn -o "$W/mixed-x.gt" >/dev/null
"$G" gen scenarios/mixed-host.scn -o "$W/mixed-x-raw.gt" --raw >/dev/null
"$G" replay "$W/mixed-x.gt" --policy upstream -o "$W/mixed-y.gt" >/dev/null
out=$("$T/format-bench" rewrite "$W/mixed-y.gt" "$W/mixed-y-raw.gt" raw)
ny=$(kv events "$out")
nx=$(kv events "$("$T/format-bench" read "$W/mixed-x.gt")")
mixed=(
	"exogenous (gen), zstd|$nx|$(fsize "$W/mixed-x.gt")"
	"exogenous (gen), raw|$nx|$(fsize "$W/mixed-x-raw.gt")"
	"replayed (exo+endo), zstd|$ny|$(fsize "$W/mixed-y.gt")"
	"replayed (exo+endo), raw|$ny|$(fsize "$W/mixed-y-raw.gt")"
)

# === 2. write and read rates of libgibtrace ========================================
log "2/3: write and read rates, $rw_events events, best of 3"
rw=$("$T/format-bench" rw "$W/mixed-y.gt" "$W" "$rw_events")
rm -f "$W/rw-zstd.gt" "$W/rw-raw.gt"

# === 3. against trace-cmd and perf, over the same events =============================
vm_key()
{
	{
		echo "events $events"
		cat tests/vm/bench-mod/* tests/vm/bench-guest.sh
		dpkg-query -W trace-cmd linux-perf
		ls /boot/vmlinuz-*-cloud-amd64
	} | sha256sum | cut -c1-16
}
key=$(vm_key)
if [[ $vm_mode != always && -s $V/trace.dat && -s $V/perf.data && -f $V/key &&
      $(cat "$V/key") == "$key" ]]; then
	log "3/3: reusing the guest's trace.dat and perf.data in $V (--vm records again)"
else
	[[ $vm_mode == never ]] && die "--no-vm, but no trace.dat and perf.data of these inputs in $V"
	log "3/3: recording in a QEMU guest: $events events under trace-cmd, then under perf"
	tests/vm/vm.sh prereqs headers >&2 || die "cannot run the guest (see above)"
	rm -f "$V/key" "$V/trace.dat" "$V/perf.data"
	stage=$V/stage
	rm -rf "$stage" "$V/mod"
	mkdir -p "$stage/bench/bin" "$stage/libs"
	ko=$(tests/vm/build-module.sh tests/vm/bench-mod "$V/mod")
	cp "$ko" "$stage/bench/gibbench.ko"
	# trace-cmd and perf, dynamic, with their libraries (the loader comes separately)
	cp /usr/bin/trace-cmd /usr/bin/perf "$stage/bench/bin/"
	for lib in $( (ldd /usr/bin/trace-cmd; ldd /usr/bin/perf) | awk '/=> \// { print $3 }' |
		sort -u); do
		cp -L "$lib" "$stage/libs/"
	done
	echo "$events" >"$stage/bench/n"
	# trace-cmd: per-CPU ring buffer (KiB) to hold every event even if the reader lags:
	# about 24 bytes an event; perf: its per-CPU mmap buffer.
	echo $((events * 24 * 3 / 2 / 1024 / $(nproc) + 4096)) >"$stage/bench/buf_kb"
	echo 128M >"$stage/bench/perf_mmap"
	# 2 GiB: ring buffers, perf's mmap, and both files in the guest's RAM
	tests/vm/vm.sh run --out "$V/out" --build "$V/build" --timeout 480 --mem 2G --disk 1G \
		--files "$stage/bench:/bench" "$stage/libs:/lib/x86_64-linux-gnu" \
		/lib64/ld-linux-x86-64.so.2:/lib64/ld-linux-x86-64.so.2 \
		-- "$root/tests/vm/bench-guest.sh" >&2 || die "the guest failed: see $V/out"
	mv "$V/out/trace.dat" "$V/out/perf.data" "$V/"
	cp "$V/out/times.txt" "$V/guest-times.txt"
	echo "$key" >"$V/key"
	rm -rf "$stage"
fi

# the events each file holds, and what was lost
out=$("$T/tracedat" read "$V/trace.dat")
n_tc=$(kv events "$out")
sum_tc=$(kv checksum "$out")
lost_tc=$(trace-cmd report -i "$V/trace.dat" 2>/dev/null | grep -c 'LOST' || true)
stats=$(perf report -i "$V/perf.data" --stats 2>/dev/null)
n_perf=$(awk '/SAMPLE events:/ { print $3; exit }' <<<"$stats")
lost_perf=$(awk '/LOST(_SAMPLES)? events:/ { s += $3 } END { print s + 0 }' <<<"$stats")
[[ $n_tc == "$events" ]] || log "WARNING: trace.dat holds $n_tc events, not $events"
[[ $n_perf == "$events" ]] || log "WARNING: perf.data holds $n_perf samples, not $events"

# ours, converted from trace.dat: the same events (the checksums must agree)
out=$("$T/tracedat" convert "$V/trace.dat" "$V/ours.gt")
"$T/format-bench" rewrite "$V/ours.gt" "$V/ours-raw.gt" raw >/dev/null
sum_ours=$(kv checksum "$("$T/format-bench" read "$V/ours.gt")")
[[ $sum_ours == "$sum_tc" ]] || die "ours.gt and trace.dat differ (checksums $sum_ours, $sum_tc)"
# trace.dat as recorded (trace-cmd 3.1.6 writes file version 7, zstd-compressed), and as an
# uncompressed version 6 file
trace-cmd convert --compression none --file-version 6 -i "$V/trace.dat" \
	-o "$V/trace-v6.dat" >/dev/null 2>&1 || die "trace-cmd convert to version 6 failed"
fly_v7=$(trace-cmd dump --summary -i "$V/trace.dat" 2>&1 |
	sed -n 's/.* \([0-9]*\) bytes flyrecord data.*/\1/p' | head -n 1)
fly_v6=$(trace-cmd dump --flyrecord -i "$V/trace-v6.dat" 2>&1 |
	awk '/size of cpu/ { s += $2 } END { print s + 0 }')

# name|events|file|command: the readers, each over the same events
readers=(
	"trace-cmd report, trace.dat v7 zstd|$n_tc|$V/trace.dat|trace-cmd report -i $V/trace.dat"
	"trace-cmd report, trace.dat v6|$n_tc|$V/trace-v6.dat|trace-cmd report -i $V/trace-v6.dat"
	"perf script, perf.data|$n_perf|$V/perf.data|perf script -i $V/perf.data"
	"libtracecmd loop, trace.dat v7 zstd|$n_tc|$V/trace.dat|$T/tracedat read $V/trace.dat"
	"libtracecmd loop, trace.dat v6|$n_tc|$V/trace-v6.dat|$T/tracedat read $V/trace-v6.dat"
	"gibtrace info, ours zstd|$n_tc|$V/ours.gt|$G info $V/ours.gt"
	"gt_reader + text (print), ours zstd|$n_tc|$V/ours.gt|$T/format-bench print $V/ours.gt"
	"gt_reader loop, ours raw|$n_tc|$V/ours-raw.gt|$T/format-bench read $V/ours-raw.gt"
	"gt_reader loop, ours zstd (= ours)|$n_tc|$V/ours.gt|$T/format-bench read $V/ours.gt"
)
# Three rounds, each running every reader in turn, so that a change of the host's load
# hits all of them; a reader under 0.5 s runs 5 times a round. The best time of each.
log "3/3: timing the readers: 3 interleaved rounds, best time of each"
declare -A bw bc
for round in 1 2 3; do
	for i in "${!readers[@]}"; do
		IFS='|' read -r _ _ _ cmd <<<"${readers[$i]}"
		reps=1
		[[ $round -gt 1 && $(min "${bw[$i]}" 0.5) != 0.5 ]] && reps=5
		for ((k = 0; k < reps; k++)); do
			# shellcheck disable=SC2086 # cmd is words without spaces inside them
			run_once $cmd
			bw[$i]=$(min "$wall" "${bw[$i]:-1e30}")
			bc[$i]=$(min "$cpu" "${bc[$i]:-1e30}")
		done
	done
done
for i in "${!readers[@]}"; do
	IFS='|' read -r name n file _ <<<"${readers[$i]}"
	row "$name" "$n" "$(fsize "$file")" "${bw[$i]}" "${bc[$i]}"
done
ours_wall=${bw[$((${#readers[@]} - 1))]}
ours_cpu=${bc[$((${#readers[@]} - 1))]}
ours_bytes=$(fsize "$V/ours.gt")

# === 4. the report ====================================================================
echo
echo "== 1. bytes/event, scenarios/mixed-host.scn (goal: <= 8 B/event) =="
printf '%-30s %10s %12s %8s\n' name events bytes B/event
for r in "${mixed[@]}"; do
	IFS='|' read -r name n b <<<"$r"
	printf '%-30s %10s %12s %8s\n' "$name" "$n" "$b" "$(div "$b" "$n")"
done

echo
echo "== 2. libgibtrace write and read, $rw_events events of mixed-y.gt (best of 3) =="
printf '%-22s %14s %10s\n' "" "M events/s" B/event
while read -r op codec n s b; do
	[[ $op == write ]] || continue
	printf '%-22s %14s %10s\n' "write $codec" "$(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.1f", n / s / 1e6 }')" \
		"$(div "$b" "$n")"
done <<<"$rw"
while read -r op codec n s; do
	[[ $op == read ]] || continue
	printf '%-22s %14s\n' "read $codec" "$(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.1f", n / s / 1e6 }')"
done <<<"$rw"

echo
echo "== 3. the same $n_tc gibbench:iam_restore events (5 fields), recorded in a guest =="
echo "lost: trace-cmd $lost_tc LOST lines, $n_tc of $events events; perf $lost_perf lost," \
	"$n_perf of $events samples"
[[ -f $V/guest-times.txt ]] && echo "guest seconds: $(tr '\n' ' ' <"$V/guest-times.txt")"
echo "trace.dat event data alone: v7 zstd $(div "$fly_v7" "$n_tc") B/event," \
	"v6 $(div "$fly_v6" "$n_tc") B/event (the rest is kallsyms, formats, cmdlines)"
echo "checksums agree: ours.gt and trace.dat hold the same fields, timestamps and cpus"
echo
printf '%-38s %9s %8s %8s %8s %8s %8s %9s\n' name events B/event "M ev/s" "cpu" \
	"ours x" "cpu" "size/ours"
for r in "${rows[@]}"; do
	IFS='|' read -r name n b wall cpu <<<"$r"
	printf '%-38s %9s %8s %8s %8s %8s %8s %9s\n' "$name" "$n" "$(div "$b" "$n")" \
		"$(awk -v n="$n" -v s="$wall" 'BEGIN { printf "%.2f", n / s / 1e6 }')" \
		"$(awk -v n="$n" -v s="$cpu" 'BEGIN { printf "%.2f", (s > 0) ? n / s / 1e6 : 0 }')" \
		"$(div "$wall" "$ours_wall")" "$(div "$cpu" "$ours_cpu")" "$(div "$b" "$ours_bytes")"
done
echo "(M ev/s: events / best wall time (3 interleaved rounds), process start and open included;"
echo " cpu: the same over the best user+sys time, less sensitive to the host's load;"
echo " ours x: how many times faster ours is than this row (wall, then cpu);"
echo " size/ours: this row's file size over ours.gt's)"

rate()	# rate EVENTS SECONDS: M events/s
{
	awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0) ? n / s / 1e6 : 0 }'
}
col()	# col NAME_PREFIX FIELD: a field (4 wall, 5 cpu) of the row whose name starts so
{
	printf '%s\n' "${rows[@]}" | awk -F'|' -v p="$1" -v f="$2" 'index($1, p) == 1 { print $f; exit }'
}
echo
echo "== goals (wall; cpu) =="
goal()
{
	local ok=$1
	shift
	printf '%-5s %s\n' "$([[ $ok == 1 ]] && echo MET || echo NOT)" "$*"
}
both()	# both A B MIN: 1 if A/B >= MIN for both the wall and the cpu figures given as "w c"
{
	awk -v a="$1" -v b="$2" -v m="$3" 'BEGIN { split(a, x, " "); split(b, y, " ");
		print (x[1] / y[1] >= m && x[2] / y[2] >= m) }'
}
bpe=$(div "$(fsize "$W/mixed-y.gt")" "$ny")
goal "$(awk -v v="$bpe" 'BEGIN { print (v <= 8) }')" "mixed-host replayed, zstd: $bpe B/event (<= 8)"
ours_bpe=$(div "$ours_bytes" "$n_tc")
tc_bpe=$(div "$(fsize "$V/trace.dat")" "$n_tc")
goal "$(awk -v v="$ours_bpe" -v t="$tc_bpe" 'BEGIN { print (v < t) }')" \
	"same events: ours $ours_bpe B/event < trace.dat v7 zstd $tc_bpe"
goal "$(awk -v a="$(rate "$n_tc" "$ours_wall")" -v b="$(rate "$n_tc" "$ours_cpu")" \
	'BEGIN { print (a >= 20 && b >= 20) }')" \
	"our reader $(rate "$n_tc" "$ours_wall"); $(rate "$n_tc" "$ours_cpu") M events/s (>= 20)"
tc="$(col "trace-cmd report, trace.dat v7" 4) $(col "trace-cmd report, trace.dat v7" 5)"
lib="$(col "libtracecmd loop, trace.dat v7" 4) $(col "libtracecmd loop, trace.dat v7" 5)"
goal "$(both "$tc" "$ours_wall $ours_cpu" 60)" \
	"ours $(div "${tc% *}" "$ours_wall")x; $(div "${tc#* }" "$ours_cpu")x trace-cmd report (>= 60x)"
goal "$(both "$lib" "$ours_wall $ours_cpu" 4)" \
	"ours $(div "${lib% *}" "$ours_wall")x; $(div "${lib#* }" "$ours_cpu")x the libtracecmd loop (>= 4x)"
echo
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); whole run $(($(date +%s) - t_start)) s"
