#!/usr/bin/env bash
# clang-format check of the user-space C: every *.c and *.h except kernel code: core/,
# kmod/, tests/kvm-tp/ and any folder with a Kbuild file (checked by checkpatch.sh
# instead). In a git checkout: the tracked files plus the untracked ones not ignored;
# otherwise all files found. Prints each file that
# clang-format would change and exits non-zero if there is any.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

clang_format=${CLANG_FORMAT:-}
if [[ -z $clang_format ]]; then
	for c in clang-format-14 clang-format; do
		if command -v "$c" >/dev/null 2>&1; then
			clang_format=$c
			break
		fi
	done
fi
if [[ -z $clang_format ]]; then
	echo "check-format: clang-format not found (scripts/deps.sh installs it)" >&2
	exit 1
fi

files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(git ls-files -z --cached --others --exclude-standard -- '*.c' '*.h' ':(exclude)core/' ':(exclude)kmod/' ':(exclude)tests/kvm-tp/')
else
	while IFS= read -r -d '' f; do
		files+=("${f#./}")
	done < <(find . \( -path ./.git -o -path ./build -o -path ./core -o -path ./kmod \
		-o -path ./tests/kvm-tp \) -prune -o \
		-type f \( -name '*.c' -o -name '*.h' \) -print0)
fi

checked=0
bad=0
for f in "${files[@]}"; do
	[[ -f $f ]] || continue # tracked but deleted in the work tree
	[[ -f $(dirname "$f")/Kbuild ]] && continue # kernel code
	checked=$((checked + 1))
	if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then
		echo "check-format: $f: not clang-formatted (fix: $clang_format -i $f)"
		bad=$((bad + 1))
	fi
done

echo "check-format: $("$clang_format" --version | head -n 1): $checked files checked, $bad not formatted"
[[ $bad -eq 0 ]]
