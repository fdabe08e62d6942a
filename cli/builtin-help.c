/*
 * gibtrace help [COMMAND]: the command list, or one command's help. For scripts (the
 * bash completion, the man pages' build): --list, --options COMMAND, --policies,
 * --params POLICY, and the hidden --man [COMMAND].
 */
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "gib.h"

static const struct gt_help_opt help_options[] = {
	{ "--list", "the command names, one a line" },
	{ "--options COMMAND", "the option names of COMMAND, one a line" },
	{ "--policies", "the IAM restore policies' names, one a line" },
	{ "--params POLICY", "the parameter names of POLICY, one a line" },
	{ .flag = NULL },
};

static const struct gt_help_opt help_examples[] = {
	{ "gibtrace help replay",
	  "the help of gibtrace replay, as gibtrace replay --help prints it" },
	{ "gibtrace help --params upstream", "what upstream:NAME=VALUE takes" },
	{ .flag = NULL },
};

const struct gt_help gt_help_help = {
	.usage = "gibtrace help [COMMAND]\n"
		 "gibtrace help --list | --policies | --options COMMAND | --params POLICY",
	.description =
		"Without COMMAND, lists the commands with a line on each. With COMMAND, prints its\n"
		"help: what `gibtrace COMMAND --help` prints and its man page gibtrace-COMMAND(1)\n"
		"holds, both made from the same text.\n"
		"\n"
		"The lists are for scripts: the bash completion asks them, so it completes what this\n"
		"gibtrace takes.",
	.options = help_options,
	.examples = help_examples,
	.see_also = "gibtrace-version(1)",
};

void gt_usage(FILE *fp)
{
	int width = 0;
	size_t i;

	for (i = 0; i < gt_ncommands; i++) {
		int len = (int)strlen(gt_commands[i].name);

		if (len > width)
			width = len;
	}

	fprintf(fp, "usage: gibtrace [--version] [--help] COMMAND [ARGS]\n\n");
	fprintf(fp, "The commands are:\n");
	for (i = 0; i < gt_ncommands; i++)
		fprintf(fp, "   %-*s   %s\n", width, gt_commands[i].name, gt_commands[i].help);
	fprintf(fp,
		"\nSee 'gibtrace help COMMAND' or 'gibtrace COMMAND --help' for one command.\n");
}

static const struct gt_cmd *find(const char *name)
{
	const struct gt_cmd *cmd = gt_cmd__find(name);

	if (!cmd)
		fprintf(stderr, "gibtrace: '%s' is not a gibtrace command. See 'gibtrace help'.\n",
			name);
	return cmd;
}

int cmd_help(int argc, const char **argv)
{
	const struct gib_policy *p;
	const struct gt_cmd *cmd;

	if (argc == 1) {
		gt_usage(stdout);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t i = 0; i < gt_ncommands; i++)
			printf("%s\n", gt_commands[i].name);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--policies")) {
		for (int i = 0; gib_policies[i]; i++)
			printf("%s\n", gib_policies[i]->name);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--params")) {
		p = gib_policy_find(argv[2]);
		if (!p) {
			fprintf(stderr,
				"gibtrace help: no policy '%s' (gibtrace help --policies)\n",
				argv[2]);
			return 1;
		}
		for (const struct gib_param *d = p->params; d && d->name; d++)
			printf("%s\n", d->name);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--options")) {
		cmd = find(argv[2]);
		if (cmd)
			gt_help__option_names(cmd, stdout);
		return cmd ? 0 : 1;
	}
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "--man")) {
		cmd = argc == 3 ? find(argv[2]) : NULL;
		if (argc == 3 && !cmd)
			return 1;
		gt_help__man(cmd, stdout);
		return 0;
	}
	if (argc > 2 || argv[1][0] == '-') {
		gt_help__usage(&gt_help_help, stderr);
		return 1;
	}

	cmd = find(argv[1]);
	if (!cmd)
		return 1;
	gt_help__print(cmd, stdout);
	return 0;
}
