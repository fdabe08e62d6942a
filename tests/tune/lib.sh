# shellcheck shell=bash disable=SC2034
# Sourced by the tune tests: the sweep they share and small helpers.
#   usage of a test: t-NAME.sh GIBTRACE SCENARIO WORKDIR
# The sweep: scenarios/ap-burst.scn under upstream, 3 x 3 x 2 = 18 configurations in ~0.6 s
# (Release; ~4 s under ASan). Its front has a real trade-off (p99 21.9 us against 1368 us for
# kicked_clear=1/0) and ties (the period barely matters), so ordering and deduplication show.
set -euo pipefail

GT=$(readlink -f "$1")
SCENARIO=$(readlink -f "$2")
W=$3
ROOT=$(readlink -f "$(dirname "${BASH_SOURCE[0]}")/../..")
SWEEP=(--policy upstream --param period=10us:40us:log --param halt_poll=0:200us:100us
	--param kicked_clear=0:1:1)
NCONF=18

rm -rf "$W"
mkdir -p "$W"
cd "$W"

fail()
{
	echo "FAIL: $*" >&2
	exit 1
}

skip()
{
	echo "SKIP: $*"
	exit 77
}

# same FILE1 FILE2 WHAT: byte for byte, or fail with the difference
same()
{
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -40 >&2 || true
		fail "$3: $1 and $2 differ"
	fi
	echo "ok: $3 ($(wc -l <"$1") lines, byte for byte)"
}

# results FILE: the number of result lines in a results file
results()
{
	grep -vc '^#' "$1" || true
}

"$GT" gen "$SCENARIO" -o trace.gtr >/dev/null
