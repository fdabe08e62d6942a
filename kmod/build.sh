#!/usr/bin/env bash
# kmod/build.sh OUT_DIR [KDIR]: builds gib.ko in OUT_DIR against KDIR (default: the
# headers of the kernel the VM harness boots, tests/vm/vm.sh headers: the cloud kernel's
# /usr/lib/modules/<rel>/build, or with GT_VM_ARCH=s390x Debian's s390x kernel's, cross
# compiled with ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-).
# OUT_DIR gets the glue's files (copied: Kbuild writes its objects next to them),
# core/ with a symlink per core/*.c and core/*.h of the repository and include/ as a
# symlink to the repository's include/: the core is compiled from its own files.
# Prints the path of gib.ko.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(dirname "$here")
if [[ $# -lt 1 ]]; then
	echo "usage: $0 OUT_DIR [KDIR]" >&2
	exit 2
fi
mkdir -p "$1"
out=$(readlink -f "$1")
case $out in "$here" | "$here"/* | "$top/core" | "$top/core"/*)
	echo "build.sh: OUT_DIR must be outside kmod/ and core/" >&2
	exit 2
	;;
esac
kdir=${2:-}
# shellcheck source-path=SCRIPTDIR source=../tests/vm/vm.sh
source "$top/tests/vm/vm.sh"
if [[ -z $kdir ]]; then
	vm_arch_ok
	kdir=$(vm_kernel_file headers "$(vm_kernel_release)")
fi
if [[ ! -f $kdir/Makefile ]]; then
	echo "build.sh: no kernel headers in $kdir (install linux-headers-cloud-amd64)" >&2
	exit 77
fi
rm -rf "$out/core" "$out/include"
mkdir -p "$out/core"
cp "$here/Kbuild" "$here"/*.c "$here"/*.h "$out/"
for f in "$top"/core/*.c "$top"/core/*.h; do
	ln -s "$f" "$out/core/$(basename "$f")"
done
ln -s "$top/include" "$out/include"
# shellcheck disable=SC2046 # no variable, or several
make -C "$kdir" M="$out" $(vm_make_vars) modules -j"$(nproc)" >&2
[[ -f $out/gib.ko ]] || { echo "build.sh: no gib.ko in $out" >&2; exit 1; }
echo "$out/gib.ko"
