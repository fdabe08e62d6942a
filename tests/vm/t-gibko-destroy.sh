#!/usr/bin/env bash
# ctest vm-gibko-destroy: gibko-destroy closes /dev/gib with alerts, GAL interruptions
# and kicker timers in flight, GIBKO_DESTROY_COUNT times (50; a soak: 1000), then
# rmmod; dmesg must stay clean.
set -euo pipefail
GIBKO_TEST=vm-gibko-destroy
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-destroy.sh WORK_DIR}"
count=${GIBKO_DESTROY_COUNT:-50}
[[ $count =~ ^[0-9]+$ ]] || gibko_fail "GIBKO_DESTROY_COUNT=$count is not a number"
script=$GIBKO_WORK/destroy-guest.sh
cat >"$script" <<GUEST
#!/bin/sh
set -eu
insmod /gib.ko
/gibko-destroy $count \$(date +%s) | tee /out/destroy.txt
rmmod gib
GUEST
gibko_vm "$script" --timeout $((120 + count / 5))
out=$GIBKO_WORK/out
grep -q "^gibko-destroy: $count rounds" "$out/destroy.txt" || gibko_fail "$(cat "$out/script.log")"
alerts=$(sed -E 's/.*: ([0-9]+) alerts.*/\1/' "$out/destroy.txt")
[[ $alerts -gt 0 ]] || gibko_fail "no alert before the closes: $(cat "$out/destroy.txt")"
echo "vm-gibko-destroy: PASS: $(cat "$out/destroy.txt")"
