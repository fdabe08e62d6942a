/*
 * Running replays: one trace under one policy (two passes: every vcpu's guest
 * work first, then the other exogenous events in time order), or several
 * policies on threads. Used by gibtrace replay, compare and tune.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy-spec.h"
#include "run.h"

struct rp_out {
	struct gt_writer *w;
	struct gt_metrics *m;
	int err;
};

static void write_event(void *ctx, const struct gt_event *ev)
{
	struct rp_out *o = ctx;

	if (!o->err)
		o->err = gt_metrics__add(o->m, ev);
	if (!o->err && o->w)
		o->err = gt_writer__add(o->w, ev);
}

int rp_costs__parse(const char *s, struct rp_costs *c)
{
	char *copy = strdup(s), *tok, *save = NULL;
	int err = 0;

	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), *end;
		uint64_t *f = NULL;
		double v;

		if (eq)
			*eq++ = '\0';
		if (eq && !strcmp(tok, "gal_delay"))
			f = &c->gal_delay;
		else if (eq && !strcmp(tok, "wake_poll"))
			f = &c->wake_poll;
		else if (eq && !strcmp(tok, "wake_sleep"))
			f = &c->wake_sleep;
		else if (eq && !strcmp(tok, "reenter"))
			f = &c->reenter;
		else if (eq && !strcmp(tok, "work_default"))
			f = &c->work_default;
		if (!f) {
			gt_error("--cost: '%s' is not one of gal_delay, wake_poll, wake_sleep, "
				 "reenter, work_default (name=value)",
				 tok);
			err = -EINVAL;
			break;
		}
		v = strtod(eq, &end);
		if (!strcmp(end, "us"))
			v *= 1e3;
		else if (!strcmp(end, "ms"))
			v *= 1e6;
		else if (*end && strcmp(end, "ns"))
			v = -1;
		if (end == eq || v < 0 || v > 1e12) {
			gt_error("--cost: '%s' is not a time for %s", eq, tok);
			err = -EINVAL;
		}
		*f = (uint64_t)v;
	}
	free(copy);
	return err;
}

/* one replay of path under run->policy; out may be NULL */
int rp_run__one(const char *path, struct rp_run *run, const struct rp_costs *costs, const char *out,
		bool progress)
{
	struct rp_out o = { .m = &run->m };
	struct gt_reader *r;
	struct rp_engine *e;
	struct gt_event ev;
	uint64_t total, fed = 0, last = UINT64_MAX;
	int rc, err = 0;

	/* pass 1: every vcpu's sequence of guest work */
	e = rp_engine__new(run->policy, &run->params, costs, write_event, &o);
	r = gt_reader__open(path, &err);
	if (!e || !r) {
		gt_reader__close(r);
		rp_engine__free(e);
		return err ?: -ENOMEM;
	}
	while ((rc = gt_reader__next(r, &ev)) > 0 && !err)
		if (ev.type == GIB_EV_guest_work)
			err = rp_engine__feed(e, &ev);
	total = gt_reader__stats(r)->records;
	if (out && !err) {
		struct gt_header h;
		const char *v;
		char prov[1024];

		gt_header__init(&h);
		gt_header__set_host(&h, "gibtrace replay");
		gt_header__set(&h, GT_TAG_CLOCK, "virtual (replay of the input's clock)");
		gt_header__set(&h, GT_TAG_ORIGIN, "replayed");
		gt_header__set(&h, GT_TAG_POLICY, run->spec);
		snprintf(
			prov, sizeof(prov),
			"gal_delay=%llu,wake_poll=%llu,wake_sleep=%llu,reenter=%llu,work_default=%llu",
			(unsigned long long)costs->gal_delay, (unsigned long long)costs->wake_poll,
			(unsigned long long)costs->wake_sleep, (unsigned long long)costs->reenter,
			(unsigned long long)costs->work_default);
		gt_header__set(&h, GT_TAG_COSTS, prov);
		v = gt_header__get(gt_reader__header(r), GT_TAG_SCENARIO);
		if (v)
			gt_header__set(&h, GT_TAG_SCENARIO, v);
		v = gt_header__get(gt_reader__header(r), GT_TAG_ORIGIN);
		snprintf(prov, sizeof(prov), "gibtrace replay of %s (origin %s, policy %s)", path,
			 v ? v : "unknown",
			 gt_header__get(gt_reader__header(r), GT_TAG_POLICY) ?: "unknown");
		gt_header__set(&h, GT_TAG_PROVENANCE, prov);
		o.w = gt_writer__open(out, &h, NULL, &err);
		gt_header__release(&h);
	}
	gt_reader__close(r);

	/* pass 2: everything else exogenous, in time order */
	r = err ? NULL : gt_reader__open(path, &err);
	gt_metrics__set_halt_poll(&run->m, run->params.halt_poll_ns);
	if (r)
		gt_metrics__set_halt_poll(&run->in, rp_policy_spec__halt_poll(gt_header__get(
							    gt_reader__header(r), GT_TAG_POLICY)));
	while (r && !err && (rc = gt_reader__next(r, &ev)) > 0) {
		const struct gt_event_type *t = gt_event_type(ev.type);

		fed++;
		if (run->validate)
			gt_metrics__add(&run->in, &ev);
		if (progress && total > 1000000 && fed * 100 / total != last) {
			last = fed * 100 / total;
			fprintf(stderr, "\rreplay %s: %3llu%%", run->policy->name,
				(unsigned long long)last);
		}
		if (ev.type == GIB_EV_drop)
			run->drops += ev.arg;
		if (t->cls != GIB_EXO || ev.type == GIB_EV_guest_work)
			continue;
		err = rp_engine__feed(e, &ev);
		if (err)
			gt_error("%s: %s event at %llu ns could not be replayed: %s", path, t->name,
				 (unsigned long long)ev.ts, strerror(-err));
	}
	if (progress && total > 1000000)
		fprintf(stderr, "\r%*s\r", 40, "");
	if (r && !err)
		rp_engine__finish(e, UINT64_MAX);
	gt_reader__close(r);
	if (o.w)
		err = gt_writer__close(o.w) ?: err;
	err = err ?: o.err;
	run->res = *rp_engine__result(e);
	rp_engine__free(e);
	return err;
}

static int run_indexed(struct rp_pool *p, int i)
{
	char name[4096];
	const char *o = p->out;

	if (p->out && p->n > 1) {
		snprintf(name, sizeof(name), "%s.%s", p->out, p->runs[i].policy->name);
		o = name;
	}
	return rp_run__one(p->path, &p->runs[i], p->costs, o, p->progress && p->n == 1);
}

static void *run_worker(void *arg)
{
	struct rp_pool *p = arg;
	int i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		if (run_indexed(p, i))
			__atomic_store_n(&p->failed, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* every run, on up to jobs threads; replays share nothing but the read-only input */
int rp_run__all(struct rp_pool *p, int jobs)
{
	pthread_t tid[64];
	int t, started = 0;

	if (jobs > p->n)
		jobs = p->n;
	for (t = 1; t < jobs && t < 64; t++)
		if (!pthread_create(&tid[t], NULL, run_worker, p))
			started = t;
	run_worker(p);
	for (t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	return p->failed;
}
