#!/usr/bin/env bash
# Determinism of `gibtrace replay`, through the built binary, on one shipped scenario:
#   tests/replay/determinism.sh GIBTRACE SCENARIO [WORKDIR]
# 1. gen the scenario's exogenous trace; replay it under --policy all twice, on all CPUs
#    and with -j 1: every output trace is byte-identical to its twin (the header's
#    `created` field, the wall-clock second the file was written, is the only field
#    allowed to differ; the whole file is compared byte for byte when both were written
#    in the same second);
# 2. each policy alone (--policy NAME) gives the same bytes as its run under --policy all;
# 3. each output replayed again with --validate (its own policy, from its header) and the
#    costs it was replayed with (the defaults, given explicitly) exits 0 with 0.0% on
#    every figure;
# 4. plain --validate (costs estimated from the trace, --cost auto) is run too: a figure
#    that is not 0.0% there is printed as a FINDING, a failure only with
#    GIB_REPLAY_STRICT_AUTO=1 (the estimate is not exact on replayed traces today).
set -euo pipefail

# the engine's default costs (replay/engine.c rp_costs_default), as --cost takes them
default_costs=gal_delay=2us,wake_poll=1us,wake_sleep=20us,reenter=1us,work_default=20us

gibtrace=$1
scn=$2
name=$(basename "$scn" .scn)
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/replay-det-$name.XXXXXX")}
mkdir -p "$work"
trap '[[ -z ${3:-} ]] && rm -rf "$work"' EXIT
fail=0

# header_size is the u32 at offset 16 (magic 8, bom 4, major 2, minor 2), little-endian
header_size()
{
	od -An -tu4 -j16 -N4 "$1" | tr -d ' '
}

# FILE A and B identical but for the `created` header field
same_trace()
{
	local a=$1 b=$2 ha hb
	ha=$(header_size "$a")
	hb=$(header_size "$b")
	if cmp -s "$a" "$b"; then
		return 0
	fi
	if [[ $ha != "$hb" ]]; then
		echo "  $a and $b: header sizes $ha and $hb differ"
		return 1
	fi
	if ! cmp -s -i "$ha:$hb" "$a" "$b"; then
		echo "  $a and $b: the events differ:"
		cmp -i "$ha:$hb" "$a" "$b" | head -n 3 || true
		return 1
	fi
	if ! diff <("$gibtrace" info "$a" | grep -v -e '^/' -e '^  created ') \
		<("$gibtrace" info "$b" | grep -v -e '^/' -e '^  created ') >/dev/null; then
		echo "  $a and $b: the headers differ beyond 'created':"
		diff <("$gibtrace" info "$a" | grep -v -e '^/' -e '^  created ') \
			<("$gibtrace" info "$b" | grep -v -e '^/' -e '^  created ') | head -n 6 || true
		return 1
	fi
	echo "  note: $(basename "$a") and $(basename "$b") differ only in 'created' (written in different seconds)"
	return 0
}

"$gibtrace" gen "$scn" -o "$work/in.gtr" >/dev/null
mapfile -t policies < <("$gibtrace" replay "$work/in.gtr" --policy all --json --quiet |
	grep -o '"policy": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
if [[ ${#policies[@]} -lt 5 ]]; then
	echo "FAIL - $name: --policy all replayed ${#policies[@]} policies: ${policies[*]}"
	exit 1
fi

"$gibtrace" replay "$work/in.gtr" --policy all -o "$work/a" --quiet
"$gibtrace" replay "$work/in.gtr" --policy all -o "$work/b" --quiet -j 1
for p in "${policies[@]}"; do
	if same_trace "$work/a.$p" "$work/b.$p"; then
		echo "ok - $name $p: --policy all twice (all CPUs, -j 1): identical output traces ($(stat -c %s "$work/a.$p") bytes)"
	else
		echo "FAIL - $name $p: --policy all twice: the output traces differ"
		fail=1
	fi
	"$gibtrace" replay "$work/in.gtr" --policy "$p" -o "$work/one.$p" --quiet
	if same_trace "$work/a.$p" "$work/one.$p"; then
		echo "ok - $name $p: --policy $p alone: identical to its run under --policy all"
	else
		echo "FAIL - $name $p: --policy $p alone differs from its run under --policy all"
		fail=1
	fi
	# validate FILE OUT [ARGS]: sets rc, nonzero (figures not 0.0%), figures
	validate()
	{
		local f=$1 out=$2
		shift 2
		rc=0
		"$gibtrace" replay --validate "$f" "$@" >"$out" || rc=$?
		# figure rows: "  NAME  RECORDED  REPLAY  ERR%" (maybe "  <- off")
		nonzero=$(grep -E '^  [a-z].*%' "$out" | grep -cvE '[[:space:]]0\.0%$' || true)
		figures=$(grep -cE '^  [a-z].*%' "$out" || true)
	}
	validate "$work/a.$p" "$work/validate.$p" --cost "$default_costs"
	if [[ $rc -eq 0 && $nonzero -eq 0 && $figures -ge 10 ]]; then
		echo "ok - $name $p: --validate of the replay with its costs: exit 0, $figures figures all 0.0%"
	else
		echo "FAIL - $name $p: --validate of the replay with its costs: exit $rc, $nonzero of $figures figures not 0.0%"
		sed 's/^/    /' "$work/validate.$p"
		fail=1
	fi
	validate "$work/a.$p" "$work/validate-auto.$p"
	if [[ $rc -eq 0 && $nonzero -eq 0 && $figures -ge 10 ]]; then
		echo "ok - $name $p: --validate of the replay (costs estimated): exit 0, $figures figures all 0.0%"
	else
		echo "FINDING - $name $p: --validate of the replay (costs estimated, --cost auto): exit $rc, $nonzero of $figures figures not 0.0%"
		sed 's/^/    /' "$work/validate-auto.$p"
		if [[ ${GIB_REPLAY_STRICT_AUTO:-0} == 1 ]]; then
			fail=1
		fi
	fi
done
exit $fail
