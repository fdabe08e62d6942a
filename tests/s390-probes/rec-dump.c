/*
 * rec-dump TRACE: a recording's header (origin, byte order) and every record
 * with all its fields, one line each, in the reader's order, for t-record.sh:
 *
 *   # origin ORIGIN byte-order big|little
 *   type vm vcpu isc mask old new arg val
 */
#include <stdio.h>

#include <gibtrace/trace.h>

int main(int argc, char **argv)
{
	const struct gt_header *h;
	struct gt_reader *r;
	struct gt_event ev;
	int err = 0, n;

	if (argc != 2) {
		fprintf(stderr, "usage: rec-dump TRACE\n");
		return 1;
	}
	r = gt_reader__open(argv[1], &err);
	if (!r)
		return 1;
	h = gt_reader__header(r);
	printf("# origin %s byte-order %s\n", gt_header__get(h, GT_TAG_ORIGIN) ?: "-",
	       h->big_endian ? "big" : "little");
	while ((n = gt_reader__next(r, &ev)) > 0)
		printf("%s %u %u %u 0x%02x 0x%02x 0x%02x %llu %llu\n", gt_event_type(ev.type)->name,
		       ev.vm, ev.vcpu, ev.isc, ev.mask, ev.old, ev.new, (unsigned long long)ev.arg,
		       (unsigned long long)ev.val);
	gt_reader__close(r);
	return n < 0 ? 1 : 0;
}
