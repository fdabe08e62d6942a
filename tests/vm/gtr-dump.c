/*
 * gtr-dump TRACE: every record of a trace file, one line each, in the
 * reader's order, for the vm-record-* tests to cut and compare:
 *
 *   ts cpu class type vm vcpu isc arg val
 *
 * class: exo, endo or meta (drop records: arg events lost from ts to val).
 */
#include <stdio.h>

#include <gibtrace/trace.h>

int main(int argc, char **argv)
{
	static const char *const cls[] = { "exo", "endo", "meta" };
	struct gt_reader *r;
	struct gt_event ev;
	int err = 0, n;

	if (argc != 2) {
		fprintf(stderr, "usage: gtr-dump TRACE\n");
		return 1;
	}
	r = gt_reader__open(argv[1], &err);
	if (!r)
		return 1;
	while ((n = gt_reader__next(r, &ev)) > 0) {
		const struct gt_event_type *t = gt_event_type(ev.type);

		printf("%llu %u %s %s %u %u %u %llu %llu\n", (unsigned long long)ev.ts, ev.cpu,
		       t && t->cls < 3 ? cls[t->cls] : "?", t && t->name ? t->name : "?", ev.vm,
		       ev.vcpu, ev.isc, (unsigned long long)ev.arg, (unsigned long long)ev.val);
	}
	gt_reader__close(r);
	return n < 0;
}
