#!/usr/bin/env bash
# Sourced by the s390x-record tests. The caller sets gt (gibtrace), exo (gtr-exo), work (a
# scratch folder) and fail MESSAGE.
# shellcheck disable=SC2154 # gt, exo and work: the caller's

# info_val FILE KEY: a string field of gibtrace info --json
info_val() { "$gt" info --json "$1" | grep -o "\"$2\": *\"[^\"]*\"" | head -1 | sed 's/.*: *"//; s/"$//'; }

# same_replay A B: A and B (one recording in two byte orders) replay byte for byte alike
same_replay()
{
	local a=$1 b=$2 d s
	d=$work/same
	rm -rf "$d"
	mkdir -p "$d/a" "$d/b"
	# the same file name in both: the output names the trace
	cp "$a" "$d/a/rec.gtr"
	cp "$b" "$d/b/rec.gtr"
	for s in a b; do
		(cd "$d/$s" && "$gt" replay rec.gtr --policy all -j 1 >table 2>&1 &&
			"$gt" replay rec.gtr --policy all -j 1 --json >json 2>&1) ||
			fail "gibtrace replay of $s: $(cat "$d/$s/table" "$d/$s/json" 2>/dev/null)"
		"$exo" "$d/$s/rec.gtr" >"$d/$s/exo" || fail "gtr-exo of $s"
	done
	cmp -s "$d/a/table" "$d/b/table" || { diff "$d/a/table" "$d/b/table"; return 1; }
	cmp -s "$d/a/json" "$d/b/json" || { diff "$d/a/json" "$d/b/json"; return 1; }
	cmp -s "$d/a/exo" "$d/b/exo" || return 1
	grep -q '"policy": "poll-wait"' "$d/a/json" || fail "$a: not replayed under every policy"
}
