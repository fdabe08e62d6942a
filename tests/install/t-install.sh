#!/usr/bin/env bash
# The install tree (tests/install/CMakeLists.txt says what is checked).
# usage: t-install.sh BUILD_DIR SOURCE_DIR WORK_DIR LIBDIR CC [CFLAGS...]
#   LIBDIR: CMAKE_INSTALL_LIBDIR; CFLAGS: the build's sanitizer flags, for the program
#   linked against the installed (instrumented) libgibtrace
set -euo pipefail
build=$1 src=$2 work=$3 libdir=$4 cc=$5
shift 5
cflags=("$@")

fail() { echo "install: FAIL: $*" >&2; exit 1; }
skip() { echo "install: SKIP: $*" >&2; exit 77; }
for tool in man pkg-config; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool not found (scripts/deps.sh installs it)"
done

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; fail "cmake --install $build --prefix $prefix"; }
for f in bin/gibtrace "$libdir/libgibtrace.a" "$libdir/pkgconfig/gibtrace.pc" \
	include/gibtrace/{events,format,trace,scenario}.h share/man/man1/gibtrace.1 \
	share/bash-completion/completions/gibtrace share/doc/gibtrace/README.md \
	share/doc/gibtrace/docs/replay.md; do
	[[ -f $prefix/$f ]] || fail "$prefix/$f: not installed"
done

# the binary runs
gibtrace=$prefix/bin/gibtrace
"$gibtrace" --version | grep -q '^gibtrace version ' || fail "$gibtrace --version"
echo "install: $("$gibtrace" --version) from $prefix"

# man pages: one per command, with what --help prints. No wrapping, hyphenation or
# typographic quotes (C locale): the rendered text compares as text.
export LC_ALL=C MANWIDTH=1000 MANPATH=$prefix/share/man
man -P cat gibtrace-replay >"$work/man-replay.txt" 2>"$work/man.err" ||
	{ cat "$work/man.err"; fail "man gibtrace-replay"; }
for opt in --validate '--tolerance F'; do
	grep -q -- "$opt" "$work/man-replay.txt" || fail "man gibtrace-replay shows no $opt"
done
man -P cat gibtrace | grep -q 'gibtrace-replay(1)' || fail "man gibtrace lists no gibtrace-replay(1)"

# SECTION FILE: the section of a --help output (Options:, Examples:) or of a man page
# (OPTIONS, EXAMPLES), its whitespace collapsed
help_section() { sed -n "/^$1:\$/,/^\$/p" "$2" | sed '1d' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'; }
man_section() { sed -n "/^$1\$/,/^[A-Z]/p" "$2" | sed '1d;$d' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'; }
ncmds=0
for cmd in $("$gibtrace" help --list); do
	page=$work/man-$cmd.txt
	help=$work/help-$cmd.txt
	man -P cat "gibtrace-$cmd" >"$page" 2>"$work/man.err" ||
		{ cat "$work/man.err"; fail "man gibtrace-$cmd"; }
	grep -q "^ *gibtrace-$cmd - " "$page" || fail "man gibtrace-$cmd: no NAME line"
	"$gibtrace" "$cmd" --help >"$help" || fail "gibtrace $cmd --help"
	cmp -s "$help" <("$gibtrace" help "$cmd") || fail "gibtrace help $cmd differs from --help"
	for s in Options Examples; do
		S=${s^^}
		h=$(help_section "$s" "$help")
		m=$(man_section "$S" "$page")
		if grep -q "^$s:\$" "$help" && [[ -z $h ]]; then
			fail "gibtrace $cmd --help: an empty $s section"
		fi
		if [[ "$h" != "$m" ]]; then
			diff <(echo "$h") <(echo "$m") || true
			fail "gibtrace-$cmd(1): $S differs from gibtrace $cmd --help's $s"
		fi
	done
	ncmds=$((ncmds + 1))
done
[[ $ncmds -ge 10 ]] || fail "gibtrace help --list: $ncmds commands"
echo "install: man gibtrace-CMD for $ncmds commands, options and examples as --help prints them"

# pkg-config: a program against the installed library reads a trace the installed binary wrote
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
flags=$(pkg-config --cflags --libs gibtrace) || fail "pkg-config --cflags --libs gibtrace"
[[ $flags == *"$prefix"* ]] || fail "pkg-config gives '$flags', not in $prefix"
cat >"$work/count.c" <<'C'
#include <stdio.h>

#include <gibtrace/trace.h>

int main(int argc, char **argv)
{
	struct gt_reader *r;
	struct gt_event ev;
	unsigned long n = 0;
	int err = 0;

	if (argc != 2)
		return 2;
	r = gt_reader__open(argv[1], &err);
	if (!r) {
		fprintf(stderr, "%s: cannot open (%d)\n", argv[1], err);
		return 1;
	}
	while (gt_reader__next(r, &ev) > 0)
		n++;
	gt_reader__close(r);
	printf("%lu\n", n);
	return 0;
}
C
# shellcheck disable=SC2086 # the flags are words
"$cc" -std=c11 -Wall -Wextra -Werror "${cflags[@]}" "$work/count.c" -o "$work/count" $flags ||
	fail "count.c does not build with $flags"
gen=$("$gibtrace" gen "$src/scenarios/ap-burst.scn" -o "$work/ap.gtr") || fail "gibtrace gen"
want=$(sed -E 's/.*: ([0-9]+) exogenous events.*/\1/' <<<"$gen")
have=$("$work/count" "$work/ap.gtr") || fail "count ap.gtr"
[[ $have == "$want" ]] || fail "count.c read $have events of ap.gtr, gibtrace gen wrote $want"
echo "install: pkg-config gibtrace: $flags; count.c read the $have events of ap.gtr"

# bash completion, the installed script in a non-interactive bash, the installed binary
completion=$prefix/share/bash-completion/completions/gibtrace
complete_words() # WORD... : COMPREPLY, a line each, for the command line WORD...
{
	PATH=$prefix/bin:$PATH bash --norc --noprofile -c '
		comp=$1
		shift
		source "$comp"
		complete -p gibtrace >/dev/null
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_gibtrace
		printf "%s\n" "${COMPREPLY[@]}"' bash "$completion" "$@"
}
expect() # WORD REPLY... -- WORD...: REPLY has WORD for the command line WORD...
{
	local want=() reply
	while [[ $1 != -- ]]; do
		want+=("$1")
		shift
	done
	shift
	reply=$(complete_words "$@") || fail "completion of '$*' failed"
	for w in "${want[@]}"; do
		grep -qxF -- "$w" <<<"$reply" || fail "completion of '$*': no $w in: ${reply//$'\n'/ }"
	done
	echo "install: completion of '$*': ${reply//$'\n'/ }"
}
expect replay report -- gibtrace rep
expect upstream -- gibtrace replay --policy up
expect upstream:period= -- gibtrace replay --policy upstream:pe
expect --tolerance -- gibtrace replay --tol
echo "install: OK"
