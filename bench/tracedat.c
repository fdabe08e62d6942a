// SPDX-License-Identifier: GPL-2.0
/*
 * tracedat: the libtracecmd side of bench/format.sh, over a trace.dat holding
 * gibbench:iam_restore events (tests/vm/bench-mod).
 *
 *   tracedat read FILE      a minimal libtracecmd reader: every record in time
 *                           order (tracecmd_iterate_events), its 5 fields read
 *                           with tep_read_number_field (fields looked up once)
 *   tracedat convert IN OUT each event as a gibtrace iam_restore event (same
 *                           fields, timestamp and cpu) into OUT (zstd)
 *
 * Both print "events N checksum X", the checksum of format-bench.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <trace-cmd.h>

#include <gibtrace/trace.h>

static const char *const names[] = { "vm", "mask", "old", "new", "arg" };

struct ctx {
	struct tep_handle *tep;
	int id;
	struct tep_format_field *f[5];
	struct gt_writer *w;
	uint64_t n, other, sum;
	int err;
};

static int on_record(struct tracecmd_input *h, struct tep_record *rec, int cpu, void *data)
{
	struct ctx *c = data;
	unsigned long long v[5];
	struct gt_event ev;

	(void)h;
	if (tep_data_type(c->tep, rec) != c->id) {
		c->other++;
		return 0;
	}
	for (int i = 0; i < 5; i++)
		if (tep_read_number_field(c->f[i], rec->data, &v[i])) {
			c->err = 1;
			return -1;
		}
	ev = (struct gt_event){ .ts = rec->ts,
				.cpu = (uint32_t)cpu,
				.type = GIB_EV_iam_restore,
				.vm = (uint16_t)v[0],
				.mask = (uint8_t)v[1],
				.old = (uint8_t)v[2],
				.new = (uint8_t)v[3],
				.arg = v[4] };
	c->n++;
	c->sum += ev.ts + ev.vm + 3u * ev.mask + 5u * ev.old + 7u * ev.new + 11u * ev.arg +
		  13u * ev.cpu;
	if (c->w && gt_writer__add(c->w, &ev)) {
		c->err = 1;
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	struct tracecmd_input *h;
	struct tep_event *e;
	bool conv = argc == 4 && !strcmp(argv[1], "convert");

	if (!conv && !(argc == 3 && !strcmp(argv[1], "read"))) {
		fprintf(stderr, "usage: tracedat read FILE | tracedat convert IN OUT\n");
		return 2;
	}
	h = tracecmd_open(argv[2], TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		fprintf(stderr, "tracedat: %s: cannot open\n", argv[2]);
		return 1;
	}
	c.tep = tracecmd_get_tep(h);
	e = tep_find_event_by_name(c.tep, "gibbench", "iam_restore");
	if (!e) {
		fprintf(stderr, "tracedat: %s: no gibbench:iam_restore event\n", argv[2]);
		return 1;
	}
	c.id = e->id;
	for (int i = 0; i < 5; i++) {
		c.f[i] = tep_find_field(e, names[i]);
		if (!c.f[i]) {
			fprintf(stderr, "tracedat: no field %s\n", names[i]);
			return 1;
		}
	}
	if (conv) {
		struct gt_header gh;
		int err;

		gt_header__init(&gh);
		gt_header__set_host(&gh, "bench/tracedat");
		gt_header__set(&gh, GT_TAG_CLOCK, "trace-cmd trace clock of the guest");
		gt_header__set(&gh, GT_TAG_ORIGIN, "converted");
		gt_header__set(&gh, GT_TAG_PROVENANCE,
			       "bench/tracedat convert of a trace.dat of gibbench:iam_restore");
		c.w = gt_writer__open(argv[3], &gh, NULL, &err);
		gt_header__release(&gh);
		if (!c.w)
			return 1;
	}
	if (tracecmd_iterate_events(h, NULL, 0, on_record, &c) < 0 || c.err) {
		fprintf(stderr, "tracedat: %s: iteration failed\n", argv[2]);
		return 1;
	}
	if (c.w && gt_writer__close(c.w))
		return 1;
	tracecmd_close(h);
	printf("events %llu checksum %llu other %llu\n", (unsigned long long)c.n,
	       (unsigned long long)c.sum, (unsigned long long)c.other);
	return 0;
}
