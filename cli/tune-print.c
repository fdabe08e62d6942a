/* Printing tuning results: the table with the Pareto front, JSON, CSV. */
#include <stdio.h>

#include "json.h"
#include "tune-print.h"

void gt_tune__print(const struct gt_tune_result *r, size_t n, bool json, bool csv)
{
	size_t nfront = 0;

	for (size_t i = 0; i < n; i++)
		nfront += r[i].front;
	if (json) {
		struct gt_json j;

		gt_json__init(&j, stdout);
		gt_json__open(&j, NULL, '{');
		gt_json__str(&j, "cost", "GAL interruptions + kicks + spurious wakeups per second");
		gt_json__str(&j, "front_of", "latency p99, host cost, halt-poll CPU");
		gt_json__u64(&j, "configurations", n);
		gt_json__u64(&j, "front", nfront);
		gt_json__open(&j, "results", '[');
		for (size_t i = 0; i < n; i++) {
			gt_json__open(&j, NULL, '{');
			gt_json__u64(&j, "index", r[i].index);
			gt_json__str(&j, "spec", r[i].spec);
			gt_json__bool(&j, "front", r[i].front);
			for (int f = 0; f < GT_F_NR; f++)
				gt_json__double(&j, gt_figure_names[f], r[i].f[f]);
			gt_json__close(&j, '}');
		}
		gt_json__close(&j, ']');
		gt_json__close(&j, '}');
		return;
	}
	if (csv) {
		printf("index,spec,front");
		for (int f = 0; f < GT_F_NR; f++)
			printf(",%s", gt_figure_names[f]);
		printf("\n");
		for (size_t i = 0; i < n; i++) {
			printf("%zu,\"%s\",%d", r[i].index, r[i].spec, r[i].front);
			for (int f = 0; f < GT_F_NR; f++)
				printf(",%.17g", r[i].f[f]);
			printf("\n");
		}
		return;
	}
	printf("%-5s %9s %9s %11s %9s %9s %9s %9s  %s\n", "front", "p50 us", "p99 us",
	       "host cost/s", "GAL/s", "kicks/s", "spur/s", "poll CPU%", "configuration");
	for (size_t i = 0; i < n; i++)
		printf("%-5s %9.1f %9.1f %11.0f %9.0f %9.0f %9.0f %9.2f  %s\n",
		       r[i].front ? "  *" : "", r[i].f[GT_F_P50] / 1e3, r[i].f[GT_F_P99] / 1e3,
		       r[i].f[GT_F_COST], r[i].f[GT_F_GAL], r[i].f[GT_F_KICKS],
		       r[i].f[GT_F_SPURIOUS], r[i].f[GT_F_POLL], r[i].spec);
	printf("%zu configurations, %zu on the Pareto front (*) of p99 latency, host cost "
	       "(GAL interruptions + kicks + spurious wakeups per second) and halt-poll CPU "
	       "(%% of one host CPU)\n",
	       n, nfront);
}
