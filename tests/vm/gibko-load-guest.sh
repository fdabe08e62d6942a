#!/bin/sh
# In the guest, for t-gibko-load.sh.
set -eu
insmod /gib.ko
ls -l /dev/gib >/out/dev.txt
/gibko-fuzz api >/out/api.txt
ls /sys/kernel/tracing/events/gib | grep -v -e '^enable$' -e '^filter$' | sort >/out/events.txt
cat /sys/kernel/tracing/events/gib/airq_post/format >/out/format.txt
rmmod gib
if grep -q '^gib ' /proc/modules; then
	echo "gib still loaded after rmmod"
	exit 1
fi
[ ! -e /dev/gib ] || { echo "/dev/gib still there after rmmod"; exit 1; }
cat /out/api.txt
