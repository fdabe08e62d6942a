/* A small streaming JSON printer: nesting, commas and string escapes. */
#ifndef GIBTRACE_JSON_H
#define GIBTRACE_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct gt_json {
	FILE *fp;
	int depth;
	bool first[32]; /* no member printed yet at this depth */
};

void gt_json__init(struct gt_json *j, FILE *fp);
/* key may be NULL inside an array */
void gt_json__open(struct gt_json *j, const char *key, char bracket);
void gt_json__close(struct gt_json *j, char bracket);
void gt_json__str(struct gt_json *j, const char *key, const char *s);
void gt_json__u64(struct gt_json *j, const char *key, uint64_t v);
void gt_json__double(struct gt_json *j, const char *key, double v);
void gt_json__bool(struct gt_json *j, const char *key, bool v);

#endif
