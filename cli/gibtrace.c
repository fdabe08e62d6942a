/*
 * gibtrace: the front end. Each subcommand lives in builtin-<name>.c and exports
 * cmd_<name>(argc, argv) and its help, gt_help_<name>; adding one is one line in
 * commands[] below. `gibtrace CMD --help` (or -h) prints the help here, for every
 * command, before CMD would see its arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Shown by 'gibtrace help' in this order. */
static const struct gt_cmd commands[] = {
	{ "compare", cmd_compare,
	  "compare traces or policies side by side, with bootstrap confidence intervals",
	  &gt_help_compare },
#ifdef GIBTRACE_HAVE_CONVERT
	{ "convert", cmd_convert,
	  "trace.dat, perf script text or a host recording as a trace file, inferred events marked",
	  &gt_help_convert },
#endif
	{ "demo", cmd_demo,
	  "replay the shipped gib.ko recordings under every policy: tables, fidelity, report",
	  &gt_help_demo },
	{ "export", cmd_export, "a trace as Chrome/Perfetto trace-event JSON (ui.perfetto.dev)",
	  &gt_help_export },
	{ "gen", cmd_gen, "write the exogenous trace of a scenario file, for replay",
	  &gt_help_gen },
	{ "help", cmd_help, "list the commands, or print one command's help", &gt_help_help },
	{ "info", cmd_info,
	  "describe trace files: header, events per type/VM/vcpu/ISC, drops, integrity",
	  &gt_help_info },
	{ "merge", cmd_merge,
	  "combine the results of the shards of a tuning sweep; print the front", &gt_help_merge },
	{ "record", cmd_record,
	  "record gib.ko's gib:* tracepoints (BPF or ftrace) into a trace file", &gt_help_record },
	{ "replay", cmd_replay, "replay a trace under an IAM restore policy (or all) and summarise",
	  &gt_help_replay },
	{ "run", cmd_run,
	  "run a scenario in gib.ko (/dev/gib) under a policy and check its counters",
	  &gt_help_run },
	{ "report", cmd_report, "latency, coalescing and host cost of a trace, with breakdowns",
	  &gt_help_report },
	{ "selftest", cmd_selftest, "run the interrupt core's self-check on a built-in scenario",
	  &gt_help_selftest },
	{ "tune", cmd_tune,
	  "sweep a policy's parameters over a trace; the Pareto front of p99, cost, poll CPU",
	  &gt_help_tune },
	{ "version", cmd_version, "print gibtrace's version", &gt_help_version },
};

const struct gt_cmd *const gt_commands = commands;
const size_t gt_ncommands = ARRAY_SIZE(commands);

const struct gt_cmd *gt_cmd__find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Output that could not be written is a failure, as in git and perf. */
static int check_stdout(int status)
{
	errno = 0;
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "gibtrace: write error on standard output: %s\n",
			strerror(errno ? errno : EIO));
		return 1;
	}
	return status;
}

int main(int argc, const char **argv)
{
	const struct gt_cmd *cmd;
	const char *name;
	int status;

	if (argc < 2) {
		gt_usage(stderr);
		return 1;
	}

	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	else if (!strcmp(name, "--version"))
		name = "version";
	else if (name[0] == '-') {
		fprintf(stderr, "gibtrace: unknown option '%s'. See 'gibtrace help'.\n", name);
		return 1;
	}

	cmd = gt_cmd__find(name);
	if (!cmd) {
		fprintf(stderr, "gibtrace: '%s' is not a gibtrace command. See 'gibtrace help'.\n",
			name);
		return 1;
	}

	argv[1] = cmd->name;
	if (gt_help__asked(argc - 1, argv + 1)) {
		gt_help__print(cmd, stdout);
		return check_stdout(0);
	}
	status = cmd->fn(argc - 1, argv + 1);
	if (status < 0 || status > 255)
		status = 1;
	return check_stdout(status);
}
