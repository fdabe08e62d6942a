/*
 * The BPF recorder of gib.ko's tracepoints (gib.bpf.c, its object embedded
 * and opened at run time: gib-obj.c): open, attach, drain the ring buffer,
 * read the drops.
 */
#ifndef GIBTRACE_GIB_BPF_H
#define GIBTRACE_GIB_BPF_H

#include <stddef.h>
#include <stdint.h>

#include "gib.h"

struct gib_bpf;

typedef int (*gib_bpf_cb)(void *ctx, const struct gib_rec *r);

/*
 * Load and attach the programs of the event types in @types (bit n: type n);
 * @ringbuf_bytes: a power of two >= 4096. Reports why it cannot (privileges,
 * no BPF, no gib:* tracepoints, a format that does not match) through
 * gt_error and returns -errno.
 */
int gib_bpf__open(struct gib_bpf **out, uint64_t types, size_t ringbuf_bytes, gib_bpf_cb cb,
		  void *ctx);
/* wait up to timeout_ms and hand every record to the callback; records handed or -errno */
int gib_bpf__poll(struct gib_bpf *b, int timeout_ms);
/* the drops of type @type on every CPU (ncpus entries): 0 or -errno */
int gib_bpf__drops(struct gib_bpf *b, unsigned int type, struct gib_drops *per_cpu);
/*
 * the events of type @type lost because its program was running on the same
 * CPU already (an interrupt's event nesting into a thread's) and its backup
 * did not take them (gib.bpf.c): the kernel's recursion_misses of the primary
 * program minus the backup's takeovers, CPU and time unknown; 0 or -errno
 */
int gib_bpf__misses(struct gib_bpf *b, unsigned int type, uint64_t *misses);
int gib_bpf__ncpus(const struct gib_bpf *b);
void gib_bpf__close(struct gib_bpf *b);

/* where gib.ko's tracepoints are, or NULL with errno ENOENT or EACCES */
const char *gib_tracefs_events_dir(void);
/* says why gib_tracefs_events_dir() found nothing (from errno) */
void gib_tracefs_error(void);

#endif
