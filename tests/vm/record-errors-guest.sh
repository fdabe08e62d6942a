#!/bin/sh
# In the guest, for t-record-errors.sh: bad invocations of gibtrace record, each one's
# output in /out/NAME.out and exit status in /out/NAME.rc.
set -u
G=/gibtrace
t()
{
	name=$1
	shift
	rc=0
	"$@" >/out/$name.out 2>&1 || rc=$?
	echo $rc >/out/$name.rc
}
t nomod $G record -o /tmp/nomod.gtr -- /bin/true
t nomod-tracefs $G record --backend tracefs -o /tmp/nomod2.gtr -- /bin/true
ls /tmp/nomod.gtr /tmp/nomod2.gtr >/out/leftover 2>/dev/null || true
insmod /gib.ko
t bogus $G record -e bogus -o /tmp/bogus.gtr -- /bin/true
t unwritable $G record -o /proc/nope -- /bin/true
t unwritable-tracefs $G record --backend tracefs -o /proc/nope -- /bin/true
mkdir -p /tmp/user
chown 1000:1000 /tmp/user
chmod 0755 /tmp
t nonroot /record-asuser $G record -o /tmp/user/a.gtr -- /bin/true
t nonroot-tracefs /record-asuser $G record --backend tracefs -o /tmp/user/b.gtr -- /bin/true
ls /tmp/user/a.gtr /tmp/user/b.gtr >>/out/leftover 2>/dev/null || true
t ok $G record -o /tmp/ok.gtr -- /bin/true
t ok-tracefs $G record --backend tracefs -o /tmp/ok2.gtr -- /bin/true
t cmd-fails $G record -o /tmp/fails.gtr -- /bin/false
rmmod gib
