#!/bin/sh
# In the guest (busybox sh, root), for bench/record.sh: /bench/rates holds the post
# rates to run; for each, bench-R.scn is run under `gibtrace run` with no recorder,
# under `gibtrace record` (BPF), `gibtrace record --backend tracefs`, and
# `trace-cmd record -e gib` (when /bench/bin/trace-cmd is there), /bench/reps times each.
# Per run, /out/runs.txt gets: rate rep recorder busy_ticks wall_s and the output files
# stay in /out (the host counts their events and drops). Busy: the non-idle ticks of
# /proc/stat over the whole command, recorder included (its drain after the run too).
set -eu
insmod /bench/gib.ko
cd /tmp
REPS=$(cat /bench/reps)
busy()
{
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
now()
{
	cut -d' ' -f1 /proc/uptime
}
getconf CLK_TCK >/out/clk_tck 2>/dev/null || echo 100 >/out/clk_tck
nproc >/out/ncpus
one()
{
	rate=$1 rep=$2 rec=$3
	shift 3
	sync
	b0=$(busy)
	t0=$(now)
	"$@" >/out/$rec-$rate-$rep.log 2>&1 || echo "$rec $rate $rep: exit $?" >>/out/errors.txt
	t1=$(now)
	b1=$(busy)
	echo "$rate $rep $rec $((b1 - b0)) $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
		>>/out/runs.txt
}
for rate in $(cat /bench/rates); do
	scn=/bench/bench-$rate.scn
	r=1
	while [ $r -le "$REPS" ]; do
		one "$rate" $r none /bench/gibtrace run $scn --json
		one "$rate" $r bpf /bench/gibtrace record -o /out/bpf-$rate-$r.gtr -- \
			/bench/gibtrace run $scn --json
		one "$rate" $r tracefs /bench/gibtrace record --backend tracefs \
			-o /out/tracefs-$rate-$r.gtr -- /bench/gibtrace run $scn --json
		if [ -x /bench/bin/trace-cmd ]; then
			one "$rate" $r trace-cmd /bench/bin/trace-cmd record -q -e gib \
				-o /out/tc-$rate-$r.dat /bench/gibtrace run $scn --json
		fi
		r=$((r + 1))
	done
done
rmmod gib
