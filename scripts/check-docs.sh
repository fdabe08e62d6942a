#!/usr/bin/env bash
# docs/trace-format.md embeds the event vocabulary as `gibtrace info --types --markdown`
# prints it from GIB_EVENTS: fail if the two differ. usage: check-docs.sh GIBTRACE [--update]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
gibtrace=$1
doc=docs/trace-format.md
want=$("$gibtrace" info --types --markdown)
have=$(sed -n '/<!-- vocabulary: begin -->/,/<!-- vocabulary: end -->/p' "$doc" | sed '1d;$d')
if [[ ${2-} == --update ]]; then
	{
		sed '/<!-- vocabulary: begin -->/q' "$doc"
		echo "$want"
		sed -n '/<!-- vocabulary: end -->/,$p' "$doc"
	} >"$doc.new"
	mv "$doc.new" "$doc"
	echo "check-docs: $doc: vocabulary table regenerated"
	exit 0
fi
if [[ "$want" != "$have" ]]; then
	diff <(echo "$have") <(echo "$want") || true
	echo "check-docs: $doc: the vocabulary table differs from GIB_EVENTS; regenerate it with"
	echo "  $0 $gibtrace --update"
	exit 1
fi
echo "check-docs: $doc: vocabulary table matches GIB_EVENTS ($(wc -l <<<"$want") lines)"
