/*
 * check.h - assertions for the unit tests of the interrupt core
 *
 * A case is a function returning 0 on success. An ASSERT_* that fails prints
 * "FAIL - <case>: file:line: expected <expr> == <value>, got <value>" with both
 * values and returns 1 from the case. Cases are listed in tables of
 * struct test_case, one table per group (test-list.h); a table row is either one
 * case or a table of data rows, each row starting with its name.
 */
#ifndef GIB_TESTS_UNIT_CHECK_H
#define GIB_TESTS_UNIT_CHECK_H

#include <stddef.h>
#include <stdio.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* the name of the case being run, for the FAIL line */
extern const char *check_case;
/* FAIL lines printed so far */
extern unsigned int check_failures;
/* the step of a scripted case, or -1: a FAIL line then says "step N: " */
extern int check_step;

#define CHECK_FAIL_(fmt, ...)                                                                      \
	do {                                                                                       \
		check_failures++;                                                                  \
		printf("FAIL - %s: %s:%d: ", check_case, __FILE__, __LINE__);                      \
		if (check_step >= 0)                                                               \
			printf("step %d: ", check_step);                                           \
		printf(fmt "\n", __VA_ARGS__);                                                     \
		fflush(stdout);                                                                    \
	} while (0)

/* signed comparison: return codes, counts, enums */
#define ASSERT_EQ(got, expected)                                                                   \
	do {                                                                                       \
		long long got_ = (long long)(got);                                                 \
		long long exp_ = (long long)(expected);                                            \
		if (got_ != exp_) {                                                                \
			CHECK_FAIL_("expected %s == %lld, got %lld", #got, exp_, got_);            \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_NE(got, unexpected)                                                                 \
	do {                                                                                       \
		long long got_ = (long long)(got);                                                 \
		long long nexp_ = (long long)(unexpected);                                         \
		if (got_ == nexp_) {                                                               \
			CHECK_FAIL_("expected %s != %lld, got %lld", #got, nexp_, got_);           \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

/* unsigned comparison printed in hex: GISA words, masks, addresses */
#define ASSERT_EQ_HEX(got, expected)                                                               \
	do {                                                                                       \
		unsigned long long got_ = (unsigned long long)(got);                               \
		unsigned long long exp_ = (unsigned long long)(expected);                          \
		if (got_ != exp_) {                                                                \
			CHECK_FAIL_("expected %s == 0x%llx, got 0x%llx", #got, exp_, got_);        \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_TRUE(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			CHECK_FAIL_("expected %s, got false", #cond);                              \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_FALSE(cond)                                                                         \
	do {                                                                                       \
		if (cond) {                                                                        \
			CHECK_FAIL_("expected !(%s), got true", #cond);                            \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

#define ASSERT_NOT_NULL(p)                                                                         \
	do {                                                                                       \
		if (!(p)) {                                                                        \
			CHECK_FAIL_("expected %s != NULL, got NULL", #p);                          \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

/* run a helper returning a case status; propagate its failure */
#define CHECK_CALL(expr)                                                                           \
	do {                                                                                       \
		if (expr)                                                                          \
			return 1;                                                                  \
	} while (0)

/*
 * One line of a group's table: a case (name, fn, no rows: fn(NULL)) or a table of
 * data rows (name NULL, rows: fn(row) for each, the row's first member is its name).
 * A name says which upstream behaviour it checks, e.g.
 * "interrupt.c gisa_set_iam: -EBUSY while linked".
 */
struct test_case {
	const char *name;
	int (*fn)(const void *row);
	const void *rows;
	size_t nr_rows;
	size_t row_size;
};

#define TEST_CASE(name, fn)                                                                        \
	{                                                                                          \
		(name), (fn), NULL, 0, 0                                                           \
	}
#define TEST_TABLE(fn, rows)                                                                       \
	{                                                                                          \
		NULL, (fn), (rows), ARRAY_SIZE(rows), sizeof((rows)[0])                            \
	}
#define TEST_END                                                                                   \
	{                                                                                          \
		NULL, NULL, NULL, 0, 0                                                             \
	}

#endif /* GIB_TESTS_UNIT_CHECK_H */
