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

static const char *const export_usage =
	"usage: gibtrace export --perfetto TRACE [-o OUT.json]   (OUT - or none: standard output)";

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
			fprintf(stderr, "%s\n", export_usage);
			return 1;
		}
	}
	if (!perfetto || !path) {
		fprintf(stderr, "%s\n", export_usage);
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
