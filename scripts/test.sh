#!/usr/bin/env bash
# The whole test suite, built and run twice: under ASan+UBSan (build/asan) and under
# TSan (build/tsan). GIB_CI_SCALE, if set, reaches the tests through the environment.
# The last line is 'tests: N passed, M failed'; a tree that fails to configure or build
# counts as one failed test. Exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

scripts/deps.sh

passed=0
failed=0
summary=()

# run_tree DIR SANITIZER BUILD_TYPE
run_tree()
{
	local dir=$1 sanitize=$2 type=$3 log=$1/ctest.log
	local start=$SECONDS built ran rc=0 line total nfail

	echo "=== $dir: GIB_SANITIZE=$sanitize CMAKE_BUILD_TYPE=$type"
	if ! cmake -S . -B "$dir" -DGIB_SANITIZE="$sanitize" -DCMAKE_BUILD_TYPE="$type" ||
	   ! cmake --build "$dir" -j"$(nproc)"; then
		failed=$((failed + 1))
		summary+=("$dir: configure or build FAILED after $((SECONDS - start))s (counted as 1 failed)")
		return
	fi
	built=$((SECONDS - start))

	(cd "$dir" && ctest --output-on-failure) 2>&1 | tee "$log" || rc=$?
	ran=$((SECONDS - start - built))

	# ctest ends with "NN% tests passed, M tests failed out of T".
	line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1) || true
	if [[ -n $line ]]; then
		nfail=$(sed -E 's/.*, ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
		total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
		passed=$((passed + total - nfail))
		failed=$((failed + nfail))
		if [[ $rc -ne 0 && $nfail -eq 0 ]]; then
			failed=$((failed + 1))
			line="$line; but ctest exited $rc (counted as 1 failed)"
		fi
	elif [[ $rc -ne 0 ]]; then
		failed=$((failed + 1))
		line="ctest exited $rc without a summary (counted as 1 failed)"
	else
		line="no tests"
	fi
	summary+=("$dir: build ${built}s, ctest ${ran}s: $line")
}

echo "GIB_CI_SCALE=${GIB_CI_SCALE-(unset)}"
run_tree build/asan asan-ubsan Debug
run_tree build/tsan tsan RelWithDebInfo

echo
printf '%s\n' "${summary[@]}"
echo "tests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
