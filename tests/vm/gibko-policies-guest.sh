#!/bin/sh
# In the guest, for t-gibko-policies.sh.
set -eu
T=/sys/kernel/tracing
insmod /gib.ko
echo 16384 >$T/buffer_size_kb
echo >$T/trace
echo 1 >$T/events/gib/enable
/gibtrace run /short.scn --policy upstream --json >/out/upstream.json
echo 0 >$T/events/gib/enable
grep -c ' airq_post: ' $T/trace >/out/traced-posts || true
grep -o ' [a-z_]*: vm=' $T/trace | sort | uniq -c >/out/traced-events.txt || true
for p in v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm; do
	/gibtrace run /short.scn --policy $p --json >/out/$p.json
done
/gibtrace run /short.scn --policy upstream:period=20us,fanout=2
rmmod gib
