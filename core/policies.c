// SPDX-License-Identifier: GPL-2.0
/*
 * policies.c - every IAM restore policy, in one table
 *
 * A new policy is one file, core/policy-<name>.c, defining one
 * const struct gib_policy, and one line here.
 */
#include "gib.h"

extern const struct gib_policy gib_policy_v2, gib_policy_v3, gib_policy_v4,
	gib_policy_v5, gib_policy_upstream, gib_policy_pollwait;

/* the order of the series; the first is not the default (upstream is) */
const struct gib_policy *const gib_policies[] = {
	&gib_policy_v2,
	&gib_policy_v3,
	&gib_policy_v4,
	&gib_policy_v5,
	&gib_policy_upstream,
	&gib_policy_pollwait,
	NULL
};

const struct gib_policy *gib_policy_find(const char *name)
{
	int i;

	for (i = 0; gib_policies[i]; i++)
		if (!strcmp(gib_policies[i]->name, name))
			return gib_policies[i];
	return NULL;
}

/**
 * gib_params_set - set the parameter @name of @policy in @p to @value
 * @policy: the policy, whose parameter table names what it reads
 * @p: the parameters to change
 * @name: a parameter name of @policy
 * @value: the value, in the parameter's unit (ns, a count, 0/1)
 *
 * Returns: 0, -ENOENT if @policy has no parameter @name, -ERANGE if @value
 * is outside its range.
 */
int gib_params_set(const struct gib_policy *policy, struct gib_params *p,
		   const char *name, u64 value)
{
	const struct gib_param *d;
	char *field;

	for (d = policy->params; d && d->name; d++) {
		if (strcmp(d->name, name))
			continue;
		if (value < d->min || value > d->max)
			return -ERANGE;
		field = (char *)p + d->offset;
		switch (d->size) {
		case 8:
			*(u64 *)field = value;
			break;
		case 4:
			*(u32 *)field = (u32)value;
			break;
		default:
			*(bool *)field = !!value;
			break;
		}
		return 0;
	}
	return -ENOENT;
}
