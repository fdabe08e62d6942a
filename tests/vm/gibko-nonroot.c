/*
 * gibko-nonroot PATH...: drops to uid/gid 1000 and opens each PATH; every open must
 * fail (EPERM from gib.ko's open(), or EACCES from the node's mode). Exit 0 if all
 * were refused, 1 if one opened, 2 if the privileges could not be dropped.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int bad = 0;

	if (setgroups(0, NULL) || setgid(1000) || setuid(1000) || getuid() != 1000) {
		perror("gibko-nonroot: dropping to uid 1000");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDWR);

		if (fd >= 0) {
			printf("gibko-nonroot: %s: opened as uid 1000\n", argv[i]);
			close(fd);
			bad = 1;
		} else {
			printf("gibko-nonroot: %s: refused: %s (errno %d)\n", argv[i],
			       strerror(errno), errno);
		}
	}
	return bad;
}
