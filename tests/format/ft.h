/*
 * ft.h - shared declarations of test-format, the tests of the trace file
 * format (include/gibtrace/format.h) and of libgibtrace's reader and writer.
 *
 * A case is a function returning 0 on success; an ASSERT_* that fails prints
 * "FAIL - <case>: file:line: expected X, got Y" and returns 1 from the case.
 */
#ifndef GIB_TESTS_FORMAT_FT_H
#define GIB_TESTS_FORMAT_FT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gibtrace/trace.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

extern const char *ft_case;
extern unsigned int ft_failures;

#define FT_FAIL_(fmt, ...)                                                                         \
	do {                                                                                       \
		ft_failures++;                                                                     \
		printf("FAIL - %s: %s:%d: " fmt "\n", ft_case, __FILE__, __LINE__, __VA_ARGS__);   \
		fflush(stdout);                                                                    \
	} while (0)

#define ASSERT_EQ(got, expected)                                                                   \
	do {                                                                                       \
		long long got_ = (long long)(got);                                                 \
		long long exp_ = (long long)(expected);                                            \
		if (got_ != exp_) {                                                                \
			FT_FAIL_("expected %s == %lld, got %lld", #got, exp_, got_);               \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_EQ_U(got, expected)                                                                 \
	do {                                                                                       \
		unsigned long long got_ = (unsigned long long)(got);                               \
		unsigned long long exp_ = (unsigned long long)(expected);                          \
		if (got_ != exp_) {                                                                \
			FT_FAIL_("expected %s == %llu (0x%llx), got %llu (0x%llx)", #got, exp_,    \
				 exp_, got_, got_);                                                \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_TRUE(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			FT_FAIL_("expected %s, got false", #cond);                                 \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_STR_EQ(got, expected)                                                               \
	do {                                                                                       \
		const char *got_ = (got), *exp_ = (expected);                                      \
		if (!got_ || !exp_ || strcmp(got_, exp_)) {                                        \
			FT_FAIL_("expected %s == \"%s\", got \"%s\"", #got,                        \
				 exp_ ? exp_ : "(null)", got_ ? got_ : "(null)");                  \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

/* the library's messages since the last msgs_reset */
#define MSGS_MAX 4096
struct ft_msgs {
	char *m[MSGS_MAX];
	unsigned int n; /* messages received, even past MSGS_MAX */
};
extern struct ft_msgs ft_msgs;
void msgs_reset(void);
/* the i-th message or "" */
const char *msg(unsigned int i);
/* the first message, and all of them when FT_VERBOSE is set, for a FAIL line */
void msgs_dump(void);

/* deterministic PRNG (xorshift64*) */
void rnd_seed(uint64_t seed);
uint64_t rnd(void);
uint64_t rnd_below(uint64_t n);
/* a value of random bit length: small values are as likely as large ones */
uint64_t rnd_bits(void);

/* a path in the test's own temporary directory; rotating static buffers */
const char *tpath(const char *name);
void tmpdir_remove(void);

int file_read(const char *path, uint8_t **buf, size_t *len);
int file_write(const char *path, const void *buf, size_t len);

/* the vocabulary: the numbers that have a name, in order */
extern unsigned int ft_types[GIB_EV_MAX];
extern unsigned int ft_ntypes;
void types_init(void);

/* an event of the type with random values, garbage in the fields it lacks */
struct gt_event gen_event(unsigned int type, uint32_t cpu, uint64_t ts);
/* what the reader returns for it: the fields the type lacks zeroed */
struct gt_event ev_expected(const struct gt_event *ev);
bool ev_eq(const struct gt_event *a, const struct gt_event *b);
const char *ev_str(const struct gt_event *ev); /* rotating static buffers */
/* stable sort by (ts, cpu): the reader's order for events given in file order per cpu */
void ev_sort(struct gt_event *ev, size_t n);

/* compare two streams; prints the first difference */
#define ASSERT_STREAM(got, ngot, exp, nexp)                                                        \
	do {                                                                                       \
		if (stream_diff(__FILE__, __LINE__, #got, (got), (ngot), (exp), (nexp)))           \
			return 1;                                                                  \
	} while (0)
int stream_diff(const char *file, int line, const char *what, const struct gt_event *got,
		size_t ngot, const struct gt_event *exp, size_t nexp);

/* header fields fixed for tests (never gt_header__set_host: it embeds the host) */
void header_fixed(struct gt_header *h);

/*
 * write the events in the order given (drop events through gt_writer__add_drop);
 * returns 0 or the first error
 */
int write_events(const char *path, const struct gt_header *h, const struct gt_writer_opts *o,
		 const struct gt_event *ev, size_t n);

/* read a whole file; *ev is malloc'd (NULL when the open fails and *err says why) */
struct ft_read {
	struct gt_event *ev;
	size_t n;
	struct gt_reader_stats st;
	struct gt_header h; /* copy of the fields, released by read_free */
	int err;
	bool opened;
};
int read_all(const char *path, unsigned int flags, struct ft_read *out);
void read_free(struct ft_read *r);

/*
 * An independent parser of well-formed files, written from format.h alone: it
 * knows where each block and record is. Returns 0, or -1 for anything it does not
 * expect (it is not a robust reader).
 */
struct pblock {
	size_t off; /* of its header */
	uint16_t cpu;
	uint8_t codec, flags;
	uint32_t nrecords, raw, stored;
	uint64_t first, last;
	struct gt_event *ev; /* its records, decoded */
	uint32_t *rec_end; /* offset in the raw payload where record i ends */
	size_t nev;
};
struct ptrace {
	bool be;
	size_t hsize;
	size_t size;
	struct pblock *b;
	size_t nb; /* the end block included, last */
};
int parse_trace(const uint8_t *buf, size_t len, struct ptrace *t);
void ptrace_free(struct ptrace *t);
/* the reader's expected output for a subset of the parsed blocks: keep[i] records of b[i] */
struct gt_event *ptrace_expect(const struct ptrace *t, const size_t *keep, size_t *n);

uint16_t ft_get16(const uint8_t *p, bool be);
uint32_t ft_get32(const uint8_t *p, bool be);
void ft_put16(uint8_t *p, uint16_t v, bool be);
void ft_put32(uint8_t *p, uint32_t v, bool be);
void ft_put64(uint8_t *p, uint64_t v, bool be);
/* recompute the CRC of the header / of the block at off after patching them */
void fix_header_crc(uint8_t *buf, bool be);
void fix_block_crc(uint8_t *buf, size_t len, size_t off, bool be);

/* the golden files */
int golden_write(const char *dir);
int write_seeds(const char *dir);

/* the groups */
struct ft_case {
	const char *name;
	int (*fn)(long arg);
	long arg;
};
extern const struct ft_case ft_roundtrip_cases[], ft_merge_cases[], ft_byteorder_cases[],
	ft_golden_cases[], ft_defects_cases[], ft_crc32c_cases[];

#endif
