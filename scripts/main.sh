#!/usr/bin/env bash
# The main job: a Release build, the interrupt core's self-check under every policy, each
# shipped scenario (scenarios/*.scn) turned into an exogenous trace (gibtrace gen) and
# replayed under every IAM restore policy side by side (gibtrace replay --policy all), then
# the demo on the shipped gib.ko recordings (traces/, docs/demo.md): the comparison table
# per scenario, the fidelity table and report.html. Traces and reports go to
# build/release/demo/. Arguments: scenario files to gen and replay instead.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

scripts/deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build/release -j"$(nproc)" --target gibtrace
gibtrace=build/release/gibtrace

$gibtrace selftest
out=build/release/demo
mkdir -p "$out"
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(scenarios/*.scn)
for scn in "${scenarios[@]}"; do
	name=$(basename "$scn" .scn)
	echo
	$gibtrace gen "$scn" -o "$out/$name.gtr"
	$gibtrace replay "$out/$name.gtr" --policy all -o "$out/$name.replay.gtr"
done
echo
$gibtrace demo --traces traces -o "$out"
