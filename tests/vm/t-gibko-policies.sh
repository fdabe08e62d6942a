#!/usr/bin/env bash
# ctest vm-gibko-policies: for each of the five policies of the core, `gibtrace run` of
# gibko-short.scn in gib.ko; each VM's counters must add up at the end (posts ==
# deliveries + coalesced + pending, and every scheduled post made), and under upstream
# the gib:* tracepoints must have recorded exactly the posts the counters show.
set -euo pipefail
GIBKO_TEST=vm-gibko-policies
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-policies.sh WORK_DIR GIBTRACE_STATIC}" "${2:-need-gibtrace}"
gibko_vm "$gibko_here/gibko-policies-guest.sh" --timeout 200
out=$GIBKO_WORK/out
for p in upstream v2-post-run v3-vm-idle v4-first-wait v5-clean-ipm; do
	[[ -s $out/$p.json ]] || gibko_fail "$p: no output"
	grep -q '"consistent": *true' "$out/$p.json" || gibko_fail "$p: $(cat "$out/$p.json")"
	if grep -q '"consistent": *false' "$out/$p.json"; then
		gibko_fail "$p: a VM is inconsistent: $(cat "$out/$p.json")"
	fi
	grep -q "\"policy\": *\"$p:" "$out/$p.json" || gibko_fail "$p: provenance: not $p"
done
posts=$(grep -o '"posts": *[0-9]*' "$out/upstream.json" | grep -o '[0-9]*$' | awk '{ s += $1 } END { print s + 0 }')
traced=$(cat "$out/traced-posts")
[[ $posts -gt 0 && $posts == "$traced" ]] ||
	gibko_fail "upstream: $posts posts counted, $traced gib:airq_post traced"
echo "vm-gibko-policies: PASS: 5 policies consistent; upstream: $posts posts = $traced traced"
