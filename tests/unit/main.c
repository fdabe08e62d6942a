/*
 * main.c - the unit-test runner: test-core [--list] [GROUP...]
 *
 * Runs every case of the named groups (all groups without one) and prints
 * "ok - <name>" or the FAIL line(s) of each. Exits 1 if a case failed, 2 on a bad
 * argument.
 */
#include <stdio.h>
#include <string.h>

#include "test-list.h"

const char *check_case = "";
unsigned int check_failures;
int check_step = -1;

struct test_group {
	const char *name;
	const struct test_case *cases;
};

static const struct test_group groups[] = {
#define TEST_GROUP_ENTRY(name, table) { name, table },
	TEST_GROUPS(TEST_GROUP_ENTRY)
#undef TEST_GROUP_ENTRY
};

static int run_one(const char *name, int (*fn)(const void *row), const void *row,
		   unsigned int *nr_run)
{
	unsigned int before = check_failures;
	int rc;

	check_case = name;
	check_step = -1;
	rc = fn(row);
	(*nr_run)++;
	if (!rc && check_failures == before) {
		printf("ok - %s\n", name);
		return 0;
	}
	if (check_failures == before)
		printf("FAIL - %s: returned %d\n", name, rc);
	fflush(stdout);
	return 1;
}

static int run_group(const struct test_group *g)
{
	unsigned int nr_run = 0, nr_failed = 0;
	const struct test_case *c;
	size_t i;

	printf("# group %s\n", g->name);
	for (c = g->cases; c->fn; c++) {
		if (!c->rows) {
			nr_failed += run_one(c->name, c->fn, NULL, &nr_run);
			continue;
		}
		for (i = 0; i < c->nr_rows; i++) {
			const char *row = (const char *)c->rows + i * c->row_size;

			nr_failed += run_one(*(const char *const *)row, c->fn, row, &nr_run);
		}
	}
	printf("# group %s: %u cases, %u failed\n", g->name, nr_run, nr_failed);
	return nr_failed ? 1 : 0;
}

static const struct test_group *find_group(const char *name)
{
	size_t i;

	if (!strncmp(name, "core-", 5))
		name += 5;
	for (i = 0; i < ARRAY_SIZE(groups); i++)
		if (!strcmp(groups[i].name, name))
			return &groups[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct test_group *g;
	int i, status = 0;
	size_t j;

	/* FAIL lines and the core's warnings on stderr stay in order */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "--list")) {
		for (j = 0; j < ARRAY_SIZE(groups); j++)
			printf("%s\n", groups[j].name);
		return 0;
	}
	if (argc < 2) {
		for (j = 0; j < ARRAY_SIZE(groups); j++)
			status |= run_group(&groups[j]);
		return status;
	}
	for (i = 1; i < argc; i++) {
		g = find_group(argv[i]);
		if (!g) {
			fprintf(stderr, "test-core: unknown group '%s' (--list lists them)\n",
				argv[i]);
			return 2;
		}
		status |= run_group(g);
	}
	return status;
}
