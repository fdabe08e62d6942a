#!/bin/sh
# In the guest, for t-gibko-nonroot.sh.
set -eu
insmod /gib.ko
dev=$(cat /sys/class/misc/gib/dev)
mknod /tmp/gib-0666 c "${dev%%:*}" "${dev##*:}"
chmod 0666 /tmp/gib-0666
chmod 0755 /tmp
rc=0
/gibko-nonroot /dev/gib /tmp/gib-0666 >/out/nonroot.txt || rc=$?
cat /out/nonroot.txt
/gibko-fuzz api >/out/root.txt
rmmod gib
exit $rc
