#!/usr/bin/env bash
# Re-records traces/s390x/: the schedules of the shipped x86 recordings (traces/scenarios/,
# the very files traces/record-all.sh ran) run in gib.ko in an emulated s390x machine
# (qemu-system-s390x, TCG, Debian's s390x kernel) and recorded there with `gibtrace record`
# (BPF backend: the big-endian object, interpreted), so big-endian files. Cross-builds
# gib.ko and gibtrace-static for s390x (tests/vm/gibko-lib.sh with GT_VM_ARCH=s390x),
# builds this host's gibtrace for the provenance (gibtrace info), boots one guest per
# scenario (traces/record-guest.sh), brings back traces/s390x/SCN/POLICY.gtr and writes
# traces/s390x/PROVENANCE.md.
#
#   traces/s390x/record.sh [--build DIR] [--work DIR] [SCENARIO[:POLICY,...] ...]
#
# --build: the host's CMake build tree (default build/traces); --work: scratch (default
# build/traces-s390x-work). Default: ap-burst and cr6-split under all six policies,
# mixed-host under upstream (the files stay under 1 MiB in all).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
root=$(readlink -f "$here/../..")
build=$root/build/traces
work=$root/build/traces-s390x-work
all="v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait"
runs=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	-h | --help) sed -n '2,15p' "$0"; exit 0 ;;
	-*) echo "record.sh: unknown option $1" >&2; exit 1 ;;
	*) runs+=("$1"); shift ;;
	esac
done
[[ ${#runs[@]} -gt 0 ]] || runs=(ap-burst cr6-split mixed-host:upstream)

export GT_VM_ARCH=s390x
# shellcheck disable=SC2034 # read by gibko-lib.sh
GIBKO_TEST=record-s390x
# shellcheck source-path=SCRIPTDIR source=../../tests/vm/gibko-lib.sh
source "$root/tests/vm/gibko-lib.sh"
# shellcheck source-path=SCRIPTDIR source=../record-lib.sh
source "$root/traces/record-lib.sh"

t0=$(date +%s)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target gibtrace >/dev/null
gibtrace=$(readlink -f "$build/gibtrace")
# gib.ko and gibtrace-static for s390x (exits 77 without the cross tools or the kernel)
gibko_prepare "$work" s390x

qemu=$(qemu-system-s390x --version | head -1)
date=$(date -u +%Y-%m-%dT%H:%MZ)
# shellcheck disable=SC2034 # read by record-lib.sh
rec_script=traces/s390x/record.sh rec_date=$date rec_info="gibtrace info (on x86)" \
	rec_guest="QEMU/TCG s390x (-M s390-ccw-virtio -cpu max, 2 vcpus, 1 GiB), $qemu"
for run in "${runs[@]}"; do
	s=${run%%:*}
	policies=$all
	[[ $run == *:* ]] && policies=$(tr ',' ' ' <<<"${run#*:}")
	scn=$root/traces/scenarios/$s.scn
	[[ -f $scn ]] || { echo "record.sh: no $scn (traces/record-all.sh writes it)"; exit 1; }
	echo "$policies" | tr ' ' '\n' >"$GIBKO_WORK/policies"
	echo "record.sh: $s under: $policies (s390x guest)"
	rm -rf "$GIBKO_WORK/out"
	gibko_vm "$root/traces/record-guest.sh" --timeout 600 --mem 1G --smp 2 \
		--files "$scn:/scn/$s.scn" "$GIBKO_WORK/policies:/policies"
	rm -rf "${here:?}/$s"
	# shellcheck disable=SC2086 # one word a policy
	rec_bring_home "$GIBKO_WORK/out" "$s" "$here/$s" \
		"traces/scenarios/$s.scn (as the x86 recordings)" $policies
done

{
	echo "# Provenance of the s390x recordings"
	echo
	echo "Written by \`traces/s390x/record.sh\` on $date. Each recording is \`gibtrace record -o"
	echo "SCN/POLICY.gtr -- gibtrace run SCN.scn --policy POLICY --json\` in an emulated s390x"
	echo "machine ($qemu, TCG, \`-M s390-ccw-virtio -cpu max\`, 2 vcpus, 1 GiB) running"
	echo "Debian's s390x kernel $(cat "$GIBKO_WORK/out/uname") with gib.ko cross-built for it: the"
	echo "interrupt core big-endian with s390x's atomics; the recorder's BPF object built with"
	echo "\`clang -target bpfeb\`, interpreted (the kernel has no BPF JIT); 4 MiB ring buffer."
	echo "The files are big-endian, as recorded. The scenarios are traces/scenarios/*.scn, the"
	echo "files the x86 recordings ran (traces/PROVENANCE.md). Beside each trace: POLICY.txt"
	echo "(gibtrace info on x86 and record's summary) and POLICY.run.json.txt (gibtrace run's"
	echo "JSON: gib.ko's own counters). How they compare with the x86 recordings of the same"
	echo "schedule: docs/s390x-record.md (ctest s390x-record-replay). gibtrace: $("$gibtrace" version | head -1)."
	echo
	echo "| scenario | policy (canonical, as in the header) | events | posts | ring-buffer drops | nesting misses | KiB |"
	echo "|---|---|---:|---:|---:|---:|---:|"
	for f in "$here"/*/*.gtr; do
		n=${f#"$here"/}
		read -r ev posts rb nest kib spec < <(rec_numbers "$f")
		echo "| ${n%/*} | \`$spec\` | $ev | $posts | $rb | $nest | $kib |"
	done
	echo
	echo "Total: $(du -sh --apparent-size "$here" | cut -f1) (du of traces/s390x/). Re-record with"
	echo "\`traces/s390x/record.sh\` (took $(($(date +%s) - t0)) s this time)."
} >"$here/PROVENANCE.md"
echo "record.sh: done in $(($(date +%s) - t0)) s; $(du -sh --apparent-size "$here" | cut -f1) in traces/s390x/"
