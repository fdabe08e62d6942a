#!/usr/bin/env bash
# Re-records traces/: the shipped scenarios, shortened for the QEMU/TCG guest, run in gib.ko
# under each IAM restore policy and recorded with `gibtrace record` (BPF backend). Builds
# gibtrace-static (CMake, Release) and gib.ko (kmod/build.sh), boots one guest per
# scenario (tests/vm/vm.sh), brings back traces/<scenario>/<policy>.gtr and writes
# traces/PROVENANCE.md from the traces' headers (gibtrace info) and the runs' output.
#
#   traces/record-all.sh [--build DIR] [--work DIR] [--duration T] [SCENARIO ...]
#
# --build: the CMake build tree (default build/traces); --work: scratch (default
# build/traces-work); --duration: the scenario time of each recording (default 300ms);
# SCENARIO: names of scenarios/*.scn (default: ap-burst cr6-split mixed-host).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
root=$(readlink -f "$here/..")
build=$root/build/traces
work=$root/build/traces-work
duration=300ms
scenarios=()
policies="v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm upstream poll-wait"
while [[ $# -gt 0 ]]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	-h | --help) sed -n '2,12p' "$0"; exit 0 ;;
	-*) echo "record-all.sh: unknown option $1" >&2; exit 1 ;;
	*) scenarios+=("$1"); shift ;;
	esac
done
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(ap-burst cr6-split mixed-host)

# shellcheck disable=SC2034 # read by gibko-lib.sh
GIBKO_TEST=record-all
# shellcheck source-path=SCRIPTDIR source=../tests/vm/gibko-lib.sh
source "$root/tests/vm/gibko-lib.sh"
# shellcheck source-path=SCRIPTDIR source=record-lib.sh
source "$here/record-lib.sh"

t0=$(date +%s)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target gibtrace gibtrace-static >/dev/null
gibtrace=$(readlink -f "$build/gibtrace")
[[ -x $build/gibtrace-static ]] || { echo "record-all.sh: no gibtrace-static (libzstd-dev?)"; exit 1; }
gibko_prepare "$work" "$build/gibtrace-static" # gib.ko; exits 77 without QEMU/kernel/headers

# the shortened copies: the shipped scenario with its duration line replaced
mkdir -p "$here/scenarios"
for s in "${scenarios[@]}"; do
	[[ -f $root/scenarios/$s.scn ]] || { echo "record-all.sh: no scenarios/$s.scn"; exit 1; }
	{
		echo "# scenarios/$s.scn with its duration shortened to $duration for the QEMU/TCG"
		echo "# guest (traces/record-all.sh writes this copy; edit the original)"
		sed "s/^duration .*/duration $duration/" "$root/scenarios/$s.scn"
	} >"$here/scenarios/$s.scn"
done
echo "$policies" | tr ' ' '\n' >"$work/policies"

qemu=$(qemu-system-x86_64 --version | head -1)
date=$(date -u +%Y-%m-%dT%H:%MZ)
# shellcheck disable=SC2034 # read by record-lib.sh
rec_script=traces/record-all.sh rec_date=$date rec_info="gibtrace info" \
	rec_guest="QEMU/TCG (-accel tcg -cpu max, 2 vcpus, 1 GiB), $qemu"
for s in "${scenarios[@]}"; do
	echo "record-all.sh: $s under: $policies"
	rm -rf "$GIBKO_WORK/out"
	gibko_vm "$here/record-guest.sh" --timeout 600 --mem 1G --smp 2 \
		--files "$here/scenarios/$s.scn:/scn/$s.scn" "$work/policies:/policies"
	out=$GIBKO_WORK/out
	# shellcheck disable=SC2086 # one word a policy
	rec_bring_home "$out" "$s" "$here/$s" \
		"traces/scenarios/$s.scn (scenarios/$s.scn, duration $duration)" $policies
	cp "$out/console.log" "$work/console-$s.log"
done

# PROVENANCE.md: one line per recording
{
	echo "# Provenance of the shipped recordings"
	echo
	echo "Written by \`traces/record-all.sh\` on $date. Each recording is \`gibtrace record -o"
	echo "SCN/POLICY.gtr -- gibtrace run SCN.scn --policy POLICY --json\` in a QEMU guest"
	echo "($qemu, accelerator tcg, \`-cpu max\`, 2 vcpus, 1 GiB) running Debian's cloud kernel"
	echo "$(cat "$GIBKO_WORK/out/uname") with gib.ko (kmod/build.sh) loaded; BPF backend, 4 MiB ring"
	echo "buffer. The scenarios are \`scenarios/*.scn\` with the duration cut to $duration"
	echo "(traces/scenarios/). Beside each trace: POLICY.txt (gibtrace info and record's summary)"
	echo "and POLICY.run.json.txt (gibtrace run's JSON: gib.ko's own counters)."
	echo
	echo "Drops: events the recorder lost, from the trace's drop records (gibtrace info): lost"
	echo "by the ring buffer (on a CPU), or BPF programs that nested into one of their own type"
	echo "(the kernel's recursion_misses, written on CPU ncpus: counted exactly; the replay"
	echo "misses those events). gibtrace: $("$gibtrace" version | head -1)."
	echo
	echo "| scenario | policy (canonical, as in the header) | events | ring-buffer drops | nesting misses | KiB |"
	echo "|---|---|---:|---:|---:|---:|"
	for s in "${scenarios[@]}"; do
		for p in $policies; do
			read -r ev _ rb nest kib spec < <(rec_numbers "$here/$s/$p.gtr")
			echo "| $s | \`$spec\` | $ev | $rb | $nest | $kib |"
		done
	done
	echo
	echo "Total: $(du -sh --apparent-size "$here" | cut -f1) (du of traces/). Re-record with"
	echo "\`traces/record-all.sh\` (took $(($(date +%s) - t0)) s this time)."
} >"$here/PROVENANCE.md"
echo "record-all.sh: done in $(($(date +%s) - t0)) s; $(du -sh "$here" | cut -f1) in traces/"
