#!/usr/bin/env bash
# Build the libFuzzer target of the trace reader (fuzz-reader.c) with clang and run it.
#
#   tests/format/fuzz.sh BUILD_DIR [TEST_FORMAT] [libFuzzer options...]
#
# BUILD_DIR receives the binary (fuzz-reader), the seed corpus and crash artifacts.
# The seeds: the golden files, plus the files `TEST_FORMAT --write-seeds` writes when the
# test-format binary is given. New inputs go to a fresh corpus directory under
# BUILD_DIR, unless FUZZ_CORPUS names a persistent one (bench/fuzz-soak.sh). Without
# options it runs -max_total_time=20. Prints the executions and their rate; exits 77
# (skip) when clang or libFuzzer is missing, non-zero when the fuzzer finds a crash.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
[[ $# -ge 1 ]] || { echo "usage: $0 BUILD_DIR [TEST_FORMAT] [libFuzzer options...]" >&2; exit 2; }
build=$1
shift
test_format=
if [[ $# -ge 1 && $1 != -* ]]; then
	test_format=$1
	shift
fi
[[ $# -ge 1 ]] || set -- -max_total_time=20

cc=${FUZZ_CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: skipped: $cc not found (libFuzzer needs clang; scripts/deps.sh installs it)"
	exit 77
fi
mkdir -p "$build"
probe=$build/probe.c
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n; }' >"$probe"
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe" -o "$build/probe" >"$build/probe.log" 2>&1; then
	echo "fuzz: skipped: $cc cannot link -fsanitize=fuzzer,address,undefined (libFuzzer or" \
		"the sanitizer runtimes missing):"
	sed 's/^/fuzz:   /' "$build/probe.log" | head -n 5
	exit 77
fi

bin=$build/fuzz-reader
sources=("$root"/lib/*.c "$here/fuzz-reader.c")
rebuild=0
[[ -x $bin ]] || rebuild=1
for f in "${sources[@]}" "$root"/lib/*.h "$root"/include/gibtrace/*.h; do
	[[ $f -nt $bin ]] && rebuild=1
done
if [[ $rebuild -eq 1 ]]; then
	echo "fuzz: building $bin with $("$cc" --version | head -n 1)"
	"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$root/include" -I"$root/lib" "${sources[@]}" -lzstd -lpthread -o "$bin"
fi

seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
cp "$here"/golden/*.gtr "$seeds"/
if [[ -n $test_format ]]; then
	"$test_format" --write-seeds "$seeds"
fi
if [[ -n ${FUZZ_CORPUS:-} ]]; then
	corpus=$FUZZ_CORPUS
else
	corpus=$build/corpus.$$
	rm -rf "$corpus"
	trap 'rm -rf "$corpus"' EXIT
fi
mkdir -p "$corpus"
echo "fuzz: $bin $* $corpus $seeds ($(ls "$seeds" | wc -l) seeds)"
log=$build/fuzz.log
set +e
"$bin" -artifact_prefix="$build/" -print_final_stats=1 "$@" "$corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
if [[ $rc -ne 0 ]]; then
	tail -n 60 "$log"
	echo "fuzz: FAILED (exit $rc) after ${runs:-?} executions; the input is in $build/"
	exit 1
fi
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" | sed 's/^/fuzz: /' || true
echo "fuzz: ${runs:-?} executions in ${secs:-?} s, ${rate:-?} exec/s, no crash"
