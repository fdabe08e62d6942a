#!/usr/bin/env bash
# Kernel style of the kernel-side C (core/, kmod/, tests/kvm-tp/ (the test modules' shared
# trace headers) and every folder with a Kbuild file, such as the test modules under
# tests/vm/): checkpatch.pl --no-tree from
# Debian's linux-source-6.1 tarball, extracted once into build/checkpatch/. Any error or
# warning fails. CHECKPATCH=path overrides the script.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

checkpatch=${CHECKPATCH:-}
if [[ -z $checkpatch ]]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1 || true)
	if [[ -z $tarball ]]; then
		echo "checkpatch: no /usr/src/linux-source-*.tar.xz (scripts/deps.sh installs linux-source-6.1)" >&2
		exit 1
	fi
	dir=build/checkpatch/$(basename "$tarball" .tar.xz)
	if [[ ! -f $dir/scripts/checkpatch.pl ]]; then
		mkdir -p build/checkpatch
		tar -xJf "$tarball" -C build/checkpatch --wildcards '*/scripts/checkpatch.pl' \
			'*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
	fi
	checkpatch=$dir/scripts/checkpatch.pl
fi

files=()
dirs=(core kmod tests/kvm-tp)
while IFS= read -r k; do
	dirs+=("$(dirname "$k")")
done < <(find tests bench -name Kbuild 2>/dev/null | sort)
for d in "${dirs[@]}"; do
	# clang-format must leave kernel code alone: a .clang-format that disables it
	if ! grep -qx 'DisableFormat: true' "$d/.clang-format" 2>/dev/null; then
		echo "checkpatch: $d/.clang-format must say 'DisableFormat: true' (kernel code)" >&2
		exit 1
	fi
	for f in "$d"/*.c "$d"/*.h; do
		[[ -f $f ]] && files+=("$f")
	done
done
out=$(perl "$checkpatch" --no-tree --terse --show-types -f "${files[@]}" 2>&1 || true)
bad=$(grep -E ': (ERROR|WARNING|CHECK):' <<<"$out" || true)
if [[ -n $bad ]]; then
	echo "$bad"
	echo "checkpatch: ${#files[@]} files checked, $(wc -l <<<"$bad") problems"
	exit 1
fi
echo "checkpatch: ${#files[@]} files checked, clean"
