/*
 * The text table of gibtrace compare (and gibtrace demo): a column per trace or policy,
 * a row per figure (analyze/compare.h), and for every column but the baseline the
 * difference with its bootstrap 95% interval, '~' when that holds 0.
 */
#ifndef GIBTRACE_COMPARE_TABLE_H
#define GIBTRACE_COMPARE_TABLE_H

#include <stdio.h>

#include "compare.h"

struct gt_cmp_col {
	char label[96];
	struct gt_metrics m;
	double f[GT_F_NR];
	struct gt_ci ci[GT_F_NR];
};

/* the table of c[0..n-1] against c[base], whose intervals came from `rounds` resamples */
void gt_cmp__print_table(FILE *fp, const struct gt_cmp_col *c, int n, int base, int rounds);

#endif
