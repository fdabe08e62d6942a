#!/usr/bin/env bash
# ctest vm-s390x-record: the recorder on emulated s390x. tests/vm/t-record-policies.sh run
# with GT_VM_ARCH=s390x: gib.ko and gibtrace-static cross-built, `gibtrace record` (the
# bpfeb object, interpreted) of gibko-short.scn under each policy in qemu-system-s390x;
# per type, recorded + dropped == gib.ko's own counters, no ring-buffer drops. Then here:
# each file is big-endian and says s390x, and replays on this host exactly as a
# little-endian copy of its records does (replay-lib.sh).
#
#   t-vm-record.sh WORK_DIR GIBTRACE GTR_DUMP GTR_BYTEORDER GTR_EXO
# GIBTRACE: this host's gibtrace (the checks run here; the guest gets the s390x build).
set -euo pipefail
name=vm-s390x-record
fail() { echo "$name: FAIL: $*"; exit 1; }
[[ $# -eq 5 ]] || { echo "usage: t-vm-record.sh WORK_DIR GIBTRACE GTR_DUMP GTR_BYTEORDER GTR_EXO" >&2; exit 2; }
mkdir -p "$1"
work=$(readlink -f "$1")
gt=$(readlink -f "$2")
reorder=$(readlink -f "$4")
exo=$(readlink -f "$5")
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=replay-lib.sh
source "$here/replay-lib.sh"

rc=0
GT_VM_ARCH=s390x bash "$here/../vm/t-record-policies.sh" "$work/vm" "$gt" "$3" |
	sed -u "s/^vm-record-policies/$name/" || rc=${PIPESTATUS[0]}
[[ $rc == 0 ]] || exit "$rc"

n=0
for p in v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait; do
	f=$work/vm/out/$p.gtr
	[[ -s $f ]] || fail "no $f"
	[[ $(info_val "$f" byte_order) == big ]] || fail "$p: the recording is not big-endian"
	[[ $(info_val "$f" arch) == s390x ]] || fail "$p: the header does not say s390x"
	"$reorder" "$f" "$work/le.gtr" little || fail "$p: gtr-byteorder"
	same_replay "$f" "$work/le.gtr" || fail "$p: big- and little-endian replays differ (above)"
	n=$((n + 1))
done
echo "$name: PASS: $n s390x recordings exact against gib.ko's counters, big-endian, replayed here as their little-endian copies"
