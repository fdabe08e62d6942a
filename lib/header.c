/* The trace file's header: its fields in memory, as bytes, and back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define GT_TAG_KEY(name, nr, key, doc) [nr] = key,
static const char *const tag_keys[GT_TAG_MAX] = { GT_TAGS(GT_TAG_KEY) };
#undef GT_TAG_KEY

const char *gt_tag__key(unsigned int tag)
{
	return tag < GT_TAG_MAX ? tag_keys[tag] : NULL;
}

int gt_tag__by_key(const char *key)
{
	for (unsigned int t = 0; t < GT_TAG_MAX; t++)
		if (tag_keys[t] && !strcmp(tag_keys[t], key))
			return (int)t;
	return -1;
}

void gt_header__init(struct gt_header *h)
{
	memset(h, 0, sizeof(*h));
	h->major = GT_VERSION_MAJOR;
	h->minor = GT_VERSION_MINOR;
}

void gt_header__release(struct gt_header *h)
{
	for (size_t i = 0; i < h->nfields; i++)
		free(h->fields[i].data);
	free(h->fields);
	h->fields = NULL;
	h->nfields = 0;
}

static struct gt_header_field *header_find(const struct gt_header *h, unsigned int tag)
{
	for (size_t i = 0; i < h->nfields; i++)
		if (h->fields[i].tag == tag)
			return &h->fields[i];
	return NULL;
}

static int header_append(struct gt_header *h, uint16_t tag, uint16_t flags, const void *data,
			 uint32_t len)
{
	struct gt_header_field *f;
	char *copy = malloc((size_t)len + 1);

	if (!copy)
		return -ENOMEM;
	f = realloc(h->fields, (h->nfields + 1) * sizeof(*f));
	if (!f) {
		free(copy);
		return -ENOMEM;
	}
	memcpy(copy, data, len);
	copy[len] = '\0';
	h->fields = f;
	h->fields[h->nfields++] = (struct gt_header_field){ tag, flags, len, copy };
	return 0;
}

int gt_header__set(struct gt_header *h, unsigned int tag, const char *text)
{
	struct gt_header_field *f = header_find(h, tag);
	size_t len;
	char *copy;

	if (tag == 0 || tag > 0xffff)
		return -EINVAL;
	if (!text) {
		if (f) {
			free(f->data);
			*f = h->fields[--h->nfields];
		}
		return 0;
	}
	len = strlen(text);
	if (len > GT_HEADER_MAX / 2)
		return -E2BIG;
	if (!f)
		return header_append(h, (uint16_t)tag, 0, text, (uint32_t)len);
	copy = strdup(text);
	if (!copy)
		return -ENOMEM;
	free(f->data);
	f->data = copy;
	f->len = (uint32_t)len;
	return 0;
}

const char *gt_header__get(const struct gt_header *h, unsigned int tag)
{
	struct gt_header_field *f = header_find(h, tag);

	return f ? f->data : NULL;
}

void gt_header__set_host(struct gt_header *h, const char *tool)
{
	struct utsname u;
	char buf[64];
	struct timespec res;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;

	if (!uname(&u)) {
		gt_header__set(h, GT_TAG_ARCH, u.machine);
		gt_header__set(h, GT_TAG_KERNEL, u.release);
		gt_header__set(h, GT_TAG_HOSTNAME, u.nodename);
	}
	gt_header__set(h, GT_TAG_CLOCK, "CLOCK_MONOTONIC");
	if (!clock_getres(CLOCK_MONOTONIC, &res)) {
		snprintf(buf, sizeof(buf), "%lld",
			 (long long)res.tv_sec * 1000000000LL + res.tv_nsec);
		gt_header__set(h, GT_TAG_CLOCK_RES, buf);
	}
	snprintf(buf, sizeof(buf), "%ld", sysconf(_SC_NPROCESSORS_CONF));
	gt_header__set(h, GT_TAG_NCPUS, buf);
	if (gmtime_r(&now, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		gt_header__set(h, GT_TAG_CREATED, buf);
	if (tool)
		gt_header__set(h, GT_TAG_TOOL, tool);
}

int gt_header__encode(const struct gt_header *h, bool be, uint8_t **out, size_t *len)
{
	size_t size = GT_HEADER_FIXED + 4, off;
	uint8_t *p;

	for (size_t i = 0; i < h->nfields; i++)
		size += GT_FIELD_HDR + h->fields[i].len;
	if (size > GT_HEADER_MAX)
		return -E2BIG;
	p = calloc(1, size);
	if (!p)
		return -ENOMEM;
	memcpy(p, GT_MAGIC, GT_MAGIC_LEN);
	gt_put32(p + 8, GT_BOM, be);
	gt_put16(p + 12, GT_VERSION_MAJOR, be);
	gt_put16(p + 14, GT_VERSION_MINOR, be);
	gt_put32(p + 16, (uint32_t)size, be);
	gt_put32(p + 20, (uint32_t)h->nfields, be);
	off = GT_HEADER_FIXED;
	for (size_t i = 0; i < h->nfields; i++) {
		const struct gt_header_field *f = &h->fields[i];

		gt_put16(p + off, f->tag, be);
		gt_put16(p + off + 2, f->flags, be);
		gt_put32(p + off + 4, f->len, be);
		memcpy(p + off + GT_FIELD_HDR, f->data, f->len);
		off += GT_FIELD_HDR + f->len;
	}
	gt_put32(p + off, gt_crc32c(0, p, off), be);
	*out = p;
	*len = size;
	return 0;
}

int gt_header__decode(struct gt_header *h, const uint8_t *p, size_t size, const char *path,
		      size_t *hdr_size)
{
	uint32_t bom, hsize, nfields, crc;
	size_t off;
	bool be;
	int err;

	gt_header__init(h);
	if (size < GT_MAGIC_LEN || memcmp(p, GT_MAGIC, GT_MAGIC_LEN)) {
		gt_error("%s: offset 0: bad magic: not a gibtrace trace file", path);
		return -EINVAL;
	}
	if (size < GT_HEADER_FIXED + 4) {
		gt_error("%s: offset 0: truncated header: %zu bytes, at least %u needed", path,
			 size, GT_HEADER_FIXED + 4);
		return -EINVAL;
	}
	bom = gt_get32(p + 8, false);
	if (bom == GT_BOM) {
		be = false;
	} else if (gt_get32(p + 8, true) == GT_BOM) {
		be = true;
	} else {
		gt_error("%s: offset 8: bad byte-order mark 0x%08x", path, bom);
		return -EINVAL;
	}
	h->big_endian = be;
	h->major = gt_get16(p + 12, be);
	h->minor = gt_get16(p + 14, be);
	if (h->major != GT_VERSION_MAJOR) {
		gt_error("%s: offset 12: format version %u.%u, this reader reads version %u "
			 "files only%s",
			 path, h->major, h->minor, GT_VERSION_MAJOR,
			 h->major > GT_VERSION_MAJOR ? ": a newer gibtrace wrote it" : "");
		return -EPROTONOSUPPORT;
	}
	hsize = gt_get32(p + 16, be);
	nfields = gt_get32(p + 20, be);
	if (hsize < GT_HEADER_FIXED + 4 || hsize > GT_HEADER_MAX) {
		gt_error("%s: offset 16: absurd header size %u", path, hsize);
		return -EINVAL;
	}
	if (hsize > size) {
		gt_error("%s: offset 16: truncated header: %u bytes, the file has %zu", path, hsize,
			 size);
		return -EINVAL;
	}
	crc = gt_get32(p + hsize - 4, be);
	if (crc != gt_crc32c(0, p, hsize - 4)) {
		gt_error("%s: offset %u: header CRC mismatch", path, hsize - 4);
		return -EINVAL;
	}
	off = GT_HEADER_FIXED;
	for (uint32_t i = 0; i < nfields; i++) {
		uint32_t len;

		if (off + GT_FIELD_HDR > hsize - 4 ||
		    (len = gt_get32(p + off + 4, be)) > hsize - 4 - off - GT_FIELD_HDR) {
			gt_error("%s: offset %zu: header field %u runs past the header", path, off,
				 i);
			gt_header__release(h);
			return -EINVAL;
		}
		err = header_append(h, gt_get16(p + off, be), gt_get16(p + off + 2, be),
				    p + off + GT_FIELD_HDR, len);
		if (err) {
			gt_header__release(h);
			return err;
		}
		off += GT_FIELD_HDR + len;
	}
	*hdr_size = hsize;
	return 0;
}
