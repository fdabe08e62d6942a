#!/usr/bin/env bash
# ctest vm-detects-warning: a test of the harness's checker, which must FAIL runs that
# have problems in dmesg.
#   1. vm_check_dmesg on sample lines: the taint messages of an unsigned out-of-tree
#      module pass; each kind of report (WARNING, BUG, slub_debug, lockdep, ...) fails.
#   2. smoke-mod with warn=1 (WARN_ON(1) on load), default boot: panic_on_warn ends the
#      guest; vm.sh must fail and show the WARNING.
#   3. the same with --no-panic-on-warn: the script finishes with status 0, and vm.sh
#      must still fail on the WARNING in dmesg.
#   4. boot hangs (a kernel that never reaches /init, made here by a 1 s boot limit):
#      vm.sh boots again after one and passes; it fails, naming them, after two.
# Exit 77 (skip) when QEMU, the kernel or its headers are missing (after part 1).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
# shellcheck source-path=SCRIPTDIR source=vm.sh
source "$here/vm.sh"

work=${1:?usage: t-detects-warning.sh WORK_DIR}
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/mod" "$work/out-panic" "$work/out-nopanic" "$work/dmesg" "$work/out-hang"*

fail()
{
	echo "vm-detects-warning: FAIL: $*"
	exit 1
}

# 1. The checker alone.
mkdir -p "$work/dmesg"
cat >"$work/dmesg/clean.txt" <<'DMESG'
[    0.000000] Linux version 6.1.0-99-cloud-amd64 (debian-kernel@lists.debian.org)
[    0.000000] ACPI: Early table checksum verification disabled
[    8.899458] gibsmoke: loading out-of-tree module taints kernel.
[    8.901000] gibsmoke: module verification failed: signature and/or required key missing - tainting kernel
[    8.950000] Unstable clock detected, switching default tracing clock to "global"
[    9.000000] CONFIG_DEBUG_INFO_BTF is set; DEBUG lines are no BUGs
DMESG
vm_check_dmesg "$work/dmesg/clean.txt" || fail "the checker rejected clean.txt"
bad=(
	'[    9.1] WARNING: CPU: 0 PID: 99 at gibsmoke.c:57 gibsmoke_init+0x1e/0x1000 [gibsmoke]'
	'[    9.1] BUG: unable to handle page fault for address: 0000000000001234'
	'[    9.1] kernel BUG at mm/slub.c:100!'
	'[    9.1] BUG kmalloc-64 (Tainted: G           OE     ): Redzone overwritten'
	'[    9.1] =============================================================================='
	'[    9.1] Poison overwritten'
	'[    9.1] Object padding 0x00000000 overwritten'
	'[    9.1] Oops: 0002 [#1] PREEMPT SMP NOPTI'
	'[    9.1] general protection fault, probably for non-canonical address'
	'[    9.1] WARNING: possible recursive locking detected'
	'[    9.1] WARNING: possible circular locking dependency detected'
	'[    9.1] WARNING: inconsistent lock state'
	'[    9.1] INFO: lockdep is turned off.'
	'[    9.1] BUG: KASAN: slab-out-of-bounds in foo+0x1/0x2'
	'[    9.1] UBSAN: shift-out-of-bounds in foo.c:1:2'
	'[    9.1] rcu: INFO: rcu_sched self-detected stall on CPU'
	'[    9.1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:'
	'[    9.1] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [sh:99]'
	'[    9.1] INFO: task sh:99 blocked for more than 120 seconds.'
	'[    9.1] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.'
	'[    9.1] Kernel panic - not syncing: panic_on_warn set ...'
)
for line in "${bad[@]}"; do
	printf '%s\n' "$line" >"$work/dmesg/bad.txt"
	if vm_check_dmesg "$work/dmesg/clean.txt" "$work/dmesg/bad.txt" >"$work/dmesg/report.txt"; then
		fail "the checker let through: $line"
	fi
	grep -qF -- "${line#*] }" "$work/dmesg/report.txt" || fail "the checker did not show: $line"
done
echo "vm-detects-warning: the dmesg checker passes clean.txt and flags ${#bad[@]} sample reports"

# 2 and 3: a real WARN in the guest.
vm_prereqs headers || exit $?
ko=$("$here/build-module.sh" "$here/smoke-mod" "$work/mod")

# expect_detected NAME [vm.sh run options]: runs warn-guest.sh, wants vm.sh to fail and
# to show the WARNING from gibsmoke_init. Leaves vm.sh's output in $work/NAME.log.
expect_detected()
{
	local name=$1 rc=0
	shift
	"$here/vm.sh" run --out "$work/$name" --build "$work/build" --timeout 240 "$@" \
		--files "$ko:/gibsmoke.ko" -- "$here/warn-guest.sh" >"$work/$name.log" 2>&1 || rc=$?
	sed "s/^/[$name] /" "$work/$name.log"
	[[ $rc -ne 0 ]] || fail "$name: vm.sh passed a run with WARN_ON(1) in the guest"
	grep -qE '^vm:   \| .*WARNING: CPU: [0-9]+ PID: [0-9]+ at .*gibsmoke' "$work/$name.log" ||
		fail "$name: vm.sh failed (status $rc) but did not show the WARNING from gibsmoke"
	grep -q 'gibsmoke_init' "$work/$name/dmesg.txt" ||
		fail "$name: no gibsmoke_init backtrace in $work/$name/dmesg.txt"
	echo "vm-detects-warning: $name: vm.sh failed with status $rc and showed the WARNING"
}

expect_detected out-panic
grep -qE 'Kernel panic - not syncing: .*panic_on_warn set' "$work/out-panic/console.log" ||
	fail "out-panic: the guest did not panic on the WARN (panic_on_warn=1)"
[[ ! -f $work/out-panic/rc ]] || fail "out-panic: the script finished although the guest panicked"

expect_detected out-nopanic --no-panic-on-warn
[[ $(cat "$work/out-nopanic/rc" 2>/dev/null) == 0 ]] ||
	fail "out-nopanic: the guest script should have finished with status 0"

# 4. Boot hangs: the first boot may not reach /init in 1 s, the second has 60 s.
rc=0
GT_VM_BOOT_LIMIT="1 60" "$here/vm.sh" run --out "$work/out-hang1" --build "$work/build" \
	--timeout 240 --files "$ko:/gibsmoke.ko" -- "$here/smoke-guest.sh" >"$work/hang1.log" 2>&1 || rc=$?
sed "s/^/[out-hang1] /" "$work/hang1.log"
[[ $rc -eq 0 ]] || fail "out-hang1: vm.sh failed (status $rc) although the second boot was given 60 s"
[[ $(grep -c '^vm: BOOT HANG: .* in 1s (attempt 1 of 2' "$work/hang1.log") -eq 1 ]] ||
	fail "out-hang1: want exactly one BOOT HANG line, for attempt 1"
[[ $(cat "$work/out-hang1/count" 2>/dev/null) == 1000 ]] ||
	fail "out-hang1: the script's work did not come back from the second boot"
rc=0
GT_VM_BOOT_LIMIT=1 "$here/vm.sh" run --out "$work/out-hang2" --build "$work/build" \
	--timeout 240 --files "$ko:/gibsmoke.ko" -- "$here/smoke-guest.sh" >"$work/hang2.log" 2>&1 || rc=$?
sed "s/^/[out-hang2] /" "$work/hang2.log"
[[ $rc -ne 0 ]] || fail "out-hang2: vm.sh passed although no boot reached /init"
if ! grep -q '^vm: BOOT HANG: .*(attempt 2 of 2' "$work/hang2.log" ||
	! grep -q '^vm: giving up: 2 boots hung' "$work/hang2.log"; then
	fail "out-hang2: vm.sh failed but did not say that both boots hung"
fi
[[ ! -f $work/out-hang2/rc ]] || fail "out-hang2: a script ran although no boot reached /init"
echo "vm-detects-warning: boot hangs: one is booted past, two fail the run and are named"
echo "vm-detects-warning: PASS: the harness fails runs with a WARNING, with and without" \
	"panic_on_warn, and boots again after a boot hang"
