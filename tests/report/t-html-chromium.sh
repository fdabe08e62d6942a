#!/usr/bin/env bash
# report-html-chromium: report.html of gibtrace compare --policy all on a shipped
# scenario, opened in headless Chromium: the DOM after loading must hold every chart's
# SVG with its marks and no script error (check-html.py --dom), the screenshot must not
# be blank (check-png.py), and Chromium's log must show no console error.
# usage: t-html-chromium.sh GIBTRACE SCENARIO WORKDIR
set -euo pipefail
gibtrace=$1 scn=$2 work=$3
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")

chromium=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
if [[ -z $chromium ]]; then
	echo "report-html-chromium: SKIP: no chromium (Debian's 'chromium' package; scripts/deps.sh installs it)"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "report-html-chromium: SKIP: python3 not found (the checkers need it)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$gibtrace" gen "$scn" -o "$work/in.gtr"
"$gibtrace" compare "$work/in.gtr" --policy all --html "$work/report.html" >/dev/null

# a fresh profile per run; no network, no first-run or background work
run_chromium()
{
	local profile
	profile=$(mktemp -d "$work/profile.XXXXXX")
	timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--window-size=1400,3000 "$@" "file://$work/report.html"
}
run_chromium --dump-dom >"$work/dom.html" 2>"$work/dom.log"
run_chromium --screenshot="$work/report.png" >"$work/shot.out" 2>"$work/shot.log"

python3 "$here/check-html.py" "$work/dom.html" --compare --dom
python3 "$here/check-png.py" "$work/report.png" 1400 3000
# console errors: Chromium logs page messages as CONSOLE lines, uncaught ones as such
if grep -E 'Uncaught|CONSOLE.*([Ee]rror|[Ff]ailed)' "$work/dom.log" "$work/shot.log"; then
	echo "report-html-chromium: the page logged errors (above)" >&2
	exit 1
fi
echo "report-html-chromium: ok ($work/report.png)"
