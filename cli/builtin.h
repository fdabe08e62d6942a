#ifndef GIBTRACE_BUILTIN_H
#define GIBTRACE_BUILTIN_H

#include <stddef.h>
#include <stdio.h>

/*
 * One subcommand: a line of commands[] in gibtrace.c. fn gets the arguments from the
 * command name on (argv[0] is the name) and returns the exit status: 0 on success,
 * non-zero on failure. It reports its own errors on stderr.
 */
struct gt_cmd {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *help;
};

/* The command table, commands[] in gibtrace.c: gt_commands[0 .. gt_ncommands - 1]. */
extern const struct gt_cmd *const gt_commands;
extern const size_t gt_ncommands;

/* The entry named name, or NULL. */
const struct gt_cmd *gt_cmd__find(const char *name);

/* Prints the usage line and the list of commands to fp. */
void gt_usage(FILE *fp);

int cmd_compare(int argc, const char **argv);
int cmd_export(int argc, const char **argv);
int cmd_gen(int argc, const char **argv);
int cmd_help(int argc, const char **argv);
int cmd_info(int argc, const char **argv);
int cmd_merge(int argc, const char **argv);
int cmd_record(int argc, const char **argv);
int cmd_replay(int argc, const char **argv);
int cmd_run(int argc, const char **argv);
int cmd_report(int argc, const char **argv);
int cmd_selftest(int argc, const char **argv);
int cmd_tune(int argc, const char **argv);
int cmd_version(int argc, const char **argv);

#endif
