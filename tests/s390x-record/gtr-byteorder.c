/*
 * gtr-byteorder IN OUT little|big: IN's header and records, in IN's order,
 * written to OUT in the given byte order (zstd blocks, as the recorder
 * writes). The s390x-record tests replay a big-endian recording and this
 * copy of it and require the same output, byte for byte. Fails on any
 * defect of IN (a record that could not be read would make the copies
 * differ in more than their byte order).
 */
#include <stdio.h>
#include <string.h>

#include <gibtrace/trace.h>

int main(int argc, char **argv)
{
	struct gt_writer_opts opts = { .codec = GT_CODEC_ZSTD };
	const struct gt_reader_stats *st;
	struct gt_writer *w;
	struct gt_reader *r;
	struct gt_event ev;
	int err = 0, n;

	if (argc != 4 || (strcmp(argv[3], "little") && strcmp(argv[3], "big"))) {
		fprintf(stderr, "usage: gtr-byteorder IN OUT little|big\n");
		return 1;
	}
	opts.big_endian = !strcmp(argv[3], "big");
	r = gt_reader__open(argv[1], &err);
	if (!r)
		return 1;
	w = gt_writer__open(argv[2], gt_reader__header(r), &opts, &err);
	if (!w) {
		gt_reader__close(r);
		return 1;
	}
	while ((n = gt_reader__next(r, &ev)) > 0 && !err)
		err = gt_writer__add(w, &ev);
	st = gt_reader__stats(r);
	if (n < 0 || st->defects || st->bad_blocks || st->unknown_records) {
		fprintf(stderr, "gtr-byteorder: %s: not read cleanly: not copied\n", argv[1]);
		err = err ?: -1;
	}
	err = gt_writer__close(w) ?: err;
	gt_reader__close(r);
	if (err)
		remove(argv[2]);
	return err ? 1 : 0;
}
