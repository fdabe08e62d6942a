#!/usr/bin/env bash
# scripts/s390x-build.sh BUILD_DIR [TARGET...]: configures BUILD_DIR (once) as an s390x
# cross build of this source tree (cmake/s390x-linux-gnu.cmake, the sysroot of
# scripts/s390x-sysroot.sh, no tests), builds TARGET (gibtrace-static by default) and
# prints the path of each target's file. Exits 77 when the cross compiler or the s390x
# packages are missing.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(dirname "$here")
if [[ $# -lt 1 ]]; then
	echo "usage: $0 BUILD_DIR [TARGET...]" >&2
	exit 2
fi
build=$1
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(gibtrace-static)
if ! command -v s390x-linux-gnu-gcc >/dev/null 2>&1 ||
	[[ ! -f /usr/s390x-linux-gnu/include/stdio.h ]]; then
	echo "s390x-build: no s390x cross compiler (install gcc-s390x-linux-gnu and" \
		"libc6-dev-s390x-cross: scripts/deps.sh)" >&2
	exit 77
fi
sysroot=$("$here/s390x-sysroot.sh") || exit $?
# A new sysroot (newer packages) means a new configure: the cache holds the old paths.
if [[ -f $build/CMakeCache.txt ]] &&
	! grep -qx "GIB_S390X_SYSROOT:UNINITIALIZED=$sysroot" "$build/CMakeCache.txt" &&
	! grep -qx "GIB_S390X_SYSROOT:PATH=$sysroot" "$build/CMakeCache.txt"; then
	rm -rf "$build"
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
	cmake -S "$top" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$top/cmake/s390x-linux-gnu.cmake" \
		-DGIB_S390X_SYSROOT:PATH="$sysroot" -DBUILD_TESTING=OFF -DGIB_SANITIZE= >&2
fi
cmake --build "$build" --target "${targets[@]}" -j"$(nproc)" >&2
for t in "${targets[@]}"; do
	[[ -x $build/$t ]] || { echo "s390x-build: no $build/$t" >&2; exit 1; }
	readlink -f "$build/$t"
done
