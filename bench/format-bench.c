// SPDX-License-Identifier: GPL-2.0
/*
 * format-bench: libgibtrace's side of bench/format.sh.
 *
 *   format-bench rewrite IN OUT raw|zstd   IN's events into OUT with that codec
 *   format-bench rw IN DIR N               write rate and read rate: IN's events
 *                                          (repeated up to N) to DIR/rw-*.gt, best of 3
 *   format-bench read FILE                 one pass of the bare gt_reader__next loop
 *   format-bench print FILE                the same, each event as text to stdout
 *
 * Output: "key value ..." lines for the script. The checksum (of every field and
 * the timestamp) is the one bench/tracedat.c prints, to show two files hold the
 * same events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gibtrace/trace.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint64_t ev_sum(const struct gt_event *ev)
{
	return ev->ts + ev->vm + 3u * ev->mask + 5u * ev->old + 7u * ev->new + 11u * ev->arg +
	       13u * ev->cpu;
}

static struct gt_event *load(const char *path, size_t *n)
{
	struct gt_event *evs = NULL, ev;
	size_t cap = 0;
	struct gt_reader *r;
	int err, rc;

	r = gt_reader__open(path, &err);
	if (!r)
		exit(1);
	*n = 0;
	while ((rc = gt_reader__next(r, &ev)) == 1) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			evs = realloc(evs, cap * sizeof(*evs));
			if (!evs) {
				perror("format-bench");
				exit(1);
			}
		}
		evs[(*n)++] = ev;
	}
	if (rc < 0 || gt_reader__stats(r)->defects) {
		fprintf(stderr, "format-bench: %s: read with defects\n", path);
		exit(1);
	}
	gt_reader__close(r);
	return evs;
}

static int write_file(const char *path, const struct gt_event *evs, size_t n, int codec,
		      uint64_t *bytes)
{
	struct gt_writer_opts o = { .codec = codec };
	struct gt_header h;
	struct gt_writer *w;
	int err = 0;

	gt_header__init(&h);
	gt_header__set_host(&h, "bench/format-bench");
	gt_header__set(&h, GT_TAG_ORIGIN, "converted");
	w = gt_writer__open(path, &h, &o, &err);
	gt_header__release(&h);
	if (!w)
		return err;
	for (size_t i = 0; i < n && !err; i++)
		err = gt_writer__add(w, &evs[i]);
	*bytes = gt_writer__bytes(w) + 40; /* the end block, written at close */
	err = gt_writer__close(w) ?: err;
	return err;
}

/* one pass of the bare reader loop; events and checksum out */
static int read_file(const char *path, uint64_t *n, uint64_t *sum, FILE *text)
{
	struct gt_reader *r;
	struct gt_event ev;
	char buf[256];
	int err, rc;

	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	*n = 0;
	*sum = 0;
	while ((rc = gt_reader__next(r, &ev)) == 1) {
		++*n;
		*sum += ev_sum(&ev);
		if (text) {
			int k = gt_event__snprintf(&ev, buf, sizeof(buf) - 1);

			if (k > (int)sizeof(buf) - 2)
				k = (int)sizeof(buf) - 2;
			buf[k] = '\n';
			fwrite(buf, 1, (size_t)k + 1, text);
		}
	}
	err = rc < 0 ? rc : gt_reader__stats(r)->defects ? -EIO : 0;
	gt_reader__close(r);
	return err;
}

static int cmd_rw(const char *in, const char *dir, size_t want)
{
	static const struct {
		const char *name;
		int codec;
	} codecs[] = { { "zstd", GT_CODEC_ZSTD }, { "raw", GT_CODEC_RAW } };
	size_t n0, n;
	struct gt_event *evs = load(in, &n0);
	uint64_t span;

	if (!n0)
		return 1;
	/* repeat the recording, shifted in time, up to want events */
	span = evs[n0 - 1].ts - evs[0].ts + 1;
	n = n0 < want ? want : n0;
	evs = realloc(evs, n * sizeof(*evs));
	if (!evs)
		return 1;
	for (size_t i = n0; i < n; i++) {
		evs[i] = evs[i % n0];
		evs[i].ts += span * (i / n0);
	}
	for (size_t c = 0; c < sizeof(codecs) / sizeof(codecs[0]); c++) {
		char path[4096];
		double best_w = 1e30, best_r = 1e30;
		uint64_t bytes = 0, got = 0, sum;

		snprintf(path, sizeof(path), "%s/rw-%s.gt", dir, codecs[c].name);
		for (int rep = 0; rep < 3; rep++) {
			double t0 = now(), t;

			if (write_file(path, evs, n, codecs[c].codec, &bytes))
				return 1;
			t = now() - t0;
			best_w = t < best_w ? t : best_w;
		}
		for (int rep = 0; rep < 3; rep++) {
			double t0 = now(), t;

			if (read_file(path, &got, &sum, NULL))
				return 1;
			t = now() - t0;
			best_r = t < best_r ? t : best_r;
		}
		if (got != n) {
			fprintf(stderr, "format-bench: wrote %zu events, read %llu\n", n,
				(unsigned long long)got);
			return 1;
		}
		printf("write %s %zu %.6f %llu\n", codecs[c].name, n, best_w,
		       (unsigned long long)bytes);
		printf("read %s %zu %.6f\n", codecs[c].name, n, best_r);
	}
	free(evs);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n, sum, bytes;

	if (argc == 5 && !strcmp(argv[1], "rewrite")) {
		size_t k;
		struct gt_event *evs = load(argv[2], &k);
		int codec = !strcmp(argv[4], "raw") ? GT_CODEC_RAW : GT_CODEC_ZSTD;

		if (write_file(argv[3], evs, k, codec, &bytes))
			return 1;
		printf("events %zu bytes %llu\n", k, (unsigned long long)bytes);
		free(evs);
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "rw"))
		return cmd_rw(argv[2], argv[3], strtoull(argv[4], NULL, 0));
	if (argc == 3 && (!strcmp(argv[1], "read") || !strcmp(argv[1], "print"))) {
		bool print = !strcmp(argv[1], "print");

		if (read_file(argv[2], &n, &sum, print ? stdout : NULL))
			return 1;
		fprintf(print ? stderr : stdout, "events %llu checksum %llu\n",
			(unsigned long long)n, (unsigned long long)sum);
		return 0;
	}
	fprintf(stderr, "usage: format-bench rewrite IN OUT raw|zstd | rw IN DIR N | "
			"read FILE | print FILE\n");
	return 2;
}
