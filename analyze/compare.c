#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

const char *const gt_figure_names[GT_F_NR] = {
	[GT_F_P50] = "latency p50",	[GT_F_P90] = "latency p90",
	[GT_F_P99] = "latency p99",	[GT_F_P999] = "latency p99.9",
	[GT_F_MAX] = "latency max",	[GT_F_GAL] = "GAL interruptions",
	[GT_F_PASSES] = "alert passes", [GT_F_TICKS] = "kicker ticks",
	[GT_F_KICKS] = "kicks",		[GT_F_WAKEUPS] = "wakeups",
	[GT_F_SPURIOUS] = "spurious",	[GT_F_RESTORES] = "IAM restores",
	[GT_F_COST] = "host cost",	[GT_F_POLL] = "halt-poll CPU",
};

const char *const gt_figure_units[GT_F_NR] = {
	[GT_F_P50] = "us",   [GT_F_P90] = "us",	    [GT_F_P99] = "us",	    [GT_F_P999] = "us",
	[GT_F_MAX] = "us",   [GT_F_GAL] = "/s",	    [GT_F_PASSES] = "/s",   [GT_F_TICKS] = "/s",
	[GT_F_KICKS] = "/s", [GT_F_WAKEUPS] = "/s", [GT_F_SPURIOUS] = "/s", [GT_F_RESTORES] = "/s",
	[GT_F_COST] = "/s",  [GT_F_POLL] = "%",
};

static void figures_of(const struct gt_hist *h, const uint64_t *n, double secs, double f[GT_F_NR])
{
	double s = secs > 0 ? secs : 1;

	f[GT_F_P50] = (double)gt_hist__quantile(h, 0.5);
	f[GT_F_P90] = (double)gt_hist__quantile(h, 0.9);
	f[GT_F_P99] = (double)gt_hist__quantile(h, 0.99);
	f[GT_F_P999] = (double)gt_hist__quantile(h, 0.999);
	f[GT_F_MAX] = h->count ? (double)h->max : 0;
	f[GT_F_GAL] = (double)n[GT_M_GAL_IRQS] / s;
	f[GT_F_PASSES] = (double)n[GT_M_GAL_PASSES] / s;
	f[GT_F_TICKS] = (double)n[GT_M_KICKER_TICKS] / s;
	f[GT_F_KICKS] = (double)n[GT_M_KICKS] / s;
	f[GT_F_WAKEUPS] = (double)n[GT_M_WAKEUPS] / s;
	f[GT_F_SPURIOUS] = (double)n[GT_M_SPURIOUS] / s;
	f[GT_F_RESTORES] = (double)n[GT_M_RESTORES] / s;
	f[GT_F_COST] = f[GT_F_GAL] + f[GT_F_KICKS] + f[GT_F_SPURIOUS];
	f[GT_F_POLL] = (double)n[GT_M_POLL_NS] / s / 1e7; /* ns/s as % of a CPU */
}

void gt_figures(const struct gt_metrics *m, double f[GT_F_NR])
{
	figures_of(&m->lat, m->n, gt_metrics__seconds(m), f);
}

/* splitmix64 */
static uint64_t rnd(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* the windows of m at length ns (>= m's own), merged into fresh slices */
static struct gt_slice *windows_at(const struct gt_metrics *m, uint64_t ns, size_t nwin)
{
	struct gt_slice *w = calloc(nwin, sizeof(*w));
	size_t k = ns / m->win_ns;

	if (!w)
		return NULL;
	for (size_t i = 0; i < nwin; i++)
		gt_hist__init(&w[i].lat);
	for (size_t i = 0; i < GT_WINDOWS_MAX; i++) {
		const struct gt_slice *s = m->win[i];

		if (!s || i / k >= nwin)
			continue;
		gt_hist__merge(&w[i / k].lat, &s->lat);
		for (int j = 0; j < GT_M_NR; j++)
			w[i / k].n[j] += s->n[j];
	}
	return w;
}

/*
 * How much of window w (of length ns, from the trace's first event) the trace m spans. A
 * round's rates divide by the time its windows cover of each trace, as the figures divide
 * by each trace's own span: two recordings of one schedule rarely last as long, and with
 * the windows' length instead the shorter one's rates came out low and the interval could
 * miss the difference itself.
 */
static uint64_t covered(const struct gt_metrics *m, size_t w, uint64_t ns)
{
	uint64_t lo = (uint64_t)w * ns, hi = lo + ns, span = m->last_ts - m->first_ts;

	return lo < span ? (hi < span ? hi : span) - lo : 0;
}

int gt_bootstrap_diff(const struct gt_metrics *a, const struct gt_metrics *b, int rounds,
		      uint64_t seed, struct gt_ci ci[GT_F_NR])
{
	uint64_t ns = a->win_ns > b->win_ns ? a->win_ns : b->win_ns, x = seed;
	uint64_t span = a->last_ts - a->first_ts > b->last_ts - b->first_ts ?
				a->last_ts - a->first_ts :
				b->last_ts - b->first_ts;
	size_t nwin, k;
	struct gt_slice *wa, *wb;
	struct gt_hist *ha, *hb;
	double *d;
	int err = 0;

	if (!ns || !a->detail || !b->detail || rounds < 1)
		return -EINVAL;
	nwin = (size_t)(span / ns) + 1; /* windows count from each trace's first event */
	if (nwin > GT_WINDOWS_MAX)
		nwin = GT_WINDOWS_MAX;
	k = nwin; /* the windows the traces span */
	wa = windows_at(a, ns, nwin);
	wb = windows_at(b, ns, nwin);
	ha = malloc(sizeof(*ha));
	hb = malloc(sizeof(*hb));
	d = malloc((size_t)rounds * GT_F_NR * sizeof(*d));
	if (!wa || !wb || !ha || !hb || !d) {
		err = -ENOMEM;
		goto out;
	}
	for (int r = 0; r < rounds; r++) {
		uint64_t na[GT_M_NR] = { 0 }, nb[GT_M_NR] = { 0 }, ta = 0, tb = 0;
		double fa[GT_F_NR], fb[GT_F_NR];

		gt_hist__init(ha);
		gt_hist__init(hb);
		for (size_t i = 0; i < k; i++) {
			size_t w = (size_t)(rnd(&x) % k);

			gt_hist__merge(ha, &wa[w].lat);
			gt_hist__merge(hb, &wb[w].lat);
			for (int j = 0; j < GT_M_NR; j++) {
				na[j] += wa[w].n[j];
				nb[j] += wb[w].n[j];
			}
			ta += covered(a, w, ns);
			tb += covered(b, w, ns);
		}
		figures_of(ha, na, (double)ta / 1e9, fa);
		figures_of(hb, nb, (double)tb / 1e9, fb);
		for (int f = 0; f < GT_F_NR; f++)
			d[(size_t)f * (size_t)rounds + (size_t)r] = fb[f] - fa[f];
	}
	for (int f = 0; f < GT_F_NR; f++) {
		double *v = d + (size_t)f * (size_t)rounds;

		qsort(v, (size_t)rounds, sizeof(*v), cmp_double);
		ci[f].lo = v[(size_t)(0.025 * (rounds - 1))];
		ci[f].hi = v[(size_t)(0.975 * (rounds - 1) + 0.5)];
	}
out:
	free(wa);
	free(wb);
	free(ha);
	free(hb);
	free(d);
	return err;
}
