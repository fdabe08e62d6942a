/* gibtrace help [COMMAND]: the command list, or one command's one-line help. */
#include <stdio.h>
#include <string.h>

#include "builtin.h"

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
	fprintf(fp, "\nSee 'gibtrace help COMMAND' for one command.\n");
}

int cmd_help(int argc, const char **argv)
{
	const struct gt_cmd *cmd;

	if (argc == 1) {
		gt_usage(stdout);
		return 0;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: gibtrace help [COMMAND]\n");
		return 1;
	}

	cmd = gt_cmd__find(argv[1]);
	if (!cmd) {
		fprintf(stderr, "gibtrace: '%s' is not a gibtrace command. See 'gibtrace help'.\n",
			argv[1]);
		return 1;
	}
	printf("gibtrace %s: %s\n", cmd->name, cmd->help);
	return 0;
}
