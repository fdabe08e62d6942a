#!/usr/bin/env bash
# Makes tests/convert/data/kvm-short.{dat,perf.data,kallsyms}: gib.ko and kvmtp.ko
# (kvm-s390-tp/: gib.ko's steps re-emitted as upstream's kvm and kvm-s390 tracepoints)
# in a QEMU guest (tests/vm/vm.sh) running `gibtrace run tests/vm/gibko-short.scn`
# twice: once under `trace-cmd record` (-> kvm-short.dat) and once under `perf record`
# (-> kvm-short.perf.data), each with the upstream-named events, the timer:hrtimer_*
# events and, as the ground truth of the same run, gib:*. The host's trace-cmd, perf and
# their libraries are copied into the guest.
#   record-kvm-data.sh GIBTRACE_STATIC [WORK_DIR]
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
GIBKO_TEST=convert-record-kvm
# shellcheck source-path=SCRIPTDIR source=../vm/gibko-lib.sh
source "$here/../vm/gibko-lib.sh"
gibko_prepare "${2:-/tmp/gt-convert-kvm}" "${1:?usage: record-kvm-data.sh GIBTRACE_STATIC [WORK]}"
# kvmtp.ko links against gib.ko's exported tracepoints (Module.symvers)
GIB_KMOD=$GIBKO_WORK/mod KBUILD_EXTRA_SYMBOLS=$GIBKO_WORK/mod/Module.symvers \
	"$here/../vm/build-module.sh" "$here/kvm-s390-tp" "$GIBKO_WORK/kvmtp" >/dev/null
stage=$GIBKO_WORK/stage
rm -rf "$stage"
mkdir -p "$stage/tc/bin" "$stage/libs"
cp /usr/bin/trace-cmd /usr/bin/perf "$stage/tc/bin/"
for lib in $(ldd /usr/bin/trace-cmd /usr/bin/perf | awk '/=> \// { print $3 }' | sort -u); do
	cp -L "$lib" "$stage/libs/"
done
GIBKO_FILES+=("$GIBKO_WORK/kvmtp/kvmtp.ko:/kvmtp.ko" "$here/record-kvm-guest.sh:/record-kvm.sh"
	"$stage/tc:/tc" "$stage/libs:/lib/x86_64-linux-gnu"
	/lib64/ld-linux-x86-64.so.2:/lib64/ld-linux-x86-64.so.2)
gibko_vm "$here/record-kvm-guest.sh" --timeout 400 --mem 1G
ls -l "$GIBKO_WORK/out"
echo "files: $GIBKO_WORK/out/{kvm-short.dat,kvm-short.perf.data,kvm-short.kallsyms}"
