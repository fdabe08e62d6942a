/*
 * gib.c - the loader of gib.bpf.c: checks that the gib:* tracepoints exist
 * and have the layout the programs read, opens the embedded object of this
 * build's byte order (gib-obj.c) and finds its maps and programs by name,
 * loads only the programs of the types asked for, attaches them, and drains
 * the ring buffer. The same code for bpfel (x86) and bpfeb (s390x).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <gibtrace/trace.h>

#include "gib-bpf.h"
#include "gib-obj.h"

struct gib_bpf {
	struct bpf_object *obj;
	struct bpf_map *map_events, *map_drops, *map_rescued;
	struct bpf_link **links; /* nlinks attached programs */
	int nlinks;
	struct ring_buffer *rb;
	struct bpf_program *prog[GIB_EV_MAX]; /* the loaded primary program of each type */
	unsigned long long *rescued; /* ncpus entries: one lookup of the rescued map */
	gib_bpf_cb cb;
	void *ctx;
	int ncpus;
};

static const char *const events_dirs[] = { "/sys/kernel/tracing/events/gib",
					   "/sys/kernel/debug/tracing/events/gib" };

const char *gib_tracefs_events_dir(void)
{
	struct stat st;
	int denied = 0;

	for (size_t i = 0; i < sizeof(events_dirs) / sizeof(events_dirs[0]); i++) {
		if (!stat(events_dirs[i], &st) && S_ISDIR(st.st_mode))
			return events_dirs[i];
		denied |= errno == EACCES || errno == EPERM;
	}
	errno = denied ? EACCES : ENOENT;
	return NULL;
}

void gib_tracefs_error(void)
{
	if (errno == EACCES)
		gt_error("cannot look for the gib:* tracepoints in %s: %s (recording needs root, "
			 "or read access to tracefs and CAP_BPF with CAP_PERFMON)",
			 events_dirs[0], strerror(EACCES));
	else
		gt_error("no gib:* tracepoints (%s): is gib.ko loaded, and tracefs mounted?",
			 events_dirs[0]);
}

/* the offset of field @name in a tracepoint's format file, or -1 */
static int format_offset(const char *dir, const char *event, const char *name)
{
	char path[512], line[512], want[64];
	int off = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/format", dir, event);
	f = fopen(path, "r");
	if (!f)
		return -1;
	snprintf(want, sizeof(want), " %s;", name);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want) && sscanf(strstr(line, "offset:"), "offset:%d;", &off) == 1)
			break;
	fclose(f);
	return off;
}

/*
 * the programs take the tracepoints' arguments as the fields of gib.ko's event
 * class, in order (gib.h): the live format must agree
 */
static int check_format(const char *dir)
{
	static const struct {
		const char *name;
		int off;
	} fields[] = { { "vm", 8 },   { "vcpu", 10 }, { "isc", 12 }, { "mask", 13 },
		       { "old", 14 }, { "new", 15 },  { "arg", 16 }, { "val", 20 } };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		int off = format_offset(dir, "airq_post", fields[i].name);

		if (off != fields[i].off) {
			gt_error("%s/airq_post/format: field %s at offset %d, the recorder reads "
				 "it at %d: gib.ko and gibtrace do not match",
				 dir, fields[i].name, off, fields[i].off);
			return -EPROTO;
		}
	}
	return 0;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct gib_bpf *b = ctx;

	if (size < sizeof(struct gib_rec))
		return 0;
	return b->cb(b->ctx, data);
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

/* a map of the object, or NULL (reported): the object and gib.c disagree */
static struct bpf_map *find_map(struct gib_bpf *b, const char *name)
{
	struct bpf_map *m = bpf_object__find_map_by_name(b->obj, name);

	if (!m)
		gt_error("the embedded BPF object has no map %s", name);
	return m;
}

/*
 * Open the embedded object (libbpf refuses one of the other byte order),
 * find its maps, and keep only the programs of @types to load: the primary
 * of each type is the one whose misses gib_bpf__misses reads.
 */
static int open_object(struct gib_bpf *b, uint64_t types)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "gib");
	struct bpf_program *prog;
	int err;

	b->obj = bpf_object__open_mem(gib_bpf_obj, (size_t)(gib_bpf_obj_end - gib_bpf_obj), &opts);
	if (!b->obj) {
		err = -errno;
		gt_error("cannot open the BPF programs: %s", strerror(errno));
		return err;
	}
	b->map_events = find_map(b, "events");
	b->map_drops = find_map(b, "drops");
	b->map_rescued = find_map(b, "rescued");
	if (!b->map_events || !b->map_drops || !b->map_rescued)
		return -ENOENT;
	bpf_object__for_each_program(prog, b->obj)
	{
		const char *sec = bpf_program__section_name(prog);
		const char *slash = strrchr(sec, '/');
		int t = slash ? gt_event_type__by_name(slash + 1) : -1;

		if (t < 0 || t >= GIB_EV_MAX || !(types & (1ULL << t)))
			bpf_program__set_autoload(prog, false);
		else if (!strncmp(bpf_program__name(prog), "tp_", 3))
			b->prog[t] = prog;
	}
	return 0;
}

/* attach every loaded program to its raw tracepoint (its section name) */
static int attach_all(struct gib_bpf *b)
{
	struct bpf_program *prog;
	int n = 0;

	bpf_object__for_each_program(prog, b->obj)
	{
		n++;
	}
	b->links = calloc(n > 0 ? (size_t)n : 1, sizeof(*b->links));
	if (!b->links)
		return -ENOMEM;
	bpf_object__for_each_program(prog, b->obj)
	{
		struct bpf_link *link;

		if (!bpf_program__autoload(prog))
			continue;
		link = bpf_program__attach(prog);
		if (!link) {
			int err = -errno;

			gt_error("cannot attach %s to the gib:* tracepoint %s: %s",
				 bpf_program__name(prog), bpf_program__section_name(prog),
				 strerror(-err));
			return err;
		}
		b->links[b->nlinks++] = link;
	}
	return 0;
}

int gib_bpf__open(struct gib_bpf **out, uint64_t types, size_t ringbuf_bytes, gib_bpf_cb cb,
		  void *ctx)
{
	const char *dir = gib_tracefs_events_dir();
	struct gib_bpf *b;
	int err;

	if (!dir) {
		err = -errno;
		gib_tracefs_error();
		return err;
	}
	err = check_format(dir);
	if (err)
		return err;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->cb = cb;
	b->ctx = ctx;
	b->ncpus = libbpf_num_possible_cpus();
	b->rescued = calloc(b->ncpus > 0 ? (size_t)b->ncpus : 1, sizeof(*b->rescued));
	if (b->ncpus <= 0 || !b->rescued) {
		err = b->ncpus <= 0 ? b->ncpus : -ENOMEM;
		goto fail;
	}
	libbpf_set_print(libbpf_quiet);
	err = open_object(b, types);
	if (err)
		goto fail;
	bpf_map__set_max_entries(b->map_events, (uint32_t)ringbuf_bytes);
	err = bpf_object__load(b->obj);
	if (err) {
		gt_error("cannot load the BPF programs: %s%s", strerror(-err),
			 err == -EPERM ? " (needs root, or CAP_BPF and CAP_PERFMON)" : "");
		goto fail;
	}
	err = attach_all(b);
	if (err)
		goto fail;
	b->rb = ring_buffer__new(bpf_map__fd(b->map_events), on_record, b, NULL);
	if (!b->rb) {
		err = -errno;
		gt_error("cannot open the ring buffer: %s", strerror(errno));
		goto fail;
	}
	*out = b;
	return 0;
fail:
	gib_bpf__close(b);
	return err;
}

int gib_bpf__poll(struct gib_bpf *b, int timeout_ms)
{
	int n = ring_buffer__poll(b->rb, timeout_ms);

	return n == -EINTR ? 0 : n;
}

int gib_bpf__drops(struct gib_bpf *b, unsigned int type, struct gib_drops *per_cpu)
{
	int fd = bpf_map__fd(b->map_drops);

	if (bpf_map_lookup_elem(fd, &type, per_cpu))
		return -errno;
	return 0;
}

int gib_bpf__misses(struct gib_bpf *b, unsigned int type, uint64_t *misses)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	*misses = 0;
	if (type >= GIB_EV_MAX || !b->prog[type])
		return -ENOENT;
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(bpf_program__fd(b->prog[type]), &info, &len))
		return -errno;
	/* what the backup took over is not lost */
	if (bpf_map_lookup_elem(bpf_map__fd(b->map_rescued), &type, b->rescued))
		return -errno;
	*misses = info.recursion_misses;
	for (int c = 0; c < b->ncpus; c++)
		*misses -= b->rescued[c] < *misses ? b->rescued[c] : *misses;
	return 0;
}

int gib_bpf__ncpus(const struct gib_bpf *b)
{
	return b->ncpus;
}

void gib_bpf__close(struct gib_bpf *b)
{
	if (!b)
		return;
	ring_buffer__free(b->rb);
	for (int i = 0; i < b->nlinks; i++)
		bpf_link__destroy(b->links[i]);
	free(b->links);
	bpf_object__close(b->obj);
	free(b->rescued);
	free(b);
}
