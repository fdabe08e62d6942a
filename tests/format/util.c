/*
 * util.c - helpers of test-format: message capture, PRNG, temporary files,
 * event generation and comparison, and an independent parser of the format.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <unistd.h>
#include <zstd.h>

#include "bytes.h"
#include "ft.h"

struct ft_msgs ft_msgs;

void msgs_reset(void)
{
	for (unsigned int i = 0; i < ft_msgs.n && i < MSGS_MAX; i++)
		free(ft_msgs.m[i]);
	ft_msgs.n = 0;
}

const char *msg(unsigned int i)
{
	return i < ft_msgs.n && i < MSGS_MAX ? ft_msgs.m[i] : "";
}

void msgs_dump(void)
{
	bool all = getenv("FT_VERBOSE");

	for (unsigned int i = 0; i < ft_msgs.n && i < MSGS_MAX && (all || i < 3); i++)
		printf("#   message %u: %s\n", i, ft_msgs.m[i]);
}

/* xorshift64* */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

void rnd_seed(uint64_t seed)
{
	rnd_state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dull;
}

uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

uint64_t rnd_bits(void)
{
	unsigned int bits = (unsigned int)rnd_below(65);

	return bits ? rnd() >> (64 - bits) : 0;
}

static char tmp_dir[256];

static const char *tmpdir(void)
{
	if (!tmp_dir[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(tmp_dir, sizeof(tmp_dir), "%s/gt-format-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmp_dir)) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return tmp_dir;
}

const char *tpath(const char *name)
{
	static char buf[8][512];
	static unsigned int k;
	char *p = buf[k++ % 8];

	snprintf(p, sizeof(buf[0]), "%s/%s", tmpdir(), name);
	return p;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tmpdir_remove(void)
{
	if (tmp_dir[0] && !getenv("FT_KEEP"))
		nftw(tmp_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int file_read(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	*buf = NULL;
	*len = 0;
	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -EIO;
	}
	*buf = malloc((size_t)n + 1);
	if (!*buf || fread(*buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(*buf);
		*buf = NULL;
		return -EIO;
	}
	fclose(f);
	*len = (size_t)n;
	return 0;
}

int file_write(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f)
		return -errno;
	if (len && fwrite(buf, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) && !err)
		err = -EIO;
	return err;
}

unsigned int ft_types[GIB_EV_MAX];
unsigned int ft_ntypes;

void types_init(void)
{
	ft_ntypes = 0;
	for (size_t i = 0; i < gt_nevent_types; i++)
		if (gt_event_types[i].name)
			ft_types[ft_ntypes++] = (unsigned int)i;
}

struct gt_event gen_event(unsigned int type, uint32_t cpu, uint64_t ts)
{
	return (struct gt_event){ .ts = ts,
				  .cpu = cpu,
				  .type = (uint16_t)type,
				  .arg = rnd_bits(),
				  .val = rnd_bits(),
				  .vm = (uint16_t)rnd_bits(),
				  .vcpu = (uint16_t)rnd_bits(),
				  .isc = (uint8_t)rnd(),
				  .mask = (uint8_t)rnd(),
				  .old = (uint8_t)rnd(),
				  .new = (uint8_t)rnd() };
}

struct gt_event ev_expected(const struct gt_event *ev)
{
	const struct gt_event_type *t = gt_event_type(ev->type);
	unsigned int f = t ? t->fields : 0;

	return (struct gt_event){ .ts = ev->ts,
				  .cpu = ev->cpu,
				  .type = ev->type,
				  .arg = f & GIB_F_ARG ? ev->arg : 0,
				  .val = f & GIB_F_VAL ? ev->val : 0,
				  .vm = f & GIB_F_VM ? ev->vm : 0,
				  .vcpu = f & GIB_F_VCPU ? ev->vcpu : 0,
				  .isc = f & GIB_F_ISC ? ev->isc : 0,
				  .mask = f & GIB_F_MASK ? ev->mask : 0,
				  .old = f & GIB_F_OLD ? ev->old : 0,
				  .new = f &GIB_F_NEW ? ev->new : 0 };
}

/* every field, those the type lacks included: they must come back 0 */
bool ev_eq(const struct gt_event *a, const struct gt_event *b)
{
	return a->ts == b->ts && a->cpu == b->cpu && a->type == b->type && a->arg == b->arg &&
	       a->val == b->val && a->vm == b->vm && a->vcpu == b->vcpu && a->isc == b->isc &&
	       a->mask == b->mask && a->old == b->old && a->new == b->new;
}

const char *ev_str(const struct gt_event *ev)
{
	static char buf[4][512];
	static unsigned int k;
	char *p = buf[k++ % 4];
	int n = gt_event__snprintf(ev, p, sizeof(buf[0]));

	/* the raw fields too: the pretty form omits those the type lacks */
	snprintf(p + n, sizeof(buf[0]) - (size_t)n,
		 " [ts=%llu cpu=%u type=%u vm=%u vcpu=%u isc=%u mask=%u old=%u new=%u arg=%llu "
		 "val=%llu]",
		 (unsigned long long)ev->ts, ev->cpu, ev->type, ev->vm, ev->vcpu, ev->isc, ev->mask,
		 ev->old, ev->new, (unsigned long long)ev->arg, (unsigned long long)ev->val);
	return p;
}

struct ev_key {
	struct gt_event ev;
	size_t seq;
};

static int cmp_key(const void *a, const void *b)
{
	const struct ev_key *x = a, *y = b;

	if (x->ev.ts != y->ev.ts)
		return x->ev.ts < y->ev.ts ? -1 : 1;
	if (x->ev.cpu != y->ev.cpu)
		return x->ev.cpu < y->ev.cpu ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void ev_sort(struct gt_event *ev, size_t n)
{
	struct ev_key *k = malloc((n ? n : 1) * sizeof(*k));

	if (!k)
		abort();
	for (size_t i = 0; i < n; i++)
		k[i] = (struct ev_key){ ev[i], i };
	qsort(k, n, sizeof(*k), cmp_key);
	for (size_t i = 0; i < n; i++)
		ev[i] = k[i].ev;
	free(k);
}

int stream_diff(const char *file, int line, const char *what, const struct gt_event *got,
		size_t ngot, const struct gt_event *exp, size_t nexp)
{
	size_t i;

	for (i = 0; i < ngot && i < nexp; i++) {
		if (!ev_eq(&got[i], &exp[i])) {
			ft_failures++;
			printf("FAIL - %s: %s:%d: %s: event %zu of %zu: expected %s, got %s\n",
			       ft_case, file, line, what, i, nexp, ev_str(&exp[i]),
			       ev_str(&got[i]));
			msgs_dump();
			return 1;
		}
	}
	if (ngot != nexp) {
		ft_failures++;
		printf("FAIL - %s: %s:%d: %s: expected %zu events, got %zu (first difference at "
		       "%zu: %s)\n",
		       ft_case, file, line, what, nexp, ngot, i,
		       i < nexp ? ev_str(&exp[i]) : ev_str(&got[i]));
		msgs_dump();
		return 1;
	}
	return 0;
}

void header_fixed(struct gt_header *h)
{
	gt_header__init(h);
	gt_header__set(h, GT_TAG_CLOCK, "CLOCK_MONOTONIC");
	gt_header__set(h, GT_TAG_CLOCK_RES, "1");
	gt_header__set(h, GT_TAG_ARCH, "s390x");
	gt_header__set(h, GT_TAG_KERNEL, "6.1.0-test");
	gt_header__set(h, GT_TAG_NCPUS, "8");
	gt_header__set(h, GT_TAG_ORIGIN, "generated");
	gt_header__set(h, GT_TAG_TOOL, "test-format");
}

int write_events(const char *path, const struct gt_header *h, const struct gt_writer_opts *o,
		 const struct gt_event *ev, size_t n)
{
	int err = 0;
	struct gt_writer *w = gt_writer__open(path, h, o, &err);

	if (!w)
		return err ? err : -EIO;
	for (size_t i = 0; i < n && !err; i++) {
		if (ev[i].type == GIB_EV_drop)
			err = gt_writer__add_drop(w, ev[i].cpu, ev[i].arg, ev[i].ts, ev[i].val);
		else
			err = gt_writer__add(w, &ev[i]);
	}
	if (!err && gt_writer__records(w) != n)
		err = -EPROTO;
	if (err) {
		gt_writer__close(w);
		return err;
	}
	return gt_writer__close(w);
}

int read_all(const char *path, unsigned int flags, struct ft_read *out)
{
	struct gt_reader *r;
	size_t cap = 256;
	int rc;

	memset(out, 0, sizeof(*out));
	gt_header__init(&out->h);
	r = gt_reader__open_flags(path, flags, &out->err);
	if (!r)
		return out->err;
	out->opened = true;
	out->ev = malloc(cap * sizeof(*out->ev));
	if (!out->ev)
		abort();
	while ((rc = gt_reader__next(r, &out->ev[out->n])) == 1) {
		char line[512];

		/* the pretty-printer must cope with whatever comes back */
		gt_event__snprintf(&out->ev[out->n], line, sizeof(line));
		if (++out->n == cap) {
			out->ev = realloc(out->ev, (cap *= 2) * sizeof(*out->ev));
			if (!out->ev)
				abort();
		}
	}
	out->st = *gt_reader__stats(r);
	{
		const struct gt_header *h = gt_reader__header(r);

		out->h.major = h->major;
		out->h.minor = h->minor;
		out->h.big_endian = h->big_endian;
		for (size_t i = 0; i < h->nfields; i++)
			gt_header__set(&out->h, h->fields[i].tag, h->fields[i].data);
	}
	gt_reader__close(r);
	out->err = rc;
	return rc;
}

void read_free(struct ft_read *r)
{
	free(r->ev);
	r->ev = NULL;
	gt_header__release(&r->h);
}

uint16_t ft_get16(const uint8_t *p, bool be)
{
	return be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

uint32_t ft_get32(const uint8_t *p, bool be)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t)p[be ? i : 3 - i] << (8 * (3 - i));
	return v;
}

static uint64_t ft_get64(const uint8_t *p, bool be)
{
	uint64_t a = ft_get32(p, be), b = ft_get32(p + 4, be);

	return be ? a << 32 | b : b << 32 | a;
}

void ft_put16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
	p[be ? 1 : 0] = (uint8_t)v;
}

void ft_put32(uint8_t *p, uint32_t v, bool be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

void ft_put64(uint8_t *p, uint64_t v, bool be)
{
	ft_put32(p + (be ? 0 : 4), (uint32_t)(v >> 32), be);
	ft_put32(p + (be ? 4 : 0), (uint32_t)v, be);
}

void fix_header_crc(uint8_t *buf, bool be)
{
	uint32_t hsize = ft_get32(buf + 16, be);

	ft_put32(buf + hsize - 4, gt_crc32c(0, buf, hsize - 4), be);
}

void fix_block_crc(uint8_t *buf, size_t len, size_t off, bool be)
{
	size_t stored = ft_get32(buf + off + 16, be);

	if (stored > len - off - GT_BLOCK_HDR) /* an absurd size: as much as there is */
		stored = len - off - GT_BLOCK_HDR;
	uint32_t crc = gt_crc32c(0, buf + off, GT_BLOCK_CRC_OFF);

	crc = gt_crc32c(crc, buf + off + GT_BLOCK_HDR, stored);
	ft_put32(buf + off + GT_BLOCK_CRC_OFF, crc, be);
}

static bool pvarint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t r = 0;

	for (unsigned int shift = 0; *p < end && shift < 64; shift += 7) {
		uint8_t b = *(*p)++;

		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = r;
			return true;
		}
	}
	return false;
}

/* decode the records of a raw payload into blk; -1 on anything unexpected */
static int parse_records(struct pblock *blk, const uint8_t *raw, size_t len)
{
	const uint8_t *p = raw, *end = raw + len;
	uint64_t ts = blk->first;

	blk->ev = calloc(blk->nrecords ? blk->nrecords : 1, sizeof(*blk->ev));
	blk->rec_end = calloc(blk->nrecords ? blk->nrecords : 1, sizeof(*blk->rec_end));
	if (!blk->ev || !blk->rec_end)
		abort();
	while (p < end) {
		const uint8_t *q, *qend;
		const struct gt_event_type *t;
		struct gt_event *ev;
		uint64_t v;

		if (end - p < 2 || p[1] > end - p - 2 || blk->nev == blk->nrecords)
			return -1;
		t = gt_event_type(p[0]);
		q = p + 2;
		qend = q + p[1];
		if (!t || !pvarint(&q, qend, &v))
			return -1;
		ts += (uint64_t)((int64_t)(v >> 1) ^ -(int64_t)(v & 1));
		ev = &blk->ev[blk->nev];
		*ev = (struct gt_event){ .ts = ts, .cpu = blk->cpu, .type = p[0] };
		if (t->fields & GIB_F_VM) {
			if (!pvarint(&q, qend, &v))
				return -1;
			ev->vm = (uint16_t)v;
		}
		if (t->fields & GIB_F_VCPU) {
			if (!pvarint(&q, qend, &v))
				return -1;
			ev->vcpu = (uint16_t)v;
		}
		if (t->fields & GIB_F_ISC)
			ev->isc = q < qend ? *q++ : 0;
		if (t->fields & GIB_F_MASK)
			ev->mask = q < qend ? *q++ : 0;
		if (t->fields & GIB_F_OLD)
			ev->old = q < qend ? *q++ : 0;
		if (t->fields & GIB_F_NEW)
			ev->new = q < qend ? *q++ : 0;
		if ((t->fields & GIB_F_ARG) && !pvarint(&q, qend, &ev->arg))
			return -1;
		if ((t->fields & GIB_F_VAL) && !pvarint(&q, qend, &ev->val))
			return -1;
		if (q != qend) /* the writer appends nothing */
			return -1;
		p = qend;
		blk->rec_end[blk->nev++] = (uint32_t)(p - raw);
	}
	return blk->nev == blk->nrecords ? 0 : -1;
}

int parse_trace(const uint8_t *buf, size_t len, struct ptrace *t)
{
	size_t off, cap = 0;

	memset(t, 0, sizeof(*t));
	t->size = len;
	if (len < GT_HEADER_FIXED + 4 || memcmp(buf, GT_MAGIC, GT_MAGIC_LEN))
		return -1;
	if (ft_get32(buf + 8, false) == GT_BOM)
		t->be = false;
	else if (ft_get32(buf + 8, true) == GT_BOM)
		t->be = true;
	else
		return -1;
	t->hsize = ft_get32(buf + 16, t->be);
	if (t->hsize > len ||
	    ft_get32(buf + t->hsize - 4, t->be) != gt_crc32c(0, buf, t->hsize - 4))
		return -1;
	for (off = t->hsize; off < len;) {
		const uint8_t *p = buf + off;
		struct pblock *blk;
		uint8_t *raw;

		if (len - off < GT_BLOCK_HDR || ft_get32(p, t->be) != GT_BLOCK_MAGIC)
			return -1;
		if (t->nb == cap) {
			cap = cap ? 2 * cap : 16;
			t->b = realloc(t->b, cap * sizeof(*t->b));
			if (!t->b)
				abort();
		}
		blk = &t->b[t->nb++];
		*blk = (struct pblock){ .off = off,
					.cpu = ft_get16(p + 4, t->be),
					.codec = p[6],
					.flags = p[7],
					.nrecords = ft_get32(p + 8, t->be),
					.raw = ft_get32(p + 12, t->be),
					.stored = ft_get32(p + 16, t->be),
					.first = ft_get64(p + 20, t->be),
					.last = ft_get64(p + 28, t->be) };
		if (blk->stored > len - off - GT_BLOCK_HDR)
			return -1;
		if (ft_get32(p + GT_BLOCK_CRC_OFF, t->be) !=
		    gt_crc32c(gt_crc32c(0, p, GT_BLOCK_CRC_OFF), p + GT_BLOCK_HDR, blk->stored))
			return -1;
		off += GT_BLOCK_HDR + blk->stored;
		if (blk->flags & GT_BLOCK_END)
			continue;
		raw = malloc(blk->raw ? blk->raw : 1);
		if (!raw)
			abort();
		if (blk->codec == GT_CODEC_RAW) {
			memcpy(raw, p + GT_BLOCK_HDR, blk->raw);
		} else if (blk->codec != GT_CODEC_ZSTD ||
			   ZSTD_decompress(raw, blk->raw, p + GT_BLOCK_HDR, blk->stored) !=
				   blk->raw) {
			free(raw);
			return -1;
		}
		if (parse_records(blk, raw, blk->raw)) {
			free(raw);
			return -1;
		}
		free(raw);
	}
	return 0;
}

void ptrace_free(struct ptrace *t)
{
	for (size_t i = 0; i < t->nb; i++) {
		free(t->b[i].ev);
		free(t->b[i].rec_end);
	}
	free(t->b);
	memset(t, 0, sizeof(*t));
}

/* blocks in file order are in seq order: a stable sort by (ts, cpu) gives the reader's */
struct gt_event *ptrace_expect(const struct ptrace *t, const size_t *keep, size_t *n)
{
	size_t total = 0, k = 0;
	struct gt_event *ev;

	for (size_t i = 0; i < t->nb; i++)
		total += keep ? keep[i] : t->b[i].nev;
	ev = malloc((total ? total : 1) * sizeof(*ev));
	if (!ev)
		abort();
	for (size_t i = 0; i < t->nb; i++)
		for (size_t j = 0; j < (keep ? keep[i] : t->b[i].nev); j++)
			ev[k++] = t->b[i].ev[j];
	ev_sort(ev, total);
	*n = total;
	return ev;
}
