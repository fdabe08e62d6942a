/* The comparison table of gibtrace compare and gibtrace demo: compare-table.h. */
#include <stdio.h>
#include <string.h>

#include "compare-table.h"

/* latencies (ns) in us with one decimal, percents with two, rates whole */
static double scale_of(const char *unit, int *digits)
{
	*digits = !strcmp(unit, "us") ? 1 : !strcmp(unit, "%") ? 2 : 0;
	return !strcmp(unit, "us") ? 1e3 : 1;
}

static void print_value(FILE *fp, double v, const char *unit)
{
	int d;
	double k = scale_of(unit, &d);

	fprintf(fp, " %10.*f", d, v / k);
}

static void print_delta(FILE *fp, double d, const struct gt_ci *ci, const char *unit)
{
	int p;
	double k = scale_of(unit, &p);
	char buf[64];

	snprintf(buf, sizeof(buf), "%+.*f [%+.*f,%+.*f]%s", p, d / k, p, ci->lo / k, p, ci->hi / k,
		 gt_ci__holds_zero(ci) ? " ~" : "");
	fprintf(fp, " %-28s", buf);
}

void gt_cmp__print_table(FILE *fp, const struct gt_cmp_col *c, int n, int base, int rounds)
{
	fprintf(fp, "%-20s", "figure");
	for (int i = 0; i < n; i++)
		fprintf(fp, " %10.10s%s", c[i].label, i == base ? "*" : " ");
	for (int i = 0; i < n; i++)
		if (i != base)
			fprintf(fp, " %-28.28s", c[i].label);
	fprintf(fp, "\n%-20s", "");
	for (int i = 0; i < n; i++)
		fprintf(fp, " %11s", "");
	for (int i = 0; i < n; i++)
		if (i != base)
			fprintf(fp, " %-28s", "delta vs * [95% CI]");
	fprintf(fp, "\n");
	for (int f = 0; f < GT_F_NR; f++) {
		char name[40];

		snprintf(name, sizeof(name), "%s %s", gt_figure_names[f], gt_figure_units[f]);
		fprintf(fp, "%-20s", name);
		for (int i = 0; i < n; i++) {
			print_value(fp, c[i].f[f], gt_figure_units[f]);
			fprintf(fp, " ");
		}
		for (int i = 0; i < n; i++)
			if (i != base)
				print_delta(fp, c[i].f[f] - c[base].f[f], &c[i].ci[f],
					    gt_figure_units[f]);
		fprintf(fp, "\n");
	}
	fprintf(fp,
		"* baseline; ~ the difference is inside the noise (its 95%% interval holds 0);\n"
		"intervals: %d paired bootstrap resamples of %llu ms windows; host cost = GAL "
		"interruptions + kicks + spurious wakeups per second; halt-poll CPU = %% of one "
		"host CPU\n",
		rounds, (unsigned long long)(c[base].m.win_ns / 1000000));
}
