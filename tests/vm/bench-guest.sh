#!/bin/sh
# In the guest (busybox sh, root), for bench/format.sh: load gibbench, then fire its
# tracepoint gibbench:iam_restore N times (/bench/n; split over the CPUs) twice: once
# under `trace-cmd record` (-> /out/trace.dat) and once under `perf record -a`
# (-> /out/perf.data). trace-cmd, perf and their libraries are in the initramfs under
# /bench/bin and /lib/x86_64-linux-gnu. The host counts the events and the drops.
set -eu
T=/sys/kernel/tracing
N=$(cat /bench/n)
BUF_KB=$(cat /bench/buf_kb)
PERF_MMAP=$(cat /bench/perf_mmap)
FIRE=/sys/module/gibbench/parameters/fire
now()
{
	cut -d' ' -f1 /proc/uptime
}

insmod /bench/gibbench.ko
cat $T/events/gibbench/iam_restore/format >/out/format.txt
nproc >/out/ncpus

# A dry run with the event off: what firing costs without a recorder.
t0=$(now)
echo "$N" >$FIRE
echo "fire_off_s $(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')" >>/out/times.txt

cd /tmp
t0=$(now)
/bench/bin/trace-cmd record -q -b "$BUF_KB" -e gibbench:iam_restore -o /out/trace.dat \
	sh -c "echo $N >$FIRE" >/out/trace-cmd.log 2>&1 || {
	echo "trace-cmd record failed:"
	cat /out/trace-cmd.log
	exit 1
}
echo "trace_cmd_s $(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')" >>/out/times.txt
# give the ring buffer's memory back before perf maps its own
echo 1408 >$T/buffer_size_kb
rm -f /out/trace.dat.cpu*

t0=$(now)
/bench/bin/perf record -q -e gibbench:iam_restore -a -m "$PERF_MMAP" -o /out/perf.data \
	-- sh -c "echo $N >$FIRE" >/out/perf-record.log 2>&1 || {
	echo "perf record failed:"
	cat /out/perf-record.log
	exit 1
}
echo "perf_s $(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')" >>/out/times.txt
rmmod gibbench
ls -l /out
cat /out/times.txt
