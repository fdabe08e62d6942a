#include <math.h>

#include "json.h"

void gt_json__init(struct gt_json *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	j->first[0] = true;
}

static void json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void json_key(struct gt_json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->fp);
	j->first[j->depth] = false;
	if (j->depth) {
		fputc('\n', j->fp);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->fp);
	}
	if (key) {
		json_string(j->fp, key);
		fputs(": ", j->fp);
	}
}

void gt_json__open(struct gt_json *j, const char *key, char bracket)
{
	json_key(j, key);
	fputc(bracket, j->fp);
	if (j->depth < 31)
		j->depth++;
	j->first[j->depth] = true;
}

void gt_json__close(struct gt_json *j, char bracket)
{
	bool empty = j->first[j->depth];

	if (j->depth)
		j->depth--;
	if (!empty) {
		fputc('\n', j->fp);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->fp);
	}
	fputc(bracket, j->fp);
	if (!j->depth)
		fputc('\n', j->fp);
}

void gt_json__str(struct gt_json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s)
		json_string(j->fp, s);
	else
		fputs("null", j->fp);
}

void gt_json__u64(struct gt_json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	fprintf(j->fp, "%llu", (unsigned long long)v);
}

void gt_json__double(struct gt_json *j, const char *key, double v)
{
	json_key(j, key);
	if (isfinite(v))
		fprintf(j->fp, "%.6g", v);
	else
		fputs("null", j->fp);
}

void gt_json__bool(struct gt_json *j, const char *key, bool v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->fp);
}
