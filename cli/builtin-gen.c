/*
 * gibtrace gen SCENARIO -o OUT: a synthetic exogenous trace from a scenario
 * file (life cycle, posts with their source kind, each vcpu's enabled ISCs,
 * its sequence of guest work, guest timers), for gibtrace replay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/scenario.h>
#include <gibtrace/trace.h>

#include "builtin.h"

static const struct gt_help_opt gen_options[] = {
	{ "-o OUT", "the trace file to write" },
	{ "--big-endian",
	  "write the trace big-endian, as an s390 host would (default: this host's order)" },
	{ "--raw", "write the blocks uncompressed (default: zstd)" },
	{ .flag = NULL },
};

static const struct gt_help_opt gen_examples[] = {
	{ "gibtrace gen scenarios/ap-burst.scn -o ap.gtr",
	  "the exogenous trace of a shipped scenario" },
	{ "gibtrace gen scenarios/ap-burst.scn -o ap.gtr && gibtrace replay ap.gtr --policy all",
	  "then every policy on that load" },
	{ .flag = NULL },
};

const struct gt_help gt_help_gen = {
	.usage = "gibtrace gen SCENARIO -o OUT [--big-endian] [--raw]",
	.description =
		"Writes the exogenous trace of a scenario file: the life cycle of its VMs and\n"
		"vcpus, the adapter interruptions posted with their source kind (device or\n"
		"software), each vcpu's enabled ISCs, its sequence of guest work and its guest\n"
		"timers, on a virtual clock. gibtrace replay recomputes the rest under a policy.\n"
		"\n"
		"The header records the scenario's text, so a replay of the trace knows where it\n"
		"came from. scenarios/*.scn are shipped examples.",
	.options = gen_options,
	.examples = gen_examples,
	.see_also = "gibtrace-replay(1), gibtrace-run(1), gibtrace-info(1), docs/replay.md",
};

int cmd_gen(int argc, const char **argv)
{
	struct gt_writer_opts opts = { .codec = GT_CODEC_ZSTD };
	const char *in = NULL, *out = NULL;
	struct gt_scenario s;
	struct gt_event *ev;
	struct gt_writer *w;
	struct gt_header h;
	char prov[512];
	size_t n;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--big-endian"))
			opts.big_endian = true;
		else if (!strcmp(argv[i], "--raw"))
			opts.codec = GT_CODEC_RAW;
		else if (argv[i][0] != '-' && !in)
			in = argv[i];
		else {
			gt_help__usage(&gt_help_gen, stderr);
			return 1;
		}
	}
	if (!in || !out) {
		gt_help__usage(&gt_help_gen, stderr);
		return 1;
	}
	if (gt_scenario__parse(&s, in))
		return 1;
	err = gt_scenario__expand(&s, &ev, &n);
	if (err) {
		fprintf(stderr, "gibtrace gen: %s: cannot expand: %s\n", in, strerror(-err));
		gt_scenario__release(&s);
		return 1;
	}
	gt_header__init(&h);
	gt_header__set_host(&h, "gibtrace gen");
	gt_header__set(&h, GT_TAG_CLOCK, "virtual (scenario time)");
	gt_header__set(&h, GT_TAG_CLOCK_RES, "1");
	gt_header__set(&h, GT_TAG_ORIGIN, "generated");
	gt_header__set(&h, GT_TAG_SCENARIO, s.text);
	snprintf(prov, sizeof(prov),
		 "gibtrace gen %s (scenario %s, seed %llu): exogenous events only", in, s.name,
		 (unsigned long long)s.seed);
	gt_header__set(&h, GT_TAG_PROVENANCE, prov);
	w = gt_writer__open(out, &h, &opts, &err);
	gt_header__release(&h);
	for (size_t i = 0; w && !err && i < n; i++)
		err = gt_writer__add(w, &ev[i]);
	if (w)
		err = gt_writer__close(w) ?: err;
	if (!err)
		printf("%s: %zu exogenous events of scenario %s over %.3f s\n", out, n, s.name,
		       (double)s.duration / 1e9);
	free(ev);
	gt_scenario__release(&s);
	return err || !w ? 1 : 0;
}
