#!/bin/sh
# In the guest (busybox sh, root), for record-data.sh: gib.ko loaded, `trace-cmd record`
# of every gib:* event around `gibtrace run /short.scn` (-> /out/trace.dat). trace-cmd
# and its libraries are under /tc/bin and /lib/x86_64-linux-gnu. /proc/kallsyms is hidden:
# the file keeps no kernel symbols (gib:* events need none), to stay small.
set -eu
# no kernel symbols in the file (3.6 MB of them, ~800 KiB compressed): gib:* events
# carry no addresses. An empty file bound over /proc/kallsyms.
: >/tmp/nosyms
mount -o bind /tmp/nosyms /proc/kallsyms
insmod /gib.ko
cd /tmp
/tc/bin/trace-cmd record -q -b "$(cat /tc/buf_kb)" -e 'gib:*' -o /out/trace.dat \
	/gibtrace run /short.scn --policy upstream --json >/out/run.out 2>/out/trace-cmd.log || {
	echo "trace-cmd record failed:"
	cat /out/trace-cmd.log /out/run.out
	exit 1
}
rm -f /out/trace.dat.cpu*
rmmod gib
ls -l /out
