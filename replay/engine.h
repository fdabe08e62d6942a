/*
 * The replay engine: a deterministic discrete-event simulation of a host
 * running the interrupt core (libgibcore) on a virtual nanosecond clock.
 *
 * Exogenous events go in (gt_event, in time order: life cycle, posts with
 * their source kind, each vcpu's enabled-ISC masks and its sequence of guest
 * work, guest timers); the core recomputes everything else under the policy
 * given, and every event, kept or recomputed, comes out through a callback
 * (normally a trace writer). Same input, same policy and costs: the same
 * output, bit for bit.
 *
 * The vcpu model: a vcpu runs in SIE for the guest work that follows each
 * delivery, exits on a wait intercept, takes kvm_s390_handle_wait; idle, it
 * halt-polls for the policy's window (any post, kick or timer that makes it
 * runnable ends the poll after wake_poll ns), then sleeps; a kick wakes it
 * after wake_sleep ns, and if nothing is deliverable by then it sleeps again
 * (a spurious wakeup). docs/replay.md has the details and the defaults.
 */
#ifndef GIBTRACE_ENGINE_H
#define GIBTRACE_ENGINE_H

#include <gibtrace/trace.h>

#include "gib.h"

/* host costs and delays of the model, ns */
struct rp_costs {
	uint64_t gal_delay; /* the machine raises a GAL interruption -> its handler runs */
	uint64_t wake_poll; /* a polling vcpu finds work -> it is back in SIE */
	uint64_t wake_sleep; /* a sleeping vcpu is woken -> it runs */
	uint64_t reenter; /* a wait intercept with work pending -> back in SIE */
	uint64_t work_default; /* guest work once a vcpu's recorded sequence is used up */
};

extern const struct rp_costs rp_costs_default;

struct rp_engine;

typedef void (*rp_output_fn)(void *ctx, const struct gt_event *ev);

struct rp_engine *rp_engine__new(const struct gib_policy *policy, const struct gib_params *params,
				 const struct rp_costs *costs, rp_output_fn out, void *ctx);
/* feed the next exogenous event (non-decreasing ts); 0 or -errno */
int rp_engine__feed(struct rp_engine *e, const struct gt_event *ev);
/* run what is left until nothing more happens or the clock passes until */
void rp_engine__finish(struct rp_engine *e, uint64_t until);
void rp_engine__free(struct rp_engine *e);

/* results */
struct rp_result {
	uint64_t first_ts, last_ts;
	uint64_t posts;
	uint64_t out_events;
	uint64_t stat[GIB_STAT_NR]; /* summed over VMs */
	uint64_t gal_irqs, gal_passes;
	uint64_t work_reused; /* runs past the end of a vcpu's recorded work */
};

const struct rp_result *rp_engine__result(const struct rp_engine *e);

#endif
