#!/usr/bin/env bash
# The core is one source for gib.ko and user space: no conditional compilation in its
# logic (only core/port.h may ask which flavour it is built for), and every core/*.c
# compiles as kernel code against the installed cloud kernel headers, unchanged, through
# a throwaway Kbuild that names the files where they are.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
top=$PWD

bad=$(grep -nE '^[[:space:]]*#[[:space:]]*(if|ifdef|ifndef|elif)\b' core/*.c || true)
bad+=$(grep -nE '__KERNEL__|GIB_PORT_EXPLORE' core/*.h | grep -v '^core/port.h:' || true)
if [[ -n $bad ]]; then
	echo "check-core: conditional compilation outside core/port.h:"
	echo "$bad"
	exit 1
fi
echo "check-core: no conditional compilation in core/*.c, none of port.h's flavour tests elsewhere"

kdir=$(ls -d /usr/lib/modules/*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $kdir ]]; then
	echo "check-core: no /usr/lib/modules/*-cloud-amd64/build (scripts/deps.sh installs linux-headers-cloud-amd64)" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objs=()
for f in core/*.c; do
	ln -s "$top/$f" "$work/$(basename "$f")"
	objs+=("$(basename "$f" .c).o")
done
cat >"$work/Kbuild" <<KBUILD
obj-m := gibcore_kcheck.o
gibcore_kcheck-y := ${objs[*]} kcheck.o
ccflags-y := -I$top/core -I$top/include -Werror
KBUILD
cat >"$work/kcheck.c" <<'MOD'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "gib.h"

static int __init kcheck_init(void)
{
	return gib_policy_find("upstream") ? 0 : -ENOENT;
}
module_init(kcheck_init);
MODULE_LICENSE("GPL");
MOD
if ! make -s -C "$kdir" M="$work" modules >"$work/log" 2>&1; then
	cat "$work/log"
	echo "check-core: core/*.c does not build as kernel code against $kdir"
	exit 1
fi
grep -iE 'warning' "$work/log" && { echo "check-core: kernel build warnings"; exit 1; }
echo "check-core: ${#objs[@]} core files build as a module against $kdir"
