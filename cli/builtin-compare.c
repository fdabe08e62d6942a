/*
 * gibtrace compare A B ...           traces of one timeline, side by side
 * gibtrace compare TRACE --policy all|P1,P2,...   replays of TRACE, side by side
 *
 * One table, a column per trace or policy: latency percentiles and host cost
 * per second, and for every column but the baseline (default: the one whose
 * policy is upstream, else the first) the difference with its bootstrap 95%
 * interval; a difference whose interval holds 0 is marked '~', inside the
 * noise. --json and --csv print the same. --html OUT also writes the HTML
 * report (analyze/html.h, docs/report.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "compare-table.h"
#include "compare.h"
#include "html.h"
#include "json.h"
#include "policy-spec.h"
#include "run.h"

static const struct gt_help_opt compare_options[] = {
	{ "--policy all|NAME[:params][,NAME...]",
	  "compare replays of one TRACE under these policies (all: every one)" },
	{ "--baseline NAME",
	  "the column the others are compared with: a trace's policy (header) or file name "
	  "(default: upstream, else the first)" },
	{ "--json", "print the same as one JSON document" },
	{ "--csv", "print the same as CSV" },
	{ "--rounds N", "bootstrap resamples, 10..100000 (default 200)" },
	{ "--html OUT.html", "also write the HTML report, with its charts, to OUT.html" },
	{ "--cost name=value,...",
	  "with --policy: the replay engine's costs (gibtrace replay --help)" },
	{ "-j N", "with --policy: replay on N threads, 1..64 (default: every CPU)" },
	{ "--halt-poll TIME",
	  "without --policy: the halt-poll window of the host that recorded the traces, e.g. "
	  "50us (default: each trace's policy's, from its header)" },
	{ .flag = NULL },
};

static const struct gt_help_opt compare_examples[] = {
	{ "gibtrace compare ap.gtr --policy upstream,poll-wait",
	  "two policies on one load, with bootstrap intervals" },
	{ "gibtrace compare up.gtr pw.gtr --baseline pw.gtr --html cmp.html",
	  "two recordings of one timeline, against the second, and the HTML report" },
	{ .flag = NULL },
};

const struct gt_help gt_help_compare = {
	.usage = "gibtrace compare TRACE... [--baseline NAME] [--json | --csv] [--rounds N]\n"
		 "[--html OUT.html] [--halt-poll TIME]\n"
		 "gibtrace compare TRACE --policy all|NAME[:params][,NAME...] [--cost ...] [-j N]",
	.description =
		"One table, a column per trace (traces of one timeline) or per policy (replays of\n"
		"one TRACE): latency percentiles and host cost per second, and for every column but\n"
		"the baseline the difference with its bootstrap 95% interval. A difference whose\n"
		"interval holds 0 is marked '~', inside the noise.\n"
		"\n"
		"A column is labelled with its trace's policy (header) or its file name, or with its\n"
		"policy's name.",
	.options = compare_options,
	.examples = compare_examples,
	.see_also = "gibtrace-replay(1), gibtrace-report(1), docs/report.md",
};

#define CMP_MAX 64

/* window: the halt-poll window, or UINT64_MAX for the one of the trace's policy */
static int measure_file(const char *path, struct gt_cmp_col *c, uint64_t window)
{
	struct gt_reader *r;
	struct gt_event ev;
	const char *pol;
	int err = 0, rc;

	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	pol = gt_header__get(gt_reader__header(r), GT_TAG_POLICY);
	if (pol)
		snprintf(c->label, sizeof(c->label), "%.*s", (int)strcspn(pol, ":"), pol);
	else
		snprintf(c->label, sizeof(c->label), "%s", path);
	gt_metrics__set_halt_poll(&c->m,
				  window != UINT64_MAX ? window : rp_policy_spec__halt_poll(pol));
	while ((rc = gt_reader__next(r, &ev)) > 0)
		if ((err = gt_metrics__add(&c->m, &ev)))
			break;
	gt_reader__close(r);
	return err ?: rc;
}

/* --policy all or a comma list of specs (a spec's own commas follow its colon) */
static int parse_policies(const char *arg, struct rp_run *runs, int *n)
{
	char *copy, *tok, *save = NULL;
	int err = 0;

	*n = 0;
	if (!strcmp(arg, "all")) {
		for (; gib_policies[*n] && *n < CMP_MAX; (*n)++) {
			runs[*n].policy = gib_policies[*n];
			runs[*n].params = gib_policies[*n]->defaults;
		}
		return 0;
	}
	copy = strdup(arg);
	if (!copy)
		return -ENOMEM;
	/* "a:x=1,y=2,b" -> specs start at a name that is a policy */
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		char spec[512];

		if (*n && !strchr(tok, ':') && !gib_policy_find(tok) && strchr(tok, '=')) {
			/* a parameter of the previous spec */
			snprintf(spec, sizeof(spec), "%s,%s", runs[*n - 1].spec, tok);
			(*n)--;
		} else {
			snprintf(spec, sizeof(spec), "%s", tok);
		}
		if (*n >= CMP_MAX ||
		    rp_policy_spec__parse(spec, &runs[*n].policy, &runs[*n].params)) {
			err = -EINVAL;
			break;
		}
		if (strlen(spec) >= sizeof(runs[*n].spec)) {
			fprintf(stderr, "gibtrace compare: policy '%s' is too long\n", spec);
			err = -EINVAL;
			break;
		}
		memcpy(runs[*n].spec, spec, strlen(spec) + 1);
		(*n)++;
	}
	free(copy);
	return err;
}

static void print_csv(struct gt_cmp_col *c, int n, int base)
{
	printf("figure,unit,column,value,delta,ci_lo,ci_hi,inside_noise\n");
	for (int f = 0; f < GT_F_NR; f++)
		for (int i = 0; i < n; i++)
			printf("%s,%s,%s,%.6g,%.6g,%.6g,%.6g,%d\n", gt_figure_names[f],
			       !strcmp(gt_figure_units[f], "us") ? "ns" : "per_s", c[i].label,
			       c[i].f[f], c[i].f[f] - c[base].f[f], i == base ? 0 : c[i].ci[f].lo,
			       i == base ? 0 : c[i].ci[f].hi,
			       i == base ? 1 : gt_ci__holds_zero(&c[i].ci[f]));
}

static void print_json(struct gt_cmp_col *c, int n, int base, int rounds)
{
	struct gt_json j;

	gt_json__init(&j, stdout);
	gt_json__open(&j, NULL, '{');
	gt_json__str(&j, "baseline", c[base].label);
	gt_json__u64(&j, "bootstrap_rounds", (uint64_t)rounds);
	gt_json__u64(&j, "window_ns", c[base].m.win_ns);
	gt_json__open(&j, "columns", '[');
	for (int i = 0; i < n; i++) {
		gt_json__open(&j, NULL, '{');
		gt_json__str(&j, "label", c[i].label);
		for (int f = 0; f < GT_F_NR; f++) {
			gt_json__open(&j, gt_figure_names[f], '{');
			gt_json__double(&j, "value", c[i].f[f]);
			gt_json__str(&j, "unit",
				     !strcmp(gt_figure_units[f], "us") ? "ns" : "per_s");
			if (i != base) {
				gt_json__double(&j, "delta", c[i].f[f] - c[base].f[f]);
				gt_json__double(&j, "ci_lo", c[i].ci[f].lo);
				gt_json__double(&j, "ci_hi", c[i].ci[f].hi);
				gt_json__bool(&j, "inside_noise", gt_ci__holds_zero(&c[i].ci[f]));
			}
			gt_json__close(&j, '}');
		}
		gt_json__close(&j, '}');
	}
	gt_json__close(&j, ']');
	gt_json__close(&j, '}');
}

/* the name line of a trace's scenario, or "" */
static void scenario_name(const char *path, char *buf, size_t len)
{
	struct gt_reader *rd;
	const char *v;
	int err;

	*buf = '\0';
	rd = gt_reader__open(path, &err);
	if (!rd)
		return;
	for (v = gt_header__get(gt_reader__header(rd), GT_TAG_SCENARIO); v && *v;
	     v += strcspn(v, "\n"), v += *v == '\n') {
		if (!strncmp(v, "name", 4) && (v[4] == ' ' || v[4] == '\t')) {
			v += 4 + strspn(v + 4, " \t");
			snprintf(buf, len, "%.*s", (int)strcspn(v, " \t\n"), v);
			break;
		}
	}
	gt_reader__close(rd);
}

/*
 * The HTML report. Its timeline needs the baseline's events: a trace file's
 * own, or for --policy the baseline's replay run again (replays are
 * deterministic) into a temporary file, removed afterwards.
 */
static int write_html(const char *out, struct gt_cmp_col *c, int n, int base, int rounds,
		      const char **files, int nfiles, struct rp_run *runs, bool replayed,
		      const struct rp_costs *costs, int argc, const char **argv)
{
	struct gt_html_col cols[CMP_MAX];
	struct gt_html_report r = { .cols = cols, .ncols = n, .base = base, .rounds = rounds };
	char title[256], cmd[2048], tmp[4096] = "", note[512], costs_txt[256];
	char scn[64];
	size_t o = 0;
	int err = 0;

	for (int i = 0; i < argc && o < sizeof(cmd); i++)
		o += (size_t)snprintf(cmd + o, sizeof(cmd) - o, "%s%s", i ? " " : "gibtrace ",
				      argv[i]);
	for (int i = 0; i < n; i++)
		cols[i] = (struct gt_html_col){ .label = c[i].label,
						.spec = replayed ? runs[i].spec : NULL,
						.m = &c[i].m,
						.f = c[i].f,
						.ci = i == base ? NULL : c[i].ci };
	if (replayed) {
		struct rp_run again = { .policy = runs[base].policy, .params = runs[base].params };
		const char *dir = getenv("TMPDIR");
		int fd;

		memcpy(again.spec, runs[base].spec, sizeof(again.spec));
		snprintf(tmp, sizeof(tmp), "%s/gibtrace-html-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmp);
		if (fd < 0) {
			fprintf(stderr, "gibtrace compare: %s: %s\n", tmp, strerror(errno));
			return 1;
		}
		close(fd);
		gt_metrics__init(&again.m);
		err = rp_run__one(files[0], &again, costs, tmp, false);
		gt_metrics__release(&again.m);
		snprintf(note, sizeof(note),
			 "The baseline %s replayed once more into a temporary trace (replays are "
			 "deterministic: the same events the figures were measured on).",
			 c[base].label);
		snprintf(
			costs_txt, sizeof(costs_txt),
			"gal_delay %.1f us, wake_poll %.1f us, wake_sleep %.1f us, reenter %.1f us, "
			"work_default %.1f us",
			(double)costs->gal_delay / 1e3, (double)costs->wake_poll / 1e3,
			(double)costs->wake_sleep / 1e3, (double)costs->reenter / 1e3,
			(double)costs->work_default / 1e3);
		r.costs = costs_txt;
		r.sources = files;
		r.nsources = 1;
		r.timeline = err ? NULL : tmp;
	} else {
		snprintf(note, sizeof(note), "The events of %s.", files[base]);
		r.sources = files;
		r.nsources = nfiles;
		r.timeline = files[base];
	}
	scenario_name(files[0], scn, sizeof(scn));
	snprintf(title, sizeof(title), "gibtrace compare%s%s: %d %s", *scn ? " of " : "", scn, n,
		 replayed ? "policies" : "traces");
	r.title = title;
	r.command = cmd;
	r.timeline_note = note;
	err = gt_html__write(out, &r);
	if (*tmp)
		unlink(tmp);
	return err ? 1 : 0;
}

int cmd_compare(int argc, const char **argv)
{
	const char *files[CMP_MAX], *policies = NULL, *baseline = NULL, *html = NULL;
	struct rp_costs costs = rp_costs_default;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t window = UINT64_MAX;
	bool json = false, csv = false;
	int nfiles = 0, n = 0, base = -1, rounds = 200, status = 0;
	struct gt_cmp_col *c = calloc(CMP_MAX, sizeof(*c));
	struct rp_run *runs = calloc(CMP_MAX, sizeof(*runs));

	if (!c || !runs)
		goto fail;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			policies = argv[++i];
		} else if (!strcmp(argv[i], "--baseline") && i + 1 < argc) {
			baseline = argv[++i];
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--csv")) {
			csv = true;
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc) {
			html = argv[++i];
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = atoi(argv[++i]);
			if (rounds < 10 || rounds > 100000)
				goto usage;
		} else if (!strcmp(argv[i], "-j") && i + 1 < argc) {
			jobs = atol(argv[++i]);
			if (jobs < 1 || jobs > 64)
				goto usage;
		} else if (!strcmp(argv[i], "--cost") && i + 1 < argc) {
			if (rp_costs__parse(argv[++i], &costs))
				goto fail;
		} else if (!strcmp(argv[i], "--halt-poll") && i + 1 < argc) {
			if (rp_time__parse(argv[++i], &window) || window == UINT64_MAX) {
				fprintf(stderr,
					"gibtrace compare: --halt-poll '%s' is not a time (e.g. 50us)\n",
					argv[i]);
				goto fail;
			}
		} else if (argv[i][0] != '-' && nfiles < CMP_MAX) {
			files[nfiles++] = argv[i];
		} else {
			goto usage;
		}
	}
	if (policies && window != UINT64_MAX) {
		fprintf(stderr,
			"gibtrace compare: --halt-poll is for recorded traces; a replay polls "
			"by its policy's halt_poll (--policy NAME:halt_poll=TIME)\n");
		goto fail;
	}
	if (!nfiles || (policies && nfiles != 1) || (!policies && nfiles < 2) || (json && csv))
		goto usage;

	if (policies) {
		struct rp_pool pool;

		if (parse_policies(policies, runs, &n))
			goto fail;
		for (int i = 0; i < n; i++) {
			rp_policy_spec__format(runs[i].policy, &runs[i].params, runs[i].spec,
					       sizeof(runs[i].spec));
			gt_metrics__init_detail(&runs[i].m);
			gt_metrics__init(&runs[i].in);
		}
		pool = (struct rp_pool){ .path = files[0], .costs = &costs, .runs = runs, .n = n };
		status = rp_run__all(&pool, jobs > 0 ? (int)jobs : 1);
		for (int i = 0; i < n; i++) {
			c[i].m = runs[i].m;
			gt_metrics__release(&runs[i].in);
			snprintf(c[i].label, sizeof(c[i].label), "%s", runs[i].policy->name);
			for (int k = 0; k < i; k++)
				if (!strcmp(c[k].label, c[i].label)) /* same policy, other params */
					snprintf(c[i].label, sizeof(c[i].label), "%s#%d",
						 runs[i].policy->name, i);
		}
		if (status)
			goto fail_n;
	} else {
		n = nfiles;
		for (int i = 0; i < n; i++) {
			gt_metrics__init_detail(&c[i].m);
			if (measure_file(files[i], &c[i], window))
				goto fail_n;
		}
	}
	for (int i = 0; i < n && base < 0; i++)
		if (baseline ? !strcmp(c[i].label, baseline) || !strcmp(files[0], baseline) :
			       !strcmp(c[i].label, "upstream"))
			base = i;
	if (base < 0) {
		if (baseline) {
			fprintf(stderr, "gibtrace compare: no column is labelled '%s'\n", baseline);
			goto fail_n;
		}
		base = 0;
	}
	for (int i = 0; i < n; i++) {
		gt_figures(&c[i].m, c[i].f);
		if (i != base &&
		    gt_bootstrap_diff(&c[base].m, &c[i].m, rounds, 0x5eed + (uint64_t)i, c[i].ci)) {
			fprintf(stderr, "gibtrace compare: %s and %s share no time windows\n",
				c[base].label, c[i].label);
			goto fail_n;
		}
	}
	if (json)
		print_json(c, n, base, rounds);
	else if (csv)
		print_csv(c, n, base);
	else
		gt_cmp__print_table(stdout, c, n, base, rounds);
	if (html)
		status = write_html(html, c, n, base, rounds, files, nfiles, runs, policies != NULL,
				    &costs, argc, argv);
	for (int i = 0; i < n; i++)
		gt_metrics__release(&c[i].m);
	free(c);
	free(runs);
	return status;

usage:
	gt_help__usage(&gt_help_compare, stderr);
	free(c);
	free(runs);
	return 1;
fail_n:
	for (int i = 0; i < n; i++)
		gt_metrics__release(&c[i].m);
fail:
	free(c);
	free(runs);
	return 1;
}
