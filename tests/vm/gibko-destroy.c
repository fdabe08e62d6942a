/*
 * gibko-destroy [COUNT] [SEED]: COUNT times (default 50): open /dev/gib, create four
 * VMs of two vcpus, register guest ISCs, set one of the five policies (in turn, with a
 * short kicker period), load a dense schedule of device posts (alerts, GAL
 * interruptions, kicker timers) with software injections and guest timers, start it,
 * and close the file after a random 0..15 ms, with alerts and kickers in flight: the
 * close must stop the sources and vcpus, unregister the GISCs and destroy every GISA
 * safely. Some rounds stop first, or destroy a VM by ioctl before the close.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <uapi/gib.h>

#define NR_VMS 4
#define NR_VCPUS 2
#define NR_ITEMS 4096

static const char *const policies[] = { "upstream", "v2-post-run", "v3-vm-idle", "v4-first-wait",
					"v5-clean-ipm" };
static struct gib_sched_item items[NR_ITEMS];
static uint64_t rnd_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static int must(int fd, unsigned long req, void *arg, const char *what, unsigned long round)
{
	int rc = ioctl(fd, req, arg);

	if (rc < 0) {
		fprintf(stderr, "gibko-destroy: round %lu: %s: ", round, what);
		perror(NULL);
		exit(1);
	}
	return rc;
}

static uint32_t build(void)
{
	uint32_t n = 0;
	uint64_t ts = 0;

	/* the enabled ISCs, then each vcpu's work, then the timed items */
	for (uint16_t vm = 0; vm < NR_VMS; vm++)
		for (uint16_t c = 0; c < NR_VCPUS; c++) {
			items[n++] = (struct gib_sched_item){
				.type = GIB_ITEM_WAIT, .vm = vm, .vcpu = c, .val = 0x12
			};
			for (int k = 0; k < 64; k++)
				items[n++] = (struct gib_sched_item){ .type = GIB_ITEM_WORK,
								      .vm = vm,
								      .vcpu = c,
								      .val = 2000 + rnd() % 8000 };
		}
	while (n < NR_ITEMS) {
		struct gib_sched_item *it = &items[n++];

		ts += rnd() % 12000; /* about 3600 posts in 20 ms */
		it->ts = ts;
		it->vm = (uint16_t)(rnd() % NR_VMS);
		it->vcpu = (uint16_t)(rnd() % NR_VCPUS);
		if (rnd() % 64 == 0) {
			it->type = GIB_ITEM_TIMER;
		} else {
			it->type = GIB_ITEM_POST;
			it->source = rnd() % 8 == 0; /* mostly device posts: the alert path */
			it->isc = it->source ? 3 : 6;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 50, r;
	uint64_t alerts = 0, ticks = 0, linked = 0, gal = 0, gal_irqs = 0;
	uint32_t n;

	if (argc > 2)
		rnd_state = strtoull(argv[2], NULL, 0) | 1;
	for (r = 0; r < count; r++) {
		int fd = open("/dev/gib", O_RDWR);
		struct timespec ts = { 0, (long)(rnd() % 15000000) };

		if (fd < 0) {
			perror("gibko-destroy: /dev/gib");
			return 1;
		}
		for (uint32_t vm = 0; vm < NR_VMS; vm++) {
			struct gib_vm_args a = { .size = sizeof(a),
						 .vm = vm,
						 .nr_vcpus = NR_VCPUS };
			struct gib_policy_args p = { .size = sizeof(p), .vm = vm };
			struct gib_gisc g = { .size = sizeof(g), .vm = vm, .isc = 6 };

			must(fd, GIB_CREATE_VM, &a, "GIB_CREATE_VM", r);
			snprintf(p.name, sizeof(p.name), "%s", policies[(r + vm) % 5]);
			if (!strcmp(p.name, "upstream")) {
				p.nr_params = 2;
				snprintf(p.params[0].name, sizeof(p.params[0].name), "period");
				p.params[0].value = 10000;
				snprintf(p.params[1].name, sizeof(p.params[1].name), "halt_poll");
				p.params[1].value = rnd() % 2 ? 0 : 20000;
			}
			must(fd, GIB_SET_POLICY, &p, "GIB_SET_POLICY", r);
			must(fd, GIB_GISC_REGISTER, &g, "GIB_GISC_REGISTER", r);
			if (vm % 2) { /* twice: refcounts to unwind at destroy */
				must(fd, GIB_GISC_REGISTER, &g, "GIB_GISC_REGISTER", r);
				g.isc = 3;
				must(fd, GIB_GISC_REGISTER, &g, "GIB_GISC_REGISTER", r);
			}
		}
		n = build();
		struct gib_schedule s = { .size = sizeof(s),
					  .item_size = sizeof(struct gib_sched_item),
					  .items = (uint64_t)(uintptr_t)items,
					  .nr_items = n };
		snprintf(s.name, sizeof(s.name), "destroy-%lu", r);
		must(fd, GIB_LOAD_SCHEDULE, &s, "GIB_LOAD_SCHEDULE", r);
		must(fd, GIB_START, NULL, "GIB_START", r);
		nanosleep(&ts, NULL);
		for (uint32_t vm = 0; vm < NR_VMS; vm++) {
			struct gib_stats st = { .size = sizeof(st), .vm = vm };

			must(fd, GIB_GET_STATS, &st, "GIB_GET_STATS", r);
			alerts += st.stat[6]; /* alerts: GISAs linked into the alert list */
			ticks += st.stat[9]; /* kicker_ticks */
			linked += st.linked;
			gal = st.gal_irqs;
		}
		gal_irqs += gal;
		if (r % 7 == 3) { /* stop, destroy one VM by ioctl, then close */
			struct gib_vm_args a = { .size = sizeof(a), .vm = (uint32_t)(r % NR_VMS) };

			must(fd, GIB_STOP, NULL, "GIB_STOP", r);
			must(fd, GIB_DESTROY_VM, &a, "GIB_DESTROY_VM", r);
		}
		close(fd); /* with alerts, GAL interruptions and kickers in flight */
	}
	printf("gibko-destroy: %lu rounds of close with alerts in flight; before the closes: "
	       "%llu alerts, %llu GAL interruptions, %llu kicker ticks, %llu GISAs linked\n",
	       count, (unsigned long long)alerts, (unsigned long long)gal_irqs,
	       (unsigned long long)ticks, (unsigned long long)linked);
	return 0;
}
