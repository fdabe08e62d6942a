#include <string.h>

#include "hist.h"

void gt_hist__init(struct gt_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

unsigned int gt_hist__index(uint64_t v)
{
	unsigned int k;

	if (v < GT_HIST_SUB)
		return (unsigned int)v;
	k = 63u - (unsigned int)__builtin_clzll(v); /* 2^k <= v < 2^(k+1), k >= 6 */
	return (k - GT_HIST_SUB_BITS + 1) * GT_HIST_SUB +
	       (unsigned int)((v >> (k - GT_HIST_SUB_BITS)) & (GT_HIST_SUB - 1));
}

uint64_t gt_hist__lower(unsigned int idx)
{
	unsigned int k, sub;

	if (idx < GT_HIST_SUB)
		return idx;
	k = idx / GT_HIST_SUB + GT_HIST_SUB_BITS - 1;
	sub = idx % GT_HIST_SUB;
	return (1ULL << k) + ((uint64_t)sub << (k - GT_HIST_SUB_BITS));
}

uint64_t gt_hist__upper(unsigned int idx)
{
	if (idx < GT_HIST_SUB)
		return idx;
	return gt_hist__lower(idx) +
	       (1ULL << (idx / GT_HIST_SUB + GT_HIST_SUB_BITS - 1 - GT_HIST_SUB_BITS)) - 1;
}

void gt_hist__add(struct gt_hist *h, uint64_t v)
{
	h->bucket[gt_hist__index(v)]++;
	h->count++;
	h->sum += (double)v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

void gt_hist__merge(struct gt_hist *into, const struct gt_hist *from)
{
	for (unsigned int i = 0; i < GT_HIST_BUCKETS; i++)
		into->bucket[i] += from->bucket[i];
	into->count += from->count;
	into->sum += from->sum;
	if (from->min < into->min)
		into->min = from->min;
	if (from->max > into->max)
		into->max = from->max;
}

uint64_t gt_hist__quantile(const struct gt_hist *h, double q)
{
	uint64_t rank, seen = 0;

	if (!h->count)
		return 0;
	if (q >= 1.0)
		return h->max;
	rank = (uint64_t)(q * (double)h->count);
	if (rank >= h->count)
		rank = h->count - 1;
	for (unsigned int i = 0; i < GT_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen > rank) {
			uint64_t lo = gt_hist__lower(i), hi = gt_hist__upper(i),
				 mid = lo + (hi - lo) / 2;

			/* never outside what was seen */
			return mid < h->min ? h->min : mid > h->max ? h->max : mid;
		}
	}
	return h->max;
}
