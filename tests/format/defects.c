/*
 * defects.c - the group defects: one case per class of damage a trace file can
 * suffer, each asserting the exact message ("FILE: offset N: reason") and how
 * much good data comes back.
 */
#include <errno.h>
#include <stdlib.h>

#include "bytes.h"
#include "ft.h"

#define MSG(buf, ...) snprintf(buf, sizeof(buf), __VA_ARGS__)

/* a file of n random events on 3 cpus in blocks of 256 bytes, its bytes and layout */
struct sample {
	uint8_t *buf;
	size_t len;
	struct ptrace t;
	const char *path;
};

static int sample_make(struct sample *s, int codec, bool be, size_t n, unsigned int seed)
{
	struct gt_writer_opts o = { .codec = codec, .big_endian = be, .block_size = 256 };
	struct gt_event *ev = malloc(n * sizeof(*ev));
	uint64_t ts[3] = { 5000, 5000, 9000 };
	struct gt_header h;
	size_t zstd = 0;
	int err;

	if (!ev)
		abort();
	rnd_seed(seed);
	for (size_t i = 0; i < n; i++) {
		uint32_t cpu = (uint32_t)rnd_below(3);

		ts[cpu] += rnd_below(300);
		ev[i] = gen_event(ft_types[i % ft_ntypes], cpu, ts[cpu]);
		if (codec == GT_CODEC_ZSTD) { /* small values: blocks zstd can compress */
			ev[i].arg = rnd_below(4);
			ev[i].val = rnd_below(4);
			ev[i].vm = ev[i].vcpu = 1;
			ev[i].isc = ev[i].mask = ev[i].old = ev[i].new = 0x80;
		}
	}
	s->path = tpath("sample.gtr");
	header_fixed(&h);
	err = write_events(s->path, &h, &o, ev, n);
	gt_header__release(&h);
	free(ev);
	if (err)
		return err;
	err = file_read(s->path, &s->buf, &s->len);
	if (err)
		return err;
	if (parse_trace(s->buf, s->len, &s->t))
		return -EPROTO;
	for (size_t i = 0; i + 1 < s->t.nb; i++)
		zstd += s->t.b[i].codec == GT_CODEC_ZSTD;
	/* what the case is about: raw blocks only, or at least half zstd */
	return codec == GT_CODEC_RAW ? (zstd ? -EPROTO : 0) :
				       (zstd * 2 < s->t.nb - 1 ? -EPROTO : 0);
}

static void sample_free(struct sample *s)
{
	free(s->buf);
	ptrace_free(&s->t);
}

/* the events of every data block but `skip` (none: -1), as the reader must return them */
static struct gt_event *all_but(const struct ptrace *t, long skip, size_t *n)
{
	size_t *keep = calloc(t->nb, sizeof(*keep));
	struct gt_event *ev;

	if (!keep)
		abort();
	for (size_t i = 0; i < t->nb; i++)
		keep[i] = (long)i == skip ? 0 : t->b[i].nev;
	ev = ptrace_expect(t, keep, n);
	free(keep);
	return ev;
}

static size_t data_blocks(const struct ptrace *t)
{
	return t->nb - 1; /* the end block is last */
}

static int t_bad_magic(long arg)
{
	const char *path = tpath("magic.gtr");
	static const char junk[] = "GIBTRACX\x04\x03\x02\x01 and more bytes to fill a header";
	struct ft_read r;
	char m[600];

	(void)arg;
	ASSERT_EQ(file_write(path, junk, sizeof(junk)), 0);
	ASSERT_EQ(read_all(path, 0, &r), -EINVAL);
	ASSERT_TRUE(!r.opened);
	MSG(m, "%s: offset 0: bad magic: not a gibtrace trace file", path);
	ASSERT_STR_EQ(msg(0), m);
	ASSERT_EQ(ft_msgs.n, 1);
	read_free(&r);
	/* an empty file and one shorter than the magic: the same */
	msgs_reset();
	ASSERT_EQ(file_write(path, junk, 0), 0);
	ASSERT_EQ(read_all(path, 0, &r), -EINVAL);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	msgs_reset();
	ASSERT_EQ(file_write(path, "GIB", 3), 0);
	ASSERT_EQ(read_all(path, 0, &r), -EINVAL);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	/* no file at all */
	msgs_reset();
	ASSERT_EQ(read_all(tpath("no-such-file"), 0, &r), -ENOENT);
	MSG(m, "%s: cannot open: %s", tpath("no-such-file"), strerror(ENOENT));
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	return 0;
}

static int t_bad_bom(long arg)
{
	struct sample s;
	struct ft_read r;
	char m[600];

	(void)arg;
	ASSERT_EQ(sample_make(&s, GT_CODEC_RAW, false, 50, 1), 0);
	ft_put32(s.buf + 8, 0x11223344, false);
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EINVAL);
	MSG(m, "%s: offset 8: bad byte-order mark 0x11223344", s.path);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	sample_free(&s);
	return 0;
}

/* a newer major version: refused, saying a newer gibtrace wrote it */
static int t_newer_major(long arg)
{
	bool be = arg;
	struct sample s;
	struct ft_read r;
	char m[600];

	ASSERT_EQ(sample_make(&s, GT_CODEC_ZSTD, be, 50, 2), 0);
	ft_put16(s.buf + 12, GT_VERSION_MAJOR + 1, be);
	ft_put16(s.buf + 14, 3, be);
	fix_header_crc(s.buf, be);
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EPROTONOSUPPORT);
	MSG(m,
	    "%s: offset 12: format version %u.3, this reader reads version %u files only: a "
	    "newer gibtrace wrote it",
	    s.path, GT_VERSION_MAJOR + 1, GT_VERSION_MAJOR);
	ASSERT_STR_EQ(msg(0), m);
	ASSERT_EQ(ft_msgs.n, 1);
	read_free(&r);
	/* an older major (0) is refused too, without the remark */
	msgs_reset();
	ft_put16(s.buf + 12, 0, be);
	fix_header_crc(s.buf, be);
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EPROTONOSUPPORT);
	MSG(m, "%s: offset 12: format version 0.3, this reader reads version %u files only", s.path,
	    GT_VERSION_MAJOR);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	sample_free(&s);
	return 0;
}

/* a newer minor version of the same major reads */
static int t_newer_minor(long arg)
{
	struct sample s;
	struct ft_read r;
	struct gt_event *exp;
	size_t n;

	(void)arg;
	ASSERT_EQ(sample_make(&s, GT_CODEC_ZSTD, false, 100, 3), 0);
	ft_put16(s.buf + 14, GT_VERSION_MINOR + 7, false);
	fix_header_crc(s.buf, false);
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), 0);
	ASSERT_EQ(r.h.minor, GT_VERSION_MINOR + 7);
	exp = all_but(&s.t, -1, &n);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	ASSERT_EQ(ft_msgs.n, 0);
	free(exp);
	read_free(&r);
	sample_free(&s);
	return 0;
}

static int t_header_crc(long arg)
{
	bool be = arg;
	struct sample s;
	struct ft_read r;
	char m[600];

	ASSERT_EQ(sample_make(&s, GT_CODEC_RAW, be, 50, 4), 0);
	s.buf[GT_HEADER_FIXED + GT_FIELD_HDR] ^= 0x20; /* the first field's text */
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EINVAL);
	MSG(m, "%s: offset %zu: header CRC mismatch", s.path, s.t.hsize - 4);
	ASSERT_STR_EQ(msg(0), m);
	ASSERT_EQ(ft_msgs.n, 1);
	read_free(&r);
	/* the CRC itself damaged */
	msgs_reset();
	s.buf[GT_HEADER_FIXED + GT_FIELD_HDR] ^= 0x20;
	s.buf[s.t.hsize - 1] ^= 0x01;
	ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EINVAL);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	/* cut inside the header */
	msgs_reset();
	ASSERT_EQ(file_write(s.path, s.buf, s.t.hsize - 1), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), -EINVAL);
	MSG(m, "%s: offset 16: truncated header: %zu bytes, the file has %zu", s.path, s.t.hsize,
	    s.t.hsize - 1);
	ASSERT_STR_EQ(msg(0), m);
	read_free(&r);
	sample_free(&s);
	return 0;
}

/*
 * Cut the file at every offset from the end of its header to its last byte:
 * the whole blocks before the cut come back, and of the block cut its whole
 * records where the codec allows (all of them raw, a prefix with zstd).
 */
static int t_truncated(long arg)
{
	int codec = (int)(arg & 1);
	bool be = arg & 2;
	struct sample s;
	size_t cuts = 0;

	ASSERT_EQ(sample_make(&s, codec, be, 150, 5), 0);
	ASSERT_TRUE(data_blocks(&s.t) >= 5);
	for (size_t cut = s.t.hsize; cut < s.len; cut++) {
		size_t *keep = calloc(s.t.nb, sizeof(*keep)), n, whole = 0, nopened = 0;
		long in = -1; /* the block the cut falls in */
		bool at_boundary = false;
		struct gt_event *exp;
		struct ft_read r;
		char m[600];

		ASSERT_TRUE(keep != NULL);
		for (size_t i = 0; i < s.t.nb; i++) {
			const struct pblock *b = &s.t.b[i];

			at_boundary |= b->off == cut;
			if (b->off + GT_BLOCK_HDR + b->stored <= cut) {
				keep[i] = b->nev;
				whole += b->nev;
				nopened += !(b->flags & GT_BLOCK_END);
			} else if (b->off < cut) {
				in = (long)i;
			}
		}
		ASSERT_EQ(file_write(s.path, s.buf, cut), 0);
		msgs_reset();
		ASSERT_EQ(read_all(s.path, 0, &r), 0);
		cuts++;
		ASSERT_TRUE(!r.st.clean_end);
		if (r.st.truncated != !at_boundary) {
			FT_FAIL_("cut at %zu of %zu: expected truncated == %d, got %d", cut, s.len,
				 !at_boundary, r.st.truncated);
			msgs_dump();
			return 1;
		}
		if (in >= 0) {
			const struct pblock *b = &s.t.b[in];
			size_t have = cut - b->off;

			if (have < GT_BLOCK_HDR) {
				MSG(m, "%s: offset %zu: truncated block header (%zu of %u bytes)",
				    s.path, b->off, have, GT_BLOCK_HDR);
				ASSERT_STR_EQ(msg(0), m);
				ASSERT_EQ(ft_msgs.n, 1);
			} else {
				size_t avail = have - GT_BLOCK_HDR, k = 0;

				MSG(m,
				    "%s: offset %zu: truncated block: %u payload bytes, %zu in the "
				    "file; reading its whole records",
				    s.path, b->off, b->stored, avail);
				ASSERT_STR_EQ(msg(0), m);
				if (codec == GT_CODEC_RAW) {
					while (k < b->nev && b->rec_end[k] <= avail)
						k++;
				} else {
					k = r.n - whole; /* what zstd gave of the cut frame */
					ASSERT_TRUE(r.n >= whole && k < b->nev);
				}
				keep[in] = k;
				nopened++;
				/* the rest of the block is lost, and said so */
				ASSERT_EQ_U(r.st.lost_records, b->nrecords - k);
				MSG(m,
				    "%s: offset %zu: truncated block: kept %zu of its %u records",
				    s.path, b->off, k, b->nrecords);
				ASSERT_STR_EQ(msg(1), m);
				ASSERT_EQ(ft_msgs.n, 2);
			}
		} else {
			ASSERT_EQ(ft_msgs.n, 0);
		}
		exp = ptrace_expect(&s.t, keep, &n);
		if (stream_diff(__FILE__, __LINE__, "cut", r.ev, r.n, exp, n)) {
			printf("#   at cut %zu of %zu\n", cut, s.len);
			return 1;
		}
		ASSERT_EQ(r.st.blocks, nopened);
		ASSERT_EQ(r.st.defects, ft_msgs.n);
		free(exp);
		free(keep);
		read_free(&r);
	}
	ASSERT_EQ(cuts, s.len - s.t.hsize);
	sample_free(&s);
	return 0;
}

/* a flipped bit in a block's payload: that block alone is lost, and said so */
static int t_payload_flip(long arg)
{
	int codec = (int)(arg & 1);
	bool be = arg & 2;
	struct sample s;

	ASSERT_EQ(sample_make(&s, codec, be, 150, 6), 0);
	for (size_t i = 0; i < data_blocks(&s.t); i++) {
		const struct pblock *b = &s.t.b[i];

		for (int k = 0; k < 4; k++) {
			size_t pos = b->off + GT_BLOCK_HDR + rnd_below(b->stored);
			uint8_t bit = (uint8_t)(1u << rnd_below(8));
			struct gt_event *exp;
			struct ft_read r;
			char m[600];
			size_t n;

			s.buf[pos] ^= bit;
			ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
			s.buf[pos] ^= bit;
			msgs_reset();
			ASSERT_EQ(read_all(s.path, 0, &r), 0);
			MSG(m,
			    "%s: offset %zu: block CRC mismatch; skipped its %u records (cpu %u)",
			    s.path, b->off, b->nrecords, b->cpu);
			ASSERT_STR_EQ(msg(0), m);
			ASSERT_EQ(ft_msgs.n, 1);
			exp = all_but(&s.t, (long)i, &n);
			ASSERT_STREAM(r.ev, r.n, exp, n);
			ASSERT_EQ(r.st.bad_blocks, 1);
			ASSERT_EQ(r.st.lost_records, b->nrecords);
			ASSERT_EQ(r.st.skipped_bytes, GT_BLOCK_HDR + b->stored);
			ASSERT_EQ(r.st.blocks, data_blocks(&s.t) - 1);
			ASSERT_TRUE(r.st.clean_end);
			ASSERT_TRUE(!r.st.truncated);
			free(exp);
			read_free(&r);
			/* GT_READ_NO_CRC: the CRC field itself damaged, the block is read */
			if (k == 0) {
				s.buf[b->off + GT_BLOCK_CRC_OFF] ^= bit;
				ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
				s.buf[b->off + GT_BLOCK_CRC_OFF] ^= bit;
				msgs_reset();
				ASSERT_EQ(read_all(s.path, GT_READ_NO_CRC, &r), 0);
				exp = all_but(&s.t, -1, &n);
				ASSERT_STREAM(r.ev, r.n, exp, n);
				ASSERT_EQ(ft_msgs.n, 0);
				free(exp);
				read_free(&r);
			}
		}
	}
	sample_free(&s);
	return 0;
}

/*
 * a flipped bit in a size field of a block header (nrecords, raw_size,
 * stored_size): that block is lost; the reader finds the next one, and every
 * other block comes back
 */
static int t_size_flip(long arg)
{
	int codec = (int)(arg & 1);
	bool be = arg & 2;
	struct sample s;
	char why[600];

	ASSERT_EQ(sample_make(&s, codec, be, 150, 7), 0);
	for (size_t i = 0; i < data_blocks(&s.t); i++) {
		const struct pblock *b = &s.t.b[i];

		for (size_t field = 8; field <= 16; field += 4) {
			for (unsigned int bit = 0; bit < 32; bit++) {
				size_t pos = b->off + field + (be ? 3 - bit / 8 : bit / 8);
				struct gt_event *exp;
				struct ft_read r;
				char m[600];
				size_t n;

				s.buf[pos] ^= (uint8_t)(1u << (bit % 8));
				ASSERT_EQ(file_write(s.path, s.buf, s.len), 0);
				s.buf[pos] ^= (uint8_t)(1u << (bit % 8));
				msgs_reset();
				ASSERT_EQ(read_all(s.path, 0, &r), 0);
				MSG(why, "block %zu of %zu, field at %zu, bit %u", i,
				    data_blocks(&s.t), field, bit);
				MSG(m, "%s: offset %zu: ", s.path, b->off);
				if (strncmp(msg(0), m, strlen(m))) {
					FT_FAIL_("%s: expected a message at the block's offset, "
						 "got \"%s\"",
						 why, msg(0));
					return 1;
				}
				exp = all_but(&s.t, (long)i, &n);
				if (stream_diff(__FILE__, __LINE__, why, r.ev, r.n, exp, n))
					return 1;
				if (!r.st.clean_end || r.st.bad_blocks != 1) {
					FT_FAIL_("%s: expected clean_end and 1 bad block, got %d "
						 "and %llu",
						 why, r.st.clean_end,
						 (unsigned long long)r.st.bad_blocks);
					msgs_dump();
					return 1;
				}
				free(exp);
				read_free(&r);
			}
		}
	}
	sample_free(&s);
	return 0;
}

/* garbage between two blocks, and after the end block */
static int t_garbage(long arg)
{
	bool be = arg;
	struct sample s;
	struct gt_event *exp;
	struct ft_read r;
	uint8_t *buf;
	size_t at, n, g = 37;
	char m[600];

	ASSERT_EQ(sample_make(&s, GT_CODEC_ZSTD, be, 150, 8), 0);
	at = s.t.b[2].off;
	buf = malloc(s.len + g + 10);
	ASSERT_TRUE(buf != NULL);
	memcpy(buf, s.buf, at);
	for (size_t i = 0; i < g; i++) /* no byte of the block magic */
		buf[at + i] = (uint8_t)(0xa0 + i % 7);
	buf[at + 5] = be ? 'G' : 'K'; /* a false start of the magic */
	memcpy(buf + at + g, s.buf + at, s.len - at);
	memset(buf + s.len + g, 0x33, 10);
	ASSERT_EQ(file_write(s.path, buf, s.len + g + 10), 0);
	ASSERT_EQ(read_all(s.path, 0, &r), 0);
	MSG(m, "%s: offset %zu: no block header here; skipped %zu bytes to the next block", s.path,
	    at, g);
	ASSERT_STR_EQ(msg(0), m);
	MSG(m, "%s: offset %zu: no block header here; skipped 10 bytes to the end", s.path,
	    s.len + g);
	ASSERT_STR_EQ(msg(1), m);
	ASSERT_EQ(ft_msgs.n, 2);
	exp = all_but(&s.t, -1, &n);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	ASSERT_EQ(r.st.skipped_bytes, g + 10);
	ASSERT_EQ(r.st.bad_blocks, 0);
	ASSERT_TRUE(r.st.clean_end);
	ASSERT_EQ(r.st.end_records, n);
	free(exp);
	free(buf);
	read_free(&r);
	sample_free(&s);
	return 0;
}

/* a block built by hand: header, payload, CRC */
static size_t put_block(uint8_t *out, bool be, uint16_t cpu, uint8_t flags, uint32_t nrecords,
			const uint8_t *payload, uint32_t size, uint64_t first, uint64_t last)
{
	uint32_t crc;

	ft_put32(out, GT_BLOCK_MAGIC, be);
	ft_put16(out + 4, cpu, be);
	out[6] = GT_CODEC_RAW;
	out[7] = flags;
	ft_put32(out + 8, nrecords, be);
	ft_put32(out + 12, size, be);
	ft_put32(out + 16, size, be);
	ft_put64(out + 20, first, be);
	ft_put64(out + 28, last, be);
	if (size)
		memcpy(out + GT_BLOCK_HDR, payload, size);
	crc = gt_crc32c(gt_crc32c(0, out, GT_BLOCK_CRC_OFF), payload, size);
	ft_put32(out + GT_BLOCK_CRC_OFF, crc, be);
	return GT_BLOCK_HDR + size;
}

/* a file: a real header, then the given payload as one raw block of cpu 3, an end block */
static int craft(const char *path, bool be, const uint8_t *payload, uint32_t size,
		 uint32_t nrecords, uint64_t first, uint64_t last)
{
	struct gt_writer_opts o = { .big_endian = be };
	struct gt_header h;
	uint8_t *buf, *out;
	size_t len, hsize;
	int err;

	header_fixed(&h);
	err = write_events(path, &h, &o, NULL, 0);
	gt_header__release(&h);
	if (err || (err = file_read(path, &buf, &len)))
		return err;
	hsize = ft_get32(buf + 16, be);
	out = malloc(hsize + 2 * GT_BLOCK_HDR + size);
	if (!out)
		abort();
	memcpy(out, buf, hsize);
	len = hsize + put_block(out + hsize, be, 3, 0, nrecords, payload, size, first, last);
	len += put_block(out + len, be, GT_BLOCK_END_CPU, GT_BLOCK_END, nrecords, NULL, 0, first,
			 last);
	err = file_write(path, out, len);
	free(buf);
	free(out);
	return err;
}

/* record types not in the vocabulary are skipped, their timestamps still counted */
static int t_unknown_type(long arg)
{
	bool be = arg;
	static const uint8_t payload[] = {
		GIB_EV_vm_create,
		2,
		0x00,
		0x05, /* ts 1000, vm 5 */
		29,
		4,
		20,
		0xde,
		0xad,
		0xbe, /* unknown: ts +10 */
		GIB_EV_gal_irq,
		1,
		10, /* ts +5 */
		0,
		1,
		2, /* GIB_EV_NONE is no event either: ts +1 */
		30,
		2,
		0,
		0x7f, /* a hole below drop */
		255,
		3,
		1,
		0,
		0, /* the highest number: ts -1 */
		GIB_EV_vcpu_create,
		4,
		0xc8,
		0x01,
		1,
		2, /* ts +100, vm 1, vcpu 2 */
	};
	const struct gt_event exp[] = {
		{ .ts = 1000, .cpu = 3, .type = GIB_EV_vm_create, .vm = 5 },
		{ .ts = 1015, .cpu = 3, .type = GIB_EV_gal_irq },
		{ .ts = 1115, .cpu = 3, .type = GIB_EV_vcpu_create, .vm = 1, .vcpu = 2 },
	};
	const char *path = tpath("unknown.gtr");
	struct ft_read r;

	ASSERT_EQ(craft(path, be, payload, sizeof(payload), 7, 1000, 1115), 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, ARRAY_SIZE(exp));
	ASSERT_EQ(r.st.unknown_records, 4);
	ASSERT_EQ(r.st.records, 3);
	ASSERT_EQ(r.st.defects, 0);
	ASSERT_EQ(ft_msgs.n, 0);
	ASSERT_TRUE(r.st.clean_end);
	ASSERT_EQ(r.st.end_records, 7);
	read_free(&r);
	return 0;
}

/* a newer minor version appends fields: the known ones come back, the rest is skipped */
static int t_extra_fields(long arg)
{
	bool be = arg;
	static const uint8_t payload[] = {
		/* ts 500, vm 7, isc 3, mask 0x10, arg 300; extra ff ff 01 */
		GIB_EV_gisc_register,
		9,
		0,
		7,
		3,
		0x10,
		0xac,
		0x02,
		0xff,
		0xff,
		0x01,
		/* ts +1, vm 1, vcpu 2, isc 4, arg 1; extra 80 00 */
		GIB_EV_airq_deliver,
		7,
		2,
		1,
		2,
		4,
		1,
		0x80,
		0x00,
		/* ts +0; extra 55 66 */
		GIB_EV_gal_irq,
		3,
		0,
		0x55,
		0x66,
		/* ts +2, arg 9, val 10; extra: 200 bytes would not fit a u8 len: 1 byte */
		GIB_EV_drop,
		4,
		4,
		9,
		10,
		0xee,
	};
	const struct gt_event exp[] = {
		{ .ts = 500,
		  .cpu = 3,
		  .type = GIB_EV_gisc_register,
		  .vm = 7,
		  .isc = 3,
		  .mask = 0x10,
		  .arg = 300 },
		{ .ts = 501,
		  .cpu = 3,
		  .type = GIB_EV_airq_deliver,
		  .vm = 1,
		  .vcpu = 2,
		  .isc = 4,
		  .arg = 1 },
		{ .ts = 501, .cpu = 3, .type = GIB_EV_gal_irq },
		{ .ts = 503, .cpu = 3, .type = GIB_EV_drop, .arg = 9, .val = 10 },
	};
	const char *path = tpath("extra.gtr");
	struct ft_read r;

	ASSERT_EQ(craft(path, be, payload, sizeof(payload), 4, 500, 503), 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, ARRAY_SIZE(exp));
	ASSERT_EQ(r.st.defects, 0);
	ASSERT_EQ(r.st.unknown_records, 0);
	read_free(&r);
	return 0;
}

/* a record too short for its type's fields: the rest of its block is lost */
static int t_malformed(long arg)
{
	static const uint8_t field_short[] = {
		GIB_EV_vm_create, 2, 0, 1, /* ts 100, vm 1 */
		GIB_EV_vm_create, 1, 2, /* ts +1, and no vm */
		GIB_EV_gal_irq,	  1, 2, /* lost with it */
	};
	static const uint8_t ts_short[] = {
		GIB_EV_vm_create, 2, 0,	   1, /* ts 100, vm 1 */
		GIB_EV_gal_irq,	  1, 0x80, /* a varint cut by the record's end */
		GIB_EV_gal_irq,	  1, 2, /* lost with it */
	};
	const struct {
		const uint8_t *p;
		uint32_t size;
		const char *type;
	} v[] = {
		{ field_short, sizeof(field_short), "vm_create" },
		{ ts_short, sizeof(ts_short), "gal_irq" },
	};
	const struct gt_event exp = { .ts = 100, .cpu = 3, .type = GIB_EV_vm_create, .vm = 1 };
	const char *path = tpath("malformed.gtr");

	(void)arg;
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		struct ft_read r;
		char m[600];
		size_t hsize;

		msgs_reset();
		ASSERT_EQ(craft(path, false, v[i].p, v[i].size, 3, 100, 102), 0);
		ASSERT_EQ(read_all(path, 0, &r), 0);
		ASSERT_STREAM(r.ev, r.n, &exp, 1);
		hsize = r.st.file_bytes - 2 * GT_BLOCK_HDR - v[i].size;
		MSG(m,
		    "%s: offset %zu: cpu 3 block, record 2: malformed %s record; the rest of the "
		    "block skipped",
		    path, hsize, v[i].type);
		ASSERT_STR_EQ(msg(0), m);
		ASSERT_EQ(ft_msgs.n, 1);
		ASSERT_EQ(r.st.bad_blocks, 1);
		ASSERT_EQ(r.st.lost_records, 2);
		read_free(&r);
	}
	return 0;
}

/* a block header with absurd values, its CRC right: skipped up to the next block */
static int t_absurd_header(long arg)
{
	static const struct {
		size_t field, width;
		uint64_t value;
		const char *why;
	} v[] = {
		{ 12, 4, GT_BLOCK_RAW_MAX + 1, "raw size over the limit" },
		{ 12, 4, UINT32_MAX, "raw size over the limit" },
		{ 8, 4, UINT32_MAX, "more records than the block can hold" },
		{ 8, 4, 1u << 20, "more records than the block can hold" },
		{ 16, 4, 100000, "stored size does not fit the raw size" },
		{ 6, 1, 9, "unknown codec" },
		{ 20, 8, UINT64_MAX, "first timestamp after the last" },
	};
	bool be = arg;
	struct sample s;

	ASSERT_EQ(sample_make(&s, GT_CODEC_RAW, be, 150, 9), 0);
	for (size_t k = 0; k < ARRAY_SIZE(v); k++) {
		const struct pblock *b = &s.t.b[1];
		uint8_t *buf = malloc(s.len);
		struct gt_event *exp;
		struct ft_read r;
		char m[600];
		size_t n;

		ASSERT_TRUE(buf != NULL);
		memcpy(buf, s.buf, s.len);
		if (v[k].width == 1)
			buf[b->off + v[k].field] = (uint8_t)v[k].value;
		else if (v[k].width == 4)
			ft_put32(buf + b->off + v[k].field, (uint32_t)v[k].value, be);
		else
			ft_put64(buf + b->off + v[k].field, v[k].value, be);
		fix_block_crc(buf, s.len, b->off, be);
		ASSERT_EQ(file_write(s.path, buf, s.len), 0);
		free(buf);
		msgs_reset();
		ASSERT_EQ(read_all(s.path, 0, &r), 0);
		MSG(m, "%s: offset %zu: bad block header: %s; skipped %zu bytes", s.path, b->off,
		    v[k].why, s.t.b[2].off - b->off);
		ASSERT_STR_EQ(msg(0), m);
		ASSERT_EQ(ft_msgs.n, 1);
		exp = all_but(&s.t, 1, &n);
		ASSERT_STREAM(r.ev, r.n, exp, n);
		ASSERT_EQ(r.st.bad_blocks, 1);
		ASSERT_EQ(r.st.skipped_bytes, s.t.b[2].off - b->off);
		ASSERT_TRUE(r.st.clean_end);
		free(exp);
		read_free(&r);
	}
	sample_free(&s);
	return 0;
}

const struct ft_case ft_defects_cases[] = {
	{ "defect-bad-magic", t_bad_magic, 0 },
	{ "defect-bad-bom", t_bad_bom, 0 },
	{ "defect-newer-major-le", t_newer_major, 0 },
	{ "defect-newer-major-be", t_newer_major, 1 },
	{ "defect-newer-minor-reads", t_newer_minor, 0 },
	{ "defect-header-crc-le", t_header_crc, 0 },
	{ "defect-header-crc-be", t_header_crc, 1 },
	{ "defect-truncated-raw-le", t_truncated, GT_CODEC_RAW },
	{ "defect-truncated-zstd-le", t_truncated, GT_CODEC_ZSTD },
	{ "defect-truncated-raw-be", t_truncated, GT_CODEC_RAW | 2 },
	{ "defect-truncated-zstd-be", t_truncated, GT_CODEC_ZSTD | 2 },
	{ "defect-payload-bitflip-raw", t_payload_flip, GT_CODEC_RAW },
	{ "defect-payload-bitflip-zstd", t_payload_flip, GT_CODEC_ZSTD },
	{ "defect-payload-bitflip-zstd-be", t_payload_flip, GT_CODEC_ZSTD | 2 },
	{ "defect-size-bitflip-raw", t_size_flip, GT_CODEC_RAW },
	{ "defect-size-bitflip-zstd", t_size_flip, GT_CODEC_ZSTD },
	{ "defect-size-bitflip-zstd-be", t_size_flip, GT_CODEC_ZSTD | 2 },
	{ "defect-garbage-le", t_garbage, 0 },
	{ "defect-garbage-be", t_garbage, 1 },
	{ "defect-unknown-record-type-le", t_unknown_type, 0 },
	{ "defect-unknown-record-type-be", t_unknown_type, 1 },
	{ "defect-extra-fields-le", t_extra_fields, 0 },
	{ "defect-extra-fields-be", t_extra_fields, 1 },
	{ "defect-malformed-record", t_malformed, 0 },
	{ "defect-absurd-block-header-le", t_absurd_header, 0 },
	{ "defect-absurd-block-header-be", t_absurd_header, 1 },
	{ NULL, NULL, 0 },
};
