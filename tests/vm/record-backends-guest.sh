#!/bin/sh
# In the guest, for t-record-backends.sh: gibko-short.scn under upstream, recorded once
# per backend; exit statuses in /out/B.rc.
set -eu
insmod /gib.ko
for b in bpf tracefs; do
	rc=0
	/gibtrace record --backend $b -o /out/$b.gtr -- /gibtrace run /short.scn --json \
		>/out/$b.out 2>/out/$b.err || rc=$?
	echo $rc >/out/$b.rc
done
rmmod gib
