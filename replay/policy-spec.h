/* "NAME[:param=value,...]" -> a policy and its parameters, with errors that list what is valid. */
#ifndef GIBTRACE_POLICY_SPEC_H
#define GIBTRACE_POLICY_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "gib.h"

/* 0, or -EINVAL after reporting what is wrong and what is valid (gt_error) */
int rp_policy_spec__parse(const char *spec, const struct gib_policy **policy,
			  struct gib_params *params);
/*
 * The halt-poll window of a spec such as a trace header's policy tag: 0 when it
 * names no policy of ours or does not parse (quietly).
 */
uint64_t rp_policy_spec__halt_poll(const char *spec);
/* a time: ns, or a number with ns, us, ms or s; 0 or -EINVAL (nothing reported) */
int rp_time__parse(const char *s, uint64_t *ns);
/* the canonical form: name:param=value,... with every parameter of the policy */
int rp_policy_spec__format(const struct gib_policy *policy, const struct gib_params *params,
			   char *buf, size_t len);

#endif
