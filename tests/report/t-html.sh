#!/usr/bin/env bash
# report-html: the HTML report of gibtrace compare --policy all, of compare of two
# trace files and of gibtrace report, read as text by check-html.py (self-contained,
# every chart with its marks, the table, the provenance). No browser: see
# t-html-chromium.sh for the rendering.
# usage: t-html.sh GIBTRACE SCENARIO WORKDIR
set -euo pipefail
gibtrace=$1 scn=$2 work=$3
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")

if ! command -v python3 >/dev/null 2>&1; then
	echo "report-html: SKIP: python3 not found (the checker needs it)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$gibtrace" gen "$scn" -o "$work/in.gtr"

# compare --policy all: the table on stdout as without --html, and the report
"$gibtrace" compare "$work/in.gtr" --policy all >"$work/plain.txt"
TMPDIR=$work "$gibtrace" compare "$work/in.gtr" --policy all --html "$work/report.html" \
	>"$work/with-html.txt"
cmp "$work/plain.txt" "$work/with-html.txt"
if ls "$work"/gibtrace-html-* >/dev/null 2>&1; then
	echo "report-html: the temporary replay was left behind" >&2
	exit 1
fi
python3 "$here/check-html.py" "$work/report.html" --compare

# compare of two trace files, and report of one
"$gibtrace" replay "$work/in.gtr" --policy upstream -o "$work/up.gtr" --quiet >/dev/null
"$gibtrace" replay "$work/in.gtr" --policy v5-clean-ipm -o "$work/v5.gtr" --quiet >/dev/null
"$gibtrace" compare "$work/up.gtr" "$work/v5.gtr" --html "$work/files.html" >/dev/null
python3 "$here/check-html.py" "$work/files.html" --compare
"$gibtrace" report "$work/up.gtr" --html "$work/one.html" >/dev/null
python3 "$here/check-html.py" "$work/one.html"
echo "report-html: ok"
