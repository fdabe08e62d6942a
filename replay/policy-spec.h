/* "NAME[:param=value,...]" -> a policy and its parameters, with errors that list what is valid. */
#ifndef GIBTRACE_POLICY_SPEC_H
#define GIBTRACE_POLICY_SPEC_H

#include <stddef.h>

#include "gib.h"

/* 0, or -EINVAL after reporting what is wrong and what is valid (gt_error) */
int rp_policy_spec__parse(const char *spec, const struct gib_policy **policy,
			  struct gib_params *params);
/* the canonical form: name:param=value,... with every parameter of the policy */
int rp_policy_spec__format(const struct gib_policy *policy, const struct gib_params *params,
			   char *buf, size_t len);

#endif
