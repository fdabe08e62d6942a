/*
 * The HTML report of gibtrace compare and gibtrace report (--html OUT): one
 * self-contained file, no network, charts as inline SVG written here, hover
 * tooltips as SVG <title>s (no script but an error catcher). Sections: the
 * latency CDF and its tail per column, host cost per second as grouped bars,
 * the Pareto picture of p99 latency against host cost, a timeline excerpt of
 * the baseline's trace around its worst delivery, the comparison table with
 * the bootstrap intervals, and the traces' provenance. docs/report.md
 * describes each.
 */
#ifndef GIBTRACE_HTML_H
#define GIBTRACE_HTML_H

#include "compare.h"
#include "tune.h"

/* one column: a trace, or a replay under one policy */
struct gt_html_col {
	const char *label;
	const char *spec; /* policy and parameters, or NULL */
	const struct gt_metrics *m;
	const double *f; /* its figures (gt_figures), GT_F_NR */
	const struct gt_ci *ci; /* 95% intervals of f - baseline's f; NULL: none */
};

struct gt_html_report {
	const char *title;
	const char *command; /* shown under the title, or NULL */
	const struct gt_html_col *cols;
	int ncols, base;
	int rounds; /* bootstrap rounds behind ci */
	/* the input traces: their headers are the provenance */
	const char *const *sources;
	int nsources;
	/* the baseline's trace for the timeline excerpt (NULL: none), and how it was made */
	const char *timeline;
	const char *timeline_note;
	const char *costs; /* replay costs, or NULL */
};

/* 0 or -errno (reported through gt_error) */
int gt_html__write(const char *out, const struct gt_html_report *r);
/* the page of a tuning sweep: every configuration, the front joined and listed */
int gt_html__write_tune(const char *out, const char *title, const char *command,
			const struct gt_tune_result *res, size_t n);

#endif
