#!/usr/bin/env bash
# scripts/s390x-sysroot.sh: makes (once) a sysroot of the s390x static libraries that
# gibtrace-static links (libbpf, libelf, zlib, libzstd, libtracefs, libtraceevent), from
# Debian's s390x -dev packages unpacked with dpkg -x, and prints its path. The C library
# comes from the cross compiler (libc6-dev-s390x-cross). The sysroot is
# <cache>/sysroot-<key>, the key being the packages' versions, so a newer package makes
# a new one. Exits 77 when the s390x package lists cannot be had.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=s390x-lib.sh
source "$here/s390x-lib.sh"

pkgs=(libbpf-dev libelf-dev zlib1g-dev libzstd-dev libtracefs-dev libtraceevent-dev)

gt_s390x_apt_ready || exit $?
cache=$(gt_s390x_cache)
gt_s390x_lock
key=$(apt-cache policy "${pkgs[@]/%/:s390x}" | grep -E '^[^ ]|Candidate:' | sha256sum | cut -c1-12)
root=$cache/sysroot-$key
if [[ ! -f $root/.complete ]]; then
	rm -rf "$root"
	gt_s390x_fetch "$root.part" "${pkgs[@]}"
	for a in libbpf libelf libz libzstd libtracefs libtraceevent; do
		[[ -f $root.part/usr/lib/s390x-linux-gnu/$a.a ]] ||
			{ gt_s390x_log "no $a.a in the s390x packages"; exit 1; }
	done
	touch "$root.part/.complete"
	mv "$root.part" "$root"
	gt_s390x_log "sysroot ready: $root"
fi
echo "$root"
