#!/usr/bin/env bash
# ctest convert-errors: gibtrace convert of perf script text with bad lines among good
# ones (each reported as FILE:LINE: reason, exactly; the good ones converted and written;
# exit status 1), and bad arguments and inputs, each with its exact message.
#   t-convert-errors.sh GIBTRACE DATA_DIR WORK_DIR
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
gt=${1:?usage: t-convert-errors.sh GIBTRACE DATA_DIR WORK_DIR}
data=${2:?}
work=${3:?}
name=convert-errors
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
need_convert "$gt"
rm -rf "$work"
mkdir -p "$work"
cd "$work"

# perf script text: one vcpu, a software injection of ISC 6 and a device delivery of
# ISC 3 (io_int_word 0x80000000 | isc << 27), AIS events, bad lines between them, and
# perf's own records (--show-lost-events, --show-task-events): a loss, a bad one, a COMM
psw='00[0000000000000000-0000000000000000]'
cat >p.txt <<TXT
# perf script -F comm,pid,tid,cpu,time,event,trace --ns
garbage
  gib/0.0   111/111 [000]     1.000000100:   kvm:kvm_s390_sie_enter: $psw: entering sie flags 0
  gib/0.0   111/111 [000]     1.000010000:   kvm:kvm_s390_sie_exit: $psw: exit sie icptcode 28 (Wait state)
  gib/0.0   111/111 [000]     1.000020000:   kvm:kvm_s390_sie_exit: bogus
  gib/0.0   111/111 [000]     x.5:   kvm:kvm_vcpu_wakeup: wait time 5 ns, polling valid
  swapper     0/0   [001]     1.000030000:   kvm-s390:kvm_s390_inject_vm: inject (from user): type:4000000 (adapter I/O interrupt) parm:0 parm64:b0000000
  gib/0.0   111/111 [000]     1.000040000:   kvm:kvm_vcpu_wakeup: wait time 30000 ns, polling valid
  gib/0.0   111/111 [000]     1.000041000:   kvm-s390:kvm_s390_deliver_interrupt: deliver interrupt (vcpu 0): type:4000000 (adapter I/O interrupt) data:00000000 00000000b0000000
  gib/0.0   111/111 [000]     1.000042000:   kvm:kvm_s390_sie_enter: $psw: entering sie flags 0
  gib/0.0   [000]     1.000043000:   kvm:kvm_s390_sie_exit: $psw: exit sie icptcode 4 (Instruction)
  gib/0.0   111/111 [000]     1.000044000:   kvm-s390:kvm_s390_deliver_interrupt: deliver interrupt (vcpu 0): type:4000000 (adapter I/O interrupt)
  gib/0.0   111/111 [000]     1.000045000:   kvm:kvm_s390_sie_exit: $psw: exit sie icptcode 28 (Wait state)
  gib/0.0   111/111 [000]     1.000046000:   kvm:kvm_vcpu_wakeup: poll time 900 ns, polling valid
  gib/0.0   111/111 [000]     1.000047000:   kvm-s390:kvm_s390_deliver_interrupt: deliver interrupt (vcpu 0): type:4000000 (adapter I/O interrupt) data:00000000 0000000098000000
  gib/0.0   111/111 [000]     1.000048000:   kvm:kvm_s390_sie_enter: $psw: entering sie flags 0
     qemu   200/200 [001]     1.000050000:   kvm-s390:kvm_s390_modify_ais_mode: for isc 3, modifying interruption mode from ALL-Interruptions Mode to Single-Interruption Mode
     qemu   200/200 [001]     1.000060000:   kvm-s390:kvm_s390_airq_suppressed: adapter I/O interrupt suppressed (id:1 isc:3)
     qemu   200/200 [001]     1.000070000:   sched:sched_switch: prev_comm=qemu prev_pid=200
     qemu   200/200 [001]     1.000080000:   timer:hrtimer_start: hrtimer=0xff00 expires=1 mode=REL
  swapper     0/0   [001]     1.000090000: PERF_RECORD_LOST lost 7
  swapper     0/0   [001]     1.000091000: PERF_RECORD_LOST lost seven
     perf   300/300 [000]     1.000092000: PERF_RECORD_COMM: perf:300/300
TXT
rc=0
"$gt" convert p.txt -o p.gtr >out.txt 2>err.txt || rc=$?
cat err.txt
[[ $rc == 1 ]] || fail "exit status $rc for a file with bad lines, expected 1"
cat >want.txt <<'TXT'
gibtrace: p.txt:2: not a perf script line (no ' [CPU] ')
gibtrace: p.txt:5: expected '%02d[%016lx-%016lx]: exit sie icptcode %d (%s)'
gibtrace: p.txt:6: no time SECS.FRAC: after ' [CPU] '
gibtrace: p.txt:11: no PID before ' [CPU] '
gibtrace: p.txt:12: expected 'data:%08llx %016llx' after the type
gibtrace: p.txt:20: no function=%ps
gibtrace: p.txt:22: PERF_RECORD_LOST without 'lost N'
TXT
diff -u want.txt err.txt || fail "messages differ"
grep -q '^skipped: 2 events of other kinds, 7 bad lines$' out.txt ||
	fail "summary: $(grep skipped out.txt)"
grep -q '^lost: 7 events in 1 PERF_RECORD_LOST lines (drop records)$' out.txt ||
	fail "lost: $(grep lost: out.txt)"
"$gt" info --json p.gtr >info.json || fail "info of the converted good lines failed"
types=$(awk '/"types": *\{/ { t = 1; next } t && /\}/ { t = 0 } t { gsub(/[",:]/, " "); printf "%s=%s ", $1, $2 }' info.json)
want='vm_create=1 vcpu_create=1 gisc_register=1 airq_post=2 vcpu_wait=2 guest_work=2 vcpu_wakeup=2 airq_deliver=2 sie_enter=3 sie_exit=2 drop=1 '
[[ $types == "$want" ]] || fail "converted events: $types; expected $want"
"$gt" replay p.gtr --policy all >/dev/null 2>&1 || fail "replay of the good lines failed"

# QEMU's vcpu threads ("CPU n/KVM", a space in the name): a VM is a process (PID/TID)
cat >q.txt <<TXT
  CPU 0/KVM   500/501 [000]     2.000000000:   kvm:kvm_s390_sie_enter: $psw: entering sie flags 0
  CPU 1/KVM   500/502 [001]     2.000000100:   kvm:kvm_s390_sie_enter: 01[0000000000000000-0000000000000000]: entering sie flags 0
  CPU 0/KVM   600/601 [001]     2.000000200:   kvm:kvm_s390_sie_enter: $psw: entering sie flags 0
  CPU 0/KVM   600/601 [001]     2.000010000:   kvm:kvm_s390_sie_exit: $psw: exit sie icptcode 28 (Wait state)
  CPU 0/KVM   600/601 [001]     2.000020000:   kvm:kvm_vcpu_wakeup: wait time 9000 ns, polling valid
  CPU 0/KVM   600/601 [001]     2.000021000:   kvm-s390:kvm_s390_deliver_interrupt: deliver interrupt (vcpu 0): type:4000000 (adapter I/O interrupt) data:00000000 0000000098000000
TXT
"$gt" convert q.txt -o q.gtr --quiet || fail "convert of QEMU-like lines failed"
vms=$("$gt" info --json q.gtr | tr -d ' \n' | grep -o '"vms":\[[^]]*\]')
[[ $vms == '"vms":[{"vm":0,"events":5,"vcpus":{"0":2,"1":2}},{"vm":1,"events":10,"vcpus":{"0":7}}]' ]] ||
	fail "VMs by tgid: $vms"
"$gt" replay q.gtr --policy all >/dev/null 2>&1 || fail "replay of the QEMU-like lines failed"

# arguments and inputs
check()
{
	local want=$1
	shift
	local got
	got=$("$gt" convert "$@" 2>&1 >/dev/null) && fail "convert $* succeeded"
	got=$(head -1 <<<"$got")
	[[ $got == "$want" ]] || fail "convert $*: '$got', expected '$want'"
}
check "gibtrace convert: invalid --vm-by: 'bogus'" p.txt --vm-by bogus -o x.gtr
check "gibtrace convert: invalid --events: 'sched'" p.txt --events sched -o x.gtr
check "gibtrace convert: invalid --from: 'csv'" p.txt --from csv -o x.gtr
check "gibtrace convert: $data/kvm-short.perf.data: a perf.data: convert its text, from perf script --ns --show-lost-events -F comm,pid,tid,cpu,time,event,trace -i $data/kvm-short.perf.data" \
	"$data/kvm-short.perf.data" -o x.gtr
check "gibtrace convert: $data/kvm-short.dat: a trace.dat has no tgid: --vm-by comm or --vm-by one" \
	"$data/kvm-short.dat" --events kvm --vm-by tgid -o x.gtr
grep '^#' p.txt >none.txt
check "gibtrace convert: none.txt: no kvm, kvm-s390 or timer events to convert" none.txt -o x.gtr
grep ' 111/111 .*kvm:kvm_s390_sie_enter:' p.txt | sed 's| 111/111 | 111 |' >notgid.txt
check "gibtrace convert: notgid.txt: no PID/TID in its lines (perf script -F comm,pid,tid,...): no tgid for --vm-by tgid" \
	notgid.txt --vm-by tgid -o x.gtr
check "gibtrace convert: nothere.txt: No such file or directory" nothere.txt -o x.gtr
echo "convert-errors: PASS: 7 bad lines reported exactly, a perf loss a drop record, the" \
	"good ones converted and replayed; QEMU's threads grouped by process; 8 bad arguments" \
	"and inputs refused with their messages"
