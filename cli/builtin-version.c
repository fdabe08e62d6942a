/* gibtrace version, gibtrace --version */
#include <stdio.h>

#include "builtin.h"
#include "gibtrace-version.h"

int cmd_version(int argc, const char **argv)
{
	(void)argv;

	if (argc > 1) {
		fprintf(stderr, "usage: gibtrace version\n");
		return 1;
	}
	printf("gibtrace version %s (git %s)\n", GIBTRACE_VERSION, GIBTRACE_GIT);
	return 0;
}
