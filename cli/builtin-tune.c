/*
 * gibtrace tune TRACE --policy P --param name=lo:hi[:step|:log] ... [options]
 *
 * A grid search over a policy's parameters: every combination of the values
 * each --param gives (lo to hi by step; by doubling with :log; 5 even steps
 * without either) is one replay of TRACE. The replays run on -j threads
 * (default: every CPU) with a progress line; each result is appended to the
 * results file (-o, default tune.results) as soon as it is known, so an
 * interrupted sweep (Ctrl-C stops after the replays under way) resumes with
 * --resume where it stopped. --shard I/N runs only the configurations whose
 * grid index is I modulo N; `gibtrace merge` combines the shards' files.
 * The output: every configuration, the Pareto front of p99 latency, host cost
 * (GAL interruptions + kicks + spurious wakeups per second) and halt-poll CPU
 * marked, as a table, --json or --csv.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "json.h"
#include "policy-spec.h"
#include "run.h"
#include "html.h"
#include "tune.h"
#include "tune-print.h"

static const struct gt_help_opt tune_options[] = {
	{ "--policy NAME", "the policy whose parameters are swept (gibtrace help --policies)" },
	{ "--param name=lo:hi[:step|:log]",
	  "an axis: lo to hi by step, by doubling with :log, 5 even steps without either "
	  "(gibtrace help --params NAME); up to 8" },
	{ "-o RESULTS", "the results file, appended as results come (default tune.results)" },
	{ "--resume", "go on with the sweep in RESULTS where it stopped" },
	{ "--shard I/N",
	  "only the configurations whose grid index is I modulo N (gibtrace merge)" },
	{ "-j N", "replay on N threads, 1..64 (default: every CPU)" },
	{ "--cost name=value,...", "the replay engine's costs (gibtrace replay --help)" },
	{ "--json", "print the configurations and the front as JSON" },
	{ "--html OUT", "also draw every configuration and the front in one HTML page" },
	{ "--csv", "print them as CSV" },
	{ "--quiet", "no progress line" },
	{ .flag = NULL },
};

static const struct gt_help_opt tune_examples[] = {
	{ "gibtrace tune ap.gtr --policy upstream --param period=10us:160us:log",
	  "five kicker periods, the front of p99, host cost and poll CPU" },
	{ "gibtrace tune ap.gtr --policy upstream --param period=10us:160us:log --param fanout=1:4:1 "
	  "--shard 0/2 -o s0.results",
	  "half of a 20-configuration sweep; gibtrace merge combines the halves" },
	{ .flag = NULL },
};

const struct gt_help gt_help_tune = {
	.usage = "gibtrace tune TRACE --policy NAME --param name=lo:hi[:step|:log] ...\n"
		 "[-o RESULTS] [--resume] [--shard I/N] [-j N] [--cost ...]\n"
		 "[--json | --csv] [--quiet]",
	.description =
		"A grid search over a policy's parameters: every combination of the values each\n"
		"--param gives is one replay of TRACE. The replays run on -j threads with a\n"
		"progress line; each result is appended to the results file as soon as it is known,\n"
		"so an interrupted sweep (Ctrl-C stops after the replays under way, exit 130)\n"
		"resumes with --resume where it stopped.\n"
		"\n"
		"The output: every configuration, the Pareto front of p99 latency, host cost (GAL\n"
		"interruptions + kicks + spurious wakeups per second) and halt-poll CPU (% of one\n"
		"host CPU) marked, as a table, --json or --csv.",
	.options = tune_options,
	.examples = tune_examples,
	.see_also = "gibtrace-merge(1), gibtrace-replay(1), docs/tuning.md",
};

#define TUNE_MAX_PARAMS 8
#define TUNE_MAX_VALUES 256

struct tune_axis {
	const struct gib_param *p;
	size_t n;
	double v[TUNE_MAX_VALUES];
};

struct tune_state {
	const char *trace;
	const struct gib_policy *policy;
	const struct rp_costs *costs;
	struct tune_axis axis[TUNE_MAX_PARAMS];
	int naxes;
	size_t total; /* grid size */
	size_t *todo; /* grid indexes this run replays */
	size_t ntodo, next, done;
	struct gt_tune_result *res;
	size_t nres;
	FILE *out;
	pthread_mutex_t lock;
	bool progress;
	int failed;
};

static volatile sig_atomic_t tune_stop;

static void tune_sigint(int sig)
{
	(void)sig;
	tune_stop = 1;
}

static int parse_num(const struct gib_param *p, const char *s, double *v)
{
	char *end;
	double x = strtod(s, &end);

	if (end == s)
		return -EINVAL;
	if (!strcmp(p->unit, "ns")) {
		if (!strcmp(end, "us"))
			x *= 1e3;
		else if (!strcmp(end, "ms"))
			x *= 1e6;
		else if (*end && strcmp(end, "ns"))
			return -EINVAL;
	} else if (*end) {
		return -EINVAL;
	}
	*v = x;
	return 0;
}

/* name=lo:hi[:step|:log] */
static int parse_axis(const struct gib_policy *pol, const char *arg, struct tune_axis *a)
{
	char buf[256], *name, *lo, *hi, *step;
	double l, h, s = 0;
	bool log = false;

	snprintf(buf, sizeof(buf), "%s", arg);
	name = buf;
	lo = strchr(buf, '=');
	if (!lo)
		goto bad;
	*lo++ = '\0';
	hi = strchr(lo, ':');
	if (!hi)
		goto bad;
	*hi++ = '\0';
	step = strchr(hi, ':');
	if (step)
		*step++ = '\0';
	for (a->p = pol->params; a->p && a->p->name && strcmp(a->p->name, name); a->p++)
		;
	if (!a->p || !a->p->name) {
		gt_error("tune: policy %s has no parameter '%s'", pol->name, name);
		return -EINVAL;
	}
	if (parse_num(a->p, lo, &l) || parse_num(a->p, hi, &h) || h < l)
		goto bad;
	if (step && !strcmp(step, "log"))
		log = true;
	else if (step && (parse_num(a->p, step, &s) || s <= 0))
		goto bad;
	if (log && l <= 0)
		goto bad;
	a->n = 0;
	if (!step)
		s = (h - l) / 4;
	for (double x = l; x <= h * (1 + 1e-9) && a->n < TUNE_MAX_VALUES;) {
		a->v[a->n++] = round(x);
		if (log)
			x *= 2;
		else if (s > 0)
			x += s;
		else
			break;
	}
	return 0;
bad:
	gt_error("tune: '%s' is not name=lo:hi[:step|:log] (times take ns, us, ms)", arg);
	return -EINVAL;
}

/* the spec of grid index i: the last axis varies fastest */
static void config_spec(const struct tune_state *t, size_t i, struct gib_params *params, char *spec,
			size_t len)
{
	*params = t->policy->defaults;
	for (int k = t->naxes - 1; k >= 0; k--) {
		const struct tune_axis *a = &t->axis[k];

		gib_params_set(t->policy, params, a->p->name, (u64)a->v[i % a->n]);
		i /= a->n;
	}
	rp_policy_spec__format(t->policy, params, spec, len);
}

/*
 * Before --resume appends to path: cut an incomplete last line (a sweep stopped while writing
 * it; gt_tune__read ignored it), so that the next result starts a line of its own. *len: the
 * length left, 0 for an empty file (which then gets a header).
 */
static int results_trim(const char *path, off_t *len)
{
	FILE *fp = fopen(path, "r");
	off_t pos = 0;
	int c;

	*len = 0;
	if (!fp)
		return -1;
	while ((c = getc(fp)) != EOF)
		if (pos++, c == '\n')
			*len = pos;
	fclose(fp);
	return *len != pos ? truncate(path, *len) : 0;
}

static void *tune_worker(void *arg)
{
	struct tune_state *t = arg;

	for (;;) {
		struct gt_tune_result r = { 0 };
		struct rp_run *run;
		size_t k;

		if (tune_stop)
			break;
		pthread_mutex_lock(&t->lock);
		k = t->next < t->ntodo ? t->next++ : SIZE_MAX;
		pthread_mutex_unlock(&t->lock);
		if (k == SIZE_MAX)
			break;
		run = calloc(1, sizeof(*run));
		if (!run) {
			__atomic_store_n(&t->failed, 1, __ATOMIC_RELAXED);
			break;
		}
		r.index = t->todo[k];
		run->policy = t->policy;
		config_spec(t, r.index, &run->params, r.spec, sizeof(r.spec));
		snprintf(run->spec, sizeof(run->spec), "%s", r.spec);
		gt_metrics__init(&run->m);
		gt_metrics__init(&run->in);
		if (rp_run__one(t->trace, run, t->costs, NULL, false)) {
			__atomic_store_n(&t->failed, 1, __ATOMIC_RELAXED);
		} else {
			gt_figures(&run->m, r.f);
			pthread_mutex_lock(&t->lock);
			t->res[t->nres++] = r;
			gt_tune__write_one(t->out, &r);
			fflush(t->out);
			t->done++;
			if (t->progress)
				fprintf(stderr, "\rtune: %zu/%zu configurations", t->done,
					t->ntodo);
			pthread_mutex_unlock(&t->lock);
		}
		gt_metrics__release(&run->m);
		gt_metrics__release(&run->in);
		free(run);
	}
	return NULL;
}

int cmd_tune(int argc, const char **argv)
{
	const char *trace = NULL, *out = "tune.results", *pol = NULL, *html = NULL;
	struct rp_costs costs = rp_costs_default;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	bool json = false, csv = false, resume = false, quiet = false;
	const char *axes[TUNE_MAX_PARAMS];
	unsigned long shard = 0, nshards = 1;
	struct tune_state t = { 0 };
	struct gib_params dummy;
	pthread_t tid[64];
	off_t len = 0;
	int naxes = 0, status = 0, started = 0;
	bool *have;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			pol = argv[++i];
		} else if (!strcmp(argv[i], "--param") && i + 1 < argc && naxes < TUNE_MAX_PARAMS) {
			axes[naxes++] = argv[++i];
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--resume")) {
			resume = true;
		} else if (!strcmp(argv[i], "--shard") && i + 1 < argc) {
			if (sscanf(argv[++i], "%lu/%lu", &shard, &nshards) != 2 || !nshards ||
			    shard >= nshards)
				goto usage;
		} else if (!strcmp(argv[i], "-j") && i + 1 < argc) {
			jobs = atol(argv[++i]);
			if (jobs < 1 || jobs > 64)
				goto usage;
		} else if (!strcmp(argv[i], "--cost") && i + 1 < argc) {
			if (rp_costs__parse(argv[++i], &costs))
				return 1;
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc) {
			html = argv[++i];
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--csv")) {
			csv = true;
		} else if (!strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else if (argv[i][0] != '-' && !trace) {
			trace = argv[i];
		} else {
			goto usage;
		}
	}
	if (!trace || !pol || !naxes || (json && csv))
		goto usage;
	if (rp_policy_spec__parse(pol, &t.policy, &dummy))
		return 1;
	t.trace = trace;
	t.costs = &costs;
	t.naxes = naxes;
	t.total = 1;
	for (int k = 0; k < naxes; k++) {
		if (parse_axis(t.policy, axes[k], &t.axis[k]))
			return 1;
		t.total *= t.axis[k].n;
		if (t.total > 100000) {
			fprintf(stderr, "gibtrace tune: more than 100000 configurations\n");
			return 1;
		}
	}
	have = calloc(t.total, sizeof(*have));
	t.todo = calloc(t.total, sizeof(*t.todo));
	t.res = calloc(t.total, sizeof(*t.res));
	if (!have || !t.todo || !t.res)
		return 1;
	if (resume && !access(out, F_OK)) {
		struct gt_tune_result *old = NULL;
		size_t nold = 0;

		if (gt_tune__read(out, &old, &nold, NULL, 0))
			return 1;
		for (size_t i = 0; i < nold; i++) {
			struct gib_params p;
			char spec[sizeof(old[i].spec)] = "";

			if (old[i].index < t.total)
				config_spec(&t, old[i].index, &p, spec, sizeof(spec));
			if (strcmp(spec, old[i].spec)) {
				gt_error("%s: configuration %zu is %s there, %s in this sweep: the "
					 "file is another sweep's; remove it or use another -o",
					 out, old[i].index, old[i].spec, spec[0] ? spec : "none");
				free(old);
				return 1;
			}
			if (!have[old[i].index]) {
				have[old[i].index] = true;
				t.res[t.nres++] = old[i];
			}
		}
		free(old);
		if (results_trim(out, &len)) {
			fprintf(stderr, "gibtrace tune: %s: %s\n", out, strerror(errno));
			return 1;
		}
		t.out = fopen(out, len ? "a" : "w");
		if (t.out && !len) /* empty: a new file */
			gt_tune__write(t.out, trace, NULL, 0);
	} else {
		t.out = fopen(out, "w");
		if (t.out)
			gt_tune__write(t.out, trace, NULL, 0);
	}
	if (!t.out) {
		fprintf(stderr, "gibtrace tune: %s: %s\n", out, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < t.total; i++)
		if (i % nshards == shard && !have[i])
			t.todo[t.ntodo++] = i;
	t.progress = !quiet && isatty(2);
	pthread_mutex_init(&t.lock, NULL);
	signal(SIGINT, tune_sigint);
	signal(SIGTERM, tune_sigint);
	for (long k = 1; k < jobs && k < 64 && (size_t)k < t.ntodo; k++)
		if (!pthread_create(&tid[k], NULL, tune_worker, &t))
			started = (int)k;
	tune_worker(&t);
	for (int k = 1; k <= started; k++)
		pthread_join(tid[k], NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (t.progress)
		fprintf(stderr, "\n");
	fclose(t.out);
	if (tune_stop) {
		fprintf(stderr,
			"gibtrace tune: interrupted after %zu of %zu configurations; "
			"--resume -o %s goes on\n",
			t.done, t.ntodo, out);
		status = 130;
	} else if (t.failed) {
		status = 1;
	}
	if (!status) {
		gt_tune__sort(t.res, t.nres);
		gt_tune__front(t.res, t.nres);
		gt_tune__print(t.res, t.nres, json, csv);
		if (html && gt_html__write_tune(html, "gibtrace tune", NULL, t.res, t.nres))
			status = 1;
	}
	free(have);
	free(t.todo);
	free(t.res);
	pthread_mutex_destroy(&t.lock);
	return status;
usage:
	gt_help__usage(&gt_help_tune, stderr);
	return 1;
}
