/*
 * Scenarios: one text format describes a workload of the GIB alert path, for
 * `gibtrace gen` (a synthetic exogenous trace for the replayer) and for
 * `gibtrace run` (the same schedule loaded into gib.ko). docs/scenarios.md
 * has the grammar; in short, one directive per line, '#' comments:
 *
 *   name NAME                     duration TIME               seed N
 *   vm ID vcpus N [cr6 MASK]      vcpu VM.VCPU cr6 MASK       gisc VM ISC
 *   source NAME vm VM isc ISC device|software ARRIVAL
 *       ARRIVAL: periodic PERIOD [jitter TIME] | poisson rate RATE
 *              | onoff on TIME off TIME rate RATE | pareto rate RATE [alpha A]
 *   work vm VM const TIME | exp MEAN | uniform LO HI | lognormal MEDIAN SIGMA
 *   timer vm VM period TIME
 *
 * TIME takes ns, us, ms or s (a bare number is ns); RATE is per second with
 * an optional k or M. Expansion is deterministic for a given seed.
 */
#ifndef GIBTRACE_SCENARIO_H
#define GIBTRACE_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

#define GT_SCN_MAX_VMS 64
#define GT_SCN_MAX_VCPUS 64
#define GT_SCN_MAX_SOURCES 64

enum gt_arrival {
	GT_ARR_PERIODIC,
	GT_ARR_POISSON,
	GT_ARR_ONOFF,
	GT_ARR_PARETO,
};

enum gt_dist {
	GT_DIST_CONST,
	GT_DIST_EXP,
	GT_DIST_UNIFORM,
	GT_DIST_LOGNORMAL,
};

struct gt_scn_source {
	char name[32];
	uint16_t vm;
	uint8_t isc;
	uint8_t src; /* enum gib_airq_source */
	int arrival; /* enum gt_arrival */
	uint64_t period, jitter, on, off; /* ns */
	double rate; /* per second */
	double alpha; /* pareto shape */
};

struct gt_scn_work {
	int dist; /* enum gt_dist */
	double a, b; /* ns: const a; exp mean a; uniform [a, b]; lognormal median a, sigma b */
};

struct gt_scn_vm {
	uint16_t nvcpus;
	uint8_t cr6[GT_SCN_MAX_VCPUS];
	uint8_t gisc; /* registered ISCs, 0x80 >> isc each */
	struct gt_scn_work work;
	uint64_t timer_period; /* ns, 0: none */
};

struct gt_scenario {
	char name[64];
	uint64_t duration; /* ns */
	uint64_t seed;
	uint16_t nvms;
	struct gt_scn_vm vm[GT_SCN_MAX_VMS];
	size_t nsources;
	struct gt_scn_source source[GT_SCN_MAX_SOURCES];
	char *text; /* the file as read, for trace headers */
};

/* parse a scenario file; defects reported as "FILE:LINE: reason" */
int gt_scenario__parse(struct gt_scenario *s, const char *path);
int gt_scenario__parse_text(struct gt_scenario *s, const char *text, const char *name);
void gt_scenario__release(struct gt_scenario *s);

/*
 * The exogenous events of the scenario, sorted by time: life cycle (VM and
 * vcpu creation, GISC registration at time 0), every post, guest timers, each
 * vcpu's enabled-ISC mask (one vcpu_wait) and its sequence of guest work
 * (guest_work records, in the order the vcpu will use them), destruction at
 * the end. *events is malloc'd.
 */
int gt_scenario__expand(const struct gt_scenario *s, struct gt_event **events, size_t *n);

#endif /* GIBTRACE_SCENARIO_H */
