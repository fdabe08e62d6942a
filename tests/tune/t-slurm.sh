#!/usr/bin/env bash
# tune-slurm: a REAL single-node Slurm cluster, started by this test for itself: munged (as the
# munge user, its key and socket in a scratch folder), slurmctld and slurmd (SlurmUser=root, one
# node `hostname -s` with CPUs=2, one partition, every path in the scratch folder, free ports).
# scripts/sweep-slurm.sh submits scripts/sweep-slurm.sbatch as `sbatch --array=0-3`, waits for
# the array (result files, and `squeue -h -j JOB` empty; a timeout) and merges the 4 shards: the
# merged table, front and CSV equal the one-machine sweep's byte for byte. The test stops the
# daemons it started, by pid (trap on EXIT), and removes the scratch folder. Without Slurm or
# munge, or without root, it says why and exits 77 (skipped).
#   usage: t-slurm.sh GIBTRACE SCENARIO WORKDIR
# shellcheck source=tests/tune/lib.sh
source "$(dirname "$0")/lib.sh"

[[ $(id -u) -eq 0 ]] || skip "needs root: slurmd runs the jobs and munged runs as the munge user"
missing=()
for c in munged mungekey slurmctld slurmd sbatch squeue sinfo scancel runuser; do
	command -v $c >/dev/null || PATH=$PATH:/usr/sbin:/sbin command -v $c >/dev/null || missing+=("$c")
done
[[ ${#missing[@]} -eq 0 ]] ||
	skip "not installed: ${missing[*]} (Debian packages slurm-wlm and munge; scripts/deps.sh installs them)"
export PATH=$PATH:/usr/sbin:/sbin
id munge >/dev/null 2>&1 || skip "no 'munge' user (the munge package creates it)"

host=$(hostname -s)
S=$(mktemp -d "${TMPDIR:-/tmp}/gt-slurm.XXXXXX")
chmod 755 "$S"
pids=() job=
cleanup()
{
	local rc=$? pid

	if [[ -n $job ]]; then scancel "$job" 2>/dev/null || true; fi
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do # munged is not our child: poll for each to exit
		for _ in $(seq 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$pid" 2>/dev/null && { echo "cleanup: pid $pid did not stop; KILL" >&2; kill -9 "$pid" 2>/dev/null || true; }
	done
	if [[ $rc -ne 0 && $rc -ne 77 ]]; then
		for f in "$S"/log/*.log "$S"/munge/munged.log; do
			[[ -f $f ]] && { echo "--- $f (last lines)" >&2; tail -n 15 "$f" >&2; }
		done
	fi
	rm -rf "$S"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# two free TCP ports for slurmctld and slurmd
port_free()
{
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for _ in $(seq 50); do
	port=$((20000 + RANDOM % 30000))
	port_free $port && port_free $((port + 1)) && break
done

# munge: its own key and socket; munged refuses a key or socket folder others can write
mkdir "$S/munge"
chown munge:munge "$S/munge"
chmod 755 "$S/munge"
runuser -u munge -- mungekey --create --keyfile="$S/munge/munge.key" ||
	skip "mungekey could not create a key in $S/munge"
if ! runuser -u munge -- munged --key-file="$S/munge/munge.key" --socket="$S/munge/munge.sock" \
	--pid-file="$S/munge/munged.pid" --log-file="$S/munge/munged.log" \
	--seed-file="$S/munge/munged.seed" 2>"$S/munged.err"; then
	skip "munged did not start: $(cat "$S/munged.err")"
fi
pids+=("$(cat "$S/munge/munged.pid")")
munge -n -S "$S/munge/munge.sock" | unmunge -S "$S/munge/munge.sock" >/dev/null ||
	skip "munged started but a credential does not round-trip"
echo "munged: pid ${pids[0]}, socket $S/munge/munge.sock"

mkdir -p "$S/spool" "$S/state" "$S/log"
export SLURM_CONF=$S/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=gibtrace-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge/munge.sock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmdSpoolDir=$S/spool
StateSaveLocation=$S/state
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
NodeName=$host CPUs=2 RealMemory=2000 State=UNKNOWN
PartitionName=gt Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

# in the foreground (-D) as our children: $! is the daemon; -i: ignore any old state
slurmctld -D -i >"$S/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D >"$S/log/slurmd.out" 2>&1 &
pids+=($!)
echo "slurmctld: pid ${pids[1]}, port $port; slurmd: pid ${pids[2]}, port $((port + 1)); node $host"

state=
for _ in $(seq 150); do # up to 15 s for the node to register
	for p in "${pids[@]:1}"; do
		kill -0 "$p" 2>/dev/null || skip "a Slurm daemon (pid $p) exited at start: $(tail -n 3 "$S"/log/*.log "$S"/log/*.out 2>/dev/null | tr '\n' ' ')"
	done
	state=$(sinfo -h -n "$host" -o '%t' 2>/dev/null || true)
	[[ $state == idle ]] && break
	sleep 0.1
done
[[ $state == idle ]] || skip "node $host not idle after 15 s (state '$state'): $(tail -n 3 "$S"/log/*.log | tr '\n' ' ')"
echo "cluster up: $(sinfo -h -o '%P %a %D %t %N %c CPUs')"

# one machine
"$GT" tune "$PWD/trace.gtr" "${SWEEP[@]}" -j 2 -o one.results --quiet --csv >one.csv
"$GT" merge one.results >one.txt
"$GT" merge one.results -o one.merged >/dev/null

# the array; the driver waits (squeue -h -j JOB empty, result files) for at most 45 s
start=$SECONDS
"$ROOT/scripts/sweep-slurm.sh" -n 4 -d "$PWD/slurm" -g "$GT" -t 45 \
	"$PWD/trace.gtr" "${SWEEP[@]}" >slurm.txt 2>driver.err || { cat driver.err >&2; fail "sweep-slurm.sh failed"; }
cat driver.err
job=$(sed -n 's/^sweep-slurm: job array \([0-9]*\):.*/\1/p' driver.err)
[[ -n $job ]] || fail "no job id in the driver's output"
echo "ok: job array $job ran and was merged in $((SECONDS - start)) s"
[[ -z $(squeue -h -j "$job" 2>/dev/null) ]] || fail "squeue still lists job $job"

# every task ran as a task of the array, on this node, its own shard
for i in 0 1 2 3; do
	log=slurm/slurm-${job}_$i.out
	[[ -f $log ]] || fail "$log: Slurm wrote no log for task $i"
	grep -q "job ${job}_$i on $host: shard $i/4" "$log" || fail "$log: $(cat "$log")"
	while read -r idx; do
		[[ $((idx % 4)) -eq $i ]] || fail "slurm/shard-$i.results holds index $idx"
	done < <(grep -v '^#' "slurm/shard-$i.results" | cut -f1)
done
job= # finished: nothing to cancel

same one.txt slurm.txt "Slurm array (4 tasks), merged: table = one machine's"
grep '^  \*' one.txt >one.front
grep '^  \*' slurm.txt >slurm.front
same one.front slurm.front "Slurm array, merged: front = one machine's"
same one.merged slurm/merged.results "Slurm array: merged.results = one machine's, merged"
"$GT" merge slurm/shard-{3,1,0,2}.results --csv >slurm.csv
same one.csv slurm.csv "Slurm shards merged (--csv) = one machine's live --csv"
echo "PASS"
