/*
 * gtr-exo TRACE: the part of a recording that its schedule fixes, whatever
 * the machine and its timing: the VMs, vcpus and ISC registrations, the
 * posts and the guest timers, one line each in the trace's order:
 *
 *   ts type vm vcpu isc mask arg
 *
 * (airq_post: arg is the source; its old IPM is the host's state, left out).
 * Guest work and waits are exogenous too, but the guest's timing decides
 * their number: not printed. The s390x-record tests compare this between an
 * s390x and an x86 recording of one schedule.
 */
#include <stdio.h>

#include <gibtrace/trace.h>

static int fixed_by_schedule(unsigned int type)
{
	switch (type) {
	case GIB_EV_vm_create:
	case GIB_EV_vm_destroy:
	case GIB_EV_vcpu_create:
	case GIB_EV_vcpu_destroy:
	case GIB_EV_gisc_register:
	case GIB_EV_gisc_unregister:
	case GIB_EV_airq_post:
	case GIB_EV_guest_timer:
		return 1;
	default:
		return 0;
	}
}

int main(int argc, char **argv)
{
	struct gt_reader *r;
	struct gt_event ev;
	int err = 0, n;

	if (argc != 2) {
		fprintf(stderr, "usage: gtr-exo TRACE\n");
		return 1;
	}
	r = gt_reader__open(argv[1], &err);
	if (!r)
		return 1;
	while ((n = gt_reader__next(r, &ev)) > 0) {
		if (!fixed_by_schedule(ev.type))
			continue;
		printf("%llu %s %u %u %u %u %llu\n", (unsigned long long)ev.ts,
		       gt_event_type(ev.type)->name, ev.vm, ev.vcpu, ev.isc, ev.mask,
		       (unsigned long long)ev.arg);
	}
	gt_reader__close(r);
	return n < 0;
}
