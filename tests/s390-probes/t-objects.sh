#!/usr/bin/env bash
# tests/s390-probes/t-objects.sh BPFEB.o BPFEL.o: the build made the probe set for both
# byte orders; the bpfeb one (what an s390x host loads) is a big-endian BPF ELF object;
# each has the fentry/fexit and the kprobe/kretprobe variant of every function probe, so
# that the loader can choose either at load time, and the raw tracepoints.
set -euo pipefail
eb=${1:?usage: t-objects.sh BPFEB.o BPFEL.o}
el=${2:?usage: t-objects.sh BPFEB.o BPFEL.o}
fail=0

header()
{
	LC_ALL=C readelf -h "$1" | sed -n 's/^ *\(Data\|Machine\): *//p' | tr '\n' ';'
}

sections()
{
	LC_ALL=C readelf -SW "$1" | grep -oE '(fentry|fexit|kprobe|kretprobe|raw_tp)/[A-Za-z0-9_]+' |
		sort -u
}

[[ $(header "$eb") == *"big endian"*"Linux BPF"* ]] ||
	{ echo "FAIL: $eb is not a big-endian BPF object: $(header "$eb")"; fail=1; }
[[ $(header "$el") == *"little endian"*"Linux BPF"* ]] ||
	{ echo "FAIL: $el is not a little-endian BPF object: $(header "$el")"; fail=1; }
if [[ $(sections "$eb") != "$(sections "$el")" ]]; then
	echo "FAIL: the two objects have different programs"
	fail=1
fi

secs=$(sections "$eb")
nfn=0
for s in $(grep -E '^kprobe/' <<<"$secs"); do
	fn=${s#kprobe/}
	nfn=$((nfn + 1))
	grep -qx "fentry/$fn" <<<"$secs" || { echo "FAIL: $fn: kprobe but no fentry"; fail=1; }
	if grep -qx "fexit/$fn" <<<"$secs" && ! grep -qx "kretprobe/$fn" <<<"$secs"; then
		echo "FAIL: $fn: fexit but no kretprobe"
		fail=1
	fi
done
for s in $(grep -E '^(fentry|fexit|kretprobe)/' <<<"$secs"); do
	fn=${s#*/}
	grep -qx "kprobe/$fn" <<<"$secs" || { echo "FAIL: $s has no kprobe/$fn"; fail=1; }
done
ntp=$(grep -c '^raw_tp/' <<<"$secs" || true)
echo "$nfn function probes in both variants, $ntp raw tracepoints, $(wc -l <<<"$secs") programs"
for want in gib_alert_irq_handler gisa_vcpu_kicker kvm_s390_vcpu_wakeup kvm_s390_handle_wait \
	kvm_vcpu_halt kvm_s390_gisc_register kvm_s390_gisc_unregister kvm_s390_gisa_init \
	kvm_s390_gisa_destroy; do
	grep -qx "kprobe/$want" <<<"$secs" || { echo "FAIL: no probe on $want"; fail=1; }
done
for want in kvm_vcpu_wakeup kvm_s390_deliver_interrupt kvm_s390_sie_enter kvm_s390_sie_exit \
	hrtimer_start; do
	grep -qx "raw_tp/$want" <<<"$secs" || { echo "FAIL: no program on tracepoint $want"; fail=1; }
done
[[ $fail -eq 0 ]] && echo "PASS: s390-probes-objects"
exit "$fail"
