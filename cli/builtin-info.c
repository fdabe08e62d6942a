/*
 * gibtrace info FILE...: what a trace file holds. Its header (format,
 * byte order, origin, policy, host, clock, provenance), its duration, events
 * per type, per VM, per vcpu and per ISC, drops per CPU, and its integrity
 * (blocks read, bad blocks, records lost, bytes skipped, truncation, whether
 * it was closed cleanly). --json prints the same as one JSON document.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "json.h"

struct info_vm {
	uint64_t events;
	uint64_t *vcpu; /* events per vcpu */
	size_t nvcpu;
};

struct info_drop {
	uint64_t count, events, first, last;
};

struct info {
	uint64_t type[GIB_EV_MAX];
	uint64_t isc[8];
	struct info_vm *vm;
	size_t nvm;
	struct info_drop *drop; /* per cpu */
	size_t ndrop;
	uint64_t first_ts, last_ts, events;
	uint64_t exo, endo;
};

static const struct gt_help_opt info_options[] = {
	{ "--json", "print the same as one JSON document (an array of them for several files)" },
	{ "--types", "print the event vocabulary: every event type, its class and its fields" },
	{ "--markdown", "with --types: as the Markdown table of docs/trace-format.md" },
	{ .flag = NULL },
};

static const struct gt_help_opt info_examples[] = {
	{ "gibtrace info rec.gtr", "header, events, drops and integrity of a recording" },
	{ "gibtrace info --types", "the events a trace can hold" },
	{ .flag = NULL },
};

const struct gt_help gt_help_info = {
	.usage = "gibtrace info [--json] FILE...\n"
		 "gibtrace info --types [--markdown]",
	.description =
		"What a trace file holds: its header (format, byte order, origin, policy, host,\n"
		"clock, provenance), its duration, events per type, per VM, per vcpu and per ISC,\n"
		"drops per CPU, and its integrity (blocks read, bad blocks, records lost, bytes\n"
		"skipped, truncation, whether it was closed cleanly).\n"
		"\n"
		"Exits 1 when a file is damaged, 2 when one cannot be read.",
	.options = info_options,
	.examples = info_examples,
	.see_also = "gibtrace-report(1), docs/trace-format.md",
};

static const char *const class_names[] = { "exogenous", "endogenous", "recorder" };

static const char *const field_names[8] = {
	"vm", "vcpu", "isc", "mask", "old", "new", "arg", "val"
};

static const char *const field_enc[8] = { "varint", "varint", "u8",	"u8",
					  "u8",	    "u8",     "varint", "varint" };
static const char *const field_what[8] = {
	"VM id (its slot)",
	"vcpu index in the VM",
	"guest ISC, 0..7",
	"ISC mask: 0x80 >> n for ISC n",
	"a mask before (IPM or IAM)",
	"a mask after",
	"see the type",
	"see the type",
};

/* one table per record type: its bytes on disk, in order */
static void print_type_tables(void)
{
	for (size_t t = 0; t < gt_nevent_types; t++) {
		const struct gt_event_type *e = &gt_event_types[t];

		if (!e->name)
			continue;
		printf("\n#### %u `%s` (%s)\n\n%s.\n\n", e->nr, e->name, class_names[e->cls],
		       e->doc);
		printf("| field | encoding | meaning |\n|---|---|---|\n");
		printf("| type | u8 | %u |\n| len | u8 | bytes that follow |\n", e->nr);
		printf("| ts | zigzag varint | ns since the previous record of the block |\n");
		for (int f = 0; f < 8; f++)
			if (e->fields & (1 << f))
				printf("| %s | %s | %s |\n", field_names[f], field_enc[f],
				       field_what[f]);
	}
}

/* the vocabulary, from the one table every part uses (docs/trace-format.md embeds it) */
static int print_types(bool markdown)
{
	char fields[64];

	if (markdown) {
		printf("| nr | type | class | fields | meaning |\n|---|---|---|---|---|\n");
	}
	for (size_t t = 0; t < gt_nevent_types; t++) {
		const struct gt_event_type *e = &gt_event_types[t];
		size_t n = 0;

		if (!e->name)
			continue;
		fields[0] = '\0';
		for (int f = 0; f < 8; f++)
			if (e->fields & (1 << f))
				n += (size_t)snprintf(fields + n, sizeof(fields) - n, "%s%s",
						      n ? " " : "", field_names[f]);
		if (markdown)
			printf("| %u | `%s` | %s | %s | %s |\n", e->nr, e->name,
			       class_names[e->cls], n ? fields : "-", e->doc);
		else
			printf("%3u %-16s %-10s %-28s %s\n", e->nr, e->name, class_names[e->cls],
			       n ? fields : "-", e->doc);
	}
	if (markdown)
		print_type_tables();
	return 0;
}

static int grow(void **p, size_t *n, size_t want, size_t size)
{
	void *q;

	if (want <= *n)
		return 0;
	q = realloc(*p, want * size);
	if (!q)
		return -ENOMEM;
	memset((char *)q + *n * size, 0, (want - *n) * size);
	*p = q;
	*n = want;
	return 0;
}

static int info_count(struct info *in, const struct gt_event *ev)
{
	const struct gt_event_type *t = gt_event_type(ev->type);

	if (!in->events || ev->ts < in->first_ts)
		in->first_ts = ev->ts;
	if (ev->ts > in->last_ts)
		in->last_ts = ev->ts;
	in->events++;
	in->type[ev->type]++;
	if (t->cls == GIB_EXO)
		in->exo++;
	else if (t->cls == GIB_ENDO)
		in->endo++;
	if (t->fields & GIB_F_ISC && ev->isc < 8)
		in->isc[ev->isc]++;
	if (ev->type == GIB_EV_drop) {
		struct info_drop *d;

		if (grow((void **)&in->drop, &in->ndrop, (size_t)ev->cpu + 1, sizeof(*in->drop)))
			return -ENOMEM;
		d = &in->drop[ev->cpu];
		if (!d->events || ev->ts < d->first)
			d->first = ev->ts;
		if (ev->val > d->last)
			d->last = ev->val;
		d->count += ev->arg;
		d->events++;
	}
	if (t->fields & GIB_F_VM) {
		struct info_vm *vm;

		if (grow((void **)&in->vm, &in->nvm, (size_t)ev->vm + 1, sizeof(*in->vm)))
			return -ENOMEM;
		vm = &in->vm[ev->vm];
		vm->events++;
		if (t->fields & GIB_F_VCPU) {
			if (grow((void **)&vm->vcpu, &vm->nvcpu, (size_t)ev->vcpu + 1,
				 sizeof(*vm->vcpu)))
				return -ENOMEM;
			vm->vcpu[ev->vcpu]++;
		}
	}
	return 0;
}

static void info_release(struct info *in)
{
	for (size_t v = 0; v < in->nvm; v++)
		free(in->vm[v].vcpu);
	free(in->vm);
	free(in->drop);
}

static uint64_t info_drops(const struct info *in)
{
	uint64_t n = 0;

	for (size_t c = 0; c < in->ndrop; c++)
		n += in->drop[c].count;
	return n;
}

/*
 * The header's "inferred" tag (type=method or type.field=method, comma-separated): how
 * an event type, or a field of it, was inferred rather than observed; NULL if neither.
 * *field gets "FIELD" for a field entry. Repeated calls walk the entries.
 */
static const char *inferred_of(const char *tag, const char *type, const char **pos, size_t *mlen,
			       const char **field, size_t *flen)
{
	size_t tl = strlen(type);

	for (const char *p = *pos ? *pos : tag; p && *p;) {
		const char *end = strchr(p, ','), *eq = strchr(p, '=');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		*pos = end ? end + 1 : p + len;
		if (eq && eq < p + len && !strncmp(p, type, tl) && (p[tl] == '=' || p[tl] == '.')) {
			*field = p[tl] == '.' ? p + tl + 1 : NULL;
			*flen = p[tl] == '.' ? (size_t)(eq - p - tl - 1) : 0;
			*mlen = len - (size_t)(eq + 1 - p);
			return eq + 1;
		}
		p = *pos;
	}
	return NULL;
}

/* "observed", or "inferred (METHOD)", then "; FIELD inferred (METHOD)" for each field */
static void source_of(const char *tag, const char *type, char *buf, size_t len)
{
	const char *pos = NULL, *m, *field;
	size_t ml, fl, n = 0;
	bool whole = false;

	buf[0] = 0;
	while ((m = inferred_of(tag, type, &pos, &ml, &field, &fl)))
		if (!field) {
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "inferred (%.*s)",
					      (int)ml, m);
			whole = true;
		}
	if (!whole)
		n += (size_t)snprintf(buf, len, "observed");
	pos = NULL;
	while ((m = inferred_of(tag, type, &pos, &ml, &field, &fl)))
		if (field)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0,
					      "; %.*s inferred (%.*s)", (int)fl, field, (int)ml, m);
}

static void print_text(const char *path, const struct gt_header *h, const struct info *in,
		       const struct gt_reader_stats *st)
{
	double secs = in->events ? (double)(in->last_ts - in->first_ts) / 1e9 : 0;

	printf("%s:\n", path);
	printf("  format        %u.%u, %s-endian, %llu bytes\n", h->major, h->minor,
	       h->big_endian ? "big" : "little", (unsigned long long)st->file_bytes);
	for (size_t i = 0; i < h->nfields; i++) {
		const char *key = gt_tag__key(h->fields[i].tag);
		const char *nl = strchr(h->fields[i].data, '\n');

		if (key)
			printf("  %-13s %.*s%s\n", key,
			       nl ? (int)(nl - h->fields[i].data) : (int)h->fields[i].len,
			       h->fields[i].data, nl ? " ..." : "");
		else
			printf("  tag %-9u (unknown, %u bytes)\n", h->fields[i].tag,
			       h->fields[i].len);
	}
	printf("  duration      %.6f s (%llu.%09llu .. %llu.%09llu)\n", secs,
	       (unsigned long long)(in->first_ts / 1000000000u),
	       (unsigned long long)(in->first_ts % 1000000000u),
	       (unsigned long long)(in->last_ts / 1000000000u),
	       (unsigned long long)(in->last_ts % 1000000000u));
	printf("  events        %llu (%llu exogenous, %llu endogenous), %.2f bytes/event\n",
	       (unsigned long long)in->events, (unsigned long long)in->exo,
	       (unsigned long long)in->endo,
	       in->events ? (double)st->file_bytes / (double)in->events : 0.0);
	for (size_t t = 0; t < GIB_EV_MAX; t++) {
		const char *inf = gt_header__get(h, GT_TAG_INFERRED);
		char src[1024];

		if (!in->type[t])
			continue;
		if (inf)
			source_of(inf, gt_event_type((unsigned int)t)->name, src, sizeof(src));
		printf("    %-16s %12llu%s%s\n", gt_event_type((unsigned int)t)->name,
		       (unsigned long long)in->type[t], inf ? "  " : "", inf ? src : "");
	}
	for (size_t v = 0; v < in->nvm; v++) {
		if (!in->vm[v].events)
			continue;
		printf("  vm %-10zu %12llu events", v, (unsigned long long)in->vm[v].events);
		for (size_t c = 0; c < in->vm[v].nvcpu; c++)
			if (in->vm[v].vcpu[c])
				printf("%s vcpu%zu %llu", c ? "," : ":", c,
				       (unsigned long long)in->vm[v].vcpu[c]);
		printf("\n");
	}
	for (int i = 0; i < 8; i++)
		if (in->isc[i])
			printf("  isc %-9d %12llu events\n", i, (unsigned long long)in->isc[i]);
	printf("  drops         %llu lost events\n", (unsigned long long)info_drops(in));
	for (size_t c = 0; c < in->ndrop; c++)
		if (in->drop[c].events)
			printf("    cpu %-5zu %12llu lost in %llu drop records, %llu.%09llu .. "
			       "%llu.%09llu\n",
			       c, (unsigned long long)in->drop[c].count,
			       (unsigned long long)in->drop[c].events,
			       (unsigned long long)(in->drop[c].first / 1000000000u),
			       (unsigned long long)(in->drop[c].first % 1000000000u),
			       (unsigned long long)(in->drop[c].last / 1000000000u),
			       (unsigned long long)(in->drop[c].last % 1000000000u));
	printf("  integrity     %llu blocks read, %llu bad, %llu records lost, %llu bytes "
	       "skipped, %llu unknown records%s, %s\n",
	       (unsigned long long)st->blocks, (unsigned long long)st->bad_blocks,
	       (unsigned long long)st->lost_records, (unsigned long long)st->skipped_bytes,
	       (unsigned long long)st->unknown_records, st->truncated ? ", truncated" : "",
	       st->clean_end ? "closed cleanly" : "no end block: not closed cleanly");
	if (st->clean_end && st->end_records != st->records + st->unknown_records)
		printf("                the end block counts %llu records, %llu were read\n",
		       (unsigned long long)st->end_records,
		       (unsigned long long)(st->records + st->unknown_records));
}

static void print_json(struct gt_json *j, const char *path, const struct gt_header *h,
		       const struct info *in, const struct gt_reader_stats *st)
{
	char key[32];

	gt_json__open(j, NULL, '{');
	gt_json__str(j, "file", path);
	gt_json__u64(j, "bytes", st->file_bytes);
	snprintf(key, sizeof(key), "%u.%u", h->major, h->minor);
	gt_json__str(j, "format", key);
	gt_json__str(j, "byte_order", h->big_endian ? "big" : "little");
	gt_json__open(j, "header", '{');
	for (size_t i = 0; i < h->nfields; i++) {
		const char *k = gt_tag__key(h->fields[i].tag);

		if (!k) {
			snprintf(key, sizeof(key), "tag%u", h->fields[i].tag);
			k = key;
		}
		gt_json__str(j, k, h->fields[i].data);
	}
	gt_json__close(j, '}');
	gt_json__u64(j, "first_ts", in->first_ts);
	gt_json__u64(j, "last_ts", in->last_ts);
	gt_json__double(j, "duration_s",
			in->events ? (double)(in->last_ts - in->first_ts) / 1e9 : 0.0);
	gt_json__u64(j, "events", in->events);
	gt_json__u64(j, "exogenous", in->exo);
	gt_json__u64(j, "endogenous", in->endo);
	gt_json__double(j, "bytes_per_event",
			in->events ? (double)st->file_bytes / (double)in->events : 0.0);
	gt_json__open(j, "types", '{');
	for (size_t t = 0; t < GIB_EV_MAX; t++)
		if (in->type[t])
			gt_json__u64(j, gt_event_type((unsigned int)t)->name, in->type[t]);
	gt_json__close(j, '}');
	if (gt_header__get(h, GT_TAG_INFERRED)) {
		/* a converted file says, per type, whether it was observed or how inferred */
		gt_json__open(j, "sources", '{');
		for (size_t t = 0; t < GIB_EV_MAX; t++) {
			char src[1024];

			if (!in->type[t])
				continue;
			source_of(gt_header__get(h, GT_TAG_INFERRED),
				  gt_event_type((unsigned int)t)->name, src, sizeof(src));
			gt_json__str(j, gt_event_type((unsigned int)t)->name, src);
		}
		gt_json__close(j, '}');
	}
	gt_json__open(j, "vms", '[');
	for (size_t v = 0; v < in->nvm; v++) {
		if (!in->vm[v].events)
			continue;
		gt_json__open(j, NULL, '{');
		gt_json__u64(j, "vm", v);
		gt_json__u64(j, "events", in->vm[v].events);
		gt_json__open(j, "vcpus", '{');
		for (size_t c = 0; c < in->vm[v].nvcpu; c++) {
			if (!in->vm[v].vcpu[c])
				continue;
			snprintf(key, sizeof(key), "%zu", c);
			gt_json__u64(j, key, in->vm[v].vcpu[c]);
		}
		gt_json__close(j, '}');
		gt_json__close(j, '}');
	}
	gt_json__close(j, ']');
	gt_json__open(j, "iscs", '{');
	for (int i = 0; i < 8; i++) {
		if (!in->isc[i])
			continue;
		snprintf(key, sizeof(key), "%d", i);
		gt_json__u64(j, key, in->isc[i]);
	}
	gt_json__close(j, '}');
	gt_json__u64(j, "dropped", info_drops(in));
	gt_json__open(j, "drops", '[');
	for (size_t c = 0; c < in->ndrop; c++) {
		if (!in->drop[c].events)
			continue;
		gt_json__open(j, NULL, '{');
		gt_json__u64(j, "cpu", c);
		gt_json__u64(j, "lost", in->drop[c].count);
		gt_json__u64(j, "records", in->drop[c].events);
		gt_json__u64(j, "first_ts", in->drop[c].first);
		gt_json__u64(j, "last_ts", in->drop[c].last);
		gt_json__close(j, '}');
	}
	gt_json__close(j, ']');
	gt_json__open(j, "integrity", '{');
	gt_json__u64(j, "blocks", st->blocks);
	gt_json__u64(j, "bad_blocks", st->bad_blocks);
	gt_json__u64(j, "lost_records", st->lost_records);
	gt_json__u64(j, "skipped_bytes", st->skipped_bytes);
	gt_json__u64(j, "unknown_records", st->unknown_records);
	gt_json__u64(j, "defects", st->defects);
	gt_json__bool(j, "truncated", st->truncated);
	gt_json__bool(j, "clean_end", st->clean_end);
	if (st->clean_end)
		gt_json__u64(j, "end_records", st->end_records);
	gt_json__close(j, '}');
	gt_json__close(j, '}');
}

/* 0: read whole and clean; 1: read with defects; -errno: not readable */
static int info_file(const char *path, bool json, struct gt_json *j)
{
	struct gt_reader *r;
	struct gt_event ev;
	struct info in;
	int rc, err;

	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	memset(&in, 0, sizeof(in));
	while ((rc = gt_reader__next(r, &ev)) > 0) {
		if (info_count(&in, &ev)) {
			rc = -ENOMEM;
			break;
		}
	}
	if (rc == 0) {
		if (json)
			print_json(j, path, gt_reader__header(r), &in, gt_reader__stats(r));
		else
			print_text(path, gt_reader__header(r), &in, gt_reader__stats(r));
		rc = gt_reader__stats(r)->defects ? 1 : 0;
	} else {
		gt_error("%s: %s", path, strerror(-rc));
	}
	info_release(&in);
	gt_reader__close(r);
	return rc;
}

int cmd_info(int argc, const char **argv)
{
	bool json = false, types = false, markdown = false;
	int i, status = 0, nfiles = 0;
	struct gt_json j;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--types")) {
			types = true;
		} else if (!strcmp(argv[i], "--markdown")) {
			markdown = true;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "gibtrace info: unknown option '%s'\n", argv[i]);
			gt_help__usage(&gt_help_info, stderr);
			return 1;
		}
	}
	if (types && i == argc)
		return print_types(markdown);
	if (i >= argc || types || markdown) {
		gt_help__usage(&gt_help_info, stderr);
		return 1;
	}
	gt_json__init(&j, stdout);
	if (json && argc - i > 1)
		gt_json__open(&j, NULL, '[');
	for (; i < argc; i++, nfiles++) {
		int rc = info_file(argv[i], json, &j);

		if (rc && !status)
			status = rc < 0 ? 2 : 1;
	}
	if (json && nfiles > 1)
		gt_json__close(&j, ']');
	return status;
}
