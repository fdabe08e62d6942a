#!/usr/bin/env bash
# Makes tests/convert/data/gibko-short.dat: a QEMU guest (tests/vm/vm.sh) loads gib.ko and
# runs `gibtrace run tests/vm/gibko-short.scn` (gibtrace-static) under `trace-cmd record
# -e 'gib:*'`; the host's trace-cmd and its libraries are copied into the guest, as
# bench/format.sh does.
#   record-data.sh GIBTRACE_STATIC [WORK_DIR]
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
GIBKO_TEST=convert-record
# shellcheck source-path=SCRIPTDIR source=../vm/gibko-lib.sh
source "$here/../vm/gibko-lib.sh"
gibko_prepare "${2:-/tmp/gt-convert-rec}" "${1:?usage: record-data.sh GIBTRACE_STATIC [WORK]}"
stage=$GIBKO_WORK/stage
rm -rf "$stage"
mkdir -p "$stage/tc/bin" "$stage/libs"
cp /usr/bin/trace-cmd "$stage/tc/bin/"
for lib in $(ldd /usr/bin/trace-cmd | awk '/=> \// { print $3 }' | sort -u); do
	cp -L "$lib" "$stage/libs/"
done
# per-CPU ring buffer, KiB: big enough to lose nothing (BUF_KB=... to make it lose)
echo "${BUF_KB:-8192}" >"$stage/tc/buf_kb"
GIBKO_FILES+=("$stage/tc:/tc" "$stage/libs:/lib/x86_64-linux-gnu"
	/lib64/ld-linux-x86-64.so.2:/lib64/ld-linux-x86-64.so.2)
gibko_vm "$here/record-guest.sh" --timeout 300 --mem 1G
ls -l "$GIBKO_WORK/out"
echo "trace.dat: $GIBKO_WORK/out/trace.dat"
