/*
 * The trace reader: map the file, index and check its blocks, then merge the
 * blocks' records in timestamp order.
 *
 * Opening walks the block headers once. A header that is not one (bad magic,
 * absurd sizes) is skipped byte by byte up to the next block magic; a block
 * whose CRC fails is skipped whole; a block cut by the end of the file is
 * read up to its last whole record. Every defect is reported once, as
 * "FILE: offset N: reason", and counted in struct gt_reader_stats.
 *
 * Merging: blocks sorted by first timestamp are opened lazily, once the merge
 * reaches their first timestamp, so only overlapping blocks (about one per
 * CPU) are open at a time; their cursors sit in a binary heap keyed by
 * (timestamp, cpu, file order).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "internal.h"

struct gt_rblock {
	uint64_t off; /* of the block header */
	uint64_t first_ts;
	uint32_t seq; /* file order */
	uint32_t nrecords;
	uint32_t raw_size;
	uint32_t avail; /* payload bytes in the file */
	uint16_t cpu;
	uint8_t codec;
	bool truncated;
};

struct gt_cursor {
	const struct gt_rblock *b;
	uint8_t *own; /* decompressed payload */
	const uint8_t *p, *end;
	uint64_t ts; /* of the last record decoded */
	uint32_t index; /* records decoded */
	struct gt_event ev; /* the pending record */
};

struct gt_reader {
	char *path;
	uint8_t *data;
	size_t size;
	bool mapped;
	bool be;
	struct gt_header h;
	struct gt_rblock *blocks;
	size_t nblocks, next_block;
	struct gt_cursor **heap;
	size_t nheap;
	ZSTD_DCtx *dctx;
	struct gt_reader_stats st;
};

#define defect(r, ...)                                                                             \
	do {                                                                                       \
		(r)->st.defects++;                                                                 \
		gt_error(__VA_ARGS__);                                                             \
	} while (0)

static bool is_block_magic(const struct gt_reader *r, size_t off)
{
	return off + 4 <= r->size && gt_get32(r->data + off, r->be) == GT_BLOCK_MAGIC;
}

/* the file ends at off + 1..3, inside what can only be the start of a block magic */
static bool is_cut_block_magic(const struct gt_reader *r, size_t off)
{
	uint8_t m[4];

	gt_put32(m, GT_BLOCK_MAGIC, r->be);
	return r->size - off < 4 && !memcmp(r->data + off, m, r->size - off);
}

/* the next offset after off where a block header may start, or size */
static size_t resync(const struct gt_reader *r, size_t off)
{
	uint8_t m[4];

	gt_put32(m, GT_BLOCK_MAGIC, r->be);
	for (off++; off + 4 <= r->size; off++) {
		const uint8_t *q = memchr(r->data + off, m[0], r->size - off - 3);

		if (!q)
			break;
		off = (size_t)(q - r->data);
		if (!memcmp(q, m, 4))
			return off;
	}
	return r->size;
}

static int add_block(struct gt_reader *r, const struct gt_rblock *b)
{
	if (!(r->nblocks & (r->nblocks - 1))) {
		size_t n = r->nblocks ? 2 * r->nblocks : 64;
		struct gt_rblock *nb = realloc(r->blocks, n * sizeof(*nb));

		if (!nb)
			return -ENOMEM;
		r->blocks = nb;
	}
	r->blocks[r->nblocks] = *b;
	r->blocks[r->nblocks].seq = (uint32_t)r->nblocks;
	r->nblocks++;
	return 0;
}

/* what is wrong with a block header, or NULL */
static const char *block_header_defect(uint8_t codec, uint32_t nrecords, uint32_t raw,
				       uint32_t stored, uint64_t first, uint64_t last)
{
	if (codec != GT_CODEC_RAW && codec != GT_CODEC_ZSTD)
		return "unknown codec";
	if (raw > GT_BLOCK_RAW_MAX)
		return "raw size over the limit";
	if (codec == GT_CODEC_RAW ? stored != raw : stored > raw)
		return "stored size does not fit the raw size";
	if ((uint64_t)nrecords * 3 > raw)
		return "more records than the block can hold";
	if (first > last)
		return "first timestamp after the last";
	return NULL;
}

static int index_blocks(struct gt_reader *r, size_t off, bool check_crc)
{
	while (off < r->size) {
		const uint8_t *p = r->data + off;
		uint32_t nrecords, raw, stored, crc;
		uint64_t first, last;
		const char *why;
		struct gt_rblock b;
		uint16_t cpu;
		uint8_t codec, flags;
		size_t next;

		if (!is_block_magic(r, off) && !is_cut_block_magic(r, off)) {
			next = resync(r, off);
			defect(r, "%s: offset %zu: no block header here; skipped %zu bytes%s",
			       r->path, off, next - off,
			       next < r->size ? " to the next block" : " to the end");
			r->st.skipped_bytes += next - off;
			off = next;
			continue;
		}
		if (r->size - off < GT_BLOCK_HDR) {
			defect(r, "%s: offset %zu: truncated block header (%zu of %u bytes)",
			       r->path, off, r->size - off, GT_BLOCK_HDR);
			r->st.truncated = true;
			r->st.skipped_bytes += r->size - off;
			return 0;
		}
		cpu = gt_get16(p + 4, r->be);
		codec = p[6];
		flags = p[7];
		nrecords = gt_get32(p + 8, r->be);
		raw = gt_get32(p + 12, r->be);
		stored = gt_get32(p + 16, r->be);
		first = gt_get64(p + 20, r->be);
		last = gt_get64(p + 28, r->be);
		why = flags & GT_BLOCK_END ?
			      (stored ? "end block with a payload" : NULL) :
			      block_header_defect(codec, nrecords, raw, stored, first, last);
		if (why) {
			next = resync(r, off);
			defect(r, "%s: offset %zu: bad block header: %s; skipped %zu bytes",
			       r->path, off, why, next - off);
			r->st.bad_blocks++;
			r->st.skipped_bytes += next - off;
			off = next;
			continue;
		}
		b = (struct gt_rblock){ .off = off,
					.first_ts = first,
					.nrecords = nrecords,
					.raw_size = raw,
					.avail = stored,
					.cpu = cpu,
					.codec = codec };
		if (r->size - off - GT_BLOCK_HDR < stored) {
			b.avail = (uint32_t)(r->size - off - GT_BLOCK_HDR);
			b.truncated = true;
			r->st.truncated = true;
			defect(r,
			       "%s: offset %zu: truncated block: %u payload bytes, %u in the file; "
			       "reading its whole records",
			       r->path, off, stored, b.avail);
			return add_block(r, &b);
		}
		crc = gt_crc32c(0, p, GT_BLOCK_CRC_OFF);
		crc = gt_crc32c(crc, p + GT_BLOCK_HDR, stored);
		if (check_crc && crc != gt_get32(p + GT_BLOCK_CRC_OFF, r->be)) {
			next = off + GT_BLOCK_HDR + stored;
			/* a damaged size leads off the block boundaries: look for the next one */
			if (next != r->size && !is_block_magic(r, next))
				next = resync(r, off);
			defect(r,
			       "%s: offset %zu: block CRC mismatch; skipped its %u records (cpu %u)",
			       r->path, off, nrecords, cpu);
			r->st.bad_blocks++;
			r->st.lost_records += nrecords;
			r->st.skipped_bytes += next - off;
			off = next;
			continue;
		}
		off += GT_BLOCK_HDR + stored;
		if (flags & GT_BLOCK_END) {
			r->st.clean_end = true;
			r->st.end_records = nrecords;
			continue;
		}
		if (add_block(r, &b))
			return -ENOMEM;
	}
	return 0;
}

static int cmp_block(const void *a, const void *b)
{
	const struct gt_rblock *x = a, *y = b;

	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* decode the cursor's next record into c->ev; false at the end of its block */
static bool cursor_next(struct gt_reader *r, struct gt_cursor *c)
{
	const struct gt_rblock *b = c->b;

	while (c->p < c->end) {
		const uint8_t *q, *qend;
		const struct gt_event_type *t;
		struct gt_event *ev = &c->ev;
		uint64_t v;
		uint8_t type, len, f;

		if (c->end - c->p < 2 || (len = c->p[1]) > c->end - c->p - 2)
			break;
		type = c->p[0];
		q = c->p + 2;
		qend = q + len;
		c->p = qend;
		c->index++;
		if (!gt_get_varint(&q, qend, &v))
			goto malformed;
		c->ts += (uint64_t)gt_unzigzag(v);
		t = type < GIB_EV_MAX && gt_event_types[type].name ? &gt_event_types[type] : NULL;
		if (!t) {
			r->st.unknown_records++;
			continue;
		}
		f = t->fields;
		*ev = (struct gt_event){ .ts = c->ts, .cpu = b->cpu, .type = type };
		if (f & GIB_F_VM) {
			if (!gt_get_varint(&q, qend, &v) || v > 0xffff)
				goto malformed;
			ev->vm = (uint16_t)v;
		}
		if (f & GIB_F_VCPU) {
			if (!gt_get_varint(&q, qend, &v) || v > 0xffff)
				goto malformed;
			ev->vcpu = (uint16_t)v;
		}
		/* byte fields: ISC, MASK, OLD and NEW are bits 2 to 5 */
		if (qend - q < "\0\1\1\2\1\2\2\3\1\2\2\3\2\3\3\4"[(f >> 2) & 15])
			goto malformed;
		if (f & GIB_F_ISC)
			ev->isc = *q++;
		if (f & GIB_F_MASK)
			ev->mask = *q++;
		if (f & GIB_F_OLD)
			ev->old = *q++;
		if (f & GIB_F_NEW)
			ev->new = *q++;
		if ((f & GIB_F_ARG) && !gt_get_varint(&q, qend, &ev->arg))
			goto malformed;
		if ((f & GIB_F_VAL) && !gt_get_varint(&q, qend, &ev->val))
			goto malformed;
		return true;
malformed:
		defect(r,
		       "%s: offset %llu: cpu %u block, record %u: malformed %s record; "
		       "the rest of the block skipped",
		       r->path, (unsigned long long)b->off, b->cpu, c->index,
		       gt_event_type(type) ? gt_event_type(type)->name : "unknown");
		r->st.bad_blocks++;
		/* the malformed record (number c->index) is lost too */
		r->st.lost_records += b->nrecords >= c->index ? b->nrecords - c->index + 1 : 0;
		return false;
	}
	if (c->p != c->end || c->index != b->nrecords) {
		if (b->truncated)
			defect(r, "%s: offset %llu: truncated block: kept %u of its %u records",
			       r->path, (unsigned long long)b->off, c->index, b->nrecords);
		else
			defect(r,
			       "%s: offset %llu: cpu %u block holds %u records, its header says %u",
			       r->path, (unsigned long long)b->off, b->cpu, c->index, b->nrecords);
		if (b->nrecords > c->index)
			r->st.lost_records += b->nrecords - c->index;
		c->p = c->end;
	}
	return false;
}

static struct gt_cursor *cursor_open(struct gt_reader *r, const struct gt_rblock *b)
{
	const uint8_t *payload = r->data + b->off + GT_BLOCK_HDR;
	struct gt_cursor *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->b = b;
	c->ts = b->first_ts;
	r->st.blocks++;
	if (b->codec == GT_CODEC_RAW) {
		c->p = payload;
		c->end = payload + b->avail;
		return c;
	}
	c->own = malloc(b->raw_size ? b->raw_size : 1);
	if (!c->own) {
		free(c);
		return NULL;
	}
	if (!b->truncated) {
		size_t n = ZSTD_decompressDCtx(r->dctx, c->own, b->raw_size, payload, b->avail);

		if (ZSTD_isError(n) || n != b->raw_size) {
			defect(r,
			       "%s: offset %llu: cpu %u block does not decompress (%s); "
			       "skipped its %u records",
			       r->path, (unsigned long long)b->off, b->cpu,
			       ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size", b->nrecords);
			r->st.bad_blocks++;
			r->st.lost_records += b->nrecords;
			n = 0;
		}
		c->p = c->own;
		c->end = c->own + n;
		if (!n)
			c->index = b->nrecords; /* accounted as lost */
	} else {
		/* a cut frame: decompress what is there */
		ZSTD_inBuffer in = { payload, b->avail, 0 };
		ZSTD_outBuffer out = { c->own, b->raw_size, 0 };

		ZSTD_DCtx_reset(r->dctx, ZSTD_reset_session_only);
		while (in.pos < in.size && out.pos < out.size) {
			size_t rc = ZSTD_decompressStream(r->dctx, &out, &in);

			if (ZSTD_isError(rc) || rc == 0)
				break;
		}
		c->p = c->own;
		c->end = c->own + out.pos;
	}
	return c;
}

static void cursor_free(struct gt_cursor *c)
{
	free(c->own);
	free(c);
}

static bool cursor_before(const struct gt_cursor *a, const struct gt_cursor *b)
{
	if (a->ev.ts != b->ev.ts)
		return a->ev.ts < b->ev.ts;
	if (a->ev.cpu != b->ev.cpu)
		return a->ev.cpu < b->ev.cpu;
	return a->b->seq < b->b->seq;
}

static void heap_down(struct gt_reader *r, size_t i)
{
	struct gt_cursor **h = r->heap, *c = h[i];

	for (;;) {
		size_t k = 2 * i + 1;

		if (k >= r->nheap)
			break;
		if (k + 1 < r->nheap && cursor_before(h[k + 1], h[k]))
			k++;
		if (!cursor_before(h[k], c))
			break;
		h[i] = h[k];
		i = k;
	}
	h[i] = c;
}

static void heap_push(struct gt_reader *r, struct gt_cursor *c)
{
	size_t i = r->nheap++;

	while (i && cursor_before(c, r->heap[(i - 1) / 2])) {
		r->heap[i] = r->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	r->heap[i] = c;
}

int gt_reader__next(struct gt_reader *r, struct gt_event *ev)
{
	struct gt_cursor *top;

	/* open every block that starts no later than the earliest pending record */
	while (r->next_block < r->nblocks &&
	       (!r->nheap || r->blocks[r->next_block].first_ts <= r->heap[0]->ev.ts)) {
		struct gt_cursor *c = cursor_open(r, &r->blocks[r->next_block++]);

		if (!c)
			return -ENOMEM;
		if (cursor_next(r, c))
			heap_push(r, c);
		else
			cursor_free(c);
	}
	if (!r->nheap)
		return 0;
	top = r->heap[0];
	*ev = top->ev;
	r->st.records++;
	if (!cursor_next(r, top)) {
		cursor_free(top);
		r->heap[0] = r->heap[--r->nheap];
	}
	if (r->nheap > 1)
		heap_down(r, 0);
	return 1;
}

static struct gt_reader *reader_fail(struct gt_reader *r, int *errp, int err)
{
	gt_reader__close(r);
	if (errp)
		*errp = err;
	return NULL;
}

struct gt_reader *gt_reader__open_flags(const char *path, unsigned int flags, int *errp)
{
	struct gt_reader *r = calloc(1, sizeof(*r));
	struct stat st;
	size_t hsize;
	int fd, err;

	if (!r || !(r->path = strdup(path)))
		return reader_fail(r, errp, -ENOMEM);
	gt_header__init(&r->h);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		err = -errno;
		gt_error("%s: cannot open: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return reader_fail(r, errp, err);
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		r->size = (size_t)st.st_size;
		r->data = mmap(NULL, r->size, PROT_READ, MAP_PRIVATE, fd, 0);
		r->mapped = r->data != MAP_FAILED;
		if (!r->mapped)
			r->data = NULL;
	}
	if (!r->mapped) { /* a pipe or a file that cannot be mapped: read it whole */
		size_t cap = 1 << 16;
		ssize_t n;

		r->size = 0;
		r->data = malloc(cap);
		while (r->data && (n = read(fd, r->data + r->size, cap - r->size)) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				err = -errno;
				gt_error("%s: offset %zu: read failed: %s", path, r->size,
					 strerror(errno));
				close(fd);
				return reader_fail(r, errp, err);
			}
			r->size += (size_t)n;
			if (r->size == cap) {
				uint8_t *d = realloc(r->data, cap *= 2);

				if (!d)
					free(r->data);
				r->data = d;
			}
		}
		if (!r->data) {
			close(fd);
			return reader_fail(r, errp, -ENOMEM);
		}
	}
	close(fd);
	r->st.file_bytes = r->size;
	err = gt_header__decode(&r->h, r->data, r->size, path, &hsize);
	if (err)
		return reader_fail(r, errp, err);
	r->be = r->h.big_endian;
	r->dctx = ZSTD_createDCtx();
	if (!r->dctx)
		return reader_fail(r, errp, -ENOMEM);
	err = index_blocks(r, hsize, !(flags & GT_READ_NO_CRC));
	if (err)
		return reader_fail(r, errp, err);
	if (r->nblocks > 1) /* no blocks: r->blocks is NULL, which qsort must not get */
		qsort(r->blocks, r->nblocks, sizeof(*r->blocks), cmp_block);
	r->heap = calloc(r->nblocks ? r->nblocks : 1, sizeof(*r->heap));
	if (!r->heap)
		return reader_fail(r, errp, -ENOMEM);
	return r;
}

struct gt_reader *gt_reader__open(const char *path, int *errp)
{
	return gt_reader__open_flags(path, 0, errp);
}

const struct gt_header *gt_reader__header(const struct gt_reader *r)
{
	return &r->h;
}

const struct gt_reader_stats *gt_reader__stats(const struct gt_reader *r)
{
	return &r->st;
}

const char *gt_reader__path(const struct gt_reader *r)
{
	return r->path;
}

void gt_reader__close(struct gt_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nheap; i++)
		cursor_free(r->heap[i]);
	free(r->heap);
	free(r->blocks);
	if (r->mapped)
		munmap(r->data, r->size);
	else
		free(r->data);
	ZSTD_freeDCtx(r->dctx);
	gt_header__release(&r->h);
	free(r->path);
	free(r);
}
