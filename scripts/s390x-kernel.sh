#!/usr/bin/env bash
# scripts/s390x-kernel.sh: fetches (once) what an s390x guest and an s390x module build
# need, and prints the folder that holds them, <cache>/kernel-<release>:
#   boot/vmlinuz-<rel>, boot/config-<rel>, lib/modules/<rel>/   Debian's s390x kernel
#   usr/src/linux-headers-<rel>/    its headers (KDIR), made to work from this folder:
#                                   the amd64 build of linux-kbuild-6.1 of the same
#                                   version under usr/lib/, the Makefile pointing at the
#                                   -common folder here
#   bin/busybox                     busybox-static for s390x
#   release                         <rel>
# The kernel is the one Debian's metapackage linux-image-s390x depends on today (found
# at run time). Without the package lists (offline), the newest complete folder in the
# cache is used. Exits 77 when neither is there.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=s390x-lib.sh
source "$here/s390x-lib.sh"

cache=$(gt_s390x_cache)
gt_s390x_lock
dir=$(gt_s390x_kernel_dir "$cache" kernel) || exit $?
if [[ -f $dir/.complete ]]; then
	echo "$dir"
	exit 0
fi
rel=${dir##*/kernel-}
img=linux-image-$rel

ver=$(apt-cache show --no-all-versions "linux-headers-$rel:s390x" | sed -n 's/^Version: //p')
common=$(gt_s390x_depends "linux-headers-$rel:s390x" | grep '^linux-headers-.*-common$')
kbuild=$(gt_s390x_depends "linux-headers-$rel:s390x" | grep '^linux-kbuild-'):amd64
# The kbuild tools of the headers' own version, if the archive still has it.
if apt-cache madison "$kbuild" | grep -q " $ver | .* amd64 Packages"; then
	kbuild+="=$ver"
fi
rm -rf "$dir" "$dir.part"
gt_s390x_fetch "$dir.part" "$img" "linux-headers-$rel" "$common:all" "$kbuild" busybox-static
part=$dir.part
kdir=$part/usr/src/linux-headers-$rel
[[ -f $part/boot/vmlinuz-$rel && -d $part/lib/modules/$rel && -f $kdir/Makefile ]] ||
	{ gt_s390x_log "the s390x kernel packages of $rel are incomplete"; exit 1; }
[[ -x $part/bin/busybox ]] || { gt_s390x_log "no bin/busybox in busybox-static:s390x"; exit 1; }
# The headers' Makefile includes the -common one by its installed path: make it ours.
sed -i "s|^include /usr/src/|include $dir/usr/src/|" "$kdir/Makefile"
grep -q "^include $dir/usr/src/$common/Makefile" "$kdir/Makefile" ||
	{ gt_s390x_log "unexpected $kdir/Makefile: $(cat "$kdir/Makefile")"; exit 1; }
# scripts/ and tools/ are relative links to ../../lib/linux-kbuild-*: the amd64 ones now.
[[ -x $kdir/scripts/basic/fixdep ]] || { gt_s390x_log "no kbuild host tools in $kdir/scripts"; exit 1; }
echo "$rel" >"$part/release"
touch "$part/.complete"
mv "$part" "$dir"
gt_s390x_log "s390x kernel $rel ready in $dir"
echo "$dir"
