#!/usr/bin/env bash
# ctest vm-gibko-fuzz: gibko-fuzz issues GIBKO_FUZZ_COUNT (100000) random ioctls on
# /dev/gib (random requests, sizes, payloads and pointers, and valid calls that start
# and stop schedules); no oops, no WARN, dmesg clean, and rmmod works afterwards.
set -euo pipefail
GIBKO_TEST=vm-gibko-fuzz
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-fuzz.sh WORK_DIR}"
count=${GIBKO_FUZZ_COUNT:-100000}
[[ $count =~ ^[0-9]+$ ]] || gibko_fail "GIBKO_FUZZ_COUNT=$count is not a number"
script=$GIBKO_WORK/fuzz-guest.sh
cat >"$script" <<GUEST
#!/bin/sh
set -eu
insmod /gib.ko
/gibko-fuzz $count \$(date +%s) | tee /out/fuzz.txt
rmmod gib
GUEST
gibko_vm "$script" --timeout $((150 + count / 2000))
out=$GIBKO_WORK/out
grep -q "^gibko-fuzz: $count ioctls issued" "$out/fuzz.txt" || gibko_fail "$(cat "$out/script.log")"
echo "vm-gibko-fuzz: PASS: $(cat "$out/fuzz.txt"), dmesg clean"
