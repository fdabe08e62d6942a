#!/usr/bin/env bash
# Sourced by the t-gibko-*.sh tests: gibko_prepare WORK [GIBTRACE_STATIC] builds gib.ko
# (kmod/build.sh: the core's own files, symlinked) and the static helpers of this
# folder into WORK, and sets GIBKO_FILES to the vm.sh --files arguments
# (/gib.ko, /gibko-fuzz, /gibko-destroy, /gibko-nonroot, /short.scn, and /gibtrace
# when GIBTRACE_STATIC is given). Exits 77 when QEMU, the kernel or its headers are
# missing, or when a needed gibtrace-static was not built.
# With GT_VM_ARCH=s390x everything is cross-built for the s390x guest: gib.ko against the
# s390x headers, the helpers with s390x-linux-gnu-gcc, and gibtrace-static (any non-empty
# GIBTRACE_STATIC asks for it) by scripts/s390x-build.sh in $GT_S390X_BUILD (default
# WORK/s390x-cross).
gibko_here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=vm.sh
source "$gibko_here/vm.sh"

gibko_fail()
{
	echo "$GIBKO_TEST: FAIL: $*"
	exit 1
}

# gibko_prepare WORK [GIBTRACE_STATIC|need-gibtrace]
gibko_prepare()
{
	local work=$1 gt=${2-} ko h

	vm_prereqs headers || exit $?
	if [[ $VM_ARCH == s390x && -n $gt ]]; then
		mkdir -p "$work"
		gt=$("$gibko_here/../../scripts/s390x-build.sh" \
			"${GT_S390X_BUILD:-$work/s390x-cross}" gibtrace-static) || exit $?
	fi
	if [[ $gt == need-gibtrace || ( -n $gt && ! -x $gt ) ]]; then
		echo "$GIBKO_TEST: SKIP: no gibtrace-static (needs a static libzstd: libzstd-dev)"
		exit 77
	fi
	mkdir -p "$work"
	GIBKO_WORK=$(readlink -f "$work")
	rm -rf "$GIBKO_WORK/mod" "$GIBKO_WORK/out" "$GIBKO_WORK/bin"
	mkdir -p "$GIBKO_WORK/bin"
	ko=$("$gibko_here/../../kmod/build.sh" "$GIBKO_WORK/mod") || exit $?
	for h in fuzz destroy nonroot; do
		"$(vm_cc)" -static -O2 -std=gnu11 -Wall -Wextra -Werror \
			-I"$gibko_here/../../include" -o "$GIBKO_WORK/bin/gibko-$h" \
			"$gibko_here/gibko-$h.c" || gibko_fail "cannot build gibko-$h (static)"
	done
	GIBKO_FILES=("$ko:/gib.ko" "$GIBKO_WORK/bin/gibko-fuzz:/gibko-fuzz"
		"$GIBKO_WORK/bin/gibko-destroy:/gibko-destroy"
		"$GIBKO_WORK/bin/gibko-nonroot:/gibko-nonroot"
		"$gibko_here/gibko-short.scn:/short.scn")
	if [[ -n $gt ]]; then
		GIBKO_FILES+=("$(readlink -f "$gt"):/gibtrace")
	fi
}

# gibko_vm GUEST_SCRIPT [vm.sh options...]: runs the guest script with the files
gibko_vm()
{
	local script=$1
	shift
	"$gibko_here/vm.sh" run --out "$GIBKO_WORK/out" --build "$GIBKO_WORK/build" "$@" \
		--files "${GIBKO_FILES[@]}" -- "$script"
}
