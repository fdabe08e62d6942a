/*
 * test-list.h - every group of the unit-test runner test-core
 *
 * A group is one ctest test, core-<name> (tests/unit/CMakeLists.txt), and one
 * table of cases in test-<name>.c. A new group: its table here, its line in
 * TEST_GROUPS and its name in CMakeLists.txt.
 */
#ifndef GIB_TESTS_UNIT_TEST_LIST_H
#define GIB_TESTS_UNIT_TEST_LIST_H

#include "check.h"

#define TEST_GROUPS(X)                                                                             \
	X("word0", word0_cases)                                                                    \
	X("iam", iam_cases)                                                                        \
	X("alert-list", alert_list_cases)                                                          \
	X("gisc", gisc_cases)                                                                      \
	X("destroy", destroy_cases)                                                                \
	X("kicker", kicker_cases)                                                                  \
	X("wait", wait_cases)                                                                      \
	X("machine", machine_cases)                                                                \
	X("deliver", deliver_cases)                                                                \
	X("policies", policies_cases)                                                              \
	X("fixes-2021", fixes_2021_cases)

#define TEST_GROUP_DECL(name, table) extern const struct test_case table[];
TEST_GROUPS(TEST_GROUP_DECL)
#undef TEST_GROUP_DECL

#endif /* GIB_TESTS_UNIT_TEST_LIST_H */
