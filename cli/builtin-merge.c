/*
 * gibtrace merge RESULTS... [-o OUT] [--json | --csv]: the results files of
 * the shards of one sweep (gibtrace tune --shard I/N), combined. Every
 * configuration's figures come from its one replay, read back bit for bit,
 * so the merged front equals the front of the same sweep on one machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "tune-print.h"
#include "html.h"
#include "tune.h"

static const struct gt_help_opt merge_options[] = {
	{ "-o OUT", "also write the merged results file (the format of gibtrace tune -o)" },
	{ "--json", "print the configurations and the front as JSON" },
	{ "--html OUT", "also draw every configuration and the front in one HTML page" },
	{ "--csv", "print them as CSV" },
	{ .flag = NULL },
};

static const struct gt_help_opt merge_examples[] = {
	{ "gibtrace merge shard-*.results -o all.results",
	  "the shards of gibtrace tune --shard I/N, combined, with the Pareto front" },
	{ .flag = NULL },
};

const struct gt_help gt_help_merge = {
	.usage = "gibtrace merge RESULTS... [-o OUT] [--json | --csv]",
	.description =
		"Combines the results files of the shards of one sweep (gibtrace tune --shard I/N)\n"
		"and prints every configuration with the Pareto front of p99 latency, host cost\n"
		"and halt-poll CPU marked. Every configuration's figures come from its one replay,\n"
		"read back bit for bit, so the merged front equals the front of the same sweep on\n"
		"one machine.\n"
		"\n"
		"A configuration in two files must be the same in both; files of sweeps of\n"
		"different traces are merged with a warning.",
	.options = merge_options,
	.examples = merge_examples,
	.see_also = "gibtrace-tune(1), docs/tuning.md",
};

int cmd_merge(int argc, const char **argv)
{
	struct gt_tune_result *r = NULL;
	bool json = false, csv = false;
	const char *html = NULL;
	int status = 0;
	const char *out = NULL, *first = NULL;
	char trace[1024] = "";
	size_t n = 0, k = 0;
	int nfiles = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc) {
			html = argv[++i];
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--csv")) {
			csv = true;
		} else if (argv[i][0] != '-') {
			char this[sizeof(trace)] = "";

			if (gt_tune__read(argv[i], &r, &n, this, sizeof(this))) {
				free(r);
				return 1;
			}
			if (nfiles && strcmp(this, trace))
				fprintf(stderr,
					"gibtrace merge: warning: %s is a sweep of %s, %s of %s\n",
					argv[i], this, first, trace);
			if (!nfiles) {
				snprintf(trace, sizeof(trace), "%s", this);
				first = argv[i];
			}
			nfiles++;
		} else {
			nfiles = 0;
			break;
		}
	}
	if (!nfiles || (json && csv)) {
		gt_help__usage(&gt_help_merge, stderr);
		free(r);
		return 1;
	}
	gt_tune__sort(r, n);
	for (size_t i = 0; i < n; i++) { /* a configuration in two shards: once */
		if (k && r[k - 1].index == r[i].index) {
			if (strcmp(r[k - 1].spec, r[i].spec) ||
			    memcmp(r[k - 1].f, r[i].f, sizeof(r[i].f))) {
				fprintf(stderr,
					"gibtrace merge: configuration %zu differs between two files "
					"(%s; %s): not shards of one sweep (trace, axes, --cost)\n",
					r[i].index, r[k - 1].spec, r[i].spec);
				free(r);
				return 1;
			}
			continue;
		}
		r[k++] = r[i];
	}
	gt_tune__front(r, k);
	if (out) {
		FILE *fp = fopen(out, "w");

		if (!fp || gt_tune__write(fp, trace, r, k) || fclose(fp)) {
			fprintf(stderr, "gibtrace merge: %s: cannot write\n", out);
			free(r);
			return 1;
		}
	}
	gt_tune__print(r, k, json, csv);
	if (html && gt_html__write_tune(html, "gibtrace merge", NULL, r, k))
		status = 1;
	free(r);
	return status;
}
