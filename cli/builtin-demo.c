/*
 * gibtrace demo [--traces DIR] [-o DIR] [--rounds N] [--tolerance F] [-j N]
 *
 * The shipped recordings (traces/SCENARIO/POLICY.gtr: gib.ko in a QEMU guest, under
 * every policy; traces/PROVENANCE.md) put to work. Per scenario: the upstream
 * recording replayed under every policy, the comparison table of gibtrace compare
 * (bootstrap intervals against upstream) and its HTML report (demo-SCENARIO.html;
 * report.html is the index). Then the FIDELITY table: each recording replayed under
 * its own policy against itself (what gibtrace replay --validate measures), and the
 * upstream recording replayed under each policy B against the real recording of B
 * (the prediction the comparison table makes). docs/demo.md.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "compare-table.h"
#include "compare.h"
#include "estimate.h"
#include "hist.h"
#include "html.h"
#include "policy-spec.h"
#include "run.h"
#include "validate.h"

#ifndef GIBTRACE_TRACES_DIR
#define GIBTRACE_TRACES_DIR "traces"
#endif

#define DEMO_MAX_POL 16
#define DEMO_MAX_SCN 32

static const struct gt_help_opt demo_options[] = {
	{ "--traces DIR",
	  "the recordings, DIR/SCENARIO/POLICY.gtr (default: the source tree's traces/, " GIBTRACE_TRACES_DIR
	  ")" },
	{ "-o DIR", "where report.html and demo-SCENARIO.html go (default: the current folder)" },
	{ "--rounds N", "bootstrap resamples, 10..100000 (default 200)" },
	{ "--tolerance F",
	  "the relative error marked as off in the fidelity table (default 0.10)" },
	{ "-j N", "replay on N threads, 1..64 (default: every CPU)" },
	{ .flag = NULL },
};

static const struct gt_help_opt demo_examples[] = {
	{ "gibtrace demo -o /tmp/demo", "the tables, and /tmp/demo/report.html" },
	{ "gibtrace demo --traces my-recordings", "the same on recordings of one's own" },
	{ .flag = NULL },
};

const struct gt_help gt_help_demo = {
	.usage = "gibtrace demo [--traces DIR] [-o DIR] [--rounds N] [--tolerance F] [-j N]",
	.description =
		"Replays the shipped recordings (real runs of gib.ko under every policy, recorded\n"
		"with gibtrace record in a QEMU guest: traces/, traces/PROVENANCE.md). For each\n"
		"scenario, the upstream recording is replayed under every policy, with the costs\n"
		"estimated from it (as --cost auto), and the comparison table of gibtrace compare is\n"
		"printed: latency percentiles and host cost per second, the difference with\n"
		"upstream's and its bootstrap 95% interval. Each scenario's HTML report is written\n"
		"to demo-SCENARIO.html; report.html is the index, with the tables.\n"
		"\n"
		"Then the FIDELITY table, whatever its numbers: each recording replayed under its\n"
		"own policy and compared with itself (the relative error of p50, p99 and the\n"
		"host-cost counters, as gibtrace replay --validate computes it), and the prediction:\n"
		"the upstream recording replayed under policy B against the real recording of B.",
	.options = demo_options,
	.examples = demo_examples,
	.see_also = "gibtrace-compare(1), gibtrace-replay(1), gibtrace-record(1), docs/demo.md",
};

/* one policy of a scenario: its recording, and the two replays measured against it */
struct demo_pol {
	const struct gib_policy *policy;
	char path[4096]; /* SCENARIO/POLICY.gtr */
	bool have; /* the recording exists */
	struct rp_run own; /* the recording under its own policy; own.in: the recording */
	struct rp_fidelity same, pred;
	bool measured;
};

struct demo_scn {
	char name[256];
	struct demo_pol pol[DEMO_MAX_POL];
	int npol, base; /* base: upstream */
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the scenarios of dir: the folders that hold an upstream.gtr, sorted; their count */
static int find_scenarios(const char *dir, char names[][256], int max)
{
	char *sorted[DEMO_MAX_SCN], path[4096];
	struct dirent *d;
	DIR *dp = opendir(dir);
	struct stat st;
	int n = 0;

	if (!dp) {
		fprintf(stderr, "gibtrace demo: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((d = readdir(dp)) && n < max) {
		if (d->d_name[0] == '.' || strlen(d->d_name) >= 256)
			continue;
		snprintf(path, sizeof(path), "%s/%s/upstream.gtr", dir, d->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		sorted[n] = strdup(d->d_name);
		if (sorted[n])
			n++;
	}
	closedir(dp);
	qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_names);
	for (int i = 0; i < n; i++) {
		snprintf(names[i], 256, "%s", sorted[i]);
		free(sorted[i]);
	}
	return n;
}

/* the policy a recording was made under (its header), else pol's defaults */
static void recorded_spec(struct demo_pol *p, struct rp_run *run)
{
	struct gt_reader *r = p->have ? gt_reader__open(p->path, NULL) : NULL;
	const char *v = r ? gt_header__get(gt_reader__header(r), GT_TAG_POLICY) : NULL;

	run->policy = p->policy;
	run->params = p->policy->defaults;
	if (v && rp_policy_spec__parse(v, &run->policy, &run->params))
		run->params = p->policy->defaults; /* reported; the defaults then */
	if (run->policy != p->policy) { /* a file named after another policy */
		run->policy = p->policy;
		run->params = p->policy->defaults;
	}
	gt_reader__close(r);
	rp_policy_spec__format(run->policy, &run->params, run->spec, sizeof(run->spec));
}

static void print_costs(FILE *fp, const char *what, const struct rp_estimate *est)
{
	static const char *const names[] = { "gal_delay", "wake_poll", "wake_sleep", "reenter",
					     "work_default" };
	const uint64_t *v = &est->costs.gal_delay;

	fprintf(fp, "costs estimated from %s:", what);
	for (int k = 0; k < 5; k++)
		fprintf(fp, " %s=%.1fus%s", names[k], (double)v[k] / 1e3,
			est->samples[k] ? "" : " (default)");
	fprintf(fp, "\n");
}

struct demo_opts {
	const char *traces, *outdir;
	int rounds, jobs;
	double tol;
};

/* one scenario: its comparison table (to fp), its HTML report, its fidelity figures */
static int demo_scenario(const struct demo_opts *o, struct demo_scn *s, FILE *fp)
{
	struct gt_cmp_col *c = calloc(DEMO_MAX_POL, sizeof(*c));
	struct rp_run *runs = calloc(DEMO_MAX_POL, sizeof(*runs));
	struct gt_html_col cols[DEMO_MAX_POL];
	const char *sources[DEMO_MAX_POL];
	char up[4096], html[4096], title[512], note[4300], costs_txt[256], cmd[4200];
	struct gt_html_report r = { 0 };
	struct rp_estimate est;
	struct rp_pool pool;
	int status = 1, nsrc = 0;

	if (!c || !runs)
		goto out;
	snprintf(up, sizeof(up), "%s/%s/upstream.gtr", o->traces, s->name);
	if (rp_estimate__costs(up, &est)) {
		fprintf(stderr, "gibtrace demo: %s: cannot estimate the costs\n", up);
		goto out;
	}
	/* the upstream recording under every policy (each with its recording's parameters) */
	for (int i = 0; i < s->npol; i++) {
		recorded_spec(&s->pol[i], &runs[i]);
		gt_metrics__init_detail(&runs[i].m);
		gt_metrics__init(&runs[i].in);
	}
	pool = (struct rp_pool){ .path = up, .costs = &est.costs, .runs = runs, .n = s->npol };
	if (rp_run__all(&pool, o->jobs)) {
		fprintf(stderr, "gibtrace demo: %s: a replay failed\n", up);
		goto out_runs;
	}
	for (int i = 0; i < s->npol; i++) {
		c[i].m = runs[i].m;
		snprintf(c[i].label, sizeof(c[i].label), "%s", runs[i].policy->name);
		gt_figures(&c[i].m, c[i].f);
	}
	for (int i = 0; i < s->npol; i++)
		if (i != s->base && gt_bootstrap_diff(&c[s->base].m, &c[i].m, o->rounds,
						      0x5eed + (uint64_t)i, c[i].ci)) {
			fprintf(stderr, "gibtrace demo: %s: no time windows\n", up);
			goto out_runs;
		}
	fprintf(fp, "\n== %s: the upstream recording replayed under every policy\n", s->name);
	print_costs(fp, up, &est);
	gt_cmp__print_table(fp, c, s->npol, s->base, o->rounds);

	/* the HTML report of the scenario: the columns above, the real recording's timeline */
	for (int i = 0; i < s->npol; i++) {
		cols[i] = (struct gt_html_col){ .label = c[i].label,
						.spec = runs[i].spec,
						.m = &c[i].m,
						.f = c[i].f,
						.ci = i == s->base ? NULL : c[i].ci };
		if (s->pol[i].have)
			sources[nsrc++] = s->pol[i].path;
	}
	snprintf(html, sizeof(html), "%s/demo-%s.html", o->outdir, s->name);
	snprintf(title, sizeof(title),
		 "gibtrace demo: %s, the upstream recording replayed under %d policies", s->name,
		 s->npol);
	snprintf(cmd, sizeof(cmd), "gibtrace demo --traces %s", o->traces);
	snprintf(note, sizeof(note),
		 "The events of the real recording %s (gib.ko under upstream in the QEMU guest), "
		 "the load every column replays.",
		 up);
	snprintf(costs_txt, sizeof(costs_txt),
		 "estimated from the upstream recording: gal_delay %.1f us, wake_poll %.1f us, "
		 "wake_sleep %.1f us, reenter %.1f us, work_default %.1f us",
		 (double)est.costs.gal_delay / 1e3, (double)est.costs.wake_poll / 1e3,
		 (double)est.costs.wake_sleep / 1e3, (double)est.costs.reenter / 1e3,
		 (double)est.costs.work_default / 1e3);
	r = (struct gt_html_report){ .title = title,
				     .command = cmd,
				     .cols = cols,
				     .ncols = s->npol,
				     .base = s->base,
				     .rounds = o->rounds,
				     .sources = sources,
				     .nsources = nsrc,
				     .timeline = up,
				     .timeline_note = note,
				     .costs = costs_txt };
	if (gt_html__write(html, &r))
		goto out_runs;

	/* fidelity: each recording under its own policy, and the prediction of it */
	for (int i = 0; i < s->npol; i++) {
		struct demo_pol *p = &s->pol[i];
		struct rp_estimate own;

		if (!p->have)
			continue;
		if (rp_estimate__costs(p->path, &own)) {
			fprintf(stderr, "gibtrace demo: %s: cannot estimate the costs\n", p->path);
			goto out_runs;
		}
		p->own = (struct rp_run){ .validate = true };
		recorded_spec(p, &p->own);
		gt_metrics__init(&p->own.m);
		gt_metrics__init(&p->own.in);
		if (rp_run__one(p->path, &p->own, &own.costs, NULL, false)) {
			fprintf(stderr, "gibtrace demo: %s: the replay failed\n", p->path);
			gt_metrics__release(&p->own.m);
			gt_metrics__release(&p->own.in);
			goto out_runs;
		}
		rp_validate(&p->own.m, &p->own.in, o->tol, &p->same);
		rp_validate(&runs[i].m, &p->own.in, o->tol, &p->pred);
		p->measured = true;
		gt_metrics__release(&p->own.m);
		gt_metrics__release(&p->own.in);
	}
	fprintf(fp, "report: %s\n", html);
	status = 0;
out_runs:
	for (int i = 0; i < s->npol; i++) {
		gt_metrics__release(&runs[i].m);
		gt_metrics__release(&runs[i].in);
	}
out:
	free(c);
	free(runs);
	return status;
}

static void print_fid(FILE *fp, const struct rp_fidelity *f, bool values)
{
	char worst[64];

	snprintf(worst, sizeof(worst), "%.0f%% %s", 100 * f->err[f->worst], f->name[f->worst]);
	if (values)
		fprintf(fp, " %8.1f %8.1f", f->rec[1] / 1e3, f->replay[1] / 1e3);
	fprintf(fp, " %6.0f%% %6.0f%%  %-24s %3d/%d", 100 * f->err[0], 100 * f->err[1], worst,
		f->off, RP_FID_NR);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	if (!n)
		return 0;
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_fidelity(FILE *fp, const struct demo_opts *o, struct demo_scn *scn, int nscn)
{
	double med[2][3][DEMO_MAX_SCN * DEMO_MAX_POL];
	int nmed[2] = { 0, 0 };

	fprintf(fp,
		"\n== FIDELITY: replays against the real recordings (relative error; "
		"off: figures beyond %.0f%% of %d)\n",
		100 * o->tol, RP_FID_NR);
	fprintf(fp, "same policy: POLICY.gtr replayed under POLICY, costs estimated from it "
		    "(gibtrace replay --validate)\n"
		    "prediction:  upstream.gtr replayed under POLICY, costs estimated from it, "
		    "against the real POLICY.gtr\n"
		    "counters: the worst of gal_irqs, gal_passes, kicker_ticks, kicks, wakeups, "
		    "spurious_wakeups, iam_restores, alerts, delivered\n\n");
	fprintf(fp, "%-12s %-14s | %-48s | %s\n", "", "", "same policy",
		"prediction from upstream.gtr");
	fprintf(fp, "%-12s %-14s | %7s %7s  %-24s %6s | %8s %8s %7s %7s  %-24s %6s\n", "scenario",
		"policy", "p50", "p99", "counters (worst)", "off", "p99 real", "p99 pred", "p50",
		"p99", "counters (worst)", "off");
	for (int k = 0; k < nscn; k++) {
		for (int i = 0; i < scn[k].npol; i++) {
			struct demo_pol *p = &scn[k].pol[i];

			fprintf(fp, "%-12.12s %-14.14s |", scn[k].name, p->policy->name);
			if (!p->measured) {
				fprintf(fp, " no recording %s\n", p->path);
				continue;
			}
			print_fid(fp, &p->same, false);
			fprintf(fp, " |");
			if (i == scn[k].base) {
				fprintf(fp, " %8.1f %8.1f  (the same replay)\n",
					p->pred.rec[1] / 1e3, p->pred.replay[1] / 1e3);
			} else {
				print_fid(fp, &p->pred, true);
				fprintf(fp, "\n");
			}
			for (int w = 0; w < 2; w++) {
				const struct rp_fidelity *f = w ? &p->pred : &p->same;

				if (w && i == scn[k].base)
					continue;
				med[w][0][nmed[w]] = f->err[0];
				med[w][1][nmed[w]] = f->err[1];
				med[w][2][nmed[w]] = f->err[f->worst];
				nmed[w]++;
			}
		}
	}
	fprintf(fp,
		"p99 real/pred in us. Medians over the rows: same policy p50 %.0f%%, p99 "
		"%.0f%%, worst counter %.0f%%; prediction p50 %.0f%%, p99 %.0f%%, worst "
		"counter %.0f%%\n",
		100 * median(med[0][0], nmed[0]), 100 * median(med[0][1], nmed[0]),
		100 * median(med[0][2], nmed[0]), 100 * median(med[1][0], nmed[1]),
		100 * median(med[1][1], nmed[1]), 100 * median(med[1][2], nmed[1]));
}

static void html_escaped(FILE *fp, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<')
			fputs("&lt;", fp);
		else if (s[i] == '>')
			fputs("&gt;", fp);
		else if (s[i] == '&')
			fputs("&amp;", fp);
		else
			fputc(s[i], fp);
	}
}

/* report.html: the index, every scenario's report linked and the tables as printed */
static int write_index(const struct demo_opts *o, const struct demo_scn *scn, int nscn,
		       const char *text, size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/report.html", o->outdir);
	fp = fopen(path, "w");
	if (!fp) {
		fprintf(stderr, "gibtrace demo: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		    "<title>gibtrace demo</title>\n<style>body{font-family:sans-serif;margin:2em}"
		    "pre{font-size:12px;overflow-x:auto}</style></head><body>\n"
		    "<h1>gibtrace demo</h1>\n<p>Real recordings of gib.ko in a QEMU/TCG guest, "
		    "under every policy (");
	html_escaped(fp, o->traces, strlen(o->traces));
	fprintf(fp, ", PROVENANCE.md there), replayed. The report of each scenario (the "
		    "upstream recording replayed under every policy):</p>\n<ul>\n");
	for (int k = 0; k < nscn; k++) {
		fprintf(fp, "<li><a href=\"demo-");
		html_escaped(fp, scn[k].name, strlen(scn[k].name));
		fprintf(fp, ".html\">");
		html_escaped(fp, scn[k].name, strlen(scn[k].name));
		fprintf(fp, "</a></li>\n");
	}
	fprintf(fp, "</ul>\n<h2>The tables, as gibtrace demo printed them</h2>\n<pre>");
	html_escaped(fp, text, len);
	fprintf(fp, "</pre>\n</body></html>\n");
	if (fclose(fp)) {
		fprintf(stderr, "gibtrace demo: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int cmd_demo(int argc, const char **argv)
{
	struct demo_opts o = { .traces = GIBTRACE_TRACES_DIR,
			       .outdir = ".",
			       .rounds = 200,
			       .jobs = (int)sysconf(_SC_NPROCESSORS_ONLN),
			       .tol = 0.10 };
	static char names[DEMO_MAX_SCN][256];
	struct demo_scn *scn = NULL;
	char *text = NULL;
	size_t len = 0, printed = 0;
	int nscn, npol = 0, status = 1;
	FILE *fp = NULL;

	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--traces") && i + 1 < argc) {
			o.traces = argv[++i];
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			o.outdir = argv[++i];
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			o.rounds = (int)strtol(argv[++i], &end, 10);
			if (*end || o.rounds < 10 || o.rounds > 100000)
				goto usage;
		} else if (!strcmp(argv[i], "-j") && i + 1 < argc) {
			o.jobs = (int)strtol(argv[++i], &end, 10);
			if (*end || o.jobs < 1 || o.jobs > 64)
				goto usage;
		} else if (!strcmp(argv[i], "--tolerance") && i + 1 < argc) {
			o.tol = strtod(argv[++i], &end);
			if (*end || !(o.tol >= 0))
				goto usage;
		} else {
			goto usage;
		}
	}
	if (o.jobs < 1)
		o.jobs = 1;
	if (mkdir(o.outdir, 0777) && errno != EEXIST) {
		fprintf(stderr, "gibtrace demo: %s: %s\n", o.outdir, strerror(errno));
		return 1;
	}
	nscn = find_scenarios(o.traces, names, DEMO_MAX_SCN);
	if (nscn < 0)
		return 1;
	if (!nscn) {
		fprintf(stderr,
			"gibtrace demo: no recordings in %s (SCENARIO/upstream.gtr: "
			"traces/record-all.sh makes them)\n",
			o.traces);
		return 1;
	}
	while (gib_policies[npol] && npol < DEMO_MAX_POL)
		npol++;
	scn = calloc((size_t)nscn, sizeof(*scn));
	fp = open_memstream(&text, &len);
	if (!scn || !fp)
		goto out;
	fprintf(fp,
		"gibtrace demo: %d scenario%s recorded with gib.ko under %d policies, "
		"from %s\n",
		nscn, nscn == 1 ? "" : "s", npol, o.traces);
	for (int k = 0; k < nscn; k++) {
		struct demo_scn *s = &scn[k];

		snprintf(s->name, sizeof(s->name), "%s", names[k]);
		s->npol = npol;
		s->base = 0;
		for (int i = 0; i < npol; i++) {
			struct demo_pol *p = &s->pol[i];
			struct stat st;

			p->policy = gib_policies[i];
			snprintf(p->path, sizeof(p->path), "%s/%s/%s.gtr", o.traces, s->name,
				 p->policy->name);
			p->have = !stat(p->path, &st) && S_ISREG(st.st_mode);
			if (!strcmp(p->policy->name, "upstream"))
				s->base = i;
		}
		if (demo_scenario(&o, s, fp))
			goto out;
		/* what is printed so far, now: a scenario takes a moment */
		fflush(fp);
		fwrite(text + printed, 1, len - printed, stdout);
		fflush(stdout);
		printed = len;
	}
	print_fidelity(fp, &o, scn, nscn);
	fprintf(fp, "\nreport: %s/report.html\n", o.outdir);
	fflush(fp);
	fwrite(text + printed, 1, len - printed, stdout);
	if (write_index(&o, scn, nscn, text, len))
		goto out;
	status = 0;
out:
	if (fp)
		fclose(fp);
	free(text);
	free(scn);
	return status;
usage:
	gt_help__usage(&gt_help_demo, stderr);
	return 1;
}
