/*
 * gibtrace report TRACE [--json | --csv] [--html OUT]: what one trace measured.
 *
 * Delivery latency (p50 p90 p99 p99.9 max, from a histogram within 0.8%),
 * the coalescing rate, host cost per second (GAL interruptions, alert-list
 * passes, kicker ticks, kicks, wakeups, spurious wakeups, IAM restores), and
 * the same broken down per VM, per ISC, per delivering vcpu and per source
 * kind (device-posted or software-injected). docs/metrics.md says how each
 * is computed. --html OUT also writes the HTML report (docs/report.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "builtin.h"
#include "compare.h"
#include "html.h"
#include "json.h"
#include "metrics.h"
#include "policy-spec.h"

static const struct gt_help_opt report_options[] = {
	{ "--json", "print the same as one JSON document" },
	{ "--csv", "print the same as CSV" },
	{ "--html OUT.html", "also write the HTML report, with its charts, to OUT.html" },
	{ "--halt-poll TIME",
	  "the halt-poll window of the host that recorded TRACE, e.g. 50us (default: its "
	  "policy's, from its header)" },
	{ .flag = NULL },
};

static const struct gt_help_opt report_examples[] = {
	{ "gibtrace report rec.gtr", "latency, coalescing, host cost and their breakdowns" },
	{ "gibtrace report rec.gtr --html rec.html", "the same, and the HTML report" },
	{ .flag = NULL },
};

const struct gt_help gt_help_report = {
	.usage = "gibtrace report TRACE [--json | --csv] [--html OUT.html] [--halt-poll TIME]",
	.description =
		"What one trace measured: delivery latency (p50 p90 p99 p99.9 max, from a histogram\n"
		"within 0.8%), the coalescing rate, host cost per second (GAL interruptions,\n"
		"alert-list passes, kicker ticks, kicks, wakeups, spurious wakeups, IAM restores),\n"
		"and the same broken down per VM, per ISC, per delivering vcpu and per source kind\n"
		"(device-posted or software-injected), and the CPU time vcpus spent halt-polling.\n"
		"A halt that slept polled for the halt-poll window first: the window of the policy\n"
		"in TRACE's header, or --halt-poll; without either (a converted host trace) such\n"
		"halts count 0 and the figure is a lower bound.\n"
		"\n"
		"TRACE is a recording or a replay (gibtrace replay -o).",
	.options = report_options,
	.examples = report_examples,
	.see_also = "gibtrace-compare(1), gibtrace-export(1), gibtrace-info(1), docs/report.md",
};

enum { BY_VM, BY_ISC, BY_VCPU, BY_SRC, BY_NR };

static const char *const by_names[BY_NR] = { "vm", "isc", "vcpu", "source" };

static const struct gt_breakdown *breakdown(const struct gt_metrics *m, int by)
{
	return by == BY_VM   ? &m->by_vm :
	       by == BY_ISC  ? &m->by_isc :
	       by == BY_VCPU ? &m->by_vcpu :
			       &m->by_src;
}

static void key_name(int by, size_t key, char *buf, size_t len)
{
	if (by == BY_VCPU)
		snprintf(buf, len, "%zu.%zu", key >> 16, key & 0xffff);
	else if (by == BY_SRC)
		snprintf(buf, len, "%s", key ? "software" : "device");
	else
		snprintf(buf, len, "%zu", key);
}

static double rate(const struct gt_metrics *m, uint64_t n)
{
	double s = gt_metrics__seconds(m);

	return s > 0 ? (double)n / s : 0;
}

static void print_text(const char *path, const struct gt_metrics *m, const char *policy)
{
	double f[GT_F_NR];

	gt_figures(m, f);
	printf("%s: %s, %.6f s, %llu events\n", path, policy ? policy : "policy not recorded",
	       gt_metrics__seconds(m), (unsigned long long)m->events);
	printf("  posts %llu, delivered %llu, pending at the end %llu, coalesced %llu (%.1f%%), "
	       "dropped by the recorder %llu\n",
	       (unsigned long long)m->n[GT_M_POSTS], (unsigned long long)m->n[GT_M_DELIVERED],
	       (unsigned long long)gt_metrics__pending(m), (unsigned long long)m->n[GT_M_COALESCED],
	       m->n[GT_M_POSTS] ? 100.0 * (double)m->n[GT_M_COALESCED] / (double)m->n[GT_M_POSTS] :
				  0,
	       (unsigned long long)m->n[GT_M_DROPPED]);
	printf("  latency us      p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n",
	       f[GT_F_P50] / 1e3, f[GT_F_P90] / 1e3, f[GT_F_P99] / 1e3, f[GT_F_P999] / 1e3,
	       f[GT_F_MAX] / 1e3);
	printf("  host cost /s    %.0f  (GAL %.0f, kicks %.0f, spurious wakeups %.0f)\n",
	       f[GT_F_COST], f[GT_F_GAL], f[GT_F_KICKS], f[GT_F_SPURIOUS]);
	if (m->halt_poll_ns)
		printf("  halt-poll CPU   %.2f%% of one host CPU (halt-poll window %.1f us)\n",
		       f[GT_F_POLL], (double)m->halt_poll_ns / 1e3);
	else
		printf("  halt-poll CPU   %.2f%% of one host CPU (window not known: a halt that "
		       "slept counts 0)\n",
		       f[GT_F_POLL]);
	printf("  also /s         alert passes %.0f, kicker ticks %.0f, wakeups %.0f, IAM restores "
	       "%.0f, alerts %.0f\n",
	       f[GT_F_PASSES], f[GT_F_TICKS], f[GT_F_WAKEUPS], f[GT_F_RESTORES],
	       rate(m, m->n[GT_M_ALERTS]));
	for (int by = 0; by < BY_NR; by++) {
		const struct gt_breakdown *b = breakdown(m, by);

		printf("  per %-6s %10s %10s %9s %9s %9s %10s %10s\n", by_names[by], "posts",
		       "delivered", "p50 us", "p99 us", "max us", "alerts/s", "kicks/s");
		for (size_t k = 0; k < b->n; k++) {
			const struct gt_slice *s = b->s[k];
			char key[32];

			if (!s)
				continue;
			key_name(by, k, key, sizeof(key));
			printf("    %-13s %10llu %10llu %9.1f %9.1f %9.1f %10.0f %10.0f\n", key,
			       (unsigned long long)s->n[GT_M_POSTS],
			       (unsigned long long)s->n[GT_M_DELIVERED],
			       gt_hist__quantile(&s->lat, 0.5) / 1e3,
			       gt_hist__quantile(&s->lat, 0.99) / 1e3,
			       (double)(s->lat.count ? s->lat.max : 0) / 1e3,
			       rate(m, s->n[GT_M_ALERTS]), rate(m, s->n[GT_M_KICKS]));
		}
	}
}

static void json_slice(struct gt_json *j, const struct gt_metrics *m, const struct gt_slice *s)
{
	gt_json__open(j, "latency_ns", '{');
	gt_json__u64(j, "p50", gt_hist__quantile(&s->lat, 0.5));
	gt_json__u64(j, "p90", gt_hist__quantile(&s->lat, 0.9));
	gt_json__u64(j, "p99", gt_hist__quantile(&s->lat, 0.99));
	gt_json__u64(j, "p999", gt_hist__quantile(&s->lat, 0.999));
	gt_json__u64(j, "max", s->lat.count ? s->lat.max : 0);
	gt_json__close(j, '}');
	gt_json__open(j, "totals", '{');
	for (int k = 0; k < GT_M_NR; k++)
		gt_json__u64(j, gt_metric_names[k], s->n[k]);
	gt_json__close(j, '}');
	gt_json__open(j, "per_s", '{');
	for (int k = 0; k < GT_M_NR; k++)
		gt_json__double(j, gt_metric_names[k], rate(m, s->n[k]));
	gt_json__close(j, '}');
}

static void print_json(const char *path, const struct gt_metrics *m, const char *policy)
{
	struct gt_slice all;
	struct gt_json j;

	all.lat = m->lat;
	memcpy(all.n, m->n, sizeof(all.n));
	gt_json__init(&j, stdout);
	gt_json__open(&j, NULL, '{');
	gt_json__str(&j, "trace", path);
	gt_json__str(&j, "policy", policy);
	gt_json__double(&j, "duration_s", gt_metrics__seconds(m));
	gt_json__u64(&j, "pending", gt_metrics__pending(m));
	gt_json__double(&j, "latency_rel_error", GT_HIST_REL_ERROR);
	json_slice(&j, m, &all);
	for (int by = 0; by < BY_NR; by++) {
		const struct gt_breakdown *b = breakdown(m, by);
		char name[32];

		snprintf(name, sizeof(name), "per_%s", by_names[by]);
		gt_json__open(&j, name, '[');
		for (size_t k = 0; k < b->n; k++) {
			char key[32];

			if (!b->s[k])
				continue;
			key_name(by, k, key, sizeof(key));
			gt_json__open(&j, NULL, '{');
			gt_json__str(&j, by_names[by], key);
			json_slice(&j, m, b->s[k]);
			gt_json__close(&j, '}');
		}
		gt_json__close(&j, ']');
	}
	gt_json__close(&j, '}');
}

static void csv_row(const struct gt_metrics *m, const char *by, const char *key,
		    const struct gt_slice *s)
{
	printf("%s,%s,%llu,%llu,%llu,%llu,%llu,%llu,%llu", by, key,
	       (unsigned long long)s->n[GT_M_POSTS], (unsigned long long)s->n[GT_M_DELIVERED],
	       (unsigned long long)gt_hist__quantile(&s->lat, 0.5),
	       (unsigned long long)gt_hist__quantile(&s->lat, 0.9),
	       (unsigned long long)gt_hist__quantile(&s->lat, 0.99),
	       (unsigned long long)gt_hist__quantile(&s->lat, 0.999),
	       (unsigned long long)(s->lat.count ? s->lat.max : 0));
	for (int k = 0; k < GT_M_NR; k++)
		printf(",%.6g", rate(m, s->n[k]));
	printf("\n");
}

static void print_csv(const struct gt_metrics *m)
{
	struct gt_slice all;

	all.lat = m->lat;
	memcpy(all.n, m->n, sizeof(all.n));
	printf("breakdown,key,posts,delivered,p50_ns,p90_ns,p99_ns,p999_ns,max_ns");
	for (int k = 0; k < GT_M_NR; k++)
		printf(",%s_per_s", gt_metric_names[k]);
	printf("\n");
	csv_row(m, "all", "all", &all);
	for (int by = 0; by < BY_NR; by++) {
		const struct gt_breakdown *b = breakdown(m, by);

		for (size_t k = 0; k < b->n; k++) {
			char key[32];

			if (!b->s[k])
				continue;
			key_name(by, k, key, sizeof(key));
			csv_row(m, by_names[by], key, b->s[k]);
		}
	}
}

/* the HTML report of one trace: its own events for the timeline */
static int write_html(const char *out, const char *path, const struct gt_metrics *m,
		      const char *policy)
{
	double f[GT_F_NR];
	char title[512], cmd[1024], label[96];
	struct gt_html_col col = { .label = label, .spec = policy, .m = m, .f = f };
	struct gt_html_report r = { .cols = &col, .ncols = 1, .sources = &path, .nsources = 1 };

	gt_figures(m, f);
	snprintf(label, sizeof(label), "%.*s", policy ? (int)strcspn(policy, ":") : 5,
		 policy ? policy : "trace");
	snprintf(title, sizeof(title), "gibtrace report: %s", path);
	snprintf(cmd, sizeof(cmd), "gibtrace report %s --html %s", path, out);
	r.title = title;
	r.command = cmd;
	r.timeline = path;
	r.timeline_note = "The events of the trace itself.";
	return gt_html__write(out, &r) ? 1 : 0;
}

int cmd_report(int argc, const char **argv)
{
	const char *path = NULL, *policy, *html = NULL;
	bool json = false, csv = false, bad = false;
	uint64_t window = UINT64_MAX; /* the halt-poll window: UINT64_MAX for the header's */
	struct gt_metrics *m;
	struct gt_reader *r;
	struct gt_event ev;
	int rc, err = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--csv"))
			csv = true;
		else if (!strcmp(argv[i], "--html") && i + 1 < argc)
			html = argv[++i];
		else if (!strcmp(argv[i], "--halt-poll") && i + 1 < argc) {
			if (rp_time__parse(argv[++i], &window) || window == UINT64_MAX) {
				fprintf(stderr,
					"gibtrace report: --halt-poll '%s' is not a time (e.g. 50us)\n",
					argv[i]);
				return 1;
			}
		} else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			bad = true;
	}
	if (!path || bad || (json && csv)) {
		gt_help__usage(&gt_help_report, stderr);
		return 1;
	}
	r = gt_reader__open(path, &err);
	if (!r)
		return 1;
	m = malloc(sizeof(*m));
	if (!m) {
		gt_reader__close(r);
		return 1;
	}
	gt_metrics__init_detail(m);
	policy = gt_header__get(gt_reader__header(r), GT_TAG_POLICY);
	gt_metrics__set_halt_poll(m, window != UINT64_MAX ? window :
							    rp_policy_spec__halt_poll(policy));
	while ((rc = gt_reader__next(r, &ev)) > 0)
		if ((err = gt_metrics__add(m, &ev)))
			break;
	if (!err && rc == 0) {
		if (json)
			print_json(path, m, policy);
		else if (csv)
			print_csv(m);
		else
			print_text(path, m, policy);
		if (html && write_html(html, path, m, policy))
			err = -EIO;
	}
	gt_metrics__release(m);
	free(m);
	gt_reader__close(r);
	return err || rc ? 1 : 0;
}
