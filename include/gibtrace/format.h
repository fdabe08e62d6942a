/*
 * The gibtrace trace file, version 1: its on-disk layout. docs/trace-format.md
 * explains it; this header is what the code uses. Every fixed-width integer is
 * in the file's byte order, which the header's byte-order mark gives; varints
 * (LEB128) and single bytes have none.
 *
 *   file    := header block*
 *   header  := magic[8] "GIBTRACE", u32 bom 0x01020304, u16 major, u16 minor,
 *              u32 header_size (all of it, CRC included), u32 nfields,
 *              nfields x (u16 tag, u16 flags, u32 len, len bytes of UTF-8),
 *              u32 crc32c (of every header byte before it)
 *   block   := u32 magic "GTBK", u16 cpu, u8 codec, u8 flags, u32 nrecords,
 *              u32 raw_size, u32 stored_size, u64 first_ts, u64 last_ts,
 *              u32 crc32c (of the 36 bytes before it and the stored payload),
 *              stored_size bytes of payload (raw, or one zstd frame)
 *   record  := u8 type, u8 len, len bytes: varint zigzag(ts - previous ts of the
 *              block, the first relative to first_ts), then the type's fields in
 *              GIB_F_* order (vm, vcpu, arg, val as varints; isc, mask, old, new
 *              as bytes); bytes past the fields the reader knows are skipped
 *
 * The last block of a file closed cleanly is an end block: flags GT_BLOCK_END,
 * cpu 0xffff, no payload, nrecords the total of records in the file.
 *
 * Compatibility: a minor version may add header tags, event types, fields
 * appended to a type, and block flags that a reader may ignore. Anything else
 * (a field's meaning, the encoding, the block header) needs a new major
 * version, which readers of an older major refuse.
 */
#ifndef GIBTRACE_FORMAT_H
#define GIBTRACE_FORMAT_H

#include <stdint.h>

#define GT_MAGIC "GIBTRACE"
#define GT_MAGIC_LEN 8
#define GT_BOM 0x01020304u
#define GT_VERSION_MAJOR 1
#define GT_VERSION_MINOR 1 /* 1: the inferred tag */

/* fixed part of the header before the fields, and the CRC after them */
#define GT_HEADER_FIXED 24
#define GT_FIELD_HDR 8
#define GT_HEADER_MAX (1u << 20)

#define GT_BLOCK_MAGIC 0x4754424bu /* "GTBK" read as a big-endian u32 */
#define GT_BLOCK_HDR 40
#define GT_BLOCK_CRC_OFF 36
#define GT_BLOCK_RAW_MAX (1u << 20)
#define GT_BLOCK_END_CPU 0xffff

enum gt_codec {
	GT_CODEC_RAW = 0,
	GT_CODEC_ZSTD = 1,
};

enum gt_block_flags {
	GT_BLOCK_END = 0x01,
};

/* header field tags; values are UTF-8 text */
#define GT_TAGS(X)                                                                                 \
	X(CLOCK, 1, "clock", "clock source of the timestamps")                                     \
	X(CLOCK_RES, 2, "clock_res_ns", "its resolution in ns")                                    \
	X(ARCH, 3, "arch", "host architecture")                                                    \
	X(KERNEL, 4, "kernel", "host kernel release")                                              \
	X(NCPUS, 5, "ncpus", "CPUs of the host")                                                   \
	X(ORIGIN, 6, "origin", "gib.ko, s390-host, converted, replayed or generated")              \
	X(POLICY, 7, "policy", "IAM restore policy and parameters in force")                       \
	X(SCENARIO, 8, "scenario", "the scenario (workload) text")                                 \
	X(PROVENANCE, 9, "provenance", "free-form: how, where, when, command line")                \
	X(HOSTNAME, 10, "hostname", "host name")                                                   \
	X(CREATED, 11, "created", "UTC time the file was created, ISO 8601")                       \
	X(TOOL, 12, "tool", "program and version that wrote the file")                             \
	X(COSTS, 13, "costs", "the replay engine's costs in ns, name=value,... (replays)")         \
	X(INFERRED, 14, "inferred", "event types inferred, not observed: type=method,...")

#define GT_TAG_ENUM(name, nr, key, doc) GT_TAG_##name = nr,
enum gt_tag {
	GT_TAGS(GT_TAG_ENUM) GT_TAG_MAX = 15,
};
#undef GT_TAG_ENUM

#endif /* GIBTRACE_FORMAT_H */
