#!/usr/bin/env bash
# tests/s390-probes/t-symbols.sh CACHE GIBTRACE WORK: every attach point of the probe set
# exists in Debian's s390x kernel: the loader's own plan (gibtrace record --target
# s390-kvm --check) over that kernel's symbols (System.map of the -dbg package and kvm.ko's
# symbol table, as /proc/kallsyms would list them) finds every function, or names the one
# that is missing with what stands in for it; each function found is a text symbol (a
# function kept out of line, not inlined away) and each tracepoint has its __tracepoint_
# and __event_ symbols. Then: on this host (not s390x) the recorder refuses with a clear
# error and writes no file.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
cache=${1:?usage: t-symbols.sh CACHE GIBTRACE WORK}
gibtrace=$2 work=$3
fail=0

dir=$(bash "$here/s390-btf.sh" "$cache") || exit $?
rm -rf "$work"
mkdir -p "$work"
syms=$work/kallsyms
# kallsyms' form: ADDR TYPE NAME [MODULE]
{
	cat "$dir/System.map"
	awk 'NF == 3 { print $0 " [kvm]" }' "$dir/kvm.nm"
} >"$syms"

rc=0
"$gibtrace" record --target s390-kvm --check --kallsyms "$syms" >"$work/plan" || rc=$?
cat "$work/plan"
[[ $rc -eq 0 ]] || { echo "FAIL: the plan for $(cat "$dir/release") exits $rc"; fail=1; }

# process_gib_alert_list is inlined into its two callers in 6.1 (no symbol): the plan
# must say so, and what covers it must be there
expect_missing=process_gib_alert_list
while read -r name kind where _; do
	if [[ $where == MISSING* ]]; then
		if [[ $name != "$expect_missing" ]]; then
			echo "FAIL: $name ($kind) is missing"
			fail=1
		fi
		continue
	fi
	if [[ $kind == function ]]; then
		type=$(awk -v s="$where" '$3 == s { print $2; exit }' "$dir/kvm.nm" "$dir/System.map")
		[[ $type == [tT] ]] ||
			{ echo "FAIL: $where is not a function symbol (type '$type')"; fail=1; }
	else
		for pre in __tracepoint_ __event_; do
			grep -qE " [dD] $pre$name\$" "$dir/kvm.nm" "$dir/System.map" ||
				{ echo "FAIL: no $pre$name"; fail=1; }
		done
	fi
done < <(sed -n 's/^  \([a-z_0-9]*\) *\(function\|tracepoint\) *\(.*\)$/\1 \2 \3/p' "$work/plan")

grep -qE "^  $expect_missing +function +MISSING: inlined" "$work/plan" ||
	{ echo "FAIL: the plan does not name $expect_missing as inlined"; fail=1; }
if grep -qE " t $expect_missing(\.|$)" "$dir/kvm.nm"; then
	echo "NOTE: $expect_missing has a symbol in this kernel: its own probe is used"
fi
for cover in gib_alert_irq_handler hrtimer_start; do
	grep -qE "^  $cover +(function|tracepoint) +(gib_|present)" "$work/plan" ||
		{ echo "FAIL: $cover, which covers $expect_missing, is not in the plan"; fail=1; }
done

# a kernel without kvm.ko's GIB path: this host's symbols (unless it is an s390 KVM host)
if [[ $(uname -m) != s390x ]]; then
	rc=0
	"$gibtrace" record --target s390-kvm --check >"$work/plan-host" 2>"$work/err-host" || rc=$?
	cat "$work/err-host"
	[[ $rc -eq 2 ]] && grep -q 'no s390 kvm.ko GIB path' "$work/err-host" ||
		{ echo "FAIL: the plan on this host exits $rc without naming what is missing"; fail=1; }
	rc=0
	"$gibtrace" record --target s390-kvm -o "$work/host.gtr" --duration 1 2>"$work/err-rec" || rc=$?
	cat "$work/err-rec"
	[[ $rc -eq 2 && ! -e $work/host.gtr ]] && grep -q 'on an s390x (IBM Z) host' "$work/err-rec" ||
		{ echo "FAIL: recording on $(uname -m) exits $rc, or leaves a file"; fail=1; }
fi
[[ $fail -eq 0 ]] && echo "PASS: s390-probes-symbols"
exit "$fail"
