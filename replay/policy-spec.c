#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/trace.h>

#include "policy-spec.h"

static void list_policies(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; gib_policies[i] && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				      gib_policies[i]->name);
}

static void list_params(const struct gib_policy *p, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const struct gib_param *d = p->params; d && d->name && n < len; d++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s (%s)", n ? ", " : "", d->name,
				      !strcmp(d->unit, "ns")   ? "time, e.g. 50us" :
				      !strcmp(d->unit, "bool") ? "0 or 1" :
								 "a count");
}

static int parse_value(const struct gib_param *d, const char *s, u64 *v)
{
	char *end;
	double x;

	if (!strcmp(d->unit, "bool")) {
		if (!strcmp(s, "1") || !strcmp(s, "on") || !strcmp(s, "true"))
			*v = 1;
		else if (!strcmp(s, "0") || !strcmp(s, "off") || !strcmp(s, "false"))
			*v = 0;
		else
			return -EINVAL;
		return 0;
	}
	x = strtod(s, &end);
	if (end == s || x < 0)
		return -EINVAL;
	if (!strcmp(d->unit, "ns")) {
		if (!strcmp(end, "us"))
			x *= 1e3;
		else if (!strcmp(end, "ms"))
			x *= 1e6;
		else if (!strcmp(end, "s"))
			x *= 1e9;
		else if (*end && strcmp(end, "ns"))
			return -EINVAL;
	} else if (*end) {
		return -EINVAL;
	}
	if (x > 1e18)
		return -ERANGE;
	*v = (u64)(x + 0.5);
	return 0;
}

/* errors go to gt_error unless quiet */
static int parse_spec(const char *spec, const struct gib_policy **policy, struct gib_params *params,
		      bool quiet)
{
	char name[64], valid[512], *copy, *tok, *save = NULL;
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	const struct gib_policy *p;
	int err = 0;

	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, spec, len);
	name[len] = '\0';
	p = gib_policy_find(name);
	if (!p) {
		list_policies(valid, sizeof(valid));
		if (!quiet)
			gt_error("policy '%s' is unknown; valid policies: %s", name, valid);
		return -EINVAL;
	}
	*policy = p;
	*params = p->defaults;
	if (!colon || !colon[1])
		return 0;
	copy = strdup(colon + 1);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		const struct gib_param *d;
		u64 v;

		list_params(p, valid, sizeof(valid));
		if (!eq) {
			if (!quiet)
				gt_error("policy %s: '%s' is not param=value; parameters: %s",
					 p->name, tok, valid);
			err = -EINVAL;
			break;
		}
		*eq = '\0';
		for (d = p->params; d && d->name && strcmp(d->name, tok); d++)
			;
		if (!d || !d->name) {
			if (!quiet)
				gt_error("policy %s has no parameter '%s'; parameters: %s", p->name,
					 tok, valid);
			err = -EINVAL;
		} else if (parse_value(d, eq + 1, &v)) {
			if (!quiet)
				gt_error("policy %s: '%s' is not a valid value of %s (%s)", p->name,
					 eq + 1, tok,
					 !strcmp(d->unit, "ns")	  ? "a time, e.g. 50us" :
					 !strcmp(d->unit, "bool") ? "0 or 1" :
								    "a count");
			err = -EINVAL;
		} else if (gib_params_set(p, params, tok, v)) {
			if (!quiet)
				gt_error("policy %s: %s=%s is out of range %" PRIu64 "..%" PRIu64
					 "%s",
					 p->name, tok, eq + 1, (uint64_t)d->min, (uint64_t)d->max,
					 !strcmp(d->unit, "ns") ? " ns" : "");
			err = -EINVAL;
		}
	}
	free(copy);
	return err;
}

int rp_policy_spec__parse(const char *spec, const struct gib_policy **policy,
			  struct gib_params *params)
{
	return parse_spec(spec, policy, params, false);
}

int rp_time__parse(const char *s, uint64_t *ns)
{
	static const struct gib_param d = { .name = "time", .unit = "ns" };
	u64 v;

	if (parse_value(&d, s, &v))
		return -EINVAL;
	*ns = v;
	return 0;
}

uint64_t rp_policy_spec__halt_poll(const char *spec)
{
	const struct gib_policy *p;
	struct gib_params params;

	return spec && !parse_spec(spec, &p, &params, true) ? params.halt_poll_ns : 0;
}

int rp_policy_spec__format(const struct gib_policy *policy, const struct gib_params *params,
			   char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "%s", policy->name);
	char sep = ':';

	for (const struct gib_param *d = policy->params; d && d->name && n < len; d++) {
		const char *f = (const char *)params + d->offset;
		u64 v = d->size == 8 ? *(const u64 *)f :
			d->size == 4 ? *(const u32 *)f :
				       *(const bool *)f;

		n += (size_t)snprintf(buf + n, len - n, "%c%s=%" PRIu64 "%s", sep, d->name,
				      (uint64_t)v, !strcmp(d->unit, "ns") ? "ns" : "");
		sep = ',';
	}
	return (int)n;
}
