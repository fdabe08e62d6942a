/*
 * main.c - the runner of test-format:
 *
 *   test-format [GROUP...]          run the groups (all without one): roundtrip, merge,
 *                                   byteorder, golden, defects, crc32c
 *   test-format --write-golden DIR  write the golden files v1-le.gtr, v1-be.gtr,
 *                                   v1-raw.gtr and v1.txt into DIR (done once, checked in)
 *   test-format --write-seeds DIR   write fuzzer seed files into DIR
 *
 * Each case prints "ok - <name>" or its FAIL line. FT_SEED=N changes the seed of
 * the random cases (printed); FT_KEEP=1 keeps the temporary files; FT_VERBOSE=1
 * prints every library message of a failing case. Exits 1 if a case failed.
 */
#include <errno.h>
#include <stdlib.h>

#include "ft.h"

const char *ft_case = "";
unsigned int ft_failures;

static void hook(const char *m, void *ctx)
{
	(void)ctx;
	if (ft_msgs.n < MSGS_MAX)
		ft_msgs.m[ft_msgs.n] = strdup(m);
	ft_msgs.n++;
}

static const struct {
	const char *name;
	const struct ft_case *cases;
} groups[] = {
	{ "roundtrip", ft_roundtrip_cases }, { "merge", ft_merge_cases },
	{ "byteorder", ft_byteorder_cases }, { "golden", ft_golden_cases },
	{ "defects", ft_defects_cases },     { "crc32c", ft_crc32c_cases },
};

static int run_group(unsigned int g, uint64_t seed)
{
	unsigned int run = 0, failed = 0;

	printf("# group %s (seed %llu)\n", groups[g].name, (unsigned long long)seed);
	for (const struct ft_case *c = groups[g].cases; c->name; c++) {
		unsigned int before = ft_failures;
		int rc;

		ft_case = c->name;
		rnd_seed(seed + run);
		msgs_reset();
		rc = c->fn(c->arg);
		run++;
		if (!rc && ft_failures == before) {
			printf("ok - %s\n", c->name);
		} else {
			if (ft_failures == before)
				printf("FAIL - %s: returned %d\n", c->name, rc);
			failed++;
		}
		fflush(stdout);
	}
	msgs_reset();
	printf("# group %s: %u cases, %u failed\n", groups[g].name, run, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *s = getenv("FT_SEED");
	uint64_t seed = s ? strtoull(s, NULL, 0) : 20240601;
	int rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	types_init();
	gt_set_error_hook(hook, NULL);
	if (argc == 3 && !strcmp(argv[1], "--write-golden")) {
		rc = golden_write(argv[2]);
		tmpdir_remove();
		return rc ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--write-seeds")) {
		rc = write_seeds(argv[2]);
		tmpdir_remove();
		return rc ? 1 : 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];
		unsigned int g;

		if (!strncmp(name, "format-", 7))
			name += 7;
		for (g = 0; g < ARRAY_SIZE(groups); g++)
			if (!strcmp(groups[g].name, name))
				break;
		if (g == ARRAY_SIZE(groups)) {
			fprintf(stderr, "test-format: no group '%s'\n", argv[i]);
			tmpdir_remove();
			return 2;
		}
		rc |= run_group(g, seed);
	}
	if (argc == 1)
		for (unsigned int g = 0; g < ARRAY_SIZE(groups); g++)
			rc |= run_group(g, seed);
	tmpdir_remove();
	return rc;
}
