#!/usr/bin/env bash
# kmod/build.sh OUT_DIR [KDIR]: builds gib.ko in OUT_DIR against KDIR (default: the
# headers of the cloud kernel the VM harness boots, /usr/lib/modules/<rel>/build).
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
if [[ -z $kdir ]]; then
	# shellcheck source-path=SCRIPTDIR source=../tests/vm/vm.sh
	source "$top/tests/vm/vm.sh"
	kdir=/usr/lib/modules/$(vm_kernel_release)/build
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
make -C "$kdir" M="$out" modules -j"$(nproc)" >&2
[[ -f $out/gib.ko ]] || { echo "build.sh: no gib.ko in $out" >&2; exit 1; }
echo "$out/gib.ko"
