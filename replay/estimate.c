/*
 * Estimating the replay engine's costs from a trace: each cost is the
 * median of a delay between two events the trace holds.
 *
 *   gal_delay     gisa_alert that found the list NULL (a GAL was raised) -> next gal_irq
 *   wake_sleep    vcpu_kick -> that vcpu's next vcpu_wakeup that slept
 *   wake_poll     the last airq_post or kick of the VM -> a vcpu_wakeup that polled
 *   reenter       vcpu_wait that found work (runnable) -> that vcpu's sie_enter
 *   work_default  guest_work durations
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "hist.h"

#define EST_VCPUS 256

struct est_vm {
	uint64_t kick[EST_VCPUS]; /* +1, 0: none pending */
	uint64_t runnable[EST_VCPUS];
	uint64_t last_poke; /* +1: the last post or kick of the VM */
};

int rp_estimate__costs(const char *path, struct rp_estimate *est)
{
	struct gt_hist *h = calloc(5, sizeof(*h));
	struct est_vm *vm = calloc(GIB_MAX_VMS, sizeof(*vm));
	uint64_t alert = 0;
	struct gt_reader *r;
	struct gt_event ev;
	uint64_t *c[5];
	int err = 0, rc;

	if (!h || !vm) {
		free(h);
		free(vm);
		return -ENOMEM;
	}
	for (int i = 0; i < 5; i++)
		gt_hist__init(&h[i]);
	r = gt_reader__open(path, &err);
	while (r && (rc = gt_reader__next(r, &ev)) > 0) {
		struct est_vm *v = ev.vm < GIB_MAX_VMS ? &vm[ev.vm] : NULL;
		uint16_t cpu = ev.vcpu < EST_VCPUS ? ev.vcpu : 0;

		switch (ev.type) {
		case GIB_EV_gisa_alert:
			if (ev.arg == 0 && !alert)
				alert = ev.ts + 1;
			break;
		case GIB_EV_gal_irq:
			if (alert)
				gt_hist__add(&h[0], ev.ts - (alert - 1));
			alert = 0;
			break;
		case GIB_EV_airq_post:
			if (v)
				v->last_poke = ev.ts + 1;
			break;
		case GIB_EV_vcpu_kick:
			if (v) {
				/* the first kick since the vcpu last woke or waited wakes it */
				if (!v->kick[cpu])
					v->kick[cpu] = ev.ts + 1;
				v->last_poke = ev.ts + 1;
			}
			break;
		case GIB_EV_vcpu_wakeup:
			if (!v)
				break;
			/* a spurious wakeup (sleeps again) is a sleeping vcpu woken too */
			if ((ev.arg & 1) && v->kick[cpu])
				gt_hist__add(&h[2], ev.ts - (v->kick[cpu] - 1));
			else if (!(ev.arg & 1) && !(ev.arg & 4) && v->last_poke)
				gt_hist__add(&h[1], ev.ts - (v->last_poke - 1));
			v->kick[cpu] = 0;
			break;
		case GIB_EV_vcpu_wait:
			if (v) {
				v->kick[cpu] = 0;
				if (ev.arg == GIB_WAIT_RUNNABLE)
					v->runnable[cpu] = ev.ts + 1;
			}
			break;
		case GIB_EV_sie_enter:
			if (v && v->runnable[cpu])
				gt_hist__add(&h[3], ev.ts - (v->runnable[cpu] - 1));
			if (v)
				v->runnable[cpu] = 0;
			break;
		case GIB_EV_guest_work:
			gt_hist__add(&h[4], ev.val);
			break;
		}
	}
	est->costs = rp_costs_default;
	c[0] = &est->costs.gal_delay;
	c[1] = &est->costs.wake_poll;
	c[2] = &est->costs.wake_sleep;
	c[3] = &est->costs.reenter;
	c[4] = &est->costs.work_default;
	for (int i = 0; i < 5; i++) {
		est->samples[i] = h[i].count;
		if (h[i].count)
			*c[i] = gt_hist__quantile(&h[i], 0.5);
	}
	gt_reader__close(r);
	free(h);
	free(vm);
	return r ? 0 : err;
}
