#!/usr/bin/env bash
# tune-parallel: scripts/sweep-parallel.sh (GNU parallel, one shard per local core, then
# `gibtrace merge`) prints the front and the CSV of the same sweep on one machine, byte for
# byte, with 4 shards; run again on its folder it resumes: nothing is replayed twice.
# Only the local cores: the --sshlogin form (docs/tuning.md) is never run against another host.
#   usage: t-parallel.sh GIBTRACE SCENARIO WORKDIR
# shellcheck source=tests/tune/lib.sh
source "$(dirname "$0")/lib.sh"

command -v parallel >/dev/null ||
	skip "GNU parallel is not installed (Debian package 'parallel'; scripts/deps.sh installs it)"
parallel --version 2>/dev/null | head -n 1 | grep -q '^GNU parallel' ||
	skip "'parallel' on PATH is not GNU parallel ($(command -v parallel))"
SP=$ROOT/scripts/sweep-parallel.sh

# the absolute path, as the script makes it: the results files name their trace
"$GT" tune "$PWD/trace.gtr" "${SWEEP[@]}" -j 2 -o one.results --quiet --csv >one.csv
"$GT" merge one.results >one.txt
"$GT" merge one.results -o one.merged >/dev/null

"$SP" -n 4 -d par -g "$GT" trace.gtr "${SWEEP[@]}" >par.txt
same one.txt par.txt "sweep-parallel.sh -n 4: table and front = one machine's"
grep '^  \*' one.txt >one.front
grep '^  \*' par.txt >par.front
same one.front par.front "sweep-parallel.sh -n 4: front = one machine's"
same one.merged par/merged.results "sweep-parallel.sh: merged.results = one machine's, merged"
for i in 0 1 2 3; do
	[[ -s par/shard-$i.results ]] || fail "par/shard-$i.results is missing"
done

# again on the same folder: every shard resumes complete, replays nothing; --csv from the merge
cp par/shard-0.results shard-0.before
"$SP" -n 4 -d par -g "$GT" trace.gtr "${SWEEP[@]}" --csv >par.csv
same one.csv par.csv "sweep-parallel.sh --csv, resumed = one machine's"
same shard-0.before par/shard-0.results "a resumed complete shard is left as it was"
# and refuses a folder that holds another sweep
if "$SP" -n 3 -d par -g "$GT" trace.gtr "${SWEEP[@]}" >/dev/null 2>other.err; then
	fail "sweep-parallel.sh resumed a folder of another sweep (-n 4 before, -n 3 now)"
fi
grep -q 'holds another sweep' other.err || fail "unexpected error: $(cat other.err)"
echo "ok: a folder of another sweep is refused"
echo "PASS"
