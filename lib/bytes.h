/* Fixed-width integers in either byte order, LEB128 varints, zigzag. */
#ifndef GT_LIB_BYTES_H
#define GT_LIB_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint16_t gt_get16(const uint8_t *p, bool be)
{
	return be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t gt_get32(const uint8_t *p, bool be)
{
	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t gt_get64(const uint8_t *p, bool be)
{
	uint64_t hi = gt_get32(p + (be ? 0 : 4), be), lo = gt_get32(p + (be ? 4 : 0), be);

	return hi << 32 | lo;
}

static inline void gt_put16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
	p[be ? 1 : 0] = (uint8_t)v;
}

static inline void gt_put32(uint8_t *p, uint32_t v, bool be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static inline void gt_put64(uint8_t *p, uint64_t v, bool be)
{
	gt_put32(p + (be ? 0 : 4), (uint32_t)(v >> 32), be);
	gt_put32(p + (be ? 4 : 0), (uint32_t)v, be);
}

/* at most 10 bytes */
static inline size_t gt_put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* decode one varint from [*p, end); false if it runs past end or over 10 bytes */
static inline bool gt_get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	const uint8_t *q = *p;
	uint64_t r = 0;
	unsigned int shift = 0;

	if (q < end && !(*q & 0x80)) { /* the common case: one byte */
		*v = *q;
		*p = q + 1;
		return true;
	}
	if (end - q >= 2 && !(q[1] & 0x80)) { /* two bytes: most time deltas */
		*v = (uint64_t)(q[0] & 0x7f) | (uint64_t)q[1] << 7;
		*p = q + 2;
		return true;
	}
	while (q < end && shift < 64) {
		uint8_t b = *q++;

		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = r;
			*p = q;
			return true;
		}
		shift += 7;
	}
	return false;
}

static inline uint64_t gt_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t gt_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

uint32_t gt_crc32c(uint32_t crc, const void *buf, size_t len);

#endif
