#!/usr/bin/env bash
# ctest vm-gibko-cycles: GIBKO_CYCLES times (20; a soak: 1000) load gib.ko, run traffic
# through /dev/gib (gibko-destroy: VMs with device posts, alerts, GAL interruptions and
# kicker timers, the fd closed after a few ms), try to unload it while the fd is open
# (the kernel must refuse: the module is in use), then unload it; dmesg must stay clean.
set -euo pipefail
GIBKO_TEST=vm-gibko-cycles
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-cycles.sh WORK_DIR}"
count=${GIBKO_CYCLES:-20}
[[ $count =~ ^[0-9]+$ ]] || gibko_fail "GIBKO_CYCLES=$count is not a number"
script=$GIBKO_WORK/cycles-guest.sh
cat >"$script" <<GUEST
#!/bin/sh
set -eu
busy=0
raced=0
i=0
while [ \$i -lt $count ]; do
	insmod /gib.ko
	/gibko-destroy 2 \$i >/dev/null &
	pid=\$!
	usleep 3000
	# in use while the traffic holds /dev/gib open: rmmod must be refused then
	if ls -l /proc/\$pid/fd 2>/dev/null | grep -q /dev/gib; then
		if rmmod gib 2>/dev/null; then
			# the fd may have closed between the look and rmmod: only a fd
			# still open after a successful rmmod is a bug
			if ls -l /proc/\$pid/fd 2>/dev/null | grep -q /dev/gib; then
				echo "cycle \$i: rmmod gib succeeded while /dev/gib was open"
				exit 1
			fi
			raced=\$((raced + 1))
		else
			busy=\$((busy + 1))
		fi
	fi
	wait \$pid || true
	if grep -q '^gib ' /proc/modules; then
		rmmod gib
	fi
	i=\$((i + 1))
done
echo "gibko-cycles: \$i cycles, rmmod refused under traffic \$busy times (\$raced raced a close)" | tee /out/cycles.txt
GUEST
gibko_vm "$script" --timeout $((120 + count / 2))
out=$GIBKO_WORK/out
grep -q "^gibko-cycles: $count cycles" "$out/cycles.txt" 2>/dev/null ||
	gibko_fail "$(cat "$out/script.log")"
echo "vm-gibko-cycles: PASS: $(cat "$out/cycles.txt")"
