# shellcheck shell=bash
# Sourced by the convert tests once $name (the ctest name) is set: fail, and the skips they
# share (exit 77 saying why).

fail()
{
	echo "${name:?}: FAIL: $*"
	exit 1
}

# need_convert GIBTRACE [TOOL...]: skip without each TOOL, or a gibtrace without convert
need_convert()
{
	local gt=$1 tool

	shift
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "$name: SKIP: no $tool"
			exit 77
		fi
	done
	if ! "$gt" help | grep -q '^ *convert '; then
		echo "$name: SKIP: gibtrace built without convert (no libtracecmd-dev)"
		exit 77
	fi
}
