/*
 * gibko-fuzz [COUNT] [SEED]: COUNT (default 100000) random ioctls on /dev/gib: random
 * request numbers (mostly gib.ko's own, with random directions and sizes), random
 * size fields, random payloads and pointers, and now and then a valid call (a VM, a
 * GISC, a schedule, start and stop) so that the deeper paths run too. The file is
 * reopened (which destroys everything) every few thousand calls. Prints how many
 * ioctls it issued and how many succeeded; the kernel must survive all of them.
 * gibko-fuzz api: prints the API version and GIB_CHECK_EXTENSION of ids 0..8.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <uapi/gib.h>

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

static const unsigned long known[] = {
	GIB_GET_API_VERSION,
	GIB_CHECK_EXTENSION,
	GIB_CREATE_VM,
	GIB_DESTROY_VM,
	GIB_SET_MASKS,
	GIB_GISC_REGISTER,
	GIB_GISC_UNREGISTER,
	GIB_SET_POLICY,
	GIB_LOAD_SCHEDULE,
	GIB_START,
	GIB_STOP,
	GIB_GET_STATS,
	GIB_GET_PROVENANCE,
};

static const char *const policies[] = { "upstream",	 "v2-post-run",	 "v3-vm-idle",
					"v4-first-wait", "v5-clean-ipm", "nope" };

static unsigned char payload[8192];
static struct gib_sched_item items[256];

static uint32_t small(void)
{
	static const uint32_t edge[] = { 0, 1, 2, 7, 8, 63, 64, 65, 255, 256, 0xffffffffu };

	return below(4) ? below(4) : edge[below(sizeof(edge) / sizeof(edge[0]))];
}

static void random_payload(void)
{
	for (size_t i = 0; i < sizeof(payload); i += 8) {
		uint64_t r = rnd();

		memcpy(&payload[i], &r, 8);
	}
	/* a size field that is often plausible */
	uint32_t sizes[] = { 0, 4, 15, 16, 24, 88, 344, 568, 688, 4096, (uint32_t)rnd() };
	uint32_t sz = sizes[below(sizeof(sizes) / sizeof(sizes[0]))];

	memcpy(payload, &sz, 4);
	/* small ids, so that calls hit existing VMs and vcpus */
	for (int k = 1; k < 6; k++) {
		uint32_t v = small();

		if (below(2))
			memcpy(&payload[4 * k], &v, 4);
	}
}

static void random_items(uint32_t n)
{
	uint64_t ts = 0;

	for (uint32_t i = 0; i < n; i++) {
		struct gib_sched_item *it = &items[i];

		memset(it, 0, sizeof(*it));
		it->type = below(5);
		it->vm = (uint16_t)below(3);
		it->vcpu = (uint16_t)below(3);
		it->isc = (uint8_t)below(9);
		it->source = (uint8_t)below(3);
		ts += below(200000);
		it->ts = below(50) ? ts : rnd();
		it->val = below(20) ? below(20000) : rnd();
		if (!below(50))
			it->pad[below(6)] = 1;
	}
}

static long valid_call(int fd)
{
	switch (below(8)) {
	case 0: {
		struct gib_vm_args a = { .size = sizeof(a),
					 .vm = below(3),
					 .nr_vcpus = 1 + below(3) };

		return ioctl(fd, GIB_CREATE_VM, &a);
	}
	case 1: {
		struct gib_gisc g = { .size = sizeof(g), .vm = below(3), .isc = below(8) };

		return ioctl(fd, below(3) ? GIB_GISC_REGISTER : GIB_GISC_UNREGISTER, &g);
	}
	case 2: {
		struct gib_policy_args a = { .size = sizeof(a), .vm = below(3) };

		snprintf(a.name, sizeof(a.name), "%s", policies[below(6)]);
		if (below(2)) {
			a.nr_params = 1;
			snprintf(a.params[0].name, sizeof(a.params[0].name), "%s",
				 below(2) ? "period" : "halt_poll");
			a.params[0].value = below(2) ? 20000 : rnd();
		}
		return ioctl(fd, GIB_SET_POLICY, &a);
	}
	case 3: {
		uint32_t n = below(256);
		struct gib_schedule s = { .size = sizeof(s),
					  .item_size = sizeof(struct gib_sched_item),
					  .items = (uint64_t)(uintptr_t)items,
					  .nr_items = n };

		random_items(n);
		if (!below(20))
			s.items = rnd();
		if (!below(20))
			s.nr_items = rnd();
		snprintf(s.name, sizeof(s.name), "fuzz");
		return ioctl(fd, GIB_LOAD_SCHEDULE, &s);
	}
	case 4:
		return ioctl(fd, GIB_START, 0);
	case 5:
		return ioctl(fd, GIB_STOP, 0);
	case 6: {
		struct gib_masks m = { .size = sizeof(m),
				       .vm = below(3),
				       .vcpu = below(3),
				       .gcr6 = below(300),
				       .flags = below(5) };

		return ioctl(fd, GIB_SET_MASKS, &m);
	}
	default: {
		struct gib_stats st = { .size = sizeof(st), .vm = below(3) };

		return ioctl(fd, GIB_GET_STATS, &st);
	}
	}
}

int main(int argc, char **argv)
{
	unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	unsigned long i, ok = 0, reopen = 0;
	int fd;

	if (argc > 2)
		rnd_state = strtoull(argv[2], NULL, 0) | 1;
	fd = open("/dev/gib", O_RDWR);
	if (fd < 0) {
		perror("gibko-fuzz: /dev/gib");
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "api")) { /* gibko-fuzz api: the version, extensions */
		printf("api %d", ioctl(fd, GIB_GET_API_VERSION, 0));
		for (unsigned long cap = 0; cap <= 8; cap++)
			printf(" cap%lu=%d", cap, ioctl(fd, GIB_CHECK_EXTENSION, cap));
		printf("\n");
		close(fd);
		return 0;
	}
	for (i = 0; i < count; i++) {
		unsigned long req;
		void *arg = payload;
		long rc;

		if (i && i % 4096 == 0) {
			close(fd); /* destroys whatever was created, running or not */
			fd = open("/dev/gib", O_RDWR);
			if (fd < 0) {
				perror("gibko-fuzz: reopen /dev/gib");
				return 1;
			}
			reopen++;
		}
		switch (below(10)) {
		case 0: /* anything at all */
			req = (unsigned long)rnd() & 0xffffffffUL;
			break;
		case 1: /* gib.ko's type, any number, direction and size */
			req = _IOC(below(4), GIBIO, below(20), below(1024));
			break;
		case 2:
		case 3:
			rc = valid_call(fd);
			if (rc >= 0)
				ok++;
			continue;
		default: /* a known request with a random payload */
			req = known[below(sizeof(known) / sizeof(known[0]))];
			break;
		}
		random_payload();
		switch (below(12)) {
		case 0:
			arg = NULL;
			break;
		case 1:
			arg = (void *)(uintptr_t)rnd();
			break;
		case 2: /* the end of the buffer: a large size reads past it */
			arg = payload + sizeof(payload) - 16;
			break;
		default:
			break;
		}
		rc = ioctl(fd, req, arg);
		if (rc >= 0)
			ok++;
	}
	close(fd);
	printf("gibko-fuzz: %lu ioctls issued, %lu succeeded, %lu reopens\n", count, ok, reopen);
	return 0;
}
