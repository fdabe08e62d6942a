#!/usr/bin/env bash
# tune-shard-merge: one sweep on one machine against the same sweep as --shard 0/3, 1/3, 2/3
# combined by `gibtrace merge`: the table (front marked), the CSV and the merged results file are
# equal byte for byte; so are merges of the shards in another order and with a shard given twice.
# Then --resume: a sweep stopped by SIGINT after its first results, resumed, ends with the same
# results as one never stopped, and replays no configuration twice.
#   usage: t-shard-merge.sh GIBTRACE SCENARIO WORKDIR
# shellcheck source=tests/tune/lib.sh
source "$(dirname "$0")/lib.sh"

# one machine: live output (figures from memory), the table with -j 2 and the CSV with -j 1
"$GT" tune trace.gtr "${SWEEP[@]}" -j 2 -o one.results --quiet >one.txt
"$GT" tune trace.gtr "${SWEEP[@]}" -j 1 -o one-csv.results --quiet --csv >one.csv
[[ $(results one.results) -eq $NCONF ]] || fail "one.results: $(results one.results) results, expected $NCONF"
grep -q '^  \*' one.txt || fail "one.txt: no front"
"$GT" merge one.results -o one.merged >/dev/null

# three shards, each its own process, as on three machines
for i in 0 1 2; do
	"$GT" tune trace.gtr "${SWEEP[@]}" --shard "$i/3" -j 2 -o "shard-$i.results" --quiet >/dev/null
	while read -r idx; do
		[[ $((idx % 3)) -eq $i ]] || fail "shard-$i.results holds index $idx"
	done < <(grep -v '^#' "shard-$i.results" | cut -f1)
done
[[ $(($(results shard-0.results) + $(results shard-1.results) + $(results shard-2.results))) -eq $NCONF ]] ||
	fail "the shards do not hold $NCONF results together"

"$GT" merge shard-0.results shard-1.results shard-2.results -o merged.results >merged.txt
"$GT" merge shard-0.results shard-1.results shard-2.results --csv >merged.csv
same one.txt merged.txt "merged table (front) = one machine's"
same one.csv merged.csv "merged --csv = one machine's"
same one.merged merged.results "merged results file = one machine's, merged"
grep '^  \*' one.txt >one.front
grep '^  \*' merged.txt >merged.front
same one.front merged.front "merged front = one machine's"

# another order, and a shard twice
"$GT" merge shard-2.results shard-0.results shard-1.results >order.txt
"$GT" merge shard-1.results shard-2.results shard-1.results shard-0.results --csv >dup.csv
"$GT" merge shard-1.results shard-2.results shard-1.results shard-0.results >dup.txt
same one.txt order.txt "merge in another order"
same one.csv dup.csv "merge with a shard twice (--csv)"
same one.txt dup.txt "merge with a shard twice"

# --resume after SIGINT: stop a -j 1 sweep once its first result is in the file
resumed=0
for attempt in 1 2 3; do
	rm -f int.results
	"$GT" tune trace.gtr "${SWEEP[@]}" -j 1 -o int.results --quiet --csv >int.csv 2>int.err &
	pid=$!
	for _ in $(seq 1000); do # up to 10 s
		[[ -f int.results && $(results int.results) -ge 1 ]] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	kill -INT "$pid" 2>/dev/null || true
	rc=0
	wait "$pid" || rc=$?
	if [[ $rc -eq 0 ]]; then
		echo "attempt $attempt: the sweep ended before SIGINT reached it; again"
		continue
	fi
	[[ $rc -eq 130 ]] || { cat int.err >&2; fail "interrupted sweep exited $rc, expected 130"; }
	grep -q 'interrupted after' int.err || fail "no 'interrupted after' message: $(cat int.err)"
	[[ ! -s int.csv ]] || fail "an interrupted sweep printed results"
	resumed=1
	break
done
[[ $resumed -eq 1 ]] || fail "could not interrupt a sweep in 3 attempts"
ndone=$(results int.results)
[[ $ndone -ge 1 && $ndone -lt $NCONF ]] || fail "interrupted with $ndone of $NCONF results"
echo "ok: SIGINT stopped the sweep after $ndone of $NCONF configurations: $(cat int.err)"

"$GT" tune trace.gtr "${SWEEP[@]}" -j 2 -o int.results --resume --quiet --csv >resumed.csv
same one.csv resumed.csv "resumed sweep's --csv = an uninterrupted sweep's"
[[ $(results int.results) -eq $NCONF ]] ||
	fail "int.results: $(results int.results) results after --resume, expected $NCONF (a configuration replayed twice?)"
[[ $(grep -v '^#' int.results | cut -f1 | sort -u | wc -l) -eq $NCONF ]] ||
	fail "int.results: duplicate indexes after --resume"
"$GT" merge int.results -o int.merged >/dev/null
same one.merged int.merged "resumed results file (merged) = one machine's"

# --resume of a finished sweep replays nothing and prints the same
"$GT" tune trace.gtr "${SWEEP[@]}" -o int.results --resume --quiet --csv >again.csv
same one.csv again.csv "--resume of a finished sweep"
[[ $(results int.results) -eq $NCONF ]] || fail "--resume of a finished sweep added results"

# --html: the front's chart holds every configuration, and lists the front
"$GT" merge int.results --html front.html >/dev/null
[[ $(grep -c '<circle ' front.html) -eq $NCONF ]] ||
	fail "front.html: $(grep -c '<circle ' front.html) configurations drawn, expected $NCONF"
nfront=$(wc -l <one.front)
[[ $(grep -c '<tr><td>' front.html) -eq $nfront ]] ||
	fail "front.html: $(grep -c '<tr><td>' front.html) rows in the front's table, expected $nfront"

# a results file from before the halt-poll figure (its lines one figure short) still merges,
# with no poll CPU
awk -F'\t' -v OFS='\t' '/^#/ { print; next } { NF--; print }' one.merged >old.results
"$GT" merge old.results --csv >old.csv || fail "a results file without the halt-poll figure"
[[ $(grep -c ',0$' old.csv) -eq $NCONF ]] ||
	fail "old.csv: expected $NCONF configurations with a halt-poll CPU of 0"
echo "ok: a results file one figure short (before halt-poll CPU) merges, with 0 poll"
echo "PASS"
