#!/bin/sh
# In the emulated s390x guest (busybox sh, root; t-record.sh): the probe set records the
# stand-in for kvm.ko's GIB path (kvmsi.ko, kvm-standin/) with the real loader: the plan
# over the live /proc/kallsyms, then gibtrace record --target s390-kvm around one run of
# the stand-in's sequence. Everything goes to /out for t-record.sh.
set -u
insmod /kvmsi.ko
rc=0
/gibtrace record --target s390-kvm --check >/out/plan.txt 2>&1 || rc=$?
echo "$rc" >/out/plan.rc
rc=0
/gibtrace record --target s390-kvm --btf /vmlinux.btf -o /out/rec.gtr \
	-- sh -c 'echo 1 >/sys/module/kvmsi/parameters/run' >/out/record.txt 2>&1 || rc=$?
echo "$rc" >/out/record.rc
dmesg | grep 'kvmsi:' >/out/kvmsi.txt || true
rmmod kvmsi
echo "s390-probes record guest: plan $(cat /out/plan.rc), record $(cat /out/record.rc)"
