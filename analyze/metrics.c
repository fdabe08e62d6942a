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
	[GT_M_POLL_NS] = "halt_poll_ns",
};

void gt_metrics__init(struct gt_metrics *m)
{
	memset(m, 0, sizeof(*m));
	gt_hist__init(&m->lat);
}

void gt_metrics__init_detail(struct gt_metrics *m)
{
	gt_metrics__init(m);
	m->detail = true;
	m->win_ns = GT_WINDOW_MIN_NS;
}

static void breakdown_release(struct gt_breakdown *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->s[i]);
	free(b->s);
	b->s = NULL;
	b->n = 0;
}

void gt_metrics__set_halt_poll(struct gt_metrics *m, uint64_t ns)
{
	m->halt_poll_ns = ns;
}

void gt_metrics__release(struct gt_metrics *m)
{
	free(m->halts.key);
	free(m->halts.start);
	m->halts = (struct gt_halts){ 0 };
	gt_postq__release(&m->posts);
	breakdown_release(&m->by_vm);
	breakdown_release(&m->by_isc);
	breakdown_release(&m->by_vcpu);
	breakdown_release(&m->by_src);
	for (int w = 0; w < GT_WINDOWS_MAX; w++) {
		free(m->win[w]);
		m->win[w] = NULL;
	}
}

static struct gt_slice *slice_new(void)
{
	struct gt_slice *s = calloc(1, sizeof(*s));

	if (s)
		gt_hist__init(&s->lat);
	return s;
}

struct gt_slice *gt_breakdown__get(struct gt_breakdown *b, size_t key)
{
	if (key >= b->n) {
		size_t n = key + 1 > 2 * b->n ? key + 1 : 2 * b->n;
		struct gt_slice **s = realloc(b->s, n * sizeof(*s));

		if (!s)
			return NULL;
		memset(s + b->n, 0, (n - b->n) * sizeof(*s));
		b->s = s;
		b->n = n;
	}
	if (!b->s[key])
		b->s[key] = slice_new();
	return b->s[key];
}

static void slice_merge(struct gt_slice *into, const struct gt_slice *from)
{
	gt_hist__merge(&into->lat, &from->lat);
	for (int k = 0; k < GT_M_NR; k++)
		into->n[k] += from->n[k];
}

/* the window of time ts, merging neighbours while it lies past the last one */
static struct gt_slice *window_of(struct gt_metrics *m, uint64_t ts)
{
	uint64_t w, t = ts > m->first_ts ? ts - m->first_ts : 0;

	while ((w = t / m->win_ns) >= GT_WINDOWS_MAX) {
		for (int i = 0; i < GT_WINDOWS_MAX / 2; i++) {
			struct gt_slice *a = m->win[2 * i], *b = m->win[2 * i + 1];

			if (a && b) {
				slice_merge(a, b);
				free(b);
			} else if (!a) {
				a = b;
			}
			m->win[2 * i] = m->win[2 * i + 1] = NULL;
			m->win[i] = a;
		}
		m->win_ns *= 2;
	}
	if (!m->win[w])
		m->win[w] = slice_new();
	return m->win[w];
}

/* add v to k in the event's slices */
static void add_detail(struct gt_metrics *m, const struct gt_event *ev, enum gt_metric k,
		       uint64_t v)
{
	const struct gt_event_type *t;
	struct gt_slice *s;

	if (!m->detail) /* first: a replay's summary keeps no detail, and this runs per event */
		return;
	t = gt_event_type(ev->type);
	if ((s = window_of(m, ev->ts)))
		s->n[k] += v;
	if ((t->fields & GIB_F_VM) && (s = gt_breakdown__get(&m->by_vm, ev->vm)))
		s->n[k] += v;
	if ((t->fields & GIB_F_ISC) && (s = gt_breakdown__get(&m->by_isc, ev->isc & 7)))
		s->n[k] += v;
	if ((t->fields & GIB_F_VCPU) &&
	    (s = gt_breakdown__get(&m->by_vcpu, (size_t)ev->vm << 16 | ev->vcpu)))
		s->n[k] += v;
	if (ev->type == GIB_EV_airq_post && (s = gt_breakdown__get(&m->by_src, ev->arg & 1)))
		s->n[k] += v;
}

/* count k for the event's slices */
static inline void count_detail(struct gt_metrics *m, const struct gt_event *ev, enum gt_metric k)
{
	if (m->detail)
		add_detail(m, ev, k, 1);
}

/* the slot of vcpu key (vm << 16 | vcpu) in h, made when new; NULL without memory */
static uint64_t *halt_of(struct gt_halts *h, uint64_t key)
{
	size_t i;

	if (2 * (h->n + 1) > h->cap) { /* at most half full */
		struct gt_halts g = { .cap = h->cap ? 2 * h->cap : 64 };

		g.key = calloc(g.cap, sizeof(*g.key));
		g.start = malloc(g.cap * sizeof(*g.start));
		if (!g.key || !g.start) {
			free(g.key);
			free(g.start);
			return NULL;
		}
		for (size_t j = 0; j < h->cap; j++) {
			if (!h->key[j])
				continue;
			for (i = (h->key[j] * 0x9e3779b97f4a7c15ULL) >> 40 & (g.cap - 1); g.key[i];
			     i = (i + 1) & (g.cap - 1))
				;
			g.key[i] = h->key[j];
			g.start[i] = h->start[j];
		}
		g.n = h->n;
		free(h->key);
		free(h->start);
		*h = g;
	}
	for (i = ((key + 1) * 0x9e3779b97f4a7c15ULL) >> 40 & (h->cap - 1); h->key[i];
	     i = (i + 1) & (h->cap - 1))
		if (h->key[i] == key + 1)
			return &h->start[i];
	h->key[i] = key + 1;
	h->start[i] = UINT64_MAX;
	h->n++;
	return &h->start[i];
}

/*
 * The halt begun at *start ends at ev: it polled all along (polled), or for the
 * halt-poll window at most.
 */
static void halt_end(struct gt_metrics *m, const struct gt_event *ev, uint64_t *start, bool polled)
{
	uint64_t d = ev->ts > *start ? ev->ts - *start : 0;

	if (*start == UINT64_MAX)
		return;
	*start = UINT64_MAX;
	if (!polled && d > m->halt_poll_ns)
		d = m->halt_poll_ns;
	m->n[GT_M_POLL_NS] += d;
	add_detail(m, ev, GT_M_POLL_NS, d);
}

/* the halt-poll side of the vcpu life-cycle and wait events */
static int halt_event(struct gt_metrics *m, const struct gt_event *ev)
{
	uint64_t *start;

	if (ev->type == GIB_EV_vm_destroy) {
		for (size_t i = 0; i < m->halts.cap; i++)
			if (m->halts.key[i] && (m->halts.key[i] - 1) >> 16 == ev->vm)
				halt_end(m, ev, &m->halts.start[i], false);
		return 0;
	}
	start = halt_of(&m->halts, (uint64_t)ev->vm << 16 | ev->vcpu);
	if (!start)
		return -ENOMEM;
	switch (ev->type) {
	case GIB_EV_vcpu_wait: /* an enabled wait halts; a new one ends one left open */
		halt_end(m, ev, start, false);
		if (ev->arg == 0)
			*start = ev->ts;
		break;
	case GIB_EV_vcpu_wakeup: /* a spurious wakeup sleeps again */
		if (!(ev->arg & 4))
			halt_end(m, ev, start, !(ev->arg & 1));
		break;
	default: /* sie_enter or vcpu_destroy: a halt whose wakeup the trace lacks */
		halt_end(m, ev, start, false);
		break;
	}
	return 0;
}

/* one delivered post: its latency, in every slice it belongs to */
static void latency_detail(struct gt_metrics *m, const struct gt_event *ev, uint64_t lat,
			   unsigned int src)
{
	struct gt_slice *s;

	if (!m->detail)
		return;
	if ((s = window_of(m, ev->ts)))
		gt_hist__add(&s->lat, lat);
	if ((s = gt_breakdown__get(&m->by_vm, ev->vm)))
		gt_hist__add(&s->lat, lat);
	if ((s = gt_breakdown__get(&m->by_isc, ev->isc & 7)))
		gt_hist__add(&s->lat, lat);
	if ((s = gt_breakdown__get(&m->by_vcpu, (size_t)ev->vm << 16 | ev->vcpu)))
		gt_hist__add(&s->lat, lat);
	if ((s = gt_breakdown__get(&m->by_src, src))) {
		gt_hist__add(&s->lat, lat);
		s->n[GT_M_DELIVERED]++; /* the delivery itself has no source kind */
	}
}

int gt_metrics__add(struct gt_metrics *m, const struct gt_event *ev)
{
	uint64_t post;

	if (!m->events++)
		m->first_ts = ev->ts;
	if (ev->ts > m->last_ts)
		m->last_ts = ev->ts;
	switch (ev->type) {
	case GIB_EV_airq_post:
		m->n[GT_M_POSTS]++;
		count_detail(m, ev, GT_M_POSTS);
		if (ev->old & (0x80 >> (ev->isc & 7))) {
			m->n[GT_M_COALESCED]++;
			count_detail(m, ev, GT_M_COALESCED);
		}
		if (gt_postq__push(&m->posts, ev->vm, ev->isc, ev->ts << 1 | (ev->arg & 1)))
			return -ENOMEM;
		break;
	case GIB_EV_airq_deliver:
		m->n[GT_M_DELIVERIES]++;
		count_detail(m, ev, GT_M_DELIVERIES);
		for (uint64_t k = 0;
		     k < ev->arg && gt_postq__pop(&m->posts, ev->vm, ev->isc, &post); k++) {
			uint64_t lat = ev->ts - (post >> 1);

			gt_hist__add(&m->lat, lat);
			latency_detail(m, ev, lat, post & 1);
			m->n[GT_M_DELIVERED]++;
			count_detail(m, ev, GT_M_DELIVERED);
		}
		break;
	case GIB_EV_gal_irq:
		m->n[GT_M_GAL_IRQS]++;
		count_detail(m, ev, GT_M_GAL_IRQS);
		break;
	case GIB_EV_gal_process:
		m->n[GT_M_GAL_PASSES]++;
		count_detail(m, ev, GT_M_GAL_PASSES);
		break;
	case GIB_EV_kick_timer:
		m->n[GT_M_KICKER_TICKS]++;
		count_detail(m, ev, GT_M_KICKER_TICKS);
		break;
	case GIB_EV_vcpu_kick:
		m->n[GT_M_KICKS]++;
		count_detail(m, ev, GT_M_KICKS);
		break;
	case GIB_EV_vcpu_wakeup:
		m->n[GT_M_WAKEUPS]++;
		count_detail(m, ev, GT_M_WAKEUPS);
		if (ev->arg & 4) {
			m->n[GT_M_SPURIOUS]++;
			count_detail(m, ev, GT_M_SPURIOUS);
		}
		return halt_event(m, ev);
	case GIB_EV_vcpu_wait:
	case GIB_EV_sie_enter:
	case GIB_EV_vcpu_destroy:
	case GIB_EV_vm_destroy:
		return halt_event(m, ev);
	case GIB_EV_iam_restore:
		m->n[GT_M_RESTORES]++;
		count_detail(m, ev, GT_M_RESTORES);
		break;
	case GIB_EV_gisa_alert:
		m->n[GT_M_ALERTS]++;
		count_detail(m, ev, GT_M_ALERTS);
		break;
	case GIB_EV_drop:
		m->n[GT_M_DROPPED] += ev->arg;
		if (m->detail && window_of(m, ev->ts))
			window_of(m, ev->ts)->n[GT_M_DROPPED] += ev->arg;
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
	return gt_postq__pending(&m->posts);
}
