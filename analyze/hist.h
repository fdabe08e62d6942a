/*
 * A log-linear histogram of nanosecond latencies that merges exactly: values
 * below 64 have a bucket each; above, every power of two is cut into 64
 * buckets, so a bucket's midpoint is within 1/128 of any value in it. Two
 * histograms merge by adding their buckets: one file's histogram equals the
 * merge of its shards', bit for bit.
 */
#ifndef GIBTRACE_HIST_H
#define GIBTRACE_HIST_H

#include <stdint.h>

#define GT_HIST_SUB_BITS 6
#define GT_HIST_SUB (1u << GT_HIST_SUB_BITS)
#define GT_HIST_BUCKETS ((64 - GT_HIST_SUB_BITS + 1) * GT_HIST_SUB)
/* the worst relative error of a reported percentile */
#define GT_HIST_REL_ERROR (1.0 / (2 * GT_HIST_SUB))

struct gt_hist {
	uint64_t count;
	uint64_t min, max;
	double sum;
	uint64_t bucket[GT_HIST_BUCKETS];
};

void gt_hist__init(struct gt_hist *h);
void gt_hist__add(struct gt_hist *h, uint64_t v);
void gt_hist__merge(struct gt_hist *into, const struct gt_hist *from);
/* the value at quantile q (0..1): the midpoint of its bucket, exact below 64 */
uint64_t gt_hist__quantile(const struct gt_hist *h, double q);
unsigned int gt_hist__index(uint64_t v);
uint64_t gt_hist__lower(unsigned int idx);
uint64_t gt_hist__upper(unsigned int idx);

#endif
