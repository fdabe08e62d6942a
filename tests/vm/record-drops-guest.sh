#!/bin/sh
# In the guest, for t-record-drops.sh: record-fast.scn recorded through a tiny buffer,
# once per backend; exit statuses in /out/B.rc.
set -eu
insmod /gib.ko
rc=0
/gibtrace record -b 4096 -o /out/bpf.gtr -- /gibtrace run /record-fast.scn --json \
	>/out/bpf.out 2>/out/bpf.err || rc=$?
echo $rc >/out/bpf.rc
rc=0
/gibtrace record --backend tracefs -b 4096 -o /out/tracefs.gtr -- \
	/gibtrace run /record-fast.scn --json >/out/tracefs.out 2>/out/tracefs.err || rc=$?
echo $rc >/out/tracefs.rc
rmmod gib
