/*
 * record-asuser COMMAND [ARG...]: drops to uid/gid 1000 (as gibko-nonroot.c
 * does) and runs COMMAND; exit 126 if the privileges could not be dropped.
 */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: record-asuser COMMAND [ARG...]\n");
		return 126;
	}
	if (setgroups(0, NULL) || setgid(1000) || setuid(1000) || getuid() != 1000) {
		perror("record-asuser: dropping to uid 1000");
		return 126;
	}
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
