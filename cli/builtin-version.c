/* gibtrace version, gibtrace --version */
#include <stdio.h>

#include "builtin.h"
#include "gibtrace-version.h"

const struct gt_help gt_help_version = {
	.usage = "gibtrace version",
	.description =
		"Prints gibtrace's version and the git commit it was built from (git\n"
		"describe; \"unknown\" outside a git checkout). gibtrace --version is the same.",
	.see_also = "gibtrace-help(1)",
};

int cmd_version(int argc, const char **argv)
{
	(void)argv;

	if (argc > 1) {
		gt_help__usage(&gt_help_version, stderr);
		return 1;
	}
	printf("gibtrace version %s (git %s)\n", GIBTRACE_VERSION, GIBTRACE_GIT);
	return 0;
}
