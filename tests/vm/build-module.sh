#!/usr/bin/env bash
# build-module.sh SRC_DIR OUT_DIR: builds the out-of-tree module in SRC_DIR against the
# headers of the kernel the VM boots (vm.sh headers: /usr/lib/modules/<release>/build; with
# GT_VM_ARCH=s390x the s390x kernel's, cross-compiled). SRC_DIR is
# copied into OUT_DIR first, so the source tree stays clean; GT_TESTS (this tests/ folder)
# tells its Kbuild where headers it shares with other modules are. Prints the .ko path(s).
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=vm.sh
source "$here/vm.sh"

if [[ $# -ne 2 || ! -d $1 ]]; then
	echo "usage: $0 SRC_DIR OUT_DIR" >&2
	exit 2
fi
src=$(readlink -f "$1")
mkdir -p "$2"
out=$(readlink -f "$2")
if [[ $out == "$src" || $out == "$src"/* ]]; then
	echo "build-module: OUT_DIR must not be SRC_DIR or inside it" >&2
	exit 2
fi

vm_arch_ok
rel=$(vm_kernel_release)
kdir=$(vm_kernel_file headers "$rel")
if [[ ! -f $kdir/Makefile ]]; then
	echo "build-module: no headers in $kdir (install linux-headers-cloud-amd64)" >&2
	exit 77
fi

cp -a "$src/." "$out/"
# Kbuild's output goes to stderr so that stdout is just the module path(s).
# shellcheck disable=SC2046 # no variable, or several
make -C "$kdir" M="$out" GT_TESTS="$(dirname "$here")" $(vm_make_vars) modules -j"$(nproc)" >&2
found=$(find "$out" -maxdepth 1 -name '*.ko' | LC_ALL=C sort)
if [[ -z $found ]]; then
	echo "build-module: make succeeded but no .ko in $out" >&2
	exit 1
fi
printf '%s\n' "$found"
