/*
 * golden.c - the golden files of format version 1 (tests/format/golden/): the
 * compatibility guarantee. v1-le.gtr (zstd, little-endian), v1-be.gtr (zstd,
 * big-endian) and v1-raw.gtr (raw codec, little-endian) hold the same events;
 * v1.txt is what reading them must print, byte for byte. They were written once
 * by `test-format --write-golden DIR` and must never be regenerated: every later
 * reader must still read them as v1.txt says.
 */
#include <errno.h>
#include <stdlib.h>

#include "ft.h"

#ifndef GOLDEN_DIR
#error "GOLDEN_DIR: the source directory of the golden files"
#endif

#define GOLDEN_MAX (20 * 1024)

static const struct golden {
	const char *name;
	bool big_endian;
	int codec;
} goldens[] = {
	{ "v1-le.gtr", false, GT_CODEC_ZSTD },
	{ "v1-be.gtr", true, GT_CODEC_ZSTD },
	{ "v1-raw.gtr", false, GT_CODEC_RAW },
};

static void golden_header(struct gt_header *h)
{
	gt_header__init(h);
	gt_header__set(h, GT_TAG_CLOCK, "CLOCK_MONOTONIC");
	gt_header__set(h, GT_TAG_CLOCK_RES, "1");
	gt_header__set(h, GT_TAG_ARCH, "s390x");
	gt_header__set(h, GT_TAG_KERNEL, "6.1.0-golden");
	gt_header__set(h, GT_TAG_NCPUS, "4");
	gt_header__set(h, GT_TAG_ORIGIN, "generated");
	gt_header__set(h, GT_TAG_POLICY, "upstream");
	gt_header__set(h, GT_TAG_SCENARIO, "golden v1: every event type on 4 cpus");
	gt_header__set(h, GT_TAG_PROVENANCE, "test-format --write-golden");
	gt_header__set(h, GT_TAG_HOSTNAME, "golden");
	gt_header__set(h, GT_TAG_CREATED, "2024-06-01T00:00:00Z");
	gt_header__set(h, GT_TAG_TOOL, "gibtrace 0.1.0 test-format");
	gt_header__set(h, 100, "a tag no v1 reader knows"); /* kept, not interpreted */
}

/* 320 events: every type, 4 cpus, ties, drops, one step back in time on cpu 3 */
static struct gt_event *golden_events(size_t *n)
{
	struct gt_event *ev = malloc(320 * sizeof(*ev));
	uint64_t ts[4] = { 1000000000, 1000000007, 1000000007, 999999000 };

	if (!ev)
		abort();
	rnd_seed(0x601de7);
	for (size_t i = 0; i < 320; i++) {
		uint32_t cpu = (uint32_t)rnd_below(4);
		unsigned int type = i < ft_ntypes ? ft_types[i] : ft_types[rnd_below(ft_ntypes)];

		if (i == 200)
			ts[3] -= 50000; /* a step back: a new block */
		ts[cpu] += rnd_below(3) ? rnd_below(2000) : 0;
		ev[i] = gen_event(type, cpu, ts[cpu]);
		/* values as a real trace has them, so that zstd finds something to do */
		ev[i].vm = (uint16_t)rnd_below(3);
		ev[i].vcpu = (uint16_t)rnd_below(4);
		ev[i].isc = (uint8_t)rnd_below(8);
		ev[i].mask = (uint8_t)(0x80 >> rnd_below(8));
		ev[i].old = (uint8_t)(rnd_below(2) ? 0 : 0x80 >> rnd_below(8));
		ev[i].new = (uint8_t)(ev[i].old | ev[i].mask);
		ev[i].arg = rnd_below(4) ? rnd_below(3) : rnd_bits();
		ev[i].val = rnd_below(4) ? rnd_below(100000) : rnd_bits();
		if (type == GIB_EV_drop)
			ev[i].val = ev[i].ts + rnd_below(100000);
	}
	*n = 320;
	return ev;
}

/* the decoded form of a file, as v1.txt has it; malloc'd, NULL if it cannot be read */
static char *golden_text(const char *path)
{
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	struct ft_read r;

#define PUT(...)                                                                                   \
	do {                                                                                       \
		int k_ = snprintf(out + len, cap - len, __VA_ARGS__);                              \
		if (k_ < 0)                                                                        \
			abort();                                                                   \
		if ((size_t)k_ >= cap - len) {                                                     \
			out = realloc(out, cap = 2 * cap + (size_t)k_);                            \
			if (!out)                                                                  \
				abort();                                                           \
			snprintf(out + len, cap - len, __VA_ARGS__);                               \
		}                                                                                  \
		len += (size_t)k_;                                                                 \
	} while (0)

	if (!out)
		abort();
	if (read_all(path, 0, &r)) {
		free(out);
		read_free(&r);
		return NULL;
	}
	PUT("# gibtrace trace format version 1: the decoded golden files\n");
	PUT("version %u.%u\n", r.h.major, r.h.minor);
	for (size_t i = 0; i < r.h.nfields; i++) {
		const char *key = gt_tag__key(r.h.fields[i].tag);

		PUT("field %u %s: %s\n", r.h.fields[i].tag, key ? key : "?", r.h.fields[i].data);
	}
	PUT("records %llu blocks %llu end_records %llu clean_end %d defects %u\n",
	    (unsigned long long)r.st.records, (unsigned long long)r.st.blocks,
	    (unsigned long long)r.st.end_records, r.st.clean_end, r.st.defects);
	for (size_t i = 0; i < r.n; i++) {
		char line[512];

		gt_event__snprintf(&r.ev[i], line, sizeof(line));
		PUT("%s\n", line);
	}
#undef PUT
	read_free(&r);
	return out;
}

static int write_goldens(const char *dir, char **text)
{
	struct gt_header h;
	size_t n;
	struct gt_event *ev = golden_events(&n);
	char path[1024];
	int err = 0;

	*text = NULL;
	golden_header(&h);
	for (size_t g = 0; g < ARRAY_SIZE(goldens) && !err; g++) {
		struct gt_writer_opts o = { .big_endian = goldens[g].big_endian,
					    .codec = goldens[g].codec,
					    .zstd_level = 19,
					    .block_size = 1024 };
		char *t;

		snprintf(path, sizeof(path), "%s/%s", dir, goldens[g].name);
		err = write_events(path, &h, &o, ev, n);
		if (err)
			break;
		t = golden_text(path);
		if (!t || (*text && strcmp(t, *text))) {
			fprintf(stderr, "golden: %s does not read as the others\n", path);
			err = -EPROTO;
		}
		if (!*text)
			*text = t;
		else
			free(t);
	}
	gt_header__release(&h);
	free(ev);
	return err;
}

int golden_write(const char *dir)
{
	char path[1024], *text;
	int err = write_goldens(dir, &text);

	if (!err) {
		snprintf(path, sizeof(path), "%s/v1.txt", dir);
		err = file_write(path, text, strlen(text));
	}
	free(text);
	if (err)
		fprintf(stderr, "test-format: writing the golden files into %s: %s\n", dir,
			strerror(-err));
	return err;
}

/* the first line where two texts differ */
static int text_diff(const char *file, int line, const char *what, const char *got, const char *exp)
{
	const char *gl = got, *el = exp;
	size_t nr = 1;

	if (!strcmp(got, exp))
		return 0;
	for (; *got && *got == *exp; got++, exp++) {
		if (*got == '\n') {
			nr++;
			gl = got + 1;
			el = exp + 1;
		}
	}
	ft_failures++;
	printf("FAIL - %s: %s:%d: %s: line %zu: expected \"%.*s\", got \"%.*s\"\n", ft_case, file,
	       line, what, nr, (int)strcspn(el, "\n"), el, (int)strcspn(gl, "\n"), gl);
	return 1;
}

static int t_golden(long arg)
{
	const struct golden *g = &goldens[arg];
	char path[1024], *text, *expected;
	uint8_t *buf;
	size_t len;
	struct ptrace t;
	size_t zstd_blocks = 0;
	int rc;

	snprintf(path, sizeof(path), "%s/v1.txt", GOLDEN_DIR);
	ASSERT_EQ(file_read(path, &buf, &len), 0);
	buf[len] = '\0';
	expected = (char *)buf;
	snprintf(path, sizeof(path), "%s/%s", GOLDEN_DIR, g->name);
	ASSERT_EQ(file_read(path, &buf, &len), 0);
	ASSERT_TRUE(len < GOLDEN_MAX);
	/* its layout, by the independent parser */
	ASSERT_EQ(parse_trace(buf, len, &t), 0);
	ASSERT_EQ(t.be, g->big_endian);
	for (size_t i = 0; i < t.nb; i++)
		zstd_blocks += t.b[i].codec == GT_CODEC_ZSTD;
	ASSERT_TRUE(g->codec == GT_CODEC_RAW ? zstd_blocks == 0 : zstd_blocks > 0);
	ASSERT_TRUE(t.nb > 4);
	ptrace_free(&t);
	free(buf);
	text = golden_text(path);
	ASSERT_TRUE(text != NULL);
	rc = text_diff(__FILE__, __LINE__, g->name, text, expected);
	free(text);
	free(expected);
	ASSERT_EQ(ft_msgs.n, 0);
	return rc;
}

/* today's writer, given the same events, writes files that read as v1.txt too */
static int t_regenerate(long arg)
{
	char path[1024], *text, *expected;
	uint8_t *buf;
	size_t len;
	int rc;

	(void)arg;
	snprintf(path, sizeof(path), "%s/v1.txt", GOLDEN_DIR);
	ASSERT_EQ(file_read(path, &buf, &len), 0);
	buf[len] = '\0';
	expected = (char *)buf;
	/*
	 * Today's writer writes today's minor version (1.1 added the inferred tag); the
	 * files of v1.txt were written as 1.0. Everything else must read the same.
	 */
	{
		char *v = strstr(expected, "version 1.0\n");
		char now[32];

		ASSERT_TRUE(v != NULL);
		snprintf(now, sizeof(now), "version %u.%u\n", GT_VERSION_MAJOR, GT_VERSION_MINOR);
		ASSERT_EQ(strlen(now), strlen("version 1.0\n"));
		memcpy(v, now, strlen(now));
	}
	snprintf(path, sizeof(path), "%s", tpath(""));
	ASSERT_EQ(write_goldens(path, &text), 0);
	rc = text_diff(__FILE__, __LINE__, "regenerated", text, expected);
	free(text);
	free(expected);
	return rc;
}

const struct ft_case ft_golden_cases[] = {
	{ "golden-v1-le", t_golden, 0 },
	{ "golden-v1-be", t_golden, 1 },
	{ "golden-v1-raw", t_golden, 2 },
	{ "golden-regenerate", t_regenerate, 0 },
	{ NULL, NULL, 0 },
};

/* small files for the fuzzer's seed corpus */
int write_seeds(const char *dir)
{
	struct gt_header h;
	size_t n;
	struct gt_event *ev = golden_events(&n);
	char path[1024];
	int err = 0;

	header_fixed(&h);
	for (int k = 0; k < 4 && !err; k++) {
		struct gt_writer_opts o = { .big_endian = k & 1,
					    .codec = k & 2 ? GT_CODEC_ZSTD : GT_CODEC_RAW,
					    .block_size = 256 };

		snprintf(path, sizeof(path), "%s/seed-%s-%s.gtr", dir, k & 1 ? "be" : "le",
			 k & 2 ? "zstd" : "raw");
		err = write_events(path, &h, &o, ev, 40);
	}
	if (!err) {
		snprintf(path, sizeof(path), "%s/seed-empty.gtr", dir);
		err = write_events(path, &h, NULL, NULL, 0);
	}
	gt_header__release(&h);
	free(ev);
	return err;
}
