#!/bin/sh
# In the guest, for t-record-policies.sh: each policy's run of gibko-short.scn, recorded
# with the BPF backend; exit statuses in /out/P.rc.
set -eu
insmod /gib.ko
for p in v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait; do
	rc=0
	/gibtrace record -o /out/$p.gtr -- /gibtrace run /short.scn --policy $p --json \
		>/out/$p.out 2>/out/$p.err || rc=$?
	echo $rc >/out/$p.rc
done
rmmod gib
