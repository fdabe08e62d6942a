#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

const char *const gt_metric_names[GT_M_NR] = {
	[GT_M_POSTS] = "posts",
	[GT_M_DELIVERED] = "delivered",
	[GT_M_DELIVERIES] = "deliveries",
	[GT_M_COALESCED] = "coalesced",
	[GT_M_GAL_IRQS] = "gal_irqs",
	[GT_M_GAL_PASSES] = "gal_passes",
	[GT_M_KICKER_TICKS] = "kicker_ticks",
	[GT_M_KICKS] = "kicks",
	[GT_M_WAKEUPS] = "wakeups",
	[GT_M_SPURIOUS] = "spurious_wakeups",
	[GT_M_RESTORES] = "iam_restores",
	[GT_M_ALERTS] = "alerts",
	[GT_M_DROPPED] = "dropped",
};

/* post times of one (vm, isc), oldest first */
struct gt_post_fifo {
	uint64_t *t;
	size_t head, n, cap;
};

void gt_metrics__init(struct gt_metrics *m)
{
	memset(m, 0, sizeof(*m));
	gt_hist__init(&m->lat);
}

void gt_metrics__release(struct gt_metrics *m)
{
	for (size_t i = 0; i < m->nfifo; i++)
		free(m->fifo[i].t);
	free(m->fifo);
	m->fifo = NULL;
	m->nfifo = 0;
}

static struct gt_post_fifo *fifo_of(struct gt_metrics *m, uint16_t vm, uint8_t isc)
{
	size_t i = (size_t)vm * 8 + (isc & 7);

	if (i >= m->nfifo) {
		size_t n = i + 1 > 2 * m->nfifo ? i + 1 : 2 * m->nfifo;
		struct gt_post_fifo *f = realloc(m->fifo, n * sizeof(*f));

		if (!f)
			return NULL;
		memset(f + m->nfifo, 0, (n - m->nfifo) * sizeof(*f));
		m->fifo = f;
		m->nfifo = n;
	}
	return &m->fifo[i];
}

static int fifo_push(struct gt_post_fifo *f, uint64_t t)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		uint64_t *n = malloc(cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		for (size_t i = 0; i < f->n; i++)
			n[i] = f->t[(f->head + i) % f->cap];
		free(f->t);
		f->t = n;
		f->head = 0;
		f->cap = cap;
	}
	f->t[(f->head + f->n++) % f->cap] = t;
	return 0;
}

int gt_metrics__add(struct gt_metrics *m, const struct gt_event *ev)
{
	struct gt_post_fifo *f;

	if (!m->events++)
		m->first_ts = ev->ts;
	if (ev->ts > m->last_ts)
		m->last_ts = ev->ts;
	switch (ev->type) {
	case GIB_EV_airq_post:
		m->n[GT_M_POSTS]++;
		if (ev->old & (0x80 >> (ev->isc & 7)))
			m->n[GT_M_COALESCED]++;
		f = fifo_of(m, ev->vm, ev->isc);
		if (!f || fifo_push(f, ev->ts))
			return -ENOMEM;
		break;
	case GIB_EV_airq_deliver:
		m->n[GT_M_DELIVERIES]++;
		f = fifo_of(m, ev->vm, ev->isc);
		if (!f)
			return -ENOMEM;
		for (uint64_t k = 0; k < ev->arg && f->n; k++) {
			gt_hist__add(&m->lat, ev->ts - f->t[f->head]);
			f->head = (f->head + 1) % f->cap;
			f->n--;
			m->n[GT_M_DELIVERED]++;
		}
		break;
	case GIB_EV_gal_irq:
		m->n[GT_M_GAL_IRQS]++;
		break;
	case GIB_EV_gal_process:
		m->n[GT_M_GAL_PASSES]++;
		break;
	case GIB_EV_kick_timer:
		m->n[GT_M_KICKER_TICKS]++;
		break;
	case GIB_EV_vcpu_kick:
		m->n[GT_M_KICKS]++;
		break;
	case GIB_EV_vcpu_wakeup:
		m->n[GT_M_WAKEUPS]++;
		if (ev->arg & 4)
			m->n[GT_M_SPURIOUS]++;
		break;
	case GIB_EV_iam_restore:
		m->n[GT_M_RESTORES]++;
		break;
	case GIB_EV_gisa_alert:
		m->n[GT_M_ALERTS]++;
		break;
	case GIB_EV_drop:
		m->n[GT_M_DROPPED] += ev->arg;
		break;
	default:
		break;
	}
	return 0;
}

double gt_metrics__seconds(const struct gt_metrics *m)
{
	return m->events ? (double)(m->last_ts - m->first_ts) / 1e9 : 0;
}

double gt_metrics__per_s(const struct gt_metrics *m, enum gt_metric k)
{
	double s = gt_metrics__seconds(m);

	return s > 0 ? (double)m->n[k] / s : 0;
}

uint64_t gt_metrics__pending(const struct gt_metrics *m)
{
	uint64_t n = 0;

	for (size_t i = 0; i < m->nfifo; i++)
		n += m->fifo[i].n;
	return n;
}
