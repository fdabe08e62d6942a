#!/usr/bin/env bash
# Sourced by traces/record-all.sh (x86 guest) and traces/s390x/record.sh (emulated s390x):
# what both do with a guest's recordings (traces/record-guest.sh's /out): bring them home
# with their provenance, and the numbers of a recording for PROVENANCE.md. Uses the
# caller's $gibtrace (this host's, for gibtrace info).
# shellcheck disable=SC2154 # gibtrace and rec_*: set by the sourcing script

# rec_bring_home OUT SCN DEST SCENARIO POLICY...: for each POLICY, OUT/SCN/POLICY.gtr to
# DEST/POLICY.gtr, with DEST/POLICY.txt (its provenance: the guest's kernel and command from
# OUT, SCENARIO, gibtrace info, record's summary) and DEST/POLICY.run.json.txt (the run's
# output). The caller sets rec_script (its path in the repository), rec_date, rec_guest (the
# machine and QEMU) and rec_info (the heading of gibtrace info). Fails (SCRIPT: SCN POLICY:
# exit status N) when a recording did not end well, with what the guest wrote about it.
rec_bring_home()
{
	local out=$1 s=$2 dest=$3 scenario=$4 p rc
	shift 4

	mkdir -p "$dest"
	for p in "$@"; do
		rc=$(cat "$out/$s/$p.rc" 2>/dev/null || echo missing)
		if [[ $rc != 0 ]]; then
			cat "$out/$s/$p.err" "$out/$s/$p.out" 2>/dev/null || true
			echo "${rec_script##*/}: $s $p: exit status $rc"
			return 1
		fi
		cp "$out/$s/$p.gtr" "$dest/$p.gtr"
		{
			echo "recorded:    $rec_date, $rec_script"
			echo "guest:       $rec_guest"
			echo "kernel:      $(cat "$out/uname")"
			echo "command:     $(cat "$out/$s/$p.cmd")"
			echo "scenario:    $scenario"
			echo
			echo "== $rec_info"
			"$gibtrace" info "$dest/$p.gtr"
			echo
			echo "== gibtrace record's summary (after run's JSON)"
			awk 'done { print } $0 == "}" { done = 1 }' "$out/$s/$p.out"
		} >"$dest/$p.txt"
		cp "$out/$s/$p.out" "$dest/$p.run.json.txt"
	done
}

# rec_numbers GTR: "EVENTS POSTS RING-BUFFER-DROPS NESTING-MISSES KIB POLICY" of a recording
# (gibtrace info --json): drops on a CPU below ncpus are the ring buffer's, those on CPU
# ncpus the kernel's recursion_misses; "?" for a count the file does not give.
rec_numbers()
{
	local f=$1 info ev posts ncpus rb nest spec

	info=$("$gibtrace" info --json "$f")
	ev=$(grep -o '"events": *[0-9]*' <<<"$info" | head -1 | grep -o '[0-9]*$')
	posts=$(tr -d '\n ' <<<"$info" | grep -o '"airq_post":[0-9]*' | head -1 | grep -o '[0-9]*$')
	ncpus=$(grep -o '"ncpus": *"[0-9]*"' <<<"$info" | grep -o '[0-9]*')
	read -r rb nest < <(tr -d '\n ' <<<"$info" |
		grep -o '"cpu":[0-9]*,"lost":[0-9]*' |
		awk -F'[:,]' -v n="${ncpus:-1}" \
			'{ if ($2 < n) rb += $4; else nest += $4 } END { print rb + 0, nest + 0 }')
	spec=$(grep -o '"policy": *"[^"]*"' <<<"$info" | head -1 | sed 's/.*: *"//; s/"$//')
	echo "${ev:-?} ${posts:-?} $rb $nest $(($(stat -c %s "$f") / 1024)) $spec"
}
