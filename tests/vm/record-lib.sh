#!/usr/bin/env bash
# Sourced by the t-record-*.sh tests: record_prepare WORK GIBTRACE_STATIC GTR_DUMP builds
# what gibko_prepare builds (gibko-lib.sh) plus record-asuser, and adds /record-fast.scn
# and /record-asuser to GIBKO_FILES; the host-side checks below read what the guest
# wrote: `gibtrace record ... -- gibtrace run ... --json` output split in two
# (rec_split), the recorded trace dumped with gtr-dump (tests/vm/gtr-dump.c).
# shellcheck source-path=SCRIPTDIR source=gibko-lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"

# record_prepare WORK GIBTRACE_STATIC GTR_DUMP
record_prepare()
{
	local work=$1 gt=${2:-need-gibtrace} dump=${3-}

	if [[ -z $dump || ! -x $dump ]]; then
		echo "$GIBKO_TEST: SKIP: no gibtrace-static or no gtr-dump (CMake targets)"
		exit 77
	fi
	gibko_prepare "$work" "$gt"
	GTR_DUMP=$(readlink -f "$dump")
	GIBTRACE=$(readlink -f "$gt")
	"${CC:-cc}" -static -O2 -std=gnu11 -Wall -Wextra -Werror \
		-o "$GIBKO_WORK/bin/record-asuser" "$gibko_here/record-asuser.c" ||
		gibko_fail "cannot build record-asuser (static)"
	GIBKO_FILES+=("$gibko_here/record-fast.scn:/record-fast.scn"
		"$GIBKO_WORK/bin/record-asuser:/record-asuser")
}

# rec_run_ok OUT NAME: the guest ran `gibtrace record` for NAME (OUT/NAME.rc, .out, .err)
# and it exited 0; then rec_split of its output. Fails the test otherwise.
rec_run_ok()
{
	local out=$1 name=$2

	[[ -s $out/$name.rc ]] || gibko_fail "$name: not run"
	if [[ $(cat "$out/$name.rc") != 0 ]]; then
		cat "$out/$name.err" "$out/$name.out"
		gibko_fail "$name: gibtrace record exited $(cat "$out/$name.rc")"
	fi
	rec_split "$out/$name.out"
}

# rec_split FILE: `gibtrace record -- gibtrace run --json` wrote run's JSON (up to the
# first line "}") then record's summary: FILE.json and FILE.rec
rec_split()
{
	awk -v j="$1.json" -v r="$1.rec" \
		'!done { print > j; if ($0 == "}") done = 1; next } { print > r }' "$1"
	[[ -s $1.json ]] || gibko_fail "$1: no JSON from gibtrace run"
	[[ -s $1.rec ]] || touch "$1.rec"
}

# rec_json_num FILE KEY: a number (or true/false) of run's JSON
rec_json_val()
{
	grep -o "\"$2\": *[0-9a-z]*" "$1" | head -1 | sed 's/.*: *//'
}

# rec_exact NAME RUNJSON RECSUMMARY TRACE [typed]: the recording against gib.ko's own
# counters. Events up to the counters' read (events_to_ns) plus the drops must equal the
# counters: per type when "typed" (the BPF backend counts drops per type), in total
# always; every drop before the read; after it only the teardown of closing the device.
# Prints one table; returns non-zero (with the reason) on a mismatch.
rec_exact()
{
	local name=$1 json=$2 rec=$3 trace=$4 typed=${5-} to settled ncpus

	settled=$(rec_json_val "$json" events_settled)
	to=$(rec_json_val "$json" events_to_ns)
	[[ $settled == true ]] || { echo "$name: gib.ko's counters did not settle"; return 1; }
	[[ -n $to ]] || { echo "$name: no events_to_ns in $json"; return 1; }
	"$GTR_DUMP" "$trace" >"$trace.dump" || { echo "$name: gtr-dump $trace failed"; return 1; }
	# drop records on CPU ncpus: BPF programs nesting into themselves (CPU unknown), with
	# the span between two looks of the recorder: they may end after the read
	ncpus=$("$GIBTRACE" info --json "$trace" | grep -o '"ncpus": *"[0-9]*"' | grep -o '[0-9]*')
	awk -v name="$name" -v to="$to" -v typed="$typed" -v ncpus="${ncpus:-1}" '
		FILENAME == ARGV[1] {	# run JSON: the "events" object
			if ($0 ~ /"events": *\{/) { ev = 1; next }
			if (ev && $0 ~ /\}/) { ev = 0; next }
			if (ev) { gsub(/[",:]/, " "); if ($2 > 0) mod[$1] = $2; }
			next
		}
		FILENAME == ARGV[2] {	# record summary table
			if (NF == 3 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ && $1 != "total")
				tdrop[$1] = $3
			if ($1 == "total" && NF == 3) ttotal = $3
			if ($1 == "(type") tuntyped = $NF
			next
		}
		$3 == "meta" {	# a drop record: arg lost from ts to val
			drops += $8; ndrec++
			# ftrace knows a loss only between two events it kept: the span may
			# end after the read, it must begin before it
			if ($2 < ncpus + 0 && $1 > to) late_drops += $8
			next
		}
		$1 <= to { before[$4]++; nbefore++; next }
		{ after[$4]++; nafter++ }
		END {
			bad = ""
			printf "%s: %-16s %10s %10s %10s %10s\n", name, "type", "gib.ko", "recorded",
				"dropped", "after"
			for (t in mod) all[t] = 1
			for (t in before) all[t] = 1
			for (t in after) all[t] = 1
			sorter = "sort -k2,2"
			for (t in all) {
				d = (typed && (t in tdrop)) ? tdrop[t] : "-"
				printf "%s: %-16s %10d %10d %10s %10d\n", name, t, mod[t], before[t], d,
					after[t] | sorter
				smod += mod[t]
				if (typed && before[t] + tdrop[t] != mod[t])
					bad = bad sprintf(" %s: %d recorded + %d dropped != %d counted;", t,
						before[t], tdrop[t], mod[t])
				if (!typed && !drops && before[t] != mod[t])
					bad = bad sprintf(" %s: %d recorded != %d counted;", t, before[t], mod[t])
			}
			close(sorter)
			printf "%s: %-16s %10d %10d %10d %10d (%d drop records)\n", name, "total", smod,
				nbefore, drops, nafter, ndrec
			if (nbefore + drops != smod)
				bad = bad sprintf(" total: %d recorded + %d dropped != %d counted;",
					nbefore, drops, smod)
			if (late_drops)
				bad = bad sprintf(" %d drops after the counters were read;", late_drops)
			if (ttotal != "" && ttotal != drops)
				bad = bad sprintf(" record says %d dropped, the file %d;", ttotal, drops)
			if (after["vm_destroy"] != mod["vm_create"] || after["vcpu_destroy"] != mod["vcpu_create"])
				bad = bad " the teardown is not every VM and vcpu;"
			for (t in after)
				if (after[t] > 0 && t !~ /^(vm_destroy|vcpu_destroy|gisc_unregister|iam_set|gisa_unlink|gisa_alert|iam_restore)$/)
					bad = bad sprintf(" %d %s after the counters were read;", after[t], t)
			if (bad != "") { print name ": MISMATCH:" bad; exit 1 }
			print name ": EXACT"
		}' "$json" "$rec" "$trace.dump"
}
