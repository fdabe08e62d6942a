#!/usr/bin/env bash
# ctest vm-record-backends: the same schedule (gibko-short.scn, upstream) recorded with
# the BPF backend and with the ftrace one. Each recording is exactly gib.ko's counters of
# its run; the exogenous events the schedule fixes (posts, guest timers, VM life cycle)
# come out as the same sequence of (type, vm, vcpu, isc, arg) from both, and the posts
# as the scenario's own (gibtrace gen). Timing-dependent counts (guest work, waits, the
# endogenous events) are shown, not compared.
set -euo pipefail
GIBKO_TEST=vm-record-backends
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/record-lib.sh"
record_prepare "${1:?usage: t-record-backends.sh WORK_DIR GIBTRACE_STATIC GTR_DUMP}" "${2-}" "${3-}"
gibko_vm "$gibko_here/record-backends-guest.sh" --timeout 200
out=$GIBKO_WORK/out
fixed='^(airq_post|guest_timer|vm_create|vcpu_create|gisc_register|vm_destroy|vcpu_destroy)$'
for b in bpf tracefs; do
	rec_run_ok "$out" "$b"
	rec_exact "$b" "$out/$b.out.json" "$out/$b.out.rec" "$out/$b.gtr" \
		"$([[ $b == bpf ]] && echo typed)" || gibko_fail "$b: not gib.ko's counters"
	awk -v re="$fixed" '$3 == "exo" && $4 ~ re { print $4, $5, $6, $7, $8 }' \
		"$out/$b.gtr.dump" >"$out/$b.exo"
	awk '$3 == "exo" { n[$4]++ } END { for (t in n) print t, n[t] }' "$out/$b.gtr.dump" |
		sort >"$out/$b.exo-counts"
done
echo "exogenous events per type (bpf | tracefs):"
join -a1 -a2 -e0 -o 0,1.2,2.2 "$out/bpf.exo-counts" "$out/tracefs.exo-counts" |
	awk '{ printf "  %-16s %8s %8s\n", $1, $2, $3 }'
if ! cmp -s "$out/bpf.exo" "$out/tracefs.exo"; then
	diff "$out/bpf.exo" "$out/tracefs.exo" | head -20
	gibko_fail "the backends recorded different exogenous sequences"
fi
"$GIBTRACE" gen "$gibko_here/gibko-short.scn" -o "$out/gen.gtr" >/dev/null
"$GTR_DUMP" "$out/gen.gtr" | awk '$4 == "airq_post" { print $5, $7, $8 }' >"$out/gen.posts"
awk '$1 == "airq_post" { print $2, $4, $5 }' "$out/bpf.exo" >"$out/bpf.posts"
if ! cmp -s "$out/gen.posts" "$out/bpf.posts"; then
	diff "$out/gen.posts" "$out/bpf.posts" | head -20
	gibko_fail "the recorded posts are not the scenario's (vm isc source)"
fi
echo "vm-record-backends: PASS: both exact; $(wc -l <"$out/bpf.exo") fixed exogenous events" \
	"identical in order, $(wc -l <"$out/bpf.posts") posts = the scenario's"
