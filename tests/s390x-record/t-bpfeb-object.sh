#!/usr/bin/env bash
# ctest s390x-record-bpfeb-object: the recorder's BPF object for s390x (gib.bpfeb.o, built
# by every build) is the same program set as the x86 one (gib.bpfel.o), in the other byte
# order: ELF class and byte order right, the same sections (one raw_tp/<event> per gib:*
# tracepoint, the maps, license, BTF), the same program and map symbols with the same sizes.
# libbpf on this host refuses to open a big-endian object, so this is what can be checked
# here; the s390x guest loads it (vm-s390x-record).
set -euo pipefail
dir=${1:?usage: t-bpfeb-object.sh BPF_BUILD_DIR}
fail() { echo "s390x-record-bpfeb-object: FAIL: $*"; exit 1; }
command -v readelf >/dev/null || { echo "s390x-record-bpfeb-object: SKIP: no readelf (binutils)"; exit 77; }
el=$dir/gib.bpfel.o
eb=$dir/gib.bpfeb.o
[[ -s $el && -s $eb ]] || fail "no $el or $eb (the bpf/ build makes both)"

readelf -h "$eb" | grep -q 'Data:.*big endian' || fail "$eb is not big-endian"
readelf -h "$el" | grep -q 'Data:.*little endian' || fail "$el is not little-endian"
for o in "$el" "$eb"; do
	readelf -h "$o" | grep -q 'Class:.*ELF64' || fail "$o is not ELF64"
	readelf -h "$o" | grep -q 'Machine:.*BPF' || fail "$o is not a BPF object"
done

# section names (sizes differ: the BTF strings are the same, its layout is not)
sections() { readelf -S -W "$1" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p' | sort; }
# global symbols: programs and maps, with their sizes (instructions are 8 bytes either way)
symbols() { readelf -s -W "$1" | awk '$5 == "GLOBAL" && $7 != "UND" { print $8, $3, $4 }' | sort; }
diff <(sections "$el") <(sections "$eb") || fail "the sections differ (above)"
diff <(symbols "$el") <(symbols "$eb") || fail "the program and map symbols differ (above)"

n_tp=$(sections "$eb" | grep -c '^raw_tp/' || true)
n_prog=$(symbols "$eb" | grep -c ' FUNC$' || true)
n_map=$(symbols "$eb" | grep -v '^LICENSE ' | grep -c ' OBJECT$' || true)
for m in events drops busy rescued; do
	symbols "$eb" | grep -q "^$m [0-9]* OBJECT$" || fail "no map $m in $eb"
done
# every gib:* tracepoint, a primary and a backup program each (gib.bpf.c)
[[ $n_tp -ge 22 ]] || fail "$n_tp raw_tp sections, expected 22"
[[ $n_prog -eq $((2 * n_tp)) ]] || fail "$n_prog programs for $n_tp tracepoints"
echo "s390x-record-bpfeb-object: PASS: bpfeb and bpfel: $n_tp tracepoints, $n_prog programs, $n_map maps alike"
