#!/usr/bin/env bash
# Soak of the trace reader's libFuzzer target: 10^8 executions (hours), the same build
# and seeds as the ctest format-fuzz-short (tests/format/fuzz.sh), with a corpus kept
# between runs so a soak resumes where the last one stopped.
#
#   bench/fuzz-soak.sh [BUILD_DIR] [RUNS]
#
#   e.g. cmake --build build/release --target test-format &&
#        bench/fuzz-soak.sh build/fuzz-soak 100000000
#
# BUILD_DIR defaults to build/fuzz-soak, RUNS to 100000000. The corpus is
# BUILD_DIR/corpus; a crash leaves its input as BUILD_DIR/crash-*, reproduced by
# `BUILD_DIR/fuzz-reader BUILD_DIR/crash-...`. Seeds: the golden files, plus the
# generated ones when a test-format binary is found (TEST_FORMAT=path to name one).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/fuzz-soak}
runs=${2:-100000000}
test_format=${TEST_FORMAT:-}
if [[ -z $test_format ]]; then
	for t in "$root"/build/*/tests/format/test-format /tmp/f-asan/tests/format/test-format; do
		if [[ -x $t ]]; then
			test_format=$t
			break
		fi
	done
fi
mkdir -p "$build/corpus"
FUZZ_CORPUS=$build/corpus exec bash "$root/tests/format/fuzz.sh" "$build" $test_format \
	-runs="$runs" -print_pcs=0
