#!/usr/bin/env bash
# bench/record.sh [--build DIR] [--rates "20k 50k ..."] [--reps N] [--no-trace-cmd]
#
# What recording gib.ko's gib:* tracepoints costs, in a QEMU guest (tests/vm/vm.sh, TCG):
# one scenario per post rate (one VM, two vcpus, device posts at RATE for 500 ms, with
# guest work and timers) run by `gibtrace run` with no recorder, under `gibtrace record`
# (BPF backend, default 4 MiB ring buffer), `gibtrace record --backend tracefs` (default
# 4 MiB per CPU) and `trace-cmd record -e gib` (its binary and libraries copied into the
# initramfs; --no-trace-cmd leaves it out). Prints, per recorder:
#   - the added cost per recorded event: the guest's non-idle CPU time over the whole
#     command (recorder, its drain, the run) minus the same without a recorder, over
#     the events recorded (medians of --reps runs), and its ratio to trace-cmd's;
#   - the highest rate of events it drained with 0 drops (events/s of the run);
#   - bytes per event written.
# Not run by CI. TCG is slow and this host noisy: compare the ratios of one run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build/bench-record
rates="20k 50k 100k 200k"
reps=3
tracecmd=1
while (($#)); do
	case $1 in
	--build) build=$2; shift 2 ;;
	--rates) rates=$2; shift 2 ;;
	--reps) reps=$2; shift 2 ;;
	--no-trace-cmd) tracecmd=0; shift ;;
	*) echo "usage: bench/record.sh [--build DIR] [--rates \"20k 50k\"] [--reps N] [--no-trace-cmd]" >&2
		exit 1 ;;
	esac
done
log() { echo "bench/record: $*" >&2; }
die() { log "$*"; exit 1; }

"$root/tests/vm/vm.sh" prereqs headers >&2 || die "cannot run the guest (see above)"
mkdir -p "$build"
build=$(cd "$build" && pwd)
log "building gibtrace-static and gib.ko in $build"
cmake -S "$root" -B "$build/cmake" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/cmake" -j2 --target gibtrace-static gibtrace >/dev/null
ko=$("$root/kmod/build.sh" "$build/mod" 2>/dev/null | tail -1)
stage=$build/stage
rm -rf "$stage" "$build/out"
mkdir -p "$stage/bench/bin" "$stage/libs"
cp "$ko" "$stage/bench/gib.ko"
cp "$build/cmake/gibtrace-static" "$stage/bench/gibtrace"
files=("$stage/bench:/bench")
if ((tracecmd)); then
	command -v trace-cmd >/dev/null || die "no trace-cmd (apt-get install trace-cmd), or --no-trace-cmd"
	cp "$(command -v trace-cmd)" "$stage/bench/bin/"
	for lib in $(ldd "$(command -v trace-cmd)" | awk '/=> \// { print $3 }' | sort -u); do
		cp -L "$lib" "$stage/libs/"
	done
	files+=("$stage/libs:/lib/x86_64-linux-gnu"
		/lib64/ld-linux-x86-64.so.2:/lib64/ld-linux-x86-64.so.2)
fi
for r in $rates; do
	cat >"$stage/bench/bench-$r.scn" <<SCN
name     bench-$r
duration 500ms
seed     3
vm       0 vcpus 2
gisc     0 6
source   ap0 vm 0 isc 6 device poisson rate $r
work     vm 0 exp 5us
timer    vm 0 period 10ms
SCN
done
echo "$rates" >"$stage/bench/rates"
echo "$reps" >"$stage/bench/reps"
log "recording in the guest: rates $rates, $reps runs each"
"$root/tests/vm/vm.sh" run --out "$build/out" --build "$build/vm" --timeout 900 --mem 2G \
	--disk 1G --files "${files[@]}" -- "$root/bench/record-guest.sh" >&2 ||
	die "the guest failed: see $build/out"
out=$build/out
[[ ! -s $out/errors.txt ]] && true || log "some commands failed: $(cat "$out/errors.txt")"
tick_ns=$((1000000000 / $(cat "$out/clk_tck")))
gt=$build/cmake/gibtrace

# per run: rate rep recorder busy_ticks wall generated recorded dropped bytes run_s
: >"$out/table.txt"
while read -r rate rep rec busy wall; do
	logf=$out/$rec-$rate-$rep.log
	# gib.ko's own counters (run's JSON): every event it emitted until they were read
	gen=$(awk '/"events": *\{/ { e = 1; next } e && /\}/ { e = 0 } e { gsub(/[",:]/, " "); s += $2 }
		END { print s + 0 }' "$logf")
	secs=$(grep -o '"seconds": *[0-9.]*' "$logf" | head -1 | sed 's/.*: *//')
	case $rec in
	none) recd=0 drop=0 bytes=0 ;;
	bpf | tracefs)
		f=$out/$rec-$rate-$rep.gtr
		info=$("$gt" info --json "$f")
		recd=$(echo "$info" | awk '/"types": *\{/ { t = 1; next } t && /\}/ { t = 0 }
			t && !/"drop"/ { gsub(/[",:]/, " "); s += $2 } END { print s + 0 }')
		drop=$(echo "$info" | grep -o '"dropped": *[0-9]*' | head -1 | sed 's/.*: *//')
		bytes=$(stat -c %s "$f") ;;
	trace-cmd)
		f=$out/tc-$rate-$rep.dat
		recd=$(trace-cmd report -i "$f" 2>/dev/null | grep -c ' vm=[0-9]' || true)
		drop=$(trace-cmd report -i "$f" 2>/dev/null |
			awk '/LOST/ { for (i = 1; i <= NF; i++) if ($i == "LOST") s += $(i + 1) } END { print s + 0 }')
		bytes=$(stat -c %s "$f") ;;
	esac
	echo "$rate $rep $rec $busy $wall $gen $recd $drop $bytes $secs" >>"$out/table.txt"
done <"$out/runs.txt"

awk -v tick="$tick_ns" -v reps="$reps" '
	function med(a, n,   i, j, t) {	# median of a[1..n]
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		k = $1 SUBSEP $3; n[k]++; busy[k, n[k]] = $4; gen[k, n[k]] = $6; rec[k, n[k]] = $7
		drop[k] += $8; bytes[k] += $9; recs[k] += $7; secs[k, n[k]] = $10
		if (!($1 in seen)) { seen[$1] = 1; order[++nr] = $1 }
		if (!($3 in seenr)) { seenr[$3] = 1; rorder[++nrec] = $3 }
	}
	END {
		printf "%-7s %-10s %10s %10s %10s %9s %12s %9s\n", "rate", "recorder", "generated", "recorded",
			"dropped", "busy ms", "ns/event", "B/event"
		for (i = 1; i <= nr; i++) {
			r = order[i]
			for (m = 1; m <= n[r, "none"]; m++) b[m] = busy[r SUBSEP "none", m]
			base = med(b, n[r, "none"])
			for (j = 1; j <= nrec; j++) {
				x = rorder[j]; k = r SUBSEP x
				if (!n[k]) continue
				for (m = 1; m <= n[k]; m++) { b[m] = busy[k, m]; g[m] = gen[k, m]; c[m] = rec[k, m]; s[m] = secs[k, m] }
				bk = med(b, n[k]); gk = med(g, n[k]); ck = med(c, n[k]); sk = med(s, n[k])
				cost = x == "none" || !ck ? 0 : (bk - base) * tick / ck
				ns[r, x] = cost
				printf "%-7s %-10s %10d %10d %10d %9.0f %12s %9s\n", r, x, gk, ck, drop[k],
					bk * tick / 1e6, x == "none" ? "-" : sprintf("%.0f", cost),
					x == "none" || !recs[k] ? "-" : sprintf("%.2f", bytes[k] / recs[k])
				if (x != "none" && !drop[k] && sk > 0 && gk / sk > best[x]) { best[x] = gk / sk; bestr[x] = r }
			}
		}
		print ""
		print "added cost per recorded event, relative to trace-cmd (goal: bpf <= 1):"
		for (i = 1; i <= nr; i++) {
			r = order[i]
			if (ns[r, "trace-cmd"] > 0)
				printf "  %-7s bpf %.2fx  tracefs %.2fx  (trace-cmd %.0f ns/event)\n", r,
					ns[r, "bpf"] / ns[r, "trace-cmd"], ns[r, "tracefs"] / ns[r, "trace-cmd"],
					ns[r, "trace-cmd"]
			else
				printf "  %-7s bpf %.0f ns/event, tracefs %.0f ns/event (no trace-cmd)\n", r,
					ns[r, "bpf"], ns[r, "tracefs"]
		}
		print "highest drain rate with 0 drops (events/s of the run, every rep):"
		for (j = 1; j <= nrec; j++) {
			x = rorder[j]
			if (x == "none") continue
			printf "  %-10s %s\n", x, best[x] ? sprintf("%.0f events/s (rate %s)", best[x], bestr[x]) : "none without drops"
		}
	}' "$out/table.txt" | tee "$out/summary.txt"
