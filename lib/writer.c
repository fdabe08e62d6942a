/*
 * The streaming trace writer: one open block per CPU, encoded as records go
 * in, compressed and written when full. Memory: CPUs x block size.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zstd.h>

#include "internal.h"

/* type, len, then at most a varint ts delta and eight fields */
#define GT_RECORD_MAX (2 + 10 + 4 * 10 + 4)

struct gt_wblock {
	uint8_t *buf;
	uint32_t used;
	uint32_t nrecords;
	uint64_t first_ts;
	uint64_t last_ts;
};

struct gt_writer {
	int fd;
	bool own_fd;
	char *name;
	bool be;
	int codec;
	int level;
	uint32_t block_size;
	struct gt_wblock *cpus;
	uint32_t ncpus;
	uint8_t *zbuf;
	size_t zcap;
	ZSTD_CCtx *zctx;
	uint64_t records;
	uint64_t bytes;
	uint64_t min_ts, max_ts;
	int err; /* sticky: the first write error */
};

static int writer_write(struct gt_writer *w, const struct iovec *iov, int n)
{
	size_t total = 0;
	struct iovec v[2];

	for (int i = 0; i < n; i++) {
		v[i] = iov[i];
		total += iov[i].iov_len;
	}
	while (total) {
		ssize_t r = writev(w->fd, v, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			w->err = -errno;
			gt_error("%s: offset %llu: write failed: %s", w->name,
				 (unsigned long long)w->bytes, strerror(errno));
			return w->err;
		}
		w->bytes += (uint64_t)r;
		total -= (size_t)r;
		for (int i = 0; i < n && r; i++) {
			size_t k = (size_t)r < v[i].iov_len ? (size_t)r : v[i].iov_len;

			v[i].iov_base = (char *)v[i].iov_base + k;
			v[i].iov_len -= k;
			r -= (ssize_t)k;
		}
	}
	return 0;
}

/* write one block: header, then payload (the raw bytes or one zstd frame) */
static int writer_block(struct gt_writer *w, uint16_t cpu, uint8_t flags, uint32_t nrecords,
			const uint8_t *raw, uint32_t raw_size, uint64_t first_ts, uint64_t last_ts)
{
	uint8_t hdr[GT_BLOCK_HDR];
	const uint8_t *payload = raw;
	uint32_t stored = raw_size;
	uint8_t codec = GT_CODEC_RAW;
	struct iovec iov[2];
	uint32_t crc;

	if (w->err)
		return w->err;
	if (w->codec == GT_CODEC_ZSTD && raw_size) {
		size_t z = ZSTD_compressCCtx(w->zctx, w->zbuf, w->zcap, raw, raw_size, w->level);

		if (!ZSTD_isError(z) && z < raw_size) {
			payload = w->zbuf;
			stored = (uint32_t)z;
			codec = GT_CODEC_ZSTD;
		}
	}
	gt_put32(hdr, GT_BLOCK_MAGIC, w->be);
	gt_put16(hdr + 4, cpu, w->be);
	hdr[6] = codec;
	hdr[7] = flags;
	gt_put32(hdr + 8, nrecords, w->be);
	gt_put32(hdr + 12, raw_size, w->be);
	gt_put32(hdr + 16, stored, w->be);
	gt_put64(hdr + 20, first_ts, w->be);
	gt_put64(hdr + 28, last_ts, w->be);
	crc = gt_crc32c(0, hdr, GT_BLOCK_CRC_OFF);
	crc = gt_crc32c(crc, payload, stored);
	gt_put32(hdr + GT_BLOCK_CRC_OFF, crc, w->be);
	iov[0] = (struct iovec){ hdr, sizeof(hdr) };
	iov[1] = (struct iovec){ (void *)payload, stored };
	return writer_write(w, iov, stored ? 2 : 1);
}

static int writer_flush_cpu(struct gt_writer *w, uint32_t cpu)
{
	struct gt_wblock *b = &w->cpus[cpu];
	int err;

	if (!b->nrecords)
		return 0;
	err = writer_block(w, (uint16_t)cpu, 0, b->nrecords, b->buf, b->used, b->first_ts,
			   b->last_ts);
	b->used = 0;
	b->nrecords = 0;
	return err;
}

int gt_writer__flush(struct gt_writer *w)
{
	for (uint32_t c = 0; c < w->ncpus; c++) {
		int err = writer_flush_cpu(w, c);

		if (err)
			return err;
	}
	return w->err;
}

static struct gt_wblock *writer_cpu(struct gt_writer *w, uint32_t cpu)
{
	if (cpu >= GT_BLOCK_END_CPU)
		return NULL;
	if (cpu >= w->ncpus) {
		uint32_t n = cpu + 1 > 2 * w->ncpus ? cpu + 1 : 2 * w->ncpus;
		struct gt_wblock *c = realloc(w->cpus, n * sizeof(*c));

		if (!c)
			return NULL;
		memset(c + w->ncpus, 0, (n - w->ncpus) * sizeof(*c));
		w->cpus = c;
		w->ncpus = n;
	}
	if (!w->cpus[cpu].buf) {
		w->cpus[cpu].buf = malloc(w->block_size + GT_RECORD_MAX);
		if (!w->cpus[cpu].buf)
			return NULL;
	}
	return &w->cpus[cpu];
}

int gt_writer__add(struct gt_writer *w, const struct gt_event *ev)
{
	const struct gt_event_type *t = gt_event_type(ev->type);
	struct gt_wblock *b;
	uint8_t *rec, *p;
	uint8_t fields;
	int err;

	if (w->err)
		return w->err;
	if (!t)
		return -EINVAL;
	b = writer_cpu(w, ev->cpu);
	if (!b)
		return ev->cpu >= GT_BLOCK_END_CPU ? -EINVAL : -ENOMEM;
	/* a block holds one CPU's records in time order: a step back starts a new one */
	if (b->nrecords && (ev->ts < b->last_ts || b->used + GT_RECORD_MAX > w->block_size)) {
		err = writer_flush_cpu(w, ev->cpu);
		if (err)
			return err;
	}
	if (!b->nrecords) {
		b->first_ts = ev->ts;
		b->last_ts = ev->ts;
	}
	fields = t->fields;
	/* encoded in place: the buffer has GT_RECORD_MAX bytes beyond block_size */
	rec = b->buf + b->used;
	p = rec + 2;
	p += gt_put_varint(p, gt_zigzag((int64_t)(ev->ts - b->last_ts)));
	if (fields & GIB_F_VM)
		p += gt_put_varint(p, ev->vm);
	if (fields & GIB_F_VCPU)
		p += gt_put_varint(p, ev->vcpu);
	if (fields & GIB_F_ISC)
		*p++ = ev->isc;
	if (fields & GIB_F_MASK)
		*p++ = ev->mask;
	if (fields & GIB_F_OLD)
		*p++ = ev->old;
	if (fields & GIB_F_NEW)
		*p++ = ev->new;
	if (fields & GIB_F_ARG)
		p += gt_put_varint(p, ev->arg);
	if (fields & GIB_F_VAL)
		p += gt_put_varint(p, ev->val);
	rec[0] = (uint8_t)ev->type;
	rec[1] = (uint8_t)(p - rec - 2);
	b->used += (uint32_t)(p - rec);
	b->nrecords++;
	b->last_ts = ev->ts;
	if (!w->records || ev->ts < w->min_ts)
		w->min_ts = ev->ts;
	if (!w->records || ev->ts > w->max_ts)
		w->max_ts = ev->ts;
	w->records++;
	return 0;
}

int gt_writer__add_drop(struct gt_writer *w, uint32_t cpu, uint64_t count, uint64_t ts_first,
			uint64_t ts_last)
{
	struct gt_event ev = {
		.ts = ts_first, .cpu = cpu, .type = GIB_EV_drop, .arg = count, .val = ts_last
	};

	return gt_writer__add(w, &ev);
}

static struct gt_writer *writer_fail(struct gt_writer *w, int *errp, int err)
{
	if (w) {
		if (w->own_fd && w->fd >= 0)
			close(w->fd);
		ZSTD_freeCCtx(w->zctx);
		free(w->zbuf);
		free(w->name);
		free(w);
	}
	if (errp)
		*errp = err;
	return NULL;
}

struct gt_writer *gt_writer__fdopen(int fd, const char *name, const struct gt_header *h,
				    const struct gt_writer_opts *opts, int *errp)
{
	struct gt_writer_opts o = { .codec = GT_CODEC_ZSTD };
	struct gt_writer *w = calloc(1, sizeof(*w));
	uint8_t *hdr;
	size_t hlen;
	int err;

	if (opts)
		o = *opts;
	if (!w)
		return writer_fail(NULL, errp, -ENOMEM);
	w->fd = fd;
	w->name = strdup(name);
	w->be = o.big_endian;
	w->codec = o.codec;
	w->level = o.zstd_level ? o.zstd_level : 3;
	w->block_size = o.block_size ? o.block_size : 64 * 1024;
	if (w->block_size < 256 || w->block_size > GT_BLOCK_RAW_MAX - GT_RECORD_MAX ||
	    (w->codec != GT_CODEC_RAW && w->codec != GT_CODEC_ZSTD) || !w->name)
		return writer_fail(w, errp, w->name ? -EINVAL : -ENOMEM);
	if (w->codec == GT_CODEC_ZSTD) {
		w->zcap = ZSTD_compressBound(w->block_size + GT_RECORD_MAX);
		w->zbuf = malloc(w->zcap);
		w->zctx = ZSTD_createCCtx();
		if (!w->zbuf || !w->zctx)
			return writer_fail(w, errp, -ENOMEM);
	}
	err = gt_header__encode(h, w->be, &hdr, &hlen);
	if (err) {
		gt_error("%s: header too large or out of memory", name);
		return writer_fail(w, errp, err);
	}
	err = writer_write(w, &(struct iovec){ hdr, hlen }, 1);
	free(hdr);
	if (err)
		return writer_fail(w, errp, err);
	return w;
}

struct gt_writer *gt_writer__open(const char *path, const struct gt_header *h,
				  const struct gt_writer_opts *opts, int *errp)
{
	struct gt_writer *w;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		int err = -errno;

		gt_error("%s: cannot create: %s", path, strerror(errno));
		if (errp)
			*errp = err;
		return NULL;
	}
	w = gt_writer__fdopen(fd, path, h, opts, errp);
	if (!w) {
		close(fd);
		return NULL;
	}
	w->own_fd = true;
	return w;
}

int gt_writer__close(struct gt_writer *w)
{
	int err = gt_writer__flush(w);

	if (!err)
		err = writer_block(w, GT_BLOCK_END_CPU, GT_BLOCK_END,
				   w->records > UINT32_MAX ? UINT32_MAX : (uint32_t)w->records,
				   NULL, 0, w->min_ts, w->max_ts);
	if (w->own_fd && close(w->fd) && !err) {
		err = -errno;
		gt_error("%s: close failed: %s", w->name, strerror(errno));
	}
	for (uint32_t c = 0; c < w->ncpus; c++)
		free(w->cpus[c].buf);
	free(w->cpus);
	ZSTD_freeCCtx(w->zctx);
	free(w->zbuf);
	free(w->name);
	free(w);
	return err;
}

uint64_t gt_writer__records(const struct gt_writer *w)
{
	return w->records;
}

uint64_t gt_writer__bytes(const struct gt_writer *w)
{
	return w->bytes;
}
