#!/usr/bin/env bash
# scripts/sweep-slurm.sh: a `gibtrace tune` sweep as a Slurm job array, one shard per task
# (scripts/sweep-slurm.sbatch), waited for, then combined by `gibtrace merge`. The merged front
# is the one-machine front, byte for byte (docs/tuning.md; tests/tune/t-slurm.sh checks it on a
# real single-node cluster).
#
#   scripts/sweep-slurm.sh [-n SHARDS] [-d DIR] [-g GIBTRACE] [-t TIMEOUT] [-c CPUS]
#                          [-b SBATCH_OPTION]... TRACE --policy P --param name=lo:hi[:step|:log]...
#                          [--cost ...] [--json | --csv]
#
#   -n SHARDS   array tasks (default 4): sbatch --array=0-(SHARDS-1)
#   -d DIR      results: DIR/shard-I.results, DIR/merged.results, Slurm's logs
#               DIR/slurm-JOB_I.out (default ./sweep); DIR must be on a filesystem every node
#               sees, and so must GIBTRACE and TRACE
#   -g GIBTRACE the binary (default: $GIBTRACE, else gibtrace on PATH, else build/release/gibtrace)
#   -t TIMEOUT  seconds to wait for the array (default 3600); then it is cancelled
#   -c CPUS     --cpus-per-task, and tune -j, of each task (default 1)
#   -b OPTION   one more sbatch option (-b --partition=batch -b --time=30)
# --json / --csv go to the merge. Waiting needs no accounting (sacct): the array is finished when
# `squeue -h -j JOB` lists none of its tasks; a task that ended well left DIR/shard-I.done.
# Running it again on DIR resubmits the array: the tasks resume their shards (--resume).
set -euo pipefail

usage()
{
	sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
	exit 2
}

shards=4 dir=sweep gibtrace='' timeout=3600 cpus=1 sbatch_opts=()
while getopts 'n:d:g:t:c:b:h' opt; do
	case $opt in
	n) shards=$OPTARG ;;
	d) dir=$OPTARG ;;
	g) gibtrace=$OPTARG ;;
	t) timeout=$OPTARG ;;
	c) cpus=$OPTARG ;;
	b) sbatch_opts+=("$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || usage
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "sweep-slurm: -n $shards: not a count" >&2; exit 2; }

here=$(dirname "$(readlink -f "$0")")
for c in sbatch squeue scancel; do
	command -v $c >/dev/null || { echo "sweep-slurm: $c not found (Debian: slurm-client)" >&2; exit 1; }
done
if [[ -z $gibtrace ]]; then
	gibtrace=${GIBTRACE:-$(command -v gibtrace || echo "$here/../build/release/gibtrace")}
fi
[[ -x $gibtrace ]] || { echo "sweep-slurm: $gibtrace: not an executable (-g GIBTRACE)" >&2; exit 1; }
gibtrace=$(readlink -f "$gibtrace")

tune=() fmt=()
for a in "$@"; do
	case $a in
	--json|--csv) fmt+=("$a") ;;
	--quiet) ;;
	-o|--shard|--resume|-j) echo "sweep-slurm: $a is the script's to set" >&2; exit 2 ;;
	*) tune+=("$a") ;;
	esac
done
[[ -f ${tune[0]} ]] || { echo "sweep-slurm: ${tune[0]}: no such trace" >&2; exit 1; }
tune[0]=$(readlink -f "${tune[0]}")

mkdir -p "$dir"
dir=$(readlink -f "$dir")
printf '%s\n' "$shards" "${tune[@]}" >"$dir/sweep.args.new"
if [[ -f $dir/sweep.args ]] && ! cmp -s "$dir/sweep.args" "$dir/sweep.args.new"; then
	rm -f "$dir/sweep.args.new"
	echo "sweep-slurm: $dir holds another sweep ($dir/sweep.args); remove it or use another -d" >&2
	exit 1
fi
mv "$dir/sweep.args.new" "$dir/sweep.args"
rm -f "$dir"/shard-*.done

job=$(sbatch --parsable --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
	--output="$dir/slurm-%A_%a.out" "${sbatch_opts[@]}" \
	"$here/sweep-slurm.sbatch" "$gibtrace" "$dir" "${tune[@]}")
job=${job%%;*} # "JOBID;CLUSTER" on a federation
echo "sweep-slurm: job array $job: $shards tasks; results in $dir" >&2

# finished: squeue lists none of the array's tasks (or no longer knows the job)
finished()
{
	local out err rc=0

	out=$(squeue -h -j "$job" -o '%i %T' 2>"$dir/squeue.err") || rc=$?
	err=$(cat "$dir/squeue.err")
	rm -f "$dir/squeue.err"
	if [[ $rc -ne 0 ]]; then
		# purged after MinJobAge; anything else (controller down) is not "finished"
		grep -qi 'invalid job id' <<<"$err"
		return
	fi
	[[ -z $out ]]
}

start=$SECONDS
until finished; do
	if ((SECONDS - start > timeout)); then
		echo "sweep-slurm: job $job still queued or running after $timeout s; cancelling it" >&2
		scancel "$job" || true
		exit 1
	fi
	sleep 1
done

failed=()
for ((i = 0; i < shards; i++)); do
	[[ -f $dir/shard-$i.done ]] || failed+=("$i")
done
if [[ ${#failed[@]} -gt 0 ]]; then
	echo "sweep-slurm: job $job: tasks ${failed[*]} did not finish; their logs:" >&2
	for i in "${failed[@]}"; do
		echo "--- $dir/slurm-${job}_$i.out" >&2
		cat "$dir/slurm-${job}_$i.out" >&2 2>/dev/null || echo "(none: the task never started)" >&2
	done
	echo "sweep-slurm: run the same command again to resume the shards" >&2
	exit 1
fi
echo "sweep-slurm: job $job: $shards tasks in $((SECONDS - start)) s" >&2

files=()
for ((i = 0; i < shards; i++)); do
	files+=("$dir/shard-$i.results")
done
exec "$gibtrace" merge "${files[@]}" -o "$dir/merged.results" "${fmt[@]}"
