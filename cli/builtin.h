#ifndef GIBTRACE_BUILTIN_H
#define GIBTRACE_BUILTIN_H

#include <stddef.h>
#include <stdio.h>

/* An option of a command, or an example (flag: the command line, text: what it does). */
struct gt_help_opt {
	const char *flag;
	const char *text;
};

/*
 * A command's help: the one text `gibtrace CMD --help`, `gibtrace help CMD`, the usage
 * printed on bad arguments and the man page gibtrace-CMD(1) are all printed from (help.c).
 * usage: the synopsis, one "gibtrace CMD ..." line per form; a line that does not start
 * with "gibtrace " continues the one above. description: paragraphs separated by a blank
 * line, wrapped at 80 columns. options and examples end with { NULL }. see_also: other
 * pages and documents, e.g. "gibtrace-compare(1), docs/replay.md".
 */
struct gt_help {
	const char *usage;
	const char *description;
	const struct gt_help_opt *options;
	const struct gt_help_opt *examples;
	const char *see_also;
};

/*
 * One subcommand: a line of commands[] in gibtrace.c. fn gets the arguments from the
 * command name on (argv[0] is the name) and returns the exit status: 0 on success,
 * non-zero on failure. It reports its own errors on stderr. gibtrace.c answers --help
 * and -h from doc before calling fn.
 */
struct gt_cmd {
	const char *name;
	int (*fn)(int argc, const char **argv);
	const char *help; /* one line: the command list, the man page's NAME */
	const struct gt_help *doc;
};

/* The command table, commands[] in gibtrace.c: gt_commands[0 .. gt_ncommands - 1]. */
extern const struct gt_cmd *const gt_commands;
extern const size_t gt_ncommands;

/* The entry named name, or NULL. */
const struct gt_cmd *gt_cmd__find(const char *name);

/* Prints the usage line and the list of commands to fp. */
void gt_usage(FILE *fp);

/* help.c: the usage lines of doc and a pointer to --help, for bad arguments */
void gt_help__usage(const struct gt_help *doc, FILE *fp);
/* the full help of cmd: usage, description, options, examples, see also */
void gt_help__print(const struct gt_cmd *cmd, FILE *fp);
/* the man page gibtrace-CMD(1) of cmd, or with cmd NULL gibtrace(1), in roff (man(7)) */
void gt_help__man(const struct gt_cmd *cmd, FILE *fp);
/* the option names of cmd (--policy, -o, ...), one a line, for the completion */
void gt_help__option_names(const struct gt_cmd *cmd, FILE *fp);
/* true if an argument before "--" is --help or -h */
int gt_help__asked(int argc, const char **argv);

int cmd_compare(int argc, const char **argv);
int cmd_convert(int argc, const char **argv);
int cmd_demo(int argc, const char **argv);
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

/* the help of each command, in its builtin-<name>.c (record and run: help-record-run.c) */
extern const struct gt_help gt_help_compare, gt_help_convert, gt_help_demo, gt_help_export,
	gt_help_gen, gt_help_help, gt_help_info, gt_help_merge, gt_help_record, gt_help_replay,
	gt_help_run, gt_help_report, gt_help_selftest, gt_help_tune, gt_help_version;

#endif
