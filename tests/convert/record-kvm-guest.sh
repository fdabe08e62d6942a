#!/bin/sh
# In the guest (busybox sh, root), for record-kvm-data.sh: gib.ko and kvmtp.ko loaded,
# `gibtrace run /short.scn` recorded by trace-cmd (-> /out/kvm-short.dat) and then by perf
# (-> /out/kvm-short.perf.data, zstd-compressed: -z), then again by perf with a one-page
# ring buffer, to lose events (-> /out/kvm-lost.perf.data). /proc/kallsyms is replaced
# by the few symbols the conversion needs (the hrtimer callbacks of gib.ko, and
# _text/_stext for perf), so that the files stay small; /out/kvm-short.kallsyms keeps
# them for `perf script --kallsyms`.
set -eu
insmod /gib.ko
insmod /kvmtp.ko
grep -E ' (_text|_stext|gib_kicker_fn|gib_src_fn)([[:space:]]|$)' /proc/kallsyms \
	>/out/kvm-short.kallsyms
grep -q gib_kicker_fn /out/kvm-short.kallsyms || {
	echo "no gib_kicker_fn in /proc/kallsyms"
	exit 1
}
mount -o bind /out/kvm-short.kallsyms /proc/kallsyms
cd /tmp
events="kvm:kvm_s390_sie_enter kvm:kvm_s390_sie_exit kvm:kvm_vcpu_wakeup kvm-s390:*
timer:hrtimer_start timer:hrtimer_expire_entry timer:hrtimer_expire_exit timer:hrtimer_cancel
gib:*"
tcargs=
pfargs=
for e in $events; do
	tcargs="$tcargs -e $e"
	pfargs="$pfargs -e $e"
done
# shellcheck disable=SC2086 # the event lists are word lists
/tc/bin/trace-cmd record -q -b 8192 $tcargs -o /out/kvm-short.dat \
	/gibtrace run /short.scn --policy upstream --json >/out/run-tc.out 2>/out/trace-cmd.log || {
	echo "trace-cmd record failed:"
	cat /out/trace-cmd.log /out/run-tc.out
	exit 1
}
rm -f /out/kvm-short.dat.cpu*
# shellcheck disable=SC2086
/tc/bin/perf record -q -a -z -m 8M $pfargs -o /out/kvm-short.perf.data \
	/gibtrace run /short.scn --policy upstream --json >/out/run-perf.out 2>/out/perf.log || {
	echo "perf record failed:"
	cat /out/perf.log /out/run-perf.out
	exit 1
}
# the same under perf with the smallest ring buffer (one page per CPU): perf loses events
# and writes PERF_RECORD_LOST records (-> /out/kvm-lost.perf.data)
# shellcheck disable=SC2086
/tc/bin/perf record -q -a -z -m 1 $pfargs -o /out/kvm-lost.perf.data \
	/gibtrace run /short.scn --policy upstream --json >/out/run-lost.out 2>/out/perf-lost.log || {
	echo "perf record (lossy) failed:"
	cat /out/perf-lost.log /out/run-lost.out
	exit 1
}
umount /proc/kallsyms
rmmod kvmtp
rmmod gib
ls -l /out
