/*
 * fuzz-reader.c - libFuzzer target of the trace reader: the input is a trace
 * file, read to its end once without and once with the block CRCs checked
 * (GT_READ_NO_CRC lets damaged payloads through to the record decoder), every
 * event pretty-printed. Built and run by tests/format/fuzz.sh (and
 * bench/fuzz-soak.sh), with clang: -fsanitize=fuzzer,address,undefined.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gibtrace/trace.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(const char *msg, void *ctx)
{
	size_t *n = ctx;

	*n += msg[0] != '\0';
}

static void read_through(const char *path, unsigned int flags)
{
	struct gt_reader *r;
	struct gt_event ev;
	char line[512];
	int err, rc;

	r = gt_reader__open_flags(path, flags, &err);
	if (!r) {
		if (err >= 0)
			abort(); /* a failed open must say why */
		return;
	}
	while ((rc = gt_reader__next(r, &ev)) == 1) {
		int n = gt_event__snprintf(&ev, line, sizeof(line));

		if (n < 0 || (size_t)n >= sizeof(line))
			abort();
	}
	if (rc != 0 && rc != -12) /* the end, or out of memory */
		abort();
	gt_reader__close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static size_t messages;
	static int fd = -1;
	char path[64];

	if (fd < 0) {
		gt_set_error_hook(quiet, &messages);
		fd = memfd_create("fuzz-reader", MFD_CLOEXEC);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	read_through(path, GT_READ_NO_CRC);
	read_through(path, 0);
	return 0;
}
