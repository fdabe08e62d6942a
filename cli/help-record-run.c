/*
 * The help of gibtrace record and gibtrace run (struct gt_help, builtin.h), kept here
 * for now: it belongs in builtin-record.c and builtin-run.c, next to their usage
 * strings, which it must match.
 */
#include "builtin.h"

static const struct gt_help_opt record_options[] = {
	{ "-o FILE", "the trace file to write (default gib.gtr)" },
	{ "-e EVENT,...",
	  "record only these events (names of gibtrace info --types, with or without gib:); "
	  "default: every one" },
	{ "--duration T", "stop after T (a number with ns, us, ms or s; a bare number: seconds)" },
	{ "--live",
	  "print the events and drops of the last second, every second, as kvm_stat does" },
	{ "-b BYTES", "the ring buffer's size, a power of two >= 4096 (default 4194304)" },
	{ "--backend bpf|tracefs",
	  "BPF programs and one ring buffer (default), or an ftrace instance where BPF is not "
	  "allowed" },
	{ "--policy P",
	  "the policy to name in the trace's header, NAME[:param=value,...] (replay --validate "
	  "replays under it); for COMMAND `gibtrace run` it comes from that command line" },
	{ "-- COMMAND...",
	  "run COMMAND and record until it ends; its exit status becomes gibtrace record's" },
	{ NULL },
};

static const struct gt_help_opt record_examples[] = {
	{ "gibtrace record -o rec.gtr -- gibtrace run scenarios/ap-burst.scn --policy upstream",
	  "record a scenario run in gib.ko; the header names its policy and scenario" },
	{ "gibtrace record --backend tracefs --duration 10s --live -o rec.gtr",
	  "ten seconds of whatever gib.ko does, through ftrace, a line a second" },
	{ NULL },
};

const struct gt_help gt_help_record = {
	.usage = "gibtrace record [-o FILE] [-e EVENT,...] [--duration T] [--live] [-b BYTES]\n"
		 "[--backend bpf|tracefs] [--policy P] [-- COMMAND...]",
	.description =
		"Records gib.ko's gib:* tracepoints into a trace file: with BPF programs and one\n"
		"ring buffer, or through an ftrace instance of its own (--backend tracefs) where\n"
		"BPF is not allowed. Every event the kernel side could not hand over is counted, per\n"
		"CPU, and written into the trace as a drop record with its time span: nothing is\n"
		"lost silently.\n"
		"\n"
		"Stops on SIGINT or SIGTERM, after --duration, or when COMMAND ends, then drains\n"
		"what is left and prints the events and drops per type. Needs gib.ko loaded and the\n"
		"privileges to load BPF programs or use tracefs. Exits 2 when the recording cannot\n"
		"start or be written.",
	.options = record_options,
	.examples = record_examples,
	.see_also = "gibtrace-run(1), gibtrace-info(1), gibtrace-replay(1), docs/recording.md",
};

static const struct gt_help_opt run_options[] = {
	{ "--policy NAME[:param=value,...]",
	  "the IAM restore policy and its parameters (default upstream; gibtrace help --policies)" },
	{ "--json", "print the statistics as one JSON document" },
	{ "--device PATH", "gib.ko's device (default /dev/gib)" },
	{ "--drain MS",
	  "after the schedule, wait MS milliseconds for what is pending (default 100)" },
	{ NULL },
};

static const struct gt_help_opt run_examples[] = {
	{ "gibtrace run scenarios/ap-burst.scn --policy poll-wait",
	  "the scenario in the kernel under poll-wait, checked" },
	{ "gibtrace record -o rec.gtr -- gibtrace run scenarios/ap-burst.scn",
	  "the same under upstream, recorded" },
	{ NULL },
};

const struct gt_help gt_help_run = {
	.usage = "gibtrace run SCENARIO [--policy NAME[:param=value,...]] [--json]\n"
		 "[--device PATH] [--drain MS]",
	.description =
		"Runs a scenario in gib.ko through /dev/gib. The scenario is expanded into its\n"
		"exogenous events; the VMs and vcpus are created, the GISCs registered, the policy\n"
		"set, the schedule (posts, guest work, guest timers, enabled ISCs) loaded and\n"
		"started. After the scenario's duration and a drain it is stopped, the statistics\n"
		"are printed and checked (posts == deliveries + coalesced + pending, per VM), and\n"
		"the VMs destroyed.\n"
		"\n"
		"The session's event counters per type are read last, once settled, between two\n"
		"CLOCK_MONOTONIC stamps, and printed with them: what a recording of the run\n"
		"(gibtrace record) must hold up to then. Exits 1 when a check fails.",
	.options = run_options,
	.examples = run_examples,
	.see_also = "gibtrace-record(1), gibtrace-gen(1), docs/gibko.md",
};
