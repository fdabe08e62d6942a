#!/usr/bin/env bash
# scripts/sweep-parallel.sh: one `gibtrace tune` sweep cut into N shards that GNU parallel runs,
# one per core, then combined by `gibtrace merge`. The merged front is the one-machine front,
# byte for byte (docs/tuning.md; tests/tune/t-parallel.sh checks it).
#
#   scripts/sweep-parallel.sh [-n SHARDS] [-d DIR] [-g GIBTRACE] [-j JOBS] [-S SSHLOGIN]...
#                             TRACE --policy P --param name=lo:hi[:step|:log]... [--cost ...]
#                             [--json | --csv]
#
#   -n SHARDS   shards (default: the local cores); shard I replays grid indexes I mod SHARDS
#   -d DIR      where the shards' results go: DIR/shard-I.results, DIR/merged.results
#               (default ./sweep); run the same command again to resume an interrupted sweep
#   -g GIBTRACE the binary (default: $GIBTRACE, else gibtrace on PATH, else build/release/gibtrace)
#   -j JOBS     shards at once per machine (default: one per core)
#   -S SSHLOGIN passed to parallel: run shards on other machines too (see below)
# --json / --csv go to the merge, which prints every configuration with the front marked.
#
# Several machines (not run by the tests; the hosts need ssh keys, gibtrace and the trace):
#   with a shared filesystem (the same absolute paths everywhere), name the machines; ':' is this
#   one, N/ limits a machine to N shards at once:
#     scripts/sweep-parallel.sh -n 64 -d /nfs/sweep -g /nfs/bin/gibtrace \
#         -S :,16/host1,16/host2 /nfs/traces/ap.gtr --policy upstream --param period=5us:160us:log
#   without one, let parallel copy the trace there and the results back:
#     parallel -S host1,host2 --basefile ap.gtr --return sweep/shard-{}.results --cleanup \
#         'mkdir -p sweep && gibtrace tune ap.gtr --policy upstream --param period=5us:160us:log' \
#         '--shard {}/64 -o sweep/shard-{}.results --resume --quiet -j 1 >/dev/null' ::: $(seq 0 63)
#     gibtrace merge sweep/shard-*.results -o sweep/merged.results
set -euo pipefail

usage()
{
	sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
	exit 2
}

shards='' dir=sweep gibtrace='' jobs='' sshlogins=()
while getopts 'n:d:g:j:S:h' opt; do
	case $opt in
	n) shards=$OPTARG ;;
	d) dir=$OPTARG ;;
	g) gibtrace=$OPTARG ;;
	j) jobs=$OPTARG ;;
	S) sshlogins+=(-S "$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || usage

command -v parallel >/dev/null || { echo "sweep-parallel: GNU parallel is not installed (scripts/deps.sh installs it)" >&2; exit 1; }
if [[ -z $gibtrace ]]; then
	gibtrace=${GIBTRACE:-$(command -v gibtrace || echo "$(dirname "$(readlink -f "$0")")/../build/release/gibtrace")}
fi
[[ -x $gibtrace ]] || { echo "sweep-parallel: $gibtrace: not an executable (-g GIBTRACE)" >&2; exit 1; }
gibtrace=$(readlink -f "$gibtrace")
[[ -n $shards ]] || shards=$(parallel --number-of-cores)
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "sweep-parallel: -n $shards: not a count" >&2; exit 2; }

# the sweep's arguments go to every shard; the output format goes to the merge
tune=() fmt=()
for a in "$@"; do
	case $a in
	--json|--csv) fmt+=("$a") ;;
	--quiet) ;;
	-o|--shard|--resume|-j) echo "sweep-parallel: $a is the script's to set" >&2; exit 2 ;;
	*) tune+=("$a") ;;
	esac
done
# an absolute trace path, so that the shards find it wherever parallel starts them
[[ -f ${tune[0]} ]] && tune[0]=$(readlink -f "${tune[0]}")

mkdir -p "$dir"
dir=$(readlink -f "$dir")
# A DIR holds one sweep: resuming it with other arguments would mix two grids.
printf '%s\n' "$shards" "${tune[@]}" >"$dir/sweep.args.new"
if [[ -f $dir/sweep.args ]] && ! cmp -s "$dir/sweep.args" "$dir/sweep.args.new"; then
	rm -f "$dir/sweep.args.new"
	echo "sweep-parallel: $dir holds another sweep ($dir/sweep.args); remove it or use another -d" >&2
	exit 1
fi
mv "$dir/sweep.args.new" "$dir/sweep.args"

# Each shard: -j 1 (parallel runs one shard per core), --resume (a rerun goes on where a stopped
# one ended), its table to DIR/shard-I.out.
start=$SECONDS
parallel --will-cite --halt now,fail=1 ${jobs:+-j "$jobs"} "${sshlogins[@]}" \
	"${gibtrace@Q}" tune "${tune[@]@Q}" --shard "{}/$shards" -o "${dir@Q}/shard-{}.results" \
	--resume --quiet -j 1 '>' "${dir@Q}/shard-{}.out" ::: $(seq 0 $((shards - 1)))
echo "sweep-parallel: $shards shards in $((SECONDS - start)) s; merged into $dir/merged.results" >&2

files=()
for ((i = 0; i < shards; i++)); do
	files+=("$dir/shard-$i.results")
done
exec "$gibtrace" merge "${files[@]}" -o "$dir/merged.results" "${fmt[@]}"
