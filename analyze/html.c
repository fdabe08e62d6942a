#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "perfetto.h"

/* Okabe-Ito, without its yellow: told apart by colour-blind readers too */
static const char *const palette[] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7",
				       "#E69F00", "#56B4E9", "#000000", "#999933" };
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

static const char *colour(int i)
{
	return palette[(size_t)i % NPALETTE];
}

/* a dash pattern for the columns past the palette */
static const char *dash(int i)
{
	return (size_t)i < NPALETTE ? "" : " stroke-dasharray=\"6 3\"";
}

static void esc(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '&':
			fputs("&amp;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

/* latency in ns as microseconds, with the digits that matter */
static void fmt_us(char *buf, size_t len, double ns)
{
	double u = ns / 1e3;

	snprintf(buf, len, fabs(u) < 10 ? "%.2f" : fabs(u) < 1000 ? "%.1f" : "%.0f", u);
}

/* a rate per second, short */
static void fmt_rate(char *buf, size_t len, double v)
{
	double a = fabs(v);

	if (a >= 1e6)
		snprintf(buf, len, "%.2fM", v / 1e6);
	else if (a >= 1e4)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else if (a >= 1e3)
		snprintf(buf, len, "%.2fk", v / 1e3);
	else
		snprintf(buf, len, "%.0f", v);
}

/* a figure in its display unit: us, /s or % */
static void fmt_fig(char *buf, size_t len, int f, double v)
{
	if (!strcmp(gt_figure_units[f], "us"))
		fmt_us(buf, len, v);
	else if (!strcmp(gt_figure_units[f], "%"))
		snprintf(buf, len, "%.2f", v);
	else
		fmt_rate(buf, len, v);
}

/* a round step for about n ticks over [0, max] */
static double nice_step(double max, int n)
{
	double raw = max / n, p = pow(10, floor(log10(raw))), m = raw / p;

	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/* a plot area inside an SVG */
struct frame {
	double x, y, w, h;
	double x0, x1, y0, y1; /* data range (log10 of it on a log axis) */
	bool xlog, ylog;
};

static double fx(const struct frame *f, double v)
{
	double t;

	if (f->xlog)
		v = v > 0 ? log10(v) : f->x0;
	t = (v - f->x0) / (f->x1 - f->x0);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return f->x + t * f->w;
}

static double fy(const struct frame *f, double v)
{
	double t;

	if (f->ylog)
		v = v > 0 ? log10(v) : f->y0;
	t = (v - f->y0) / (f->y1 - f->y0);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return f->y + f->h - t * f->h;
}

static void svg_open(FILE *fp, const char *id, int w, int h, const char *label)
{
	fprintf(fp,
		"<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		id, w, h, w, h);
	esc(fp, label);
	fprintf(fp, "\">\n<rect class=\"bg\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\"/>\n", w, h);
}

static void svg_title(FILE *fp, int w, const char *title, const char *sub)
{
	fprintf(fp, "<text class=\"ct\" x=\"%d\" y=\"22\" text-anchor=\"middle\">", w / 2);
	esc(fp, title);
	fprintf(fp, "</text>\n");
	if (sub) {
		fprintf(fp, "<text class=\"cs\" x=\"%d\" y=\"39\" text-anchor=\"middle\">", w / 2);
		esc(fp, sub);
		fprintf(fp, "</text>\n");
	}
}

/* the frame's box, grid and axis titles; ticks come from the callers */
static void frame_draw(FILE *fp, const struct frame *f, const char *xtitle, const char *ytitle)
{
	fprintf(fp, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
		f->x, f->y, f->w, f->h);
	fprintf(fp, "<text class=\"at\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		f->x + f->w / 2, f->y + f->h + 38);
	esc(fp, xtitle);
	fprintf(fp,
		"</text>\n<text class=\"at\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
		"text-anchor=\"middle\">",
		f->x - 48, f->y + f->h / 2);
	esc(fp, ytitle);
	fprintf(fp, "</text>\n");
}

static void xtick(FILE *fp, const struct frame *f, double v, const char *label, bool grid)
{
	double x = fx(f, v);

	if (grid)
		fprintf(fp,
			"<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			x, f->y, x, f->y + f->h);
	fprintf(fp, "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x,
		f->y + f->h, x, f->y + f->h + 5);
	if (label)
		fprintf(fp,
			"<text class=\"tl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			x, f->y + f->h + 18, label);
}

static void ytick(FILE *fp, const struct frame *f, double v, const char *label, bool grid)
{
	double y = fy(f, v);

	if (grid)
		fprintf(fp,
			"<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			f->x, y, f->x + f->w, y);
	fprintf(fp, "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		f->x - 5, y, f->x, y);
	if (label)
		fprintf(fp,
			"<text class=\"tl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			f->x - 8, y + 4, label);
}

/* decade ticks of a log axis in ns, labelled in us, with 2..9 minor ticks */
static void log_ticks_us(FILE *fp, const struct frame *f, bool x)
{
	double lo = x ? f->x0 : f->y0, hi = x ? f->x1 : f->y1;

	for (int d = (int)lround(lo); d <= hi + 1e-9; d++) {
		double v = pow(10, d);
		char l[32];

		snprintf(l, sizeof(l), "%g", v / 1e3);
		if (x)
			xtick(fp, f, v, l, true);
		else
			ytick(fp, f, v, l, true);
		for (int k = 2; k < 10 && d + log10(k) < hi; k++)
			if (x)
				xtick(fp, f, v * k, NULL, false);
			else
				ytick(fp, f, v * k, NULL, false);
	}
}

/* the latency range of the columns as a decade range in log10(ns) */
static void lat_range(const struct gt_html_report *r, double *lo, double *hi)
{
	uint64_t mn = UINT64_MAX, mx = 0;

	for (int i = 0; i < r->ncols; i++) {
		const struct gt_hist *h = &r->cols[i].m->lat;

		for (unsigned int b = 1; b < GT_HIST_BUCKETS; b++)
			if (h->bucket[b]) {
				uint64_t l = gt_hist__lower(b);

				if (l < mn)
					mn = l;
				break;
			}
		if (h->count && h->max > mx)
			mx = h->max;
	}
	if (mn == UINT64_MAX || mn < 100)
		mn = 100;
	if (mx < mn)
		mx = mn;
	*lo = floor(log10((double)mn));
	*hi = ceil(log10((double)mx + 1));
	if (*hi <= *lo)
		*hi = *lo + 1;
}

static void legend_item(FILE *fp, double x, double y, int i, const char *label, bool base)
{
	fprintf(fp,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		"stroke-width=\"%d\"%s/>\n<text class=\"lg\" x=\"%.1f\" y=\"%.1f\">",
		x, y, x + 22, y, colour(i), base ? 4 : 3, dash(i), x + 28, y + 4);
	esc(fp, label);
	fprintf(fp, "%s</text>\n", base ? " (baseline)" : "");
}

/* the CDF (tail: false) or its complement on a log axis (tail: true) */
static void chart_cdf(FILE *fp, const struct gt_html_report *r, bool tail)
{
	const int W = 650, H = 420;
	struct frame f = { .x = 70, .y = 50, .w = W - 90, .h = H - 110, .xlog = true };
	double ymin_log = 0;

	lat_range(r, &f.x0, &f.x1);
	if (tail) {
		uint64_t mx = 1;

		for (int i = 0; i < r->ncols; i++)
			if (r->cols[i].m->lat.count > mx)
				mx = r->cols[i].m->lat.count;
		ymin_log = -ceil(log10((double)mx));
		if (ymin_log < -6)
			ymin_log = -6;
		if (ymin_log > -2)
			ymin_log = -2;
		f.ylog = true;
		f.y0 = ymin_log;
		f.y1 = 0;
	} else {
		f.y0 = 0;
		f.y1 = 1;
	}
	svg_open(fp, tail ? "chart-tail" : "chart-cdf", W, H,
		 tail ? "latency tail per column" : "latency CDF per column");
	svg_title(fp, W,
		  tail ? "Latency tail: fraction of posts slower than x" :
			 "Delivery latency CDF (post to the delivery that took it)",
		  tail ? "log-log: the p99 and p99.9 differences live here" :
			 "cumulative fraction of posts delivered within x");
	frame_draw(fp, &f, "delivery latency (us, log scale)",
		   tail ? "fraction of posts slower (log)" : "fraction of posts delivered");
	log_ticks_us(fp, &f, true);
	if (tail) {
		for (int d = (int)ymin_log; d <= 0; d++) {
			char l[32];

			if (d >= -3)
				snprintf(l, sizeof(l), "%g", pow(10, d));
			else
				snprintf(l, sizeof(l), "1e%d", d);
			ytick(fp, &f, pow(10, d), l, true);
		}
	} else {
		static const double ys[] = { 0, 0.25, 0.5, 0.75, 0.9, 1 };

		for (size_t k = 0; k < sizeof(ys) / sizeof(ys[0]); k++) {
			char l[16];

			snprintf(l, sizeof(l), "%g", ys[k]);
			ytick(fp, &f, ys[k], l, true);
		}
	}
	for (int i = 0; i < r->ncols; i++) {
		const struct gt_hist *h = &r->cols[i].m->lat;
		uint64_t cum = 0;
		bool first = true;
		double floor_y = tail ? pow(10, ymin_log) : 0;

		if (!h->count)
			continue;
		fprintf(fp,
			"<path class=\"curve\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
			"d=\"",
			colour(i), i == r->base ? "3" : "2", dash(i));
		for (unsigned int b = 0; b < GT_HIST_BUCKETS; b++) {
			double prev, now, xl, xu;

			if (!h->bucket[b])
				continue;
			prev = (double)cum / (double)h->count;
			cum += h->bucket[b];
			now = (double)cum / (double)h->count;
			if (tail) {
				prev = 1 - prev;
				now = 1 - now;
				if (now < floor_y)
					now = floor_y;
			}
			xl = (double)gt_hist__lower(b);
			xu = (double)gt_hist__upper(b) + 1;
			fprintf(fp, "%s%.1f %.1f L%.1f %.1f ", first ? "M" : "L", fx(&f, xl),
				fy(&f, prev), fx(&f, xu), fy(&f, now));
			first = false;
		}
		fprintf(fp, "\"><title>");
		esc(fp, r->cols[i].label);
		{
			char a[32], b[32], c[32];

			fmt_us(a, sizeof(a), r->cols[i].f[GT_F_P50]);
			fmt_us(b, sizeof(b), r->cols[i].f[GT_F_P99]);
			fmt_us(c, sizeof(c), r->cols[i].f[GT_F_MAX]);
			fprintf(fp,
				": p50 %s us, p99 %s us, max %s us, %" PRIu64
				" posts</title></path>\n",
				a, b, c, h->count);
		}
	}
	/* the legend where the curves are not: bottom right (CDF), bottom left (tail) */
	for (int i = 0; i < r->ncols; i++) {
		double lx = tail ? f.x + 12 : f.x + f.w - 190,
		       ly = f.y + f.h - 14 - 18 * (r->ncols - 1 - i);

		legend_item(fp, lx, ly, i, r->cols[i].label, i == r->base && r->ncols > 1);
	}
	fprintf(fp, "</svg>\n");
}

/* the non-dominated columns (lower cost and lower p99 are better), by cost */
static int pareto_front(const struct gt_html_report *r, int *front)
{
	int order[64], n = r->ncols < 64 ? r->ncols : 64, k = 0;
	double best = INFINITY;

	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			const double *a = r->cols[order[j - 1]].f, *b = r->cols[order[j]].f;

			if (a[GT_F_COST] > b[GT_F_COST] ||
			    (a[GT_F_COST] == b[GT_F_COST] && a[GT_F_P99] > b[GT_F_P99])) {
				int t = order[j];

				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		}
	for (int i = 0; i < n; i++)
		if (r->cols[order[i]].f[GT_F_P99] < best) {
			best = r->cols[order[i]].f[GT_F_P99];
			front[k++] = order[i];
		}
	return k;
}

struct box {
	double x, y, w, h;
};

static bool box_hits(const struct box *a, const struct box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/*
 * Open a chart of p99 latency (log scale) against host cost for points in
 * [cmin, cmax] x [pmin, pmax], with a relative margin on the cost axis: the
 * svg, its titles, the frame and both axes' ticks.
 */
static void cost_p99_axes(FILE *fp, struct frame *f, double cmin, double cmax, double pmin,
			  double pmax, double margin, int steps, const char *id, int W, int H,
			  const char *label, const char *title, const char *sub)
{
	double step;

	if (!(pmin < INFINITY))
		pmin = 1000;
	if (pmax < pmin)
		pmax = pmin;
	if (!(cmin < INFINITY))
		cmin = 0;
	/* the costs' range with a margin, on round steps */
	step = nice_step(cmax > cmin ? (cmax - cmin) * (1 + 2 * margin) :
			 cmax > 0    ? cmax :
				       1,
			 steps);
	f->x0 = fmax(0, floor((cmin - (cmax - cmin) * margin) / step) * step);
	f->x1 = ceil((cmax + (cmax - cmin) * margin) / step) * step;
	if (f->x1 <= f->x0)
		f->x1 = f->x0 + step;
	f->y0 = floor(log10(pmin));
	f->y1 = ceil(log10(pmax * 1.05));
	if (f->y1 <= f->y0)
		f->y1 = f->y0 + 1;
	svg_open(fp, id, W, H, label);
	svg_title(fp, W, title, sub);
	frame_draw(fp, f, "host cost (GAL interruptions + kicks + spurious wakeups per second)",
		   "p99 delivery latency (us, log scale)");
	for (double v = f->x0; v <= f->x1 + step / 2; v += step) {
		char l[32];

		fmt_rate(l, sizeof(l), v);
		xtick(fp, f, v, l, true);
	}
	log_ticks_us(fp, f, false);
}

static void chart_pareto(FILE *fp, const struct gt_html_report *r)
{
	const int W = 650, H = 420;
	struct frame f = { .x = 70, .y = 50, .w = W - 100, .h = H - 110, .ylog = true };
	int front[64], nf = pareto_front(r, front), n = r->ncols < 64 ? r->ncols : 64;
	struct box placed[128];
	double cmin = INFINITY, cmax = 0, pmin = INFINITY, pmax = 0;
	int np = 0;

	for (int i = 0; i < n; i++) {
		const double *v = r->cols[i].f;

		cmax = v[GT_F_COST] > cmax ? v[GT_F_COST] : cmax;
		cmin = v[GT_F_COST] < cmin ? v[GT_F_COST] : cmin;
		if (v[GT_F_P99] > 0 && v[GT_F_P99] < pmin)
			pmin = v[GT_F_P99];
		pmax = v[GT_F_P99] > pmax ? v[GT_F_P99] : pmax;
	}
	cost_p99_axes(fp, &f, cmin, cmax, pmin, pmax, 0.2, 5, "chart-pareto", W, H,
		      "p99 latency against host cost per column",
		      "Trade-off: p99 latency against host cost",
		      "lower left is better; the dashed line joins the non-dominated columns");
	if (nf > 1) {
		fprintf(fp, "<polyline class=\"front\" fill=\"none\" points=\"");
		for (int k = 0; k < nf; k++)
			fprintf(fp, "%.1f,%.1f ", fx(&f, r->cols[front[k]].f[GT_F_COST]),
				fy(&f, r->cols[front[k]].f[GT_F_P99]));
		fprintf(fp, "\"/>\n");
	}
	/* the points first, so that no label covers one; the legend's corner too */
	placed[np++] = (struct box){ f.x + f.w - 235, f.y + 4, 235, 22 };
	for (int i = 0; i < n; i++) {
		const double *v = r->cols[i].f;
		double px = fx(&f, v[GT_F_COST]), py = fy(&f, v[GT_F_P99]);
		bool onfront = false;
		char c[32], p[32];

		for (int k = 0; k < nf; k++)
			onfront |= front[k] == i;
		fmt_rate(c, sizeof(c), v[GT_F_COST]);
		fmt_us(p, sizeof(p), v[GT_F_P99]);
		fprintf(fp,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#222\" "
			"stroke-width=\"%s\"><title>",
			px, py, onfront ? 8 : 6, colour(i), i == r->base ? "2.5" : "0.8");
		esc(fp, r->cols[i].label);
		fprintf(fp, ": p99 %s us, host cost %s/s%s</title></circle>\n", p, c,
			onfront ? " (non-dominated)" : "");
		placed[np++] = (struct box){ px - 8, py - 8, 16, 16 };
	}
	/* each label at the first clear spot: right, left, then further up or down */
	for (int i = 0; i < n; i++) {
		const double *v = r->cols[i].f;
		double px = fx(&f, v[GT_F_COST]), py = fy(&f, v[GT_F_P99]);
		struct box b = { 0 };
		char c[32], p[32];
		double w, ax;

		fmt_rate(c, sizeof(c), v[GT_F_COST]);
		fmt_us(p, sizeof(p), v[GT_F_P99]);
		/* bold 12.5 px and 11 px text: about 7.2 and 6.1 px a character */
		w = 7.2 * (double)(strlen(r->cols[i].label) + 1) +
		    6.1 * (double)(strlen(p) + strlen(c) + 8);

		for (int t = 0; t < 16; t++) {
			bool hit = false;
			double dy = (t / 2 % 2 ? -1 : 1) * 17.0 * ((t / 4) + (t / 2 % 2 ? 1 : 0));

			b = (struct box){ t % 2 ? px - 12 - w : px + 12, py - 8 + dy, w, 16 };
			if (b.x < f.x || b.x + b.w > W - 2 || b.y < f.y || b.y + b.h > f.y + f.h)
				continue;
			for (int k = 0; k < np && !hit; k++)
				hit = box_hits(&b, &placed[k]);
			if (!hit)
				break;
		}
		if (np < 128)
			placed[np++] = b;
		/* a leader line when the label had to move away */
		ax = b.x > px ? b.x - 2 : b.x + b.w + 2;
		if (fabs(b.y + 8 - py) > 4)
			fprintf(fp,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\" stroke-width=\"1\" opacity=\"0.7\"/>\n",
				px, py, ax, b.y + 8, colour(i));
		fprintf(fp, "<text class=\"pl\" x=\"%.1f\" y=\"%.1f\" fill=\"%s\">", b.x, b.y + 12,
			colour(i));
		esc(fp, r->cols[i].label);
		fprintf(fp, "%s <tspan class=\"pv\">%s us, %s/s</tspan></text>\n",
			i == r->base && r->ncols > 1 ? "*" : "", p, c);
	}
	fprintf(fp,
		"<line class=\"front\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		"<text class=\"lg\" x=\"%.1f\" y=\"%.1f\">Pareto front (non-dominated)</text>\n",
		f.x + f.w - 225, f.y + 15, f.x + f.w - 200, f.y + 15, f.x + f.w - 193, f.y + 19);
	fprintf(fp, "</svg>\n");
}

static const int cost_figs[] = { GT_F_GAL,	GT_F_KICKS, GT_F_SPURIOUS,
				 GT_F_RESTORES, GT_F_TICKS, GT_F_COST };
static const char *const cost_names[] = { "GAL interruptions", "kicks",	       "spurious wakeups",
					  "IAM restores",      "kicker ticks", "host cost (sum*)" };
#define NCOST (sizeof(cost_figs) / sizeof(cost_figs[0]))

static void chart_cost(FILE *fp, const struct gt_html_report *r, int W)
{
	const int H = 420;
	struct frame f = { .x = 75, .y = 50, .w = W - 95, .h = H - 130 };
	double mx = 0, step, gw, bw;

	for (int i = 0; i < r->ncols; i++)
		for (size_t k = 0; k < NCOST; k++)
			mx = r->cols[i].f[cost_figs[k]] > mx ? r->cols[i].f[cost_figs[k]] : mx;
	step = nice_step(mx > 0 ? mx * 1.08 : 1, 5);
	f.y0 = 0;
	f.y1 = ceil((mx > 0 ? mx * 1.08 : 1) / step) * step;
	f.x0 = 0;
	f.x1 = 1;
	svg_open(fp, "chart-cost", W, H, "host cost per second per column");
	svg_title(fp, W, "Host cost per second of trace",
		  "*host cost = GAL interruptions + kicks + spurious wakeups");
	frame_draw(fp, &f, "", "events per second");
	for (double v = 0; v <= f.y1 + step / 2; v += step) {
		char l[32];

		fmt_rate(l, sizeof(l), v);
		ytick(fp, &f, v, l, true);
	}
	gw = f.w / NCOST;
	bw = (gw - 14) / (r->ncols > 0 ? r->ncols : 1);
	if (bw > 40)
		bw = 40;
	for (size_t k = 0; k < NCOST; k++) {
		double gx = f.x + gw * (double)k + (gw - bw * r->ncols) / 2;

		fprintf(fp,
			"<text class=\"tl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			f.x + gw * ((double)k + 0.5), f.y + f.h + 18, cost_names[k]);
		if (k)
			fprintf(fp,
				"<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\"/>\n",
				f.x + gw * (double)k, f.y, f.x + gw * (double)k, f.y + f.h);
		for (int i = 0; i < r->ncols; i++) {
			double v = r->cols[i].f[cost_figs[k]], y = fy(&f, v);
			char l[32];

			fmt_rate(l, sizeof(l), v);
			fprintf(fp,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				"fill=\"%s\"><title>",
				gx + bw * i + 1, y, bw - 2, f.y + f.h - y, colour(i));
			esc(fp, r->cols[i].label);
			fprintf(fp, ": %s %.0f/s</title></rect>\n", cost_names[k], v);
			if (bw >= 26)
				fprintf(fp,
					"<text class=\"bv\" x=\"%.1f\" y=\"%.1f\" "
					"text-anchor=\"middle\">%s</text>\n",
					gx + bw * (i + 0.5), y - 4, l);
			else
				fprintf(fp,
					"<text class=\"bv\" transform=\"translate(%.1f %.1f) "
					"rotate(-90)\">%s</text>\n",
					gx + bw * (i + 0.5) + 3.5, y - 4, l);
		}
	}
	/* legend under the axis, flowing */
	{
		double lx = f.x, ly = f.y + f.h + 34;

		for (int i = 0; i < r->ncols; i++) {
			double w = 30 + 7.2 * (double)(strlen(r->cols[i].label) +
						       (i == r->base && r->ncols > 1 ? 11 : 0));

			if (lx + w > f.x + f.w && lx > f.x) {
				lx = f.x;
				ly += 18;
			}
			fprintf(fp,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\"/>"
				"<text class=\"lg\" x=\"%.1f\" y=\"%.1f\">",
				lx, ly, colour(i), lx + 19, ly + 10);
			esc(fp, r->cols[i].label);
			fprintf(fp, "%s</text>\n",
				i == r->base && r->ncols > 1 ? " (baseline)" : "");
			lx += w;
		}
	}
	fprintf(fp, "</svg>\n");
}

/* ---- the timeline excerpt ---- */

#define TL_HALF_NS 200000ULL
#define TL_MAX_EVENTS 20000
#define TL_MAX_VCPUS 24

struct worst {
	bool found;
	uint64_t post, deliver, lat;
	uint16_t vm, vcpu;
	uint8_t isc;
	unsigned int src;
};

/* the delivered post with the largest latency (the first of equals) */
static int find_worst(const char *path, struct worst *w)
{
	struct gt_postq q = { 0 };
	struct gt_reader *r;
	struct gt_event ev;
	int rc, err = 0;

	memset(w, 0, sizeof(*w));
	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	while (!err && (rc = gt_reader__next(r, &ev)) > 0) {
		uint64_t p;

		if (ev.type == GIB_EV_airq_post)
			err = gt_postq__push(&q, ev.vm, ev.isc, ev.ts << 1 | (ev.arg & 1));
		else if (ev.type == GIB_EV_airq_deliver)
			for (uint64_t k = 0; k < ev.arg && gt_postq__pop(&q, ev.vm, ev.isc, &p);
			     k++)
				if (!w->found || ev.ts - (p >> 1) > w->lat) {
					*w = (struct worst){ true,	 p >> 1,
							     ev.ts,	 ev.ts - (p >> 1),
							     ev.vm,	 ev.vcpu,
							     ev.isc & 7, p & 1 };
				}
	}
	gt_postq__release(&q);
	gt_reader__close(r);
	return err;
}

struct tl_vcpu {
	uint64_t sie_since, halt_since;
	bool in_sie, halted, seen;
};

struct tl_win {
	uint64_t from, to;
	struct gt_event *ev;
	size_t n;
	bool truncated;
	struct tl_vcpu *state; /* at `from`, per vcpu of the VM */
	size_t nstate;
};

struct timeline {
	struct worst w;
	struct tl_win win[2];
	int nwin;
	struct tl_vcpu *cur; /* running state per vcpu */
	size_t nvcpu;
};

static int tl_vcpu_grow(struct timeline *t, uint16_t vcpu)
{
	if (vcpu >= t->nvcpu) {
		size_t n = (size_t)vcpu + 1 > 2 * t->nvcpu ? (size_t)vcpu + 1 : 2 * t->nvcpu;
		struct tl_vcpu *c = realloc(t->cur, n * sizeof(*c));

		if (!c)
			return -ENOMEM;
		memset(c + t->nvcpu, 0, (n - t->nvcpu) * sizeof(*c));
		t->cur = c;
		t->nvcpu = n;
	}
	return 0;
}

static void tl_release(struct timeline *t)
{
	for (int k = 0; k < 2; k++) {
		free(t->win[k].ev);
		free(t->win[k].state);
	}
	free(t->cur);
}

/* the state changes the lanes draw as spans */
static void tl_track(struct tl_vcpu *c, const struct gt_event *ev)
{
	switch (ev->type) {
	case GIB_EV_sie_enter:
		c->in_sie = true;
		c->halted = false;
		c->sie_since = ev->ts;
		break;
	case GIB_EV_sie_exit:
		c->in_sie = false;
		break;
	case GIB_EV_vcpu_wait:
		if (ev->arg == GIB_WAIT_ENABLED && !c->in_sie) {
			c->halted = true;
			c->halt_since = ev->ts;
		}
		break;
	case GIB_EV_vcpu_wakeup:
		c->halted = !!(ev->arg & 4);
		c->halt_since = ev->ts;
		break;
	default:
		break;
	}
}

static int tl_collect(const char *path, struct timeline *t)
{
	struct gt_reader *r;
	struct gt_event ev;
	int rc, err = 0;

	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	while (!err && (rc = gt_reader__next(r, &ev)) > 0) {
		const struct gt_event_type *ty = gt_event_type(ev.type);

		if (!ty || ((ty->fields & GIB_F_VM) && ev.vm != t->w.vm))
			continue;
		if (ev.type == GIB_EV_guest_work)
			continue;
		for (int k = 0; k < t->nwin; k++) {
			struct tl_win *w = &t->win[k];

			if (ev.ts >= w->from && !w->state) { /* the state as the window opens */
				w->state = calloc(t->nvcpu ? t->nvcpu : 1, sizeof(*w->state));
				if (!w->state) {
					err = -ENOMEM;
					goto out;
				}
				if (t->nvcpu)
					memcpy(w->state, t->cur, t->nvcpu * sizeof(*w->state));
				w->nstate = t->nvcpu;
			}
			if (ev.ts < w->from || ev.ts > w->to)
				continue;
			if (w->n == TL_MAX_EVENTS) {
				w->truncated = true;
				continue;
			}
			if (!w->ev && !(w->ev = malloc(TL_MAX_EVENTS * sizeof(*w->ev)))) {
				err = -ENOMEM;
				goto out;
			}
			w->ev[w->n++] = ev;
		}
		if (ty->fields & GIB_F_VCPU) {
			if ((err = tl_vcpu_grow(t, ev.vcpu)))
				break;
			tl_track(&t->cur[ev.vcpu], &ev);
			t->cur[ev.vcpu].seen = true;
		}
	}
out:
	gt_reader__close(r);
	return err;
}

/* a mark's shape at (x, y) */
enum mark { M_UP, M_DOWN, M_DIAMOND, M_CIRCLE, M_RING, M_SQUARE, M_TICK };

static void mark(FILE *fp, enum mark m, double x, double y, double s, const char *fill)
{
	switch (m) {
	case M_UP:
		fprintf(fp, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"", x, y - s,
			x + s, y + s * 0.8, x - s, y + s * 0.8, fill);
		break;
	case M_DOWN:
		fprintf(fp, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"", x, y + s,
			x + s, y - s * 0.8, x - s, y - s * 0.8, fill);
		break;
	case M_DIAMOND:
		fprintf(fp, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"", x,
			y - s, x + s, y, x, y + s, x - s, y, fill);
		break;
	case M_CIRCLE:
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"", x, y, s * 0.8,
			fill);
		break;
	case M_RING:
		fprintf(fp,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" stroke=\"%s\" "
			"stroke-width=\"2\"",
			x, y, s * 0.75, fill);
		break;
	case M_SQUARE:
		fprintf(fp,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
			x - s * 0.7, y - s * 0.7, s * 1.4, s * 1.4, fill);
		break;
	case M_TICK:
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"2.4\" height=\"%.1f\" fill=\"%s\"",
			x - 1.2, y - s, 2 * s, fill);
		break;
	}
}

struct mark_style {
	const char *name;
	enum mark m;
	const char *fill;
};

/* the timeline's vocabulary, also its legend */
enum tl_kind {
	K_POST_DEV,
	K_POST_SW,
	K_ALERT,
	K_RESTORE,
	K_GAL,
	K_PASS,
	K_TICK,
	K_KICK,
	K_WAKE,
	K_SPURIOUS,
	K_DELIVER,
	K_TIMER,
	K_NR
};

static const struct mark_style kinds[K_NR] = {
	[K_POST_DEV] = { "post (device)", M_UP, "#1f4e9c" },
	[K_POST_SW] = { "post (software)", M_UP, "#5aa9e6" },
	[K_ALERT] = { "GISA alert", M_DIAMOND, "#e67e22" },
	[K_RESTORE] = { "IAM restore/set", M_TICK, "#27ae60" },
	[K_GAL] = { "GAL interruption", M_DIAMOND, "#c0392b" },
	[K_PASS] = { "alert-list pass", M_TICK, "#7f8c8d" },
	[K_TICK] = { "kicker tick", M_RING, "#8e44ad" },
	[K_KICK] = { "kick", M_DOWN, "#8e44ad" },
	[K_WAKE] = { "wakeup", M_CIRCLE, "#2c3e50" },
	[K_SPURIOUS] = { "spurious wakeup", M_RING, "#c0392b" },
	[K_DELIVER] = { "delivery", M_SQUARE, "#16a085" },
	[K_TIMER] = { "guest timer", M_CIRCLE, "#bdc3c7" },
};

static int kind_of(const struct gt_event *ev)
{
	switch (ev->type) {
	case GIB_EV_airq_post:
		return ev->arg & 1 ? K_POST_SW : K_POST_DEV;
	case GIB_EV_gisa_alert:
		return K_ALERT;
	case GIB_EV_iam_restore:
	case GIB_EV_iam_set:
		return K_RESTORE;
	case GIB_EV_gal_irq:
		return K_GAL;
	case GIB_EV_gal_process:
		return K_PASS;
	case GIB_EV_kick_timer:
		return K_TICK;
	case GIB_EV_vcpu_kick:
		return K_KICK;
	case GIB_EV_vcpu_wakeup:
		return ev->arg & 4 ? K_SPURIOUS : K_WAKE;
	case GIB_EV_airq_deliver:
		return K_DELIVER;
	case GIB_EV_guest_timer:
		return K_TIMER;
	default:
		return -1;
	}
}

/* "+12.345 us" from the worst post */
static void rel_us(char *buf, size_t len, uint64_t ts, uint64_t t0)
{
	double d = ((double)ts - (double)t0) / 1e3;

	snprintf(buf, len, "%+.3f us", d);
}

static void span(FILE *fp, const struct frame *f, double lane_y, uint64_t a, uint64_t b,
		 const char *cls, const char *what, uint64_t t0)
{
	double x0 = fx(f, (double)a), x1 = fx(f, (double)b);
	char s[32], e[32];

	rel_us(s, sizeof(s), a, t0);
	rel_us(e, sizeof(e), b, t0);
	fprintf(fp,
		"<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\"><title>%s "
		"from %s to %s</title></rect>\n",
		cls, x0, lane_y - 7, x1 - x0 > 0.8 ? x1 - x0 : 0.8, what, s, e);
}

static void chart_timeline(FILE *fp, const struct timeline *t, int k, const char *baseline, int W)
{
	const struct tl_win *w = &t->win[k];
	uint16_t lanes[TL_MAX_VCPUS];
	int nl = 0, hidden = 0;
	const double lane_h = 30, top = 62;
	struct frame f;
	double H, tick;
	char id[32], ttl[256], sub[256], a[32];

	/* the vcpus with something to show */
	for (size_t v = 0; v < t->nvcpu; v++) {
		bool show = (v < w->nstate &&
			     (w->state[v].in_sie || w->state[v].halted || w->state[v].seen));

		for (size_t e = 0; e < w->n && !show; e++)
			show = (gt_event_type(w->ev[e].type)->fields & GIB_F_VCPU) &&
			       w->ev[e].vcpu == v;
		if (!show)
			continue;
		if (nl < TL_MAX_VCPUS)
			lanes[nl++] = (uint16_t)v;
		else
			hidden++;
	}
	H = top + lane_h * (2 + nl) + 140;
	f = (struct frame){ .x = 120, .y = top, .w = W - 150, .h = lane_h * (2 + nl) };
	f.x0 = (double)w->from;
	f.x1 = (double)w->to;
	snprintf(id, sizeof(id), "chart-timeline%s", k ? "-delivery" : "");
	fmt_us(a, sizeof(a), (double)t->w.lat);
	if (!k)
		snprintf(ttl, sizeof(ttl),
			 "Timeline of %s around its worst delivery: the post \xc2\xb1"
			 "200 us",
			 baseline);
	else
		snprintf(ttl, sizeof(ttl), "... and around the delivery that took it, %s us later",
			 a);
	snprintf(sub, sizeof(sub),
		 "VM %u, ISC %u (%s): posted at %.6f s, delivered to vcpu %u after %s us%s",
		 t->w.vm, t->w.isc, t->w.src ? "software" : "device", (double)t->w.post / 1e9,
		 t->w.vcpu, a, w->truncated ? " (excerpt truncated)" : "");
	svg_open(fp, id, W, (int)H, ttl);
	svg_title(fp, W, ttl, sub);
	fprintf(fp, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
		f.x, f.y, f.w, f.h);
	/* ticks every 50 us from the post */
	tick = 50000;
	for (double v =
		     (double)t->w.post + ceil(((double)w->from - (double)t->w.post) / tick) * tick;
	     v <= (double)w->to; v += tick) {
		char l[32];

		snprintf(l, sizeof(l), "%+.0f", (v - (double)t->w.post) / 1e3);
		xtick(fp, &f, v, l, true);
	}
	fprintf(fp, "<text class=\"at\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		f.x + f.w / 2, f.y + f.h + 38);
	fprintf(fp, "time from the worst post (us)</text>\n");
	/* lane labels and separators */
	for (int l = 0; l < 2 + nl; l++) {
		double y = f.y + lane_h * (l + 0.5);
		char name[48];

		if (l == 0)
			snprintf(name, sizeof(name), "host (GAL)");
		else if (l == 1)
			snprintf(name, sizeof(name), "VM %u GISA", t->w.vm);
		else
			snprintf(name, sizeof(name), "vcpu %u", lanes[l - 2]);
		fprintf(fp,
			"<text class=\"ln\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			f.x - 10, y + 4, name);
		if (l)
			fprintf(fp,
				"<line class=\"lane\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\"/>\n",
				f.x, f.y + lane_h * l, f.x + f.w, f.y + lane_h * l);
	}
	/* spans: SIE and halt per vcpu lane */
	for (int l = 0; l < nl; l++) {
		uint16_t v = lanes[l];
		struct tl_vcpu c = v < w->nstate ? w->state[v] : (struct tl_vcpu){ 0 };
		double y = f.y + lane_h * (l + 2.5);
		uint64_t sie = c.in_sie ? w->from : 0, halt = c.halted ? w->from : 0;
		bool in_sie = c.in_sie, halted = c.halted;

		for (size_t e = 0; e < w->n; e++) {
			const struct gt_event *ev = &w->ev[e];

			if (!(gt_event_type(ev->type)->fields & GIB_F_VCPU) || ev->vcpu != v)
				continue;
			if (ev->type == GIB_EV_sie_enter) {
				if (halted)
					span(fp, &f, y, halt, ev->ts, "halt", "halt", t->w.post);
				halted = false;
				in_sie = true;
				sie = ev->ts;
			} else if (ev->type == GIB_EV_sie_exit && in_sie) {
				span(fp, &f, y, sie, ev->ts, "sie", "in SIE", t->w.post);
				in_sie = false;
			} else if (ev->type == GIB_EV_vcpu_wait && ev->arg == GIB_WAIT_ENABLED &&
				   !in_sie && !halted) {
				halted = true;
				halt = ev->ts;
			} else if (ev->type == GIB_EV_vcpu_wakeup) {
				if (halted)
					span(fp, &f, y, halt, ev->ts,
					     ev->arg & 1 ? "sleep" : "poll",
					     ev->arg & 1 ? "halted (slept)" : "halted (polled)",
					     t->w.post);
				halted = !!(ev->arg & 4);
				halt = ev->ts;
			}
		}
		if (in_sie)
			span(fp, &f, y, sie, w->to, "sie", "in SIE", t->w.post);
		if (halted)
			span(fp, &f, y, halt, w->to, "halt", "halt", t->w.post);
	}
	/* marks */
	for (size_t e = 0; e < w->n; e++) {
		const struct gt_event *ev = &w->ev[e];
		const struct gt_event_type *ty = gt_event_type(ev->type);
		int kd = kind_of(ev), lane = -1;
		bool worst = false;
		double x, y;
		char when[32], text[160];

		if (kd < 0)
			continue;
		if (ty->fields & GIB_F_VCPU) {
			for (int l = 0; l < nl; l++)
				if (lanes[l] == ev->vcpu)
					lane = l + 2;
		} else {
			lane = ty->fields & GIB_F_VM ? 1 : 0;
		}
		if (lane < 0)
			continue;
		x = fx(&f, (double)ev->ts);
		y = f.y + lane_h * (lane + 0.5);
		worst = (ev->type == GIB_EV_airq_post && ev->ts == t->w.post &&
			 (ev->isc & 7) == t->w.isc) ||
			(ev->type == GIB_EV_airq_deliver && ev->ts == t->w.deliver &&
			 ev->vcpu == t->w.vcpu && (ev->isc & 7) == t->w.isc);
		if (ev->type == GIB_EV_airq_post)
			y += (ev->isc & 7) % 2 ? -5 : 5; /* two rows of posts by ISC */
		mark(fp, kinds[kd].m, x, y, worst ? 9 : 5.5, worst ? "#e74c3c" : kinds[kd].fill);
		rel_us(when, sizeof(when), ev->ts, t->w.post);
		gt_event__snprintf(ev, text, sizeof(text));
		fprintf(fp, "%s><title>%s: %s%s</title>%s\n",
			worst ? " stroke=\"#000\" stroke-width=\"1.5\"" : "", when,
			strchr(text, ' ') ? strchr(strchr(text, ' ') + 1, ' ') + 1 : text,
			worst ? " (the worst delivery)" : "",
			kinds[kd].m == M_CIRCLE || kinds[kd].m == M_RING ? "</circle>" :
			kinds[kd].m == M_SQUARE || kinds[kd].m == M_TICK ? "</rect>" :
									   "</path>");
	}
	/* the worst post and its delivery: joined, or pointed at */
	{
		double px = fx(&f, (double)t->w.post), py = f.y + lane_h * 1.5, dx, dy = py;
		int dl = -1;

		for (int l = 0; l < nl; l++)
			if (lanes[l] == t->w.vcpu)
				dl = l + 2;
		if (dl >= 0)
			dy = f.y + lane_h * (dl + 0.5);
		dx = fx(&f, (double)t->w.deliver);
		if (t->w.post >= w->from && t->w.deliver <= w->to)
			fprintf(fp,
				"<path class=\"worst\" d=\"M%.1f %.1fL%.1f %.1f\"/>"
				"<text class=\"wl\" x=\"%.1f\" y=\"%.1f\">%s us</text>\n",
				px, py, dx, dy, (px + dx) / 2 + 6, (py + dy) / 2, a);
		else if (t->w.post >= w->from)
			fprintf(fp,
				"<path class=\"worst\" d=\"M%.1f %.1fL%.1f %.1f\"/>"
				"<text class=\"wl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">delivered "
				"%s us later on vcpu %u &#8594;</text>\n",
				px, py, f.x + f.w, py, f.x + f.w - 4, py - 9, a, t->w.vcpu);
		else
			fprintf(fp,
				"<path class=\"worst\" d=\"M%.1f %.1fL%.1f %.1f\"/>"
				"<text class=\"wl\" x=\"%.1f\" y=\"%.1f\">&#8592; posted %s us "
				"earlier</text>\n",
				f.x, dy, dx, dy, f.x + 4, dy - 9, a);
	}
	if (hidden)
		fprintf(fp,
			"<text class=\"cs\" x=\"%.1f\" y=\"%.1f\">%d more vcpus not shown</text>\n",
			f.x, f.y + f.h + 56, hidden);
	/* legend */
	{
		double lx = f.x, ly = f.y + f.h + 70;
		static const struct {
			const char *cls, *name;
		} spans[] = { { "sie", "in SIE" },
			      { "poll", "halted, polling" },
			      { "sleep", "halted, sleeping" },
			      { "halt", "halted" } };

		for (size_t s = 0; s < sizeof(spans) / sizeof(spans[0]); s++) {
			fprintf(fp,
				"<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"12\"/>"
				"<text class=\"lg\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
				spans[s].cls, lx, ly - 6, lx + 27, ly + 4, spans[s].name);
			lx += 40 + 7.0 * (double)strlen(spans[s].name);
		}
		lx = f.x;
		ly += 22;
		for (int kd = 0; kd < K_NR; kd++) {
			mark(fp, kinds[kd].m, lx + 6, ly, 5.5, kinds[kd].fill);
			fprintf(fp, "/>\n<text class=\"lg\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
				lx + 15, ly + 4, kinds[kd].name);
			lx += 30 + 6.6 * (double)strlen(kinds[kd].name);
			if (lx > f.x + f.w - 120) {
				lx = f.x;
				ly += 20;
			}
		}
	}
	fprintf(fp, "</svg>\n");
}

static void timeline_section(FILE *fp, const struct gt_html_report *r, int W)
{
	struct timeline t = { 0 };
	const char *base = r->cols[r->base].label;
	int err;

	fprintf(fp, "<h2>Timeline excerpt around the worst delivery</h2>\n");
	if (!r->timeline) {
		fprintf(fp, "<p class=\"note\">No trace events to show.</p>\n");
		return;
	}
	err = find_worst(r->timeline, &t.w);
	if (!err && !t.w.found) {
		fprintf(fp, "<p class=\"note\">The baseline's trace has no delivered post.</p>\n");
		return;
	}
	if (!err) {
		t.win[0].from = t.w.post > TL_HALF_NS ? t.w.post - TL_HALF_NS : 0;
		t.win[0].to = t.w.post + TL_HALF_NS;
		t.nwin = 1;
		if (t.w.deliver > t.win[0].to) {
			t.win[1].from = t.w.deliver - TL_HALF_NS;
			t.win[1].to = t.w.deliver + TL_HALF_NS;
			if (t.win[1].from <= t.win[0].to) { /* one window holds both */
				t.win[0].to = t.win[1].to;
			} else {
				t.nwin = 2;
			}
		}
		err = tl_collect(r->timeline, &t);
	}
	if (err) {
		fprintf(fp, "<p class=\"note\">The trace could not be read: %s.</p>\n",
			strerror(-err));
		tl_release(&t);
		return;
	}
	fprintf(fp, "<p class=\"note\">");
	esc(fp, r->timeline_note);
	fprintf(fp, " Hover a mark for its event.</p>\n");
	for (int k = 0; k < t.nwin; k++)
		chart_timeline(fp, &t, k, base, W);
	tl_release(&t);
}

/* ---- table and provenance ---- */

static void table_section(FILE *fp, const struct gt_html_report *r)
{
	bool cmp = r->ncols > 1 && r->rounds > 0;

	fprintf(fp, "<h2>Figures%s</h2>\n", cmp ? " and differences to the baseline" : "");
	if (cmp)
		fprintf(fp,
			"<p class=\"note\">Each cell: the figure, and under it the difference to the "
			"baseline (<b>*</b>) with its 95%% interval from %d paired bootstrap "
			"resamples of %.0f ms time windows. <span class=\"better\">green</span>: "
			"lower, <span class=\"worse\">red</span>: higher, <span "
			"class=\"noise\">grey ~</span>: inside the noise (the interval holds 0).</p>\n",
			r->rounds, (double)r->cols[r->base].m->win_ns / 1e6);
	fprintf(fp, "<table class=\"fig\" id=\"figures\">\n<tr><th>figure</th>");
	for (int i = 0; i < r->ncols; i++) {
		fprintf(fp, "<th><span class=\"sw\" style=\"background:%s\"></span>", colour(i));
		esc(fp, r->cols[i].label);
		fprintf(fp, "%s</th>", i == r->base && cmp ? " *" : "");
	}
	fprintf(fp, "</tr>\n");
	for (int f = 0; f < GT_F_NR; f++) {
		fprintf(fp, "<tr><td class=\"fn\">%s <span class=\"u\">%s</span></td>",
			gt_figure_names[f], gt_figure_units[f]);
		for (int i = 0; i < r->ncols; i++) {
			const struct gt_html_col *c = &r->cols[i];
			char v[32], d[32], lo[32], hi[32];

			fmt_fig(v, sizeof(v), f, c->f[f]);
			fprintf(fp, "<td><span class=\"v\">%s</span>", v);
			if (cmp && i != r->base && c->ci) {
				double dv = c->f[f] - r->cols[r->base].f[f];
				bool noise = gt_ci__holds_zero(&c->ci[f]);
				const char *cls = noise ? "noise" : dv < 0 ? "better" : "worse";

				fmt_fig(d, sizeof(d), f, dv);
				fmt_fig(lo, sizeof(lo), f, c->ci[f].lo);
				fmt_fig(hi, sizeof(hi), f, c->ci[f].hi);
				fprintf(fp, "<br><span class=\"d %s\">%s%s [%s%s, %s%s]%s</span>",
					cls, dv >= 0 ? "+" : "", d, c->ci[f].lo >= 0 ? "+" : "", lo,
					c->ci[f].hi >= 0 ? "+" : "", hi, noise ? " ~" : "");
			}
			fprintf(fp, "</td>");
		}
		fprintf(fp, "</tr>\n");
	}
	fprintf(fp, "<tr><td class=\"fn\">posts / delivered / coalesced</td>");
	for (int i = 0; i < r->ncols; i++) {
		const struct gt_metrics *m = r->cols[i].m;

		fprintf(fp, "<td>%" PRIu64 " / %" PRIu64 " / %" PRIu64 "</td>", m->n[GT_M_POSTS],
			m->n[GT_M_DELIVERED], m->n[GT_M_COALESCED]);
	}
	fprintf(fp, "</tr>\n<tr><td class=\"fn\">policy and parameters</td>");
	for (int i = 0; i < r->ncols; i++) {
		fprintf(fp, "<td class=\"spec\">");
		esc(fp, r->cols[i].spec ? r->cols[i].spec : "-");
		fprintf(fp, "</td>");
	}
	fprintf(fp, "</tr>\n</table>\n");
}

static void provenance_section(FILE *fp, const struct gt_html_report *r)
{
	static const unsigned int tags[] = { GT_TAG_ORIGIN,	GT_TAG_POLICY,	 GT_TAG_SCENARIO,
					     GT_TAG_KERNEL,	GT_TAG_TOOL,	 GT_TAG_CREATED,
					     GT_TAG_PROVENANCE, GT_TAG_HOSTNAME, GT_TAG_ARCH,
					     GT_TAG_CLOCK };

	fprintf(fp, "<h2>Provenance</h2>\n");
	if (r->costs) {
		fprintf(fp, "<p class=\"note\">Replay costs: ");
		esc(fp, r->costs);
		fprintf(fp, "</p>\n");
	}
	for (int s = 0; s < r->nsources; s++) {
		struct gt_reader *rd;
		int err = 0;

		fprintf(fp, "<h3>");
		esc(fp, r->sources[s]);
		fprintf(fp, "</h3>\n");
		rd = gt_reader__open(r->sources[s], &err);
		if (!rd) {
			fprintf(fp, "<p class=\"note\">not readable: %s</p>\n", strerror(-err));
			continue;
		}
		fprintf(fp, "<table class=\"prov\">\n");
		for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
			const char *v = gt_header__get(gt_reader__header(rd), tags[k]);

			fprintf(fp, "<tr><th>%s</th><td>", gt_tag__key(tags[k]));
			if (tags[k] == GT_TAG_SCENARIO && v) {
				fprintf(fp, "<pre>");
				esc(fp, v);
				fprintf(fp, "</pre>");
			} else {
				esc(fp, v ? v : "(not recorded)");
			}
			fprintf(fp, "</td></tr>\n");
		}
		fprintf(fp, "</table>\n");
		gt_reader__close(rd);
	}
}

static const char css[] =
	"body{font-family:'DejaVu Sans','Liberation Sans',Arial,Helvetica,sans-serif;"
	"margin:12px 16px;color:#222;background:#fff;max-width:1340px}"
	"h1{font-size:24px;margin:4px 0}h2{font-size:19px;margin:26px 0 6px;border-bottom:1px solid "
	"#ccc;padding-bottom:3px}h3{font-size:15px;margin:12px 0 4px;font-family:monospace}"
	".sub{color:#555;font-size:13px;margin:2px 0}.note{color:#444;font-size:13px;margin:4px 0 "
	"8px}.cmd{font-family:monospace;font-size:12px;color:#555}"
	".legend{margin:10px 0 4px;font-size:14px}.legend span.it{margin-right:18px;white-space:"
	"nowrap}.sw{display:inline-block;width:14px;height:14px;margin-right:5px;vertical-align:"
	"-2px;border-radius:2px}"
	".row{display:flex;flex-wrap:wrap;gap:16px}"
	"svg.chart{border:1px solid #ddd;border-radius:4px;background:#fff}"
	"svg .bg{fill:#fff}svg .plot{fill:#fbfbfb;stroke:#999}svg .grid{stroke:#e3e3e3}svg "
	".tick{stroke:#777}"
	"svg text{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif}"
	"svg .ct{font-size:15px;font-weight:bold;fill:#222}svg .cs{font-size:12px;fill:#555}"
	"svg .at{font-size:12.5px;fill:#333}svg .tl{font-size:11.5px;fill:#444}"
	"svg .lg{font-size:12px;fill:#222}svg .pl{font-size:12.5px;font-weight:bold}svg "
	".pv{font-weight:normal;fill:#555;font-size:11px}"
	"svg .bv{font-size:10px;fill:#333}svg .ln{font-size:12px;fill:#222}"
	"svg .front{stroke:#555;stroke-width:1.6;stroke-dasharray:5 3;fill:none}"
	"svg .lane{stroke:#e3e3e3}svg .sie{fill:#9ecae1}svg .poll{fill:#fdd49e}svg "
	".sleep{fill:#d9d9d9}svg .halt{fill:#eeeeee;stroke:#ccc}"
	"svg .worst{stroke:#e74c3c;stroke-width:2;stroke-dasharray:6 3;fill:none}svg "
	".wl{font-size:12px;fill:#c0392b;font-weight:bold}"
	"table{border-collapse:collapse;font-size:13px}"
	"table.fig td,table.fig th{border:1px solid #ddd;padding:4px 8px;text-align:right;"
	"vertical-align:top}table.fig th{background:#f3f3f3}table.fig td.fn{text-align:left;"
	"white-space:nowrap}.u{color:#777;font-size:11px}.v{font-weight:bold}.d{font-size:11.5px;"
	"white-space:nowrap}.better{color:#1a7f37}.worse{color:#c0392b}.noise{color:#999}"
	"td.spec{font-family:monospace;font-size:11px;text-align:left;max-width:220px;"
	"word-break:break-all}"
	"table.prov th{text-align:left;padding:3px 12px 3px 0;vertical-align:top;color:#555;"
	"font-weight:normal}table.prov td{font-family:monospace;font-size:12px;padding:3px 0}"
	"table.prov pre{margin:0;font-size:11.5px;background:#f7f7f7;padding:6px}"
	".errors{color:#c0392b;font-weight:bold}";

int gt_html__write(const char *out, const struct gt_html_report *r)
{
	FILE *fp;
	int err = 0;
	const struct gt_metrics *bm;
	bool cmp = r->ncols > 1;

	if (r->ncols < 1 || r->base < 0 || r->base >= r->ncols)
		return -EINVAL;
	bm = r->cols[r->base].m;
	fp = fopen(out, "w");
	if (!fp) {
		err = -errno;
		gt_error("%s: %s", out, strerror(errno));
		return err;
	}
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
	esc(fp, r->title);
	/* the only script: a page error becomes visible (and testable) */
	fprintf(fp,
		"</title>\n<script>window.onerror=function(m){document.documentElement."
		"setAttribute('data-js-error',String(m));};</script>\n<style>%s</style>\n"
		"</head><body>\n<h1>",
		css);
	esc(fp, r->title);
	fprintf(fp, "</h1>\n");
	if (r->command) {
		fprintf(fp, "<div class=\"cmd\">$ ");
		esc(fp, r->command);
		fprintf(fp, "</div>\n");
	}
	fprintf(fp,
		"<p class=\"sub\">%.3f s of trace, %" PRIu64 " posts, %" PRIu64
		" delivered%s; latency percentiles within %.1f%% (log-linear histogram)",
		gt_metrics__seconds(bm), bm->n[GT_M_POSTS], bm->n[GT_M_DELIVERED],
		cmp ? " (baseline)" : "", 100 * GT_HIST_REL_ERROR);
	if (cmp)
		fprintf(fp, "; %d columns, baseline <b>", r->ncols);
	if (cmp)
		esc(fp, r->cols[r->base].label);
	fprintf(fp, "%s.</p>\n<div class=\"legend\">", cmp ? "</b>" : "");
	for (int i = 0; i < r->ncols; i++) {
		fprintf(fp, "<span class=\"it\"><span class=\"sw\" style=\"background:%s\"></span>",
			colour(i));
		esc(fp, r->cols[i].label);
		fprintf(fp, "%s</span>", i == r->base && cmp ? " (baseline)" : "");
	}
	fprintf(fp, "</div>\n<h2>Delivery latency</h2>\n<div class=\"row\">\n");
	chart_cdf(fp, r, false);
	chart_cdf(fp, r, true);
	fprintf(fp, "</div>\n<h2>Host cost%s</h2>\n<div class=\"row\">\n",
		cmp ? " and the trade-off" : "");
	if (cmp) {
		chart_pareto(fp, r);
		chart_cost(fp, r, 650);
	} else {
		chart_cost(fp, r, 1318);
	}
	fprintf(fp, "</div>\n");
	timeline_section(fp, r, 1318);
	table_section(fp, r);
	provenance_section(fp, r);
	fprintf(fp,
		"<p class=\"sub\">Generated by gibtrace; docs/report.md explains every figure.</p>\n"
		"</body></html>\n");
	if (ferror(fp))
		err = -EIO;
	if (fclose(fp) && !err)
		err = -errno;
	if (err)
		gt_error("%s: %s", out, strerror(-err));
	return err;
}

/* gibtrace tune --html: every configuration, the front joined and listed */
int gt_html__write_tune(const char *out, const char *title, const char *command,
			const struct gt_tune_result *res, size_t n)
{
	const int W = 1318, H = 560;
	struct frame f = { .x = 80, .y = 50, .w = W - 120, .h = H - 110, .ylog = true };
	double cmin = INFINITY, cmax = 0, pmin = INFINITY, pmax = 0;
	size_t *front = calloc(n ? n : 1, sizeof(*front)), nf = 0;
	FILE *fp;
	int err = 0;

	if (!front)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const double *v = res[i].f;

		cmax = fmax(cmax, v[GT_F_COST]);
		cmin = fmin(cmin, v[GT_F_COST]);
		if (v[GT_F_P99] > 0)
			pmin = fmin(pmin, v[GT_F_P99]);
		pmax = fmax(pmax, v[GT_F_P99]);
		if (res[i].front)
			front[nf++] = i;
	}
	/* the front from low cost to high */
	for (size_t a = 1; a < nf; a++)
		for (size_t b = a;
		     b > 0 && res[front[b]].f[GT_F_COST] < res[front[b - 1]].f[GT_F_COST]; b--) {
			size_t t = front[b];

			front[b] = front[b - 1];
			front[b - 1] = t;
		}
	fp = fopen(out, "w");
	if (!fp) {
		err = -errno;
		gt_error("%s: %s", out, strerror(errno));
		free(front);
		return err;
	}
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>");
	esc(fp, title);
	fprintf(fp,
		"</title>\n<script>window.onerror=function(m){document.documentElement."
		"setAttribute('data-js-error',String(m));};</script>\n<style>%s</style>\n"
		"</head><body>\n<h1>",
		css);
	esc(fp, title);
	fprintf(fp, "</h1>\n");
	if (command) {
		fprintf(fp, "<div class=\"cmd\">$ ");
		esc(fp, command);
		fprintf(fp, "</div>\n");
	}
	fprintf(fp,
		"<p class=\"sub\">%zu configurations, %zu on the Pareto front of p99 delivery "
		"latency, host cost (GAL interruptions + kicks + spurious wakeups per second) and "
		"halt-poll CPU (%% of one host CPU): a longer halt poll saves kicks by burning "
		"CPU.</p>\n<div class=\"row\">\n",
		n, nf);
	cost_p99_axes(
		fp, &f, cmin, cmax, pmin, pmax, 0.1, 6, "chart-tune", W, H,
		"every configuration: p99 latency against host cost",
		"Tuning sweep: p99 latency against host cost",
		"every configuration a dot, the front's large; the dashed line joins the front's "
		"dots that no cheaper one beats on p99 (the front of the two axes drawn)");
	if (nf > 1) {
		double best = INFINITY;

		fprintf(fp, "<polyline class=\"front\" fill=\"none\" points=\"");
		for (size_t k = 0; k < nf; k++) {
			if (res[front[k]].f[GT_F_P99] >= best)
				continue;
			best = res[front[k]].f[GT_F_P99];
			fprintf(fp, "%.1f,%.1f ", fx(&f, res[front[k]].f[GT_F_COST]),
				fy(&f, res[front[k]].f[GT_F_P99]));
		}
		fprintf(fp, "\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		char c[32], p[32];

		fmt_rate(c, sizeof(c), res[i].f[GT_F_COST]);
		fmt_us(p, sizeof(p), res[i].f[GT_F_P99]);
		fprintf(fp,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#222\" "
			"stroke-width=\"0.6\"><title>",
			fx(&f, res[i].f[GT_F_COST]), fy(&f, res[i].f[GT_F_P99]),
			res[i].front ? 6 : 3, res[i].front ? colour(4) : "#9ab");
		esc(fp, res[i].spec);
		fprintf(fp, ": p99 %s us, host cost %s/s, halt-poll CPU %.2f%%</title></circle>\n",
			p, c, res[i].f[GT_F_POLL]);
	}
	fprintf(fp, "</svg>\n</div>\n<h2>The front</h2>\n<table class=\"fig\"><tr><th>p99 "
		    "us</th><th>p50 us</th><th>host cost /s</th><th>GAL /s</th><th>kicks /s</th>"
		    "<th>spurious /s</th><th>halt-poll CPU %%</th><th>configuration</th></tr>\n");
	for (size_t k = 0; k < nf; k++) {
		const double *v = res[front[k]].f;

		fprintf(fp,
			"<tr><td>%.1f</td><td>%.1f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td>"
			"<td>%.0f</td><td>%.2f</td><td class=\"spec\">",
			v[GT_F_P99] / 1e3, v[GT_F_P50] / 1e3, v[GT_F_COST], v[GT_F_GAL],
			v[GT_F_KICKS], v[GT_F_SPURIOUS], v[GT_F_POLL]);
		esc(fp, res[front[k]].spec);
		fprintf(fp, "</td></tr>\n");
	}
	fprintf(fp, "</table>\n<p class=\"sub\">Generated by gibtrace tune; docs/tuning.md "
		    "explains the search and the cost model.</p>\n</body></html>\n");
	if (ferror(fp))
		err = -EIO;
	if (fclose(fp) && !err)
		err = -errno;
	free(front);
	return err;
}
