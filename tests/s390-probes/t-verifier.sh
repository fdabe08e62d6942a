#!/usr/bin/env bash
# tests/s390-probes/t-verifier.sh CACHE GIBTRACE: the probe set's kprobe and raw
# tracepoint programs, their CO-RE relocations resolved by libbpf against the BTF of
# Debian's s390x kernel (--btf), pass the verifier of this host's kernel, and the one
# whose attach point every kernel has (timer:hrtimer_start) runs (gibtrace record
# --target s390-kvm --load-test). The object is this build's byte order; the s390x
# kernel's own verifier runs them in s390-probes-vm. Exits 77 without root or BPF.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
cache=${1:?usage: t-verifier.sh CACHE GIBTRACE}
gibtrace=${2:?usage: t-verifier.sh CACHE GIBTRACE}

if [[ $(id -u) -ne 0 ]]; then
	echo "s390-probes-verifier: needs root to load BPF programs: skipped"
	exit 77
fi
# decided before the load test, so that no failure of the test itself can turn into a skip
if ! bpftool prog show >/dev/null 2>&1; then
	echo "s390-probes-verifier: this host does not allow BPF (bpftool prog show fails): skipped"
	exit 77
fi
dir=$(bash "$here/s390-btf.sh" "$cache") || exit $?
rc=0
out=$("$gibtrace" record --target s390-kvm --load-test --btf "$dir/vmlinux.btf" 2>&1) || rc=$?
echo "$out"
fail=0
[[ $rc -eq 0 ]] || { echo "FAIL: the load test exits $rc"; fail=1; }
loaded=$(sed -n 's/^loaded \([0-9]*\) programs.*/\1/p' <<<"$out")
listed=$(grep -cE '^ +(kprobe|kretprobe|raw_tp)/' <<<"$out" || true)
[[ -n $loaded && $loaded -ge 20 && $loaded == "$listed" ]] ||
	{ echo "FAIL: loaded '$loaded' programs, the report lists $listed"; fail=1; }
runs=$(sed -n 's|^ *raw_tp/hrtimer_start *attached, ran \([0-9]*\) times.*|\1|p' <<<"$out")
[[ -n $runs && $runs -gt 0 ]] || { echo "FAIL: the hrtimer_start program did not run"; fail=1; }
[[ $fail -eq 0 ]] && echo "PASS: s390-probes-verifier: $loaded programs verified, hrtimer_start ran $runs times"
exit "$fail"
