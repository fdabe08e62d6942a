#!/usr/bin/env bash
# Installs the Debian packages gibtrace needs, only those missing.
# Run it, or source it and call gt_deps_install.
set -euo pipefail

# Everything the build, the tests and the checks need. Add packages here.
GT_DEPS_PACKAGES=(
	build-essential
	cmake
	git
	clang
	clang-format
	clang-tidy
	cppcheck
	valgrind
	libclang-rt-14-dev
	libzstd-dev
	# the recorder: BPF (clang, bpftool, libbpf) and ftrace (libtracefs)
	bpftool
	libbpf-dev
	libelf-dev
	zlib1g-dev
	libtracefs-dev
	libtraceevent-dev
	# gibtrace convert (trace.dat), dynamic only: not in gibtrace-static; its test: trace-cmd
	libtracecmd-dev
	trace-cmd
	# tests/convert: perf script of the committed perf.data (convert-kvm-perf)
	linux-perf
	# kernel side: the headers gib.ko builds against, checkpatch.pl from the source
	linux-headers-cloud-amd64
	linux-source-6.1
	# the VM tests (tests/vm): the guest's kernel, QEMU, the initramfs
	linux-image-cloud-amd64
	qemu-system-x86
	busybox-static
	cpio
	# the s390x build and guests (scripts/s390x-*.sh, tests/vm-s390x): cross compiler, QEMU
	gcc-s390x-linux-gnu
	libc6-dev-s390x-cross
	qemu-system-misc
	# tests/s390-probes: pahole makes BTF of Debian's s390x kernel from its DWARF
	dwarves
	# the tuning sweeps (tests/tune, scripts/sweep-*): GNU parallel, a single-node Slurm
	parallel
	slurm-wlm
	munge
	# the HTML report's rendering test (tests/report): headless Chromium
	chromium
	# the install test (tests/install): man for the man pages, pkg-config for gibtrace.pc
	man-db
	pkgconf
)

gt_deps_install()
{
	local pkg missing=() sudo=()

	for pkg in "${GT_DEPS_PACKAGES[@]}"; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	if [[ ${#missing[@]} -eq 0 ]]; then
		return 0
	fi

	if [[ $(id -u) -ne 0 ]]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "deps: missing ${missing[*]}; run as root or install sudo" >&2
			return 1
		fi
		sudo=(sudo)
	fi
	echo "deps: installing ${missing[*]}"
	# Wait for another apt or dpkg run instead of failing on its lock.
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
	gt_deps_install
fi
