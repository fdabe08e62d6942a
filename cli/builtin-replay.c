/*
 * gibtrace replay TRACE [--policy P[:params] | --policy all] [-o OUT] [--json]
 * gibtrace replay --validate TRACE [--tolerance F]
 *
 * Feeds the exogenous events of TRACE (posts, guest work, waits' masks,
 * timers, life cycle) to the replay engine under policy P and prints a
 * summary: delivery latency percentiles and host cost per second. -o writes
 * the replayed trace (for --policy all, OUT.<policy> each). The recorded
 * endogenous events are not used: they are what the replay recomputes.
 *
 * --validate replays TRACE under the policy it was recorded with (its
 * header) and compares: relative error of p50/p99 latency and of every
 * host-cost counter. Beyond the tolerance (default 0.10) it says so and
 * exits 3: a replay that cannot reproduce its own recording.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "engine.h"
#include "estimate.h"
#include "hist.h"
#include "json.h"
#include "metrics.h"
#include "policy-spec.h"
#include "run.h"
#include "validate.h"

static const struct gt_help_opt replay_options[] = {
	{ "--policy NAME[:param=value,...]",
	  "replay under this policy with these parameters (default upstream; gibtrace help "
	  "--policies, gibtrace help --params NAME)" },
	{ "--policy all", "replay under every policy, side by side" },
	{ "-o OUT", "write the replayed trace to OUT (with --policy all: OUT.<policy> each)" },
	{ "--json", "print the summary as one JSON document" },
	{ "--cost name=value,...",
	  "the engine's costs, in ns or with us/ms: gal_delay, wake_poll, wake_sleep, reenter, "
	  "work_default" },
	{ "--cost auto", "estimate the costs from TRACE (the default with --validate)" },
	{ "-j N", "replay on N threads, 1..64 (default: every CPU)" },
	{ "--quiet", "no progress line, no estimated costs, no summary (with -o: only the trace)" },
	{ "--validate",
	  "replay TRACE under the policy of its header and compare with the recording; exit 3 "
	  "beyond the tolerance" },
	{ "--tolerance F", "with --validate: the relative error allowed (default 0.10)" },
	{ .flag = NULL },
};

static const struct gt_help_opt replay_examples[] = {
	{ "gibtrace replay ap.gtr --policy all", "every IAM restore policy on the same load" },
	{ "gibtrace replay ap.gtr --policy upstream:period=20us,fanout=2 -o up20.gtr --json",
	  "upstream with a 20 us kicker kicking two vcpus, the replay written, JSON" },
	{ "gibtrace replay --validate rec.gtr", "a recording against its own replay" },
	{ .flag = NULL },
};

const struct gt_help gt_help_replay = {
	.usage = "gibtrace replay TRACE [--policy NAME[:param=value,...] | --policy all]\n"
		 "[-o OUT] [--json] [--cost name=value,...] [-j N] [--quiet]\n"
		 "gibtrace replay --validate TRACE [--tolerance F] [--cost ...] [--json]",
	.description =
		"Feeds the exogenous events of TRACE (posts, guest work, waits' masks, timers, life\n"
		"cycle) to the replay engine, which drives the user-space build of the interrupt\n"
		"core under policy P on a virtual clock, and prints a summary: delivery latency\n"
		"percentiles and host cost per second. The recorded endogenous events are not used:\n"
		"they are what the replay recomputes. The same trace, policy, parameters and costs\n"
		"give the same output, byte for byte.\n"
		"\n"
		"--validate replays TRACE under the policy it was recorded with (its header) and\n"
		"compares: relative error of p50/p99 latency and of every host-cost counter. Beyond\n"
		"the tolerance it says so and exits 3: a replay that cannot reproduce its own\n"
		"recording.",
	.options = replay_options,
	.examples = replay_examples,
	.see_also = "gibtrace-gen(1), gibtrace-compare(1), gibtrace-tune(1), gibtrace-report(1), "
		    "docs/replay.md, docs/policies.md",
};

static void print_summary(const char *path, struct rp_run *runs, int n)
{
	printf("%s: replayed under %d polic%s\n", path, n, n == 1 ? "y" : "ies");
	printf("%-16s %9s %9s %9s %9s %10s %10s %10s %10s %10s %9s\n", "policy", "p50 us", "p99 us",
	       "p99.9 us", "max us", "GAL/s", "kicks/s", "spur/s", "restore/s", "ticks/s",
	       "poll CPU%");
	for (int i = 0; i < n; i++) {
		const struct gt_metrics *m = &runs[i].m;
		const struct gt_hist *h = &m->lat;

		printf("%-16s %9.1f %9.1f %9.1f %9.1f %10.0f %10.0f %10.0f %10.0f %10.0f %9.2f\n",
		       runs[i].policy->name, gt_hist__quantile(h, 0.5) / 1e3,
		       gt_hist__quantile(h, 0.99) / 1e3, gt_hist__quantile(h, 0.999) / 1e3,
		       (double)(h->count ? h->max : 0) / 1e3, gt_metrics__per_s(m, GT_M_GAL_IRQS),
		       gt_metrics__per_s(m, GT_M_KICKS), gt_metrics__per_s(m, GT_M_SPURIOUS),
		       gt_metrics__per_s(m, GT_M_RESTORES), gt_metrics__per_s(m, GT_M_KICKER_TICKS),
		       gt_metrics__per_s(m, GT_M_POLL_NS) / 1e7);
	}
	for (int i = 0; i < n; i++) {
		const struct gt_metrics *m = &runs[i].m;

		printf("  %s: %s; %llu posts, %llu delivered, %llu undelivered at the end, "
		       "%llu coalesced, %llu alerts, %llu GAL passes\n",
		       runs[i].policy->name, runs[i].spec, (unsigned long long)m->n[GT_M_POSTS],
		       (unsigned long long)m->n[GT_M_DELIVERED],
		       (unsigned long long)gt_metrics__pending(m),
		       (unsigned long long)m->n[GT_M_COALESCED],
		       (unsigned long long)m->n[GT_M_ALERTS],
		       (unsigned long long)m->n[GT_M_GAL_PASSES]);
		if (runs[i].drops)
			printf("  warning: the input lost %llu events (drop records): the replay "
			       "misses their posts and work\n",
			       (unsigned long long)runs[i].drops);
		if (runs[i].res.work_reused)
			printf("  note: %llu runs reused recorded guest work from the start of a "
			       "vcpu's sequence\n",
			       (unsigned long long)runs[i].res.work_reused);
	}
	printf("latency: post to the delivery that consumed its IPM bit; percentiles within "
	       "%.1f%%; poll CPU%%: vcpus' halt-polling, in %% of one host CPU\n",
	       100 * GT_HIST_REL_ERROR);
}

static void json_metrics(struct gt_json *j, const char *key, const struct gt_metrics *m)
{
	const struct gt_hist *h = &m->lat;

	gt_json__open(j, key, '{');
	gt_json__double(j, "duration_s", gt_metrics__seconds(m));
	gt_json__u64(j, "undelivered", gt_metrics__pending(m));
	gt_json__open(j, "latency_ns", '{');
	gt_json__u64(j, "p50", gt_hist__quantile(h, 0.5));
	gt_json__u64(j, "p90", gt_hist__quantile(h, 0.9));
	gt_json__u64(j, "p99", gt_hist__quantile(h, 0.99));
	gt_json__u64(j, "p999", gt_hist__quantile(h, 0.999));
	gt_json__u64(j, "max", h->count ? h->max : 0);
	gt_json__close(j, '}');
	gt_json__open(j, "totals", '{');
	for (int k = 0; k < GT_M_NR; k++)
		gt_json__u64(j, gt_metric_names[k], m->n[k]);
	gt_json__close(j, '}');
	gt_json__open(j, "per_s", '{');
	for (int k = 0; k < GT_M_NR; k++)
		gt_json__double(j, gt_metric_names[k], gt_metrics__per_s(m, k));
	gt_json__close(j, '}');
	gt_json__close(j, '}');
}

static void print_json(const char *path, struct rp_run *runs, int n)
{
	struct gt_json j;

	gt_json__init(&j, stdout);
	gt_json__open(&j, NULL, '{');
	gt_json__str(&j, "trace", path);
	gt_json__double(&j, "latency_rel_error", GT_HIST_REL_ERROR);
	gt_json__open(&j, "runs", '[');
	for (int i = 0; i < n; i++) {
		gt_json__open(&j, NULL, '{');
		gt_json__str(&j, "policy", runs[i].policy->name);
		gt_json__str(&j, "spec", runs[i].spec);
		gt_json__u64(&j, "input_drops", runs[i].drops);
		gt_json__u64(&j, "work_reused", runs[i].res.work_reused);
		json_metrics(&j, "replay", &runs[i].m);
		gt_json__close(&j, '}');
	}
	gt_json__close(&j, ']');
	gt_json__close(&j, '}');
}

/* compare a replay with its recording (replay/validate.h); returns how many figures are off */
static int validate(const char *path, struct rp_run *run, double tol, bool json)
{
	struct rp_fidelity f;
	struct gt_json j;

	rp_validate(&run->m, &run->in, tol, &f);
	if (json) {
		gt_json__init(&j, stdout);
		gt_json__open(&j, NULL, '{');
		gt_json__str(&j, "trace", path);
		gt_json__str(&j, "policy", run->spec);
		gt_json__double(&j, "tolerance", tol);
		json_metrics(&j, "recorded", &run->in);
		json_metrics(&j, "replay", &run->m);
		gt_json__open(&j, "rel_error", '{');
		for (int i = 0; i < RP_FID_NR; i++)
			gt_json__double(&j, f.name[i], f.err[i]);
		gt_json__close(&j, '}');
		gt_json__u64(&j, "off", (uint64_t)f.off);
		gt_json__close(&j, '}');
		return f.off;
	}
	printf("%s: validating a replay under %s against the recording\n", path, run->spec);
	printf("  %-18s %14s %14s %9s\n", "figure", "recorded", "replay", "rel err");
	for (int i = 0; i < RP_FID_NR; i++) {
		const char *mark = f.err[i] > tol ? "  <- off" : "";

		if (i < RP_FID_LATENCIES)
			printf("  %-18s %12.1fus %12.1fus %8.1f%%%s\n",
			       i ? "latency p99" : "latency p50", f.rec[i] / 1e3, f.replay[i] / 1e3,
			       100 * f.err[i], mark);
		else
			printf("  %-18s %14llu %14llu %8.1f%%%s\n", f.name[i],
			       (unsigned long long)f.rec[i], (unsigned long long)f.replay[i],
			       100 * f.err[i], mark);
	}
	if (f.off)
		printf("%s: the replay does not reproduce its recording: %d figure%s off by more "
		       "than %.0f%%\n",
		       path, f.off, f.off == 1 ? "" : "s", 100 * tol);
	else
		printf("%s: the replay reproduces its recording within %.0f%%\n", path, 100 * tol);
	return f.off;
}

int cmd_replay(int argc, const char **argv)
{
	const char *path = NULL, *out = NULL, *spec = NULL;
	struct rp_costs costs = rp_costs_default;
	bool json = false, quiet = false, check = false, costs_auto = false, costs_given = false;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	struct rp_pool pool;
	double tol = 0.10;
	struct rp_run *runs;
	int n = 0, status = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			spec = argv[++i];
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "-j") && i + 1 < argc) {
			char *end;

			jobs = strtol(argv[++i], &end, 10);
			if (*end || jobs < 1 || jobs > 64) {
				fprintf(stderr, "gibtrace replay: -j takes 1..64 threads\n");
				return 1;
			}
		} else if (!strcmp(argv[i], "--validate")) {
			check = true;
		} else if (!strcmp(argv[i], "--tolerance") && i + 1 < argc) {
			char *end;

			tol = strtod(argv[++i], &end);
			if (*end || !(tol >= 0)) {
				fprintf(stderr,
					"gibtrace replay: --tolerance takes a fraction, e.g. "
					"0.1\n");
				return 1;
			}
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else if (!strcmp(argv[i], "--cost") && i + 1 < argc) {
			if (!strcmp(argv[++i], "auto"))
				costs_auto = true;
			else if (rp_costs__parse(argv[i], &costs))
				return 1;
			else
				costs_given = true;
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			gt_help__usage(&gt_help_replay, stderr);
			return 1;
		}
	}
	if (!path) {
		gt_help__usage(&gt_help_replay, stderr);
		return 1;
	}
	if (jobs < 1)
		jobs = 1;
	if (path && check && !costs_given && !costs_auto) {
		/* a replay says which costs made it: validate with the same */
		struct gt_reader *r = gt_reader__open(path, NULL);
		const char *c = r ? gt_header__get(gt_reader__header(r), GT_TAG_COSTS) : NULL;

		if (c && !rp_costs__parse(c, &costs)) {
			costs_given = true;
			if (!json && !quiet)
				printf("costs from %s's header: %s\n", path, c);
		}
		gt_reader__close(r);
	}
	if (path && (costs_auto || (check && !costs_given))) {
		struct rp_estimate est;
		static const char *const names[] = { "gal_delay", "wake_poll", "wake_sleep",
						     "reenter", "work_default" };
		const uint64_t *v = &est.costs.gal_delay;

		if (rp_estimate__costs(path, &est))
			return 1;
		costs = est.costs;
		if (!json && !quiet) {
			printf("costs estimated from %s:", path);
			for (int k = 0; k < 5; k++)
				printf(" %s=%.1fus%s", names[k], (double)v[k] / 1e3,
				       est.samples[k] ? "" : " (default: not seen)");
			printf("\n");
		}
	}
	runs = calloc(64, sizeof(*runs));
	if (!runs)
		return 1;
	if (check) {
		struct gt_reader *r = gt_reader__open(path, NULL);
		const char *rec = r ? gt_header__get(gt_reader__header(r), GT_TAG_POLICY) : NULL;
		char recorded[256];

		snprintf(recorded, sizeof(recorded), "%s", rec ? rec : "");
		gt_reader__close(r);
		if (!r || !rec || spec) {
			if (r)
				fprintf(stderr, "gibtrace replay --validate: %s\n",
					spec ? "replays under the recorded policy; no --policy" :
					       "the trace records no policy (header field 'policy')");
			free(runs);
			return 1;
		}
		spec = recorded;
		runs[0].validate = true;
		/* a canonical spec has unit suffixes: ns, which the parser takes */
		if (rp_policy_spec__parse(spec, &runs[0].policy, &runs[0].params)) {
			free(runs);
			return 1;
		}
		n = 1;
	} else if (spec && !strcmp(spec, "all")) {
		for (; gib_policies[n] && n < 64; n++) {
			runs[n].policy = gib_policies[n];
			runs[n].params = gib_policies[n]->defaults;
		}
	} else {
		if (rp_policy_spec__parse(spec ? spec : "upstream", &runs[0].policy,
					  &runs[0].params)) {
			free(runs);
			return 1;
		}
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		rp_policy_spec__format(runs[i].policy, &runs[i].params, runs[i].spec,
				       sizeof(runs[i].spec));
		gt_metrics__init(&runs[i].m);
		gt_metrics__init(&runs[i].in);
	}
	pool = (struct rp_pool){ .path = path,
				 .out = out,
				 .costs = &costs,
				 .runs = runs,
				 .n = n,
				 .progress = !quiet && isatty(2) };
	status = rp_run__all(&pool, jobs);
	if (!status && check) {
		status = validate(path, &runs[0], tol, json) ? 3 : 0;
	} else if (!status) {
		if (json)
			print_json(path, runs, n);
		else if (!quiet)
			print_summary(path, runs, n);
	}
	for (int i = 0; i < n; i++) {
		gt_metrics__release(&runs[i].m);
		gt_metrics__release(&runs[i].in);
	}
	free(runs);
	return status;
}
