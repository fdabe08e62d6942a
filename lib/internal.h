/* libgibtrace's own declarations, shared by its files only. */
#ifndef GT_LIB_INTERNAL_H
#define GT_LIB_INTERNAL_H

#include <gibtrace/trace.h>

#include "bytes.h"

/* the header as bytes (malloc'd), in the given byte order */
int gt_header__encode(const struct gt_header *h, bool big_endian, uint8_t **out, size_t *len);
/*
 * parse the header at the start of [p, p + size) into h; on success *hdr_size
 * is its length. Defects are reported against path.
 */
int gt_header__decode(struct gt_header *h, const uint8_t *p, size_t size, const char *path,
		      size_t *hdr_size);

#endif
