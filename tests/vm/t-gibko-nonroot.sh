#!/usr/bin/env bash
# ctest vm-gibko-nonroot: uid 1000 cannot open /dev/gib: EACCES from the node's 0600
# mode, and EPERM from gib.ko's own CAP_SYS_ADMIN check through a 0666 copy of the node;
# root can.
set -euo pipefail
GIBKO_TEST=vm-gibko-nonroot
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-nonroot.sh WORK_DIR}"
gibko_vm "$gibko_here/gibko-nonroot-guest.sh" --timeout 120
out=$GIBKO_WORK/out
grep -q '^gibko-nonroot: /dev/gib: refused: Permission denied' "$out/nonroot.txt" ||
	gibko_fail "$(cat "$out/script.log")"
grep -q '^gibko-nonroot: /tmp/gib-0666: refused: Operation not permitted' "$out/nonroot.txt" ||
	gibko_fail "$(cat "$out/script.log")"
grep -q '^api 1 ' "$out/root.txt" || gibko_fail "root could not open /dev/gib"
echo "vm-gibko-nonroot: PASS: uid 1000 refused (EACCES by mode, EPERM by gib.ko), root opens"
