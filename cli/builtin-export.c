/*
 * gibtrace export --perfetto TRACE [-o OUT.json]: the trace as Chrome/Perfetto
 * trace-event JSON, to open at ui.perfetto.dev (docs/report.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "perfetto.h"

static const struct gt_help_opt export_options[] = {
	{ "--perfetto", "Chrome/Perfetto trace-event JSON (the only format, for now)" },
	{ "-o OUT.json", "the file to write (- or none: standard output)" },
	{ .flag = NULL },
};

static const struct gt_help_opt export_examples[] = {
	{ "gibtrace export --perfetto rec.gtr -o rec.json",
	  "then open rec.json at ui.perfetto.dev" },
	{ .flag = NULL },
};

const struct gt_help gt_help_export = {
	.usage = "gibtrace export --perfetto TRACE [-o OUT.json]",
	.description =
		"Writes a trace as Chrome/Perfetto trace-event JSON, to open at ui.perfetto.dev: a\n"
		"process per VM with a track per vcpu (SIE and halt slices, kicks, deliveries), a\n"
		"GISA track (posts, alerts, IAM restores), a kicker track and IPM/IAM counters; a\n"
		"host process with the GAL interruptions and alert-list passes; flows from each post\n"
		"to the delivery that consumed it and from each alert to the kick it caused.\n"
		"\n"
		"A half-written file is removed on error.",
	.options = export_options,
	.examples = export_examples,
	.see_also = "gibtrace-report(1), docs/report.md",
};

int cmd_export(int argc, const char **argv)
{
	const char *path = NULL, *out = NULL;
	struct gt_perfetto_stats st;
	bool perfetto = false;
	FILE *fp;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--perfetto")) {
			perfetto = true;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if ((argv[i][0] != '-' || !argv[i][1]) && !path) {
			path = argv[i];
		} else {
			gt_help__usage(&gt_help_export, stderr);
			return 1;
		}
	}
	if (!perfetto || !path) {
		gt_help__usage(&gt_help_export, stderr);
		return 1;
	}
	fp = !out || !strcmp(out, "-") ? stdout : fopen(out, "w");
	if (!fp) {
		fprintf(stderr, "gibtrace export: %s: %s\n", out, strerror(errno));
		return 1;
	}
	err = gt_perfetto__export(path, fp, &st);
	if (fp != stdout && fclose(fp) && !err)
		err = -errno;
	if (err) {
		fprintf(stderr, "gibtrace export: %s: %s\n", path, strerror(-err));
		if (fp != stdout)
			unlink(out); /* no half-written JSON left behind */
		return 1;
	}
	if (fp != stdout)
		fprintf(stderr,
			"gibtrace export: %s: %llu events -> %llu trace events, %llu post->deliver "
			"and %llu alert->kick flows\n",
			out, (unsigned long long)st.events, (unsigned long long)st.json_events,
			(unsigned long long)st.post_flows, (unsigned long long)st.alert_flows);
	return 0;
}
