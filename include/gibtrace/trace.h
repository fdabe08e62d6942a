/*
 * libgibtrace: read and write gibtrace trace files (include/gibtrace/format.h).
 *
 * The writer streams: events go into one open block per CPU; a block full
 * (or gt_writer__flush) is encoded, optionally zstd-compressed, CRC'd and
 * written. Memory is bounded by the number of CPUs times the block size.
 *
 * The reader maps the file (or reads it whole where it cannot map), checks
 * every block, and returns the events of all CPUs merged in timestamp order
 * (ties: lower CPU first, then file order). A defect is reported through the
 * error hook as "FILE: offset N: reason" and costs only what it touches: a
 * bad block is skipped, a truncated block is read up to its last whole
 * record, a run of garbage is skipped up to the next block header.
 *
 * Functions return 0 or a negative errno unless said otherwise; the library
 * prints nothing itself but through the hook (gt_set_error_hook).
 */
#ifndef GIBTRACE_TRACE_H
#define GIBTRACE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "format.h"

/* one event, as the library hands it out and takes it in */
struct gt_event {
	uint64_t ts; /* ns, in the header's clock */
	uint64_t arg;
	uint64_t val;
	uint32_t cpu;
	uint16_t type; /* enum gib_event_type */
	uint16_t vm;
	uint16_t vcpu;
	uint8_t isc;
	uint8_t mask;
	uint8_t old;
	uint8_t new;
};

/* what is known about every event type: generated from GIB_EVENTS */
struct gt_event_type {
	const char *name;
	uint16_t nr;
	uint8_t cls; /* enum gib_event_class */
	uint8_t fields; /* GIB_F_* */
	const char *doc;
};

/* NULL for a number that is not in the vocabulary */
const struct gt_event_type *gt_event_type(unsigned int type);
int gt_event_type__by_name(const char *name);
/* indexed by number: entries without a name are holes */
extern const struct gt_event_type gt_event_types[GIB_EV_MAX];
extern const size_t gt_nevent_types;
/* "ts cpu name field=value ..." into buf; returns what snprintf returns */
int gt_event__snprintf(const struct gt_event *ev, char *buf, size_t len);

/* the file header */
struct gt_header_field {
	uint16_t tag;
	uint16_t flags;
	uint32_t len;
	char *data;
};

struct gt_header {
	unsigned int major;
	unsigned int minor;
	bool big_endian;
	struct gt_header_field *fields; /* in file order, unknown tags kept */
	size_t nfields;
};

void gt_header__init(struct gt_header *h);
void gt_header__release(struct gt_header *h);
/* set (replace) the text of a tag; NULL removes it */
int gt_header__set(struct gt_header *h, unsigned int tag, const char *text);
const char *gt_header__get(const struct gt_header *h, unsigned int tag);
const char *gt_tag__key(unsigned int tag);
int gt_tag__by_key(const char *key);
/* fill CLOCK, ARCH, KERNEL, NCPUS, HOSTNAME, CREATED, TOOL from this host */
void gt_header__set_host(struct gt_header *h, const char *tool);

struct gt_writer_opts {
	bool big_endian; /* write fixed-width fields big-endian (as an s390x host) */
	int codec; /* enum gt_codec */
	int zstd_level; /* 0: default (3) */
	uint32_t block_size; /* raw bytes per block; 0: 64 KiB */
};

struct gt_writer;

struct gt_writer *gt_writer__open(const char *path, const struct gt_header *h,
				  const struct gt_writer_opts *opts, int *err);
struct gt_writer *gt_writer__fdopen(int fd, const char *name, const struct gt_header *h,
				    const struct gt_writer_opts *opts, int *err);
int gt_writer__add(struct gt_writer *w, const struct gt_event *ev);
int gt_writer__add_drop(struct gt_writer *w, uint32_t cpu, uint64_t count, uint64_t ts_first,
			uint64_t ts_last);
int gt_writer__flush(struct gt_writer *w);
/* flush, write the end block, close; frees w whatever happens */
int gt_writer__close(struct gt_writer *w);
uint64_t gt_writer__records(const struct gt_writer *w);
uint64_t gt_writer__bytes(const struct gt_writer *w);

struct gt_reader_stats {
	uint64_t records; /* events returned */
	uint64_t unknown_records; /* records of unknown types, skipped */
	uint64_t blocks; /* data blocks read */
	uint64_t bad_blocks; /* blocks skipped: CRC, size, codec, encoding */
	uint64_t lost_records; /* records those bad blocks claimed */
	uint64_t skipped_bytes; /* garbage between blocks, and bad blocks */
	uint64_t file_bytes;
	bool truncated; /* the file ends inside a block */
	bool clean_end; /* an end block closes the file */
	uint64_t end_records; /* records the end block counts */
	unsigned int defects; /* messages reported */
};

struct gt_reader;

/* NULL and *err on a file that cannot be read at all (reported) */
struct gt_reader *gt_reader__open(const char *path, int *err);
/* GT_READ_NO_CRC: decode blocks whatever their CRC (for the fuzzer) */
#define GT_READ_NO_CRC 0x1
struct gt_reader *gt_reader__open_flags(const char *path, unsigned int flags, int *err);
const struct gt_header *gt_reader__header(const struct gt_reader *r);
/* 1: an event in *ev; 0: the end */
int gt_reader__next(struct gt_reader *r, struct gt_event *ev);
const struct gt_reader_stats *gt_reader__stats(const struct gt_reader *r);
const char *gt_reader__path(const struct gt_reader *r);
void gt_reader__close(struct gt_reader *r);

/* errors: one hook for the whole library; NULL restores stderr */
typedef void (*gt_error_fn)(const char *msg, void *ctx);
void gt_set_error_hook(gt_error_fn fn, void *ctx);
void gt_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GIBTRACE_TRACE_H */
