/*
 * Tuning results: one line per configuration (a policy spec and its figures),
 * the Pareto front of p99 latency, host cost and halt-poll CPU, and the results file
 * that shards write and `gibtrace merge` combines. Figures are written with
 * 17 significant digits, so that reading a file gives back the same doubles:
 * a merged front equals the single-machine front bit for bit.
 */
#ifndef GIBTRACE_TUNE_H
#define GIBTRACE_TUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "compare.h"

struct gt_tune_result {
	size_t index; /* in the grid */
	char spec[256];
	double f[GT_F_NR];
	bool front;
};

/* the non-dominated results on (p99 latency, host cost, halt-poll CPU): front = true */
void gt_tune__front(struct gt_tune_result *r, size_t n);
/* sort by grid index */
void gt_tune__sort(struct gt_tune_result *r, size_t n);
/* a results file: a header line, then one line per result */
int gt_tune__write(FILE *fp, const char *trace, const struct gt_tune_result *r, size_t n);
int gt_tune__write_one(FILE *fp, const struct gt_tune_result *r);
/* append the results of path to *r (malloc'd); *trace gets the trace named, if any */
int gt_tune__read(const char *path, struct gt_tune_result **r, size_t *n, char *trace,
		  size_t trace_len);

#endif
