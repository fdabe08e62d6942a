#!/usr/bin/env bash
# report-perfetto: gibtrace export --perfetto of the upstream replay of a scenario; its
# trace-event JSON checked by check-perfetto.py against gibtrace report --json.
# usage: t-perfetto.sh GIBTRACE SCENARIO WORKDIR
set -euo pipefail
gibtrace=$1 scn=$2 work=$3
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")

if ! command -v python3 >/dev/null 2>&1; then
	echo "report-perfetto: SKIP: python3 not found (the checker needs it)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$gibtrace" gen "$scn" -o "$work/in.gtr"
for policy in upstream v5-clean-ipm; do
	"$gibtrace" replay "$work/in.gtr" --policy "$policy" -o "$work/$policy.gtr" --quiet >/dev/null
	"$gibtrace" export --perfetto "$work/$policy.gtr" -o "$work/$policy.json"
	"$gibtrace" report "$work/$policy.gtr" --json >"$work/$policy.report.json"
	python3 "$here/check-perfetto.py" "$work/$policy.json" "$work/$policy.report.json"
done
# standard output, and a bad call
"$gibtrace" export --perfetto "$work/upstream.gtr" | python3 -c 'import json,sys; json.load(sys.stdin)'
if "$gibtrace" export "$work/upstream.gtr" 2>/dev/null; then
	echo "report-perfetto: export without --perfetto succeeded" >&2
	exit 1
fi
echo "report-perfetto: ok"
