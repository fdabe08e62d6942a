#!/bin/sh
# In the guest (busybox sh, root): load gibsmoke, enable gibsmoke:tick through tracefs,
# fire it 1000 times through the module parameter, keep the trace, unload the module.
# t-smoke.sh checks what this leaves in /out.
set -eu
T=/sys/kernel/tracing

insmod /gibsmoke.ko ticks=5	# 5 ticks on load, before the event can be enabled
grep gibsmoke /proc/modules >/out/modules-loaded.txt
cat $T/events/gibsmoke/tick/format >/out/format.txt
echo >$T/trace
echo 1 >$T/events/gibsmoke/tick/enable
echo 1000 >/sys/module/gibsmoke/parameters/ticks
echo 0 >$T/events/gibsmoke/tick/enable
cp $T/trace /out/trace.txt
grep -c ' tick: n=' /out/trace.txt >/out/count || true
rmmod gibsmoke
if grep -q '^gibsmoke ' /proc/modules; then
	echo "gibsmoke still loaded after rmmod"
	exit 1
fi
echo "smoke: $(cat /out/count) tick events traced"
