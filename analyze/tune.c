#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "tune.h"

#define TUNE_MAGIC "# gibtrace tune results 1"

static int cmp_figures(const void *a, const void *b)
{
	const struct gt_tune_result *x = *(const struct gt_tune_result *const *)a;
	const struct gt_tune_result *y = *(const struct gt_tune_result *const *)b;
	static const enum gt_figure by[] = { GT_F_P99, GT_F_COST, GT_F_POLL };

	for (size_t k = 0; k < sizeof(by) / sizeof(by[0]); k++)
		if (x->f[by[k]] != y->f[by[k]])
			return x->f[by[k]] < y->f[by[k]] ? -1 : 1;
	return 0;
}

/* does x dominate y: no worse in p99, host cost and halt-poll CPU, better in one? */
static bool dominates(const struct gt_tune_result *x, const struct gt_tune_result *y)
{
	const double *a = x->f, *b = y->f;

	return a[GT_F_P99] <= b[GT_F_P99] && a[GT_F_COST] <= b[GT_F_COST] &&
	       a[GT_F_POLL] <= b[GT_F_POLL] &&
	       (a[GT_F_P99] < b[GT_F_P99] || a[GT_F_COST] < b[GT_F_COST] ||
		a[GT_F_POLL] < b[GT_F_POLL]);
}

/*
 * The Pareto front of p99 latency, host cost and halt-poll CPU (a longer halt poll saves
 * kicks and GAL interruptions by burning CPU: without it the poll would always look free).
 * In the order of p99, then cost, then poll, whatever dominates a result comes before it,
 * and so does a member of the front that dominates it (domination is transitive): a result
 * is compared with the front found so far, O(n * front).
 */
void gt_tune__front(struct gt_tune_result *r, size_t n)
{
	struct gt_tune_result **p = malloc((n ?: 1) * sizeof(*p));
	size_t nfront = 0;

	if (!p) { /* comparing pairs needs no memory */
		for (size_t i = 0; i < n; i++) {
			r[i].front = true;
			for (size_t j = 0; j < n && r[i].front; j++)
				if (j != i && dominates(&r[j], &r[i]))
					r[i].front = false;
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		p[i] = &r[i];
	qsort(p, n, sizeof(*p), cmp_figures);
	for (size_t i = 0; i < n; i++) {
		struct gt_tune_result *x = p[i];

		x->front = true;
		for (size_t k = 0; k < nfront && x->front; k++)
			if (dominates(p[k], x))
				x->front = false;
		if (x->front)
			p[nfront++] = x; /* p[0..nfront) is the front: i >= nfront */
	}
	free(p);
}

static int cmp_index(const void *a, const void *b)
{
	const struct gt_tune_result *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

void gt_tune__sort(struct gt_tune_result *r, size_t n)
{
	qsort(r, n, sizeof(*r), cmp_index);
}

int gt_tune__write_one(FILE *fp, const struct gt_tune_result *r)
{
	fprintf(fp, "%zu\t%s", r->index, r->spec);
	for (int f = 0; f < GT_F_NR; f++)
		fprintf(fp, "\t%.17g", r->f[f]);
	fprintf(fp, "\n");
	return ferror(fp) ? -EIO : 0;
}

int gt_tune__write(FILE *fp, const char *trace, const struct gt_tune_result *r, size_t n)
{
	fprintf(fp, "%s\n# trace\t%s\n# index\tspec", TUNE_MAGIC, trace ? trace : "");
	for (int f = 0; f < GT_F_NR; f++)
		fprintf(fp, "\t%s", gt_figure_names[f]);
	fprintf(fp, "\n");
	for (size_t i = 0; i < n; i++)
		if (gt_tune__write_one(fp, &r[i]))
			return -EIO;
	return fflush(fp) ? -EIO : 0;
}

int gt_tune__read(const char *path, struct gt_tune_result **r, size_t *n, char *trace,
		  size_t trace_len)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	int lineno = 0, err = 0;

	if (!fp) {
		gt_error("%s: cannot open: %s", path, strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), fp) && !err) {
		struct gt_tune_result x = { 0 };
		char *tok, *save = NULL, *end;
		int f = -2;

		lineno++;
		if (!strchr(line, '\n')) {
			if (!feof(fp)) {
				gt_error("%s:%d: a line longer than %zu characters", path, lineno,
					 sizeof(line) - 2);
				err = -EINVAL;
				break;
			}
			/* a sweep stopped while writing it: its configuration replays again */
			gt_error("%s:%d: the last line is incomplete: ignored", path, lineno);
			break;
		}
		line[strcspn(line, "\n")] = '\0';
		if (lineno == 1 && strcmp(line, TUNE_MAGIC)) {
			gt_error("%s:1: not a gibtrace tune results file", path);
			err = -EINVAL;
			break;
		}
		if (!strncmp(line, "# trace\t", 8)) {
			if (trace)
				snprintf(trace, trace_len, "%s", line + 8);
			continue;
		}
		if (line[0] == '#' || !line[0])
			continue;
		for (tok = strtok_r(line, "\t", &save); tok;
		     tok = strtok_r(NULL, "\t", &save), f++) {
			if (f == -2) {
				x.index = strtoull(tok, &end, 10);
				if (*end)
					break;
			} else if (f == -1) {
				snprintf(x.spec, sizeof(x.spec), "%s", tok);
			} else if (f < GT_F_NR) {
				x.f[f] = strtod(tok, &end);
				if (*end)
					break;
			}
		}
		/* a file of gibtrace before the halt-poll figure: no poll measured (0) */
		if (f != GT_F_NR && f != GT_F_POLL) {
			gt_error("%s:%d: a result line is index, spec and %d figures", path, lineno,
				 GT_F_NR);
			err = -EINVAL;
			break;
		}
		{
			struct gt_tune_result *nr = realloc(*r, (*n + 1) * sizeof(**r));

			if (!nr) {
				err = -ENOMEM;
				break;
			}
			*r = nr;
		}
		(*r)[(*n)++] = x;
	}
	fclose(fp);
	return err;
}
