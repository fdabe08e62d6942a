#!/bin/sh
# In the QEMU guest, for record-all.sh: each scenario under /scn/ run in gib.ko under each
# policy, recorded with `gibtrace record` (BPF backend). Writes /out/SCN/POLICY.gtr and,
# beside it, POLICY.out (run's JSON, then record's summary), POLICY.err, POLICY.rc and
# POLICY.cmd (the command line); /out/uname (the guest kernel's release).
set -eu
uname -r >/out/uname
insmod /gib.ko
for scn in /scn/*.scn; do
	name=$(basename "$scn" .scn)
	mkdir -p "/out/$name"
	# shellcheck disable=SC2013 # one name a line, no spaces
	for p in $(cat /policies); do
		rc=0
		cmd="gibtrace record -o $name/$p.gtr -- gibtrace run $name.scn --policy $p --json"
		echo "$cmd" >"/out/$name/$p.cmd"
		echo "gt-record: $name $p at $(cut -d' ' -f1 /proc/uptime)s"
		/gibtrace record -o "/out/$name/$p.gtr" -- /gibtrace run "$scn" --policy "$p" \
			--json >"/out/$name/$p.out" 2>"/out/$name/$p.err" || rc=$?
		echo $rc >"/out/$name/$p.rc"
	done
done
rmmod gib
