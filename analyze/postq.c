#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "postq.h"

struct gt_postq_fifo {
	uint64_t *v;
	size_t head, n, cap;
};

static struct gt_postq_fifo *postq_fifo(struct gt_postq *q, uint16_t vm, uint8_t isc, bool grow)
{
	size_t i = (size_t)vm * 8 + (isc & 7);

	if (i >= q->n) {
		size_t n = i + 1 > 2 * q->n ? i + 1 : 2 * q->n;
		struct gt_postq_fifo *f;

		if (!grow)
			return NULL;
		f = realloc(q->f, n * sizeof(*f));
		if (!f)
			return NULL;
		memset(f + q->n, 0, (n - q->n) * sizeof(*f));
		q->f = f;
		q->n = n;
	}
	return &q->f[i];
}

int gt_postq__push(struct gt_postq *q, uint16_t vm, uint8_t isc, uint64_t v)
{
	struct gt_postq_fifo *f = postq_fifo(q, vm, isc, true);

	if (!f)
		return -ENOMEM;
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		uint64_t *n = malloc(cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		for (size_t i = 0; i < f->n; i++)
			n[i] = f->v[(f->head + i) % f->cap];
		free(f->v);
		f->v = n;
		f->head = 0;
		f->cap = cap;
	}
	f->v[(f->head + f->n++) % f->cap] = v;
	return 0;
}

int gt_postq__pop(struct gt_postq *q, uint16_t vm, uint8_t isc, uint64_t *v)
{
	struct gt_postq_fifo *f = postq_fifo(q, vm, isc, false);

	if (!f || !f->n)
		return 0;
	*v = f->v[f->head];
	f->head = (f->head + 1) % f->cap;
	f->n--;
	return 1;
}

void gt_postq__release(struct gt_postq *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->f[i].v);
	free(q->f);
	q->f = NULL;
	q->n = 0;
}

uint64_t gt_postq__pending(const struct gt_postq *q)
{
	uint64_t n = 0;

	for (size_t i = 0; i < q->n; i++)
		n += q->f[i].n;
	return n;
}
