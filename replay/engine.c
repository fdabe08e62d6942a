/*
 * The replay engine (engine.h): an event queue on a virtual clock driving the
 * user-space build of the interrupt core through struct gib_host_ops.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

const struct rp_costs rp_costs_default = {
	.gal_delay = 2000,
	.wake_poll = 1000,
	.wake_sleep = 20000,
	.reenter = 1000,
	.work_default = 20000,
};

enum rp_kind {
	Q_RUN_END, /* the guest work is done: wait intercept */
	Q_ENTER, /* back into SIE */
	Q_POLL_CHECK, /* a polling vcpu checks whether it can run */
	Q_POLL_END, /* the halt-poll window is over */
	Q_WAKE, /* a woken vcpu runs (after a poll hit or a sleep) */
	Q_GAL, /* the GAL interruption's handler */
	Q_KICKER, /* a GISA's kicker timer */
};

enum rp_vstate {
	ST_RUN, /* in SIE */
	ST_HOST, /* out of SIE, about to re-enter */
	ST_POLL,
	ST_SLEEP,
	ST_WAKING,
	ST_DISABLED,
	ST_OFF,
};

struct rp_qent {
	uint64_t t;
	uint64_t seq;
	void *obj; /* struct rp_vcpu, struct rp_vm or NULL (the host) */
	uint64_t gen;
	uint8_t kind;
	uint8_t slept;
};

struct rp_work {
	uint64_t *ns;
	size_t n, cap, next;
};

struct rp_vcpu {
	struct gib_vcpu core;
	struct rp_vm *vm;
	int st;
	uint64_t gen; /* bumped to cancel queued events */
	uint64_t run_end;
	struct rp_work *work;
};

struct rp_vm {
	struct gib_vm core;
	struct sie_page2 page;
	struct rp_vcpu *vcpu[KVM_MAX_VCPUS];
	uint16_t nvcpu;
	bool dead;
	bool kicker_armed;
	uint64_t kicker_gen;
	uint8_t gisc_refs[GIB_NR_ISC];
	struct rp_vm *next_dead;
};

struct rp_engine {
	struct gib_host host;
	const struct gib_policy *policy;
	struct gib_params params;
	struct rp_costs c;
	rp_output_fn out;
	void *ctx;
	uint64_t now;
	uint64_t seq;
	struct rp_qent *q;
	size_t nq, qcap;
	struct rp_vm *vm[GIB_MAX_VMS];
	struct rp_vm *dead;
	struct rp_work *work[GIB_MAX_VMS]; /* per vm: KVM_MAX_VCPUS queues, lazily */
	bool gal_pending;
	bool started;
	int err;
	struct rp_result res;
};

static struct rp_engine *eng(struct gib_host *host)
{
	return host->priv;
}

static void q_push(struct rp_engine *e, uint64_t t, uint8_t kind, void *obj, uint64_t gen,
		   uint8_t slept)
{
	struct rp_qent x = { t, e->seq++, obj, gen, kind, slept };
	size_t i;

	if (e->nq == e->qcap) {
		size_t cap = e->qcap ? 2 * e->qcap : 256;
		struct rp_qent *q = realloc(e->q, cap * sizeof(*q));

		if (!q) {
			e->err = -ENOMEM;
			return;
		}
		e->q = q;
		e->qcap = cap;
	}
	for (i = e->nq++; i; i = (i - 1) / 2) {
		struct rp_qent *p = &e->q[(i - 1) / 2];

		if (p->t < x.t || (p->t == x.t && p->seq < x.seq))
			break;
		e->q[i] = *p;
	}
	e->q[i] = x;
}

static struct rp_qent q_pop(struct rp_engine *e)
{
	struct rp_qent top = e->q[0], x = e->q[--e->nq];
	size_t i = 0;

	for (;;) {
		size_t k = 2 * i + 1;

		if (k >= e->nq)
			break;
		if (k + 1 < e->nq && (e->q[k + 1].t < e->q[k].t || (e->q[k + 1].t == e->q[k].t &&
								    e->q[k + 1].seq < e->q[k].seq)))
			k++;
		if (x.t < e->q[k].t || (x.t == e->q[k].t && x.seq < e->q[k].seq))
			break;
		e->q[i] = e->q[k];
		i = k;
	}
	if (e->nq)
		e->q[i] = x;
	return top;
}

static void emit(struct rp_engine *e, const struct gt_event *ev)
{
	e->res.out_events++;
	if (!e->started) {
		e->res.first_ts = ev->ts;
		e->started = true;
	}
	e->res.last_ts = ev->ts;
	if (e->out)
		e->out(e->ctx, ev);
}

static uint64_t next_work(struct rp_engine *e, struct rp_vcpu *v)
{
	struct rp_work *w = v->work;

	if (!w || !w->n)
		return e->c.work_default;
	if (w->next == w->n) { /* used up: start over, deterministically */
		w->next = 0;
		e->res.work_reused++;
	}
	return w->ns[w->next++];
}

/* the guest got an interruption: it works, and waits no earlier than after that */
static void vcpu_work(struct rp_engine *e, struct rp_vcpu *v)
{
	uint64_t w = next_work(e, v);

	emit(e, &(struct gt_event){ .ts = e->now,
				    .cpu = v->core.vcpu_idx,
				    .type = GIB_EV_guest_work,
				    .vm = v->vm->core.id,
				    .vcpu = v->core.vcpu_idx,
				    .val = w });
	if (e->now + w > v->run_end || v->run_end == e->now) {
		v->run_end = e->now + w;
		q_push(e, v->run_end, Q_RUN_END, v, ++v->gen, 0);
	}
}

/* a delivery: the guest handles it, and waits no earlier than after that */
static void on_deliver(struct rp_engine *e, struct rp_vcpu *v)
{
	if (v->st == ST_RUN)
		vcpu_work(e, v);
}

/* the core's event hook: every state change goes out with the virtual time */
static void op_event(struct gib_host *host, const struct gib_event *ev)
{
	struct rp_engine *e = eng(host);
	struct gt_event out = {
		.ts = e->now,
		.cpu = ev->vcpu == GIB_NO_VCPU ? 0 : ev->vcpu,
		.type = ev->type,
		.vm = ev->vm == GIB_NO_VM ? 0 : ev->vm,
		.vcpu = ev->vcpu == GIB_NO_VCPU ? 0 : ev->vcpu,
		.isc = ev->isc == GIB_NO_ISC ? 0 : ev->isc,
		.mask = ev->mask,
		.old = ev->old,
		.new = ev->new,
		.arg = ev->arg,
		.val = ev->val,
	};

	emit(e, &out);
	if (ev->type == GIB_EV_airq_deliver && ev->vm < GIB_MAX_VMS && e->vm[ev->vm]) {
		struct rp_vm *vm = e->vm[ev->vm];

		if (ev->vcpu < vm->nvcpu && vm->vcpu[ev->vcpu])
			on_deliver(e, vm->vcpu[ev->vcpu]);
	}
}

static struct rp_vm *vm_of(struct gib_vm *kvm)
{
	return container_of(kvm, struct rp_vm, core);
}

static struct rp_vcpu *vcpu_of(struct gib_vcpu *vcpu)
{
	return container_of(vcpu, struct rp_vcpu, core);
}

static void op_kicker_start(struct gib_vm *kvm, u64 delay)
{
	struct rp_engine *e = eng(kvm->host);
	struct rp_vm *vm = vm_of(kvm);

	vm->kicker_armed = true;
	q_push(e, e->now + delay, Q_KICKER, vm, ++vm->kicker_gen, 0);
}

static void op_kicker_cancel(struct gib_vm *kvm)
{
	struct rp_vm *vm = vm_of(kvm);

	vm->kicker_armed = false;
	vm->kicker_gen++;
}

static bool op_kicker_active(struct gib_vm *kvm)
{
	return vm_of(kvm)->kicker_armed;
}

/* a kick: a polling vcpu notices at its next check, a sleeping one is woken */
static void op_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	struct rp_vcpu *v = vcpu_of(vcpu);
	struct rp_engine *e = eng(vcpu->kvm->host);

	if (v->st == ST_POLL) {
		q_push(e, e->now, Q_POLL_CHECK, v, v->gen, 0);
	} else if (v->st == ST_SLEEP) {
		v->st = ST_WAKING;
		q_push(e, e->now + e->c.wake_sleep, Q_WAKE, v, ++v->gen, 1);
	}
}

static void op_raise_gal(struct gib_host *host)
{
	struct rp_engine *e = eng(host);

	if (!e->gal_pending) {
		e->gal_pending = true;
		q_push(e, e->now + e->c.gal_delay, Q_GAL, NULL, 0, 0);
	}
}

static const struct gib_host_ops rp_ops = {
	.kicker_start = op_kicker_start,
	.kicker_cancel = op_kicker_cancel,
	.kicker_active = op_kicker_active,
	.vcpu_wake_up = op_vcpu_wake_up,
	.raise_gal = op_raise_gal,
	.event = op_event,
};

static void vcpu_enter(struct rp_engine *e, struct rp_vcpu *v)
{
	bool timer = v->core.timer_pending && v->core.psw_ext;

	v->st = ST_RUN;
	v->run_end = e->now;
	v->gen++;
	gib_vcpu_enter_sie(&v->core);
	if (timer)
		vcpu_work(e, v);
	if (v->run_end == e->now) /* nothing came: the guest is still in its wait */
		q_push(e, e->now + e->c.reenter, Q_RUN_END, v, v->gen, 0);
}

static void vcpu_wait(struct rp_engine *e, struct rp_vcpu *v)
{
	gib_vcpu_exit_sie(&v->core, GIB_EXIT_WAIT);
	switch (kvm_s390_handle_wait(&v->core)) {
	case GIB_WAIT_RUNNABLE:
		v->st = ST_HOST;
		q_push(e, e->now + e->c.reenter, Q_ENTER, v, ++v->gen, 0);
		break;
	case GIB_WAIT_DISABLED:
		v->st = ST_DISABLED;
		v->gen++;
		break;
	default:
		v->gen++;
		if (v->vm->core.params.halt_poll_ns) {
			v->st = ST_POLL;
			gib_vcpu_set_polling(&v->core, true);
			q_push(e, e->now + v->vm->core.params.halt_poll_ns, Q_POLL_END, v, v->gen,
			       0);
		} else {
			v->st = ST_SLEEP;
		}
		break;
	}
}

static void vcpu_woken(struct rp_engine *e, struct rp_vcpu *v, bool slept)
{
	if (kvm_vcpu_check_block(&v->core, slept)) {
		kvm_s390_handle_wait_done(&v->core, slept);
		vcpu_enter(e, v);
	} else {
		v->st = ST_SLEEP; /* spurious: sleeps again */
		v->gen++;
	}
}

static void poll_hit(struct rp_engine *e, struct rp_vcpu *v)
{
	gib_vcpu_set_polling(&v->core, false);
	v->st = ST_WAKING;
	q_push(e, e->now + e->c.wake_poll, Q_WAKE, v, ++v->gen, 0);
}

static void q_run(struct rp_engine *e, const struct rp_qent *x)
{
	struct rp_vcpu *v = x->obj;
	struct rp_vm *vm = x->obj;

	switch (x->kind) {
	case Q_GAL:
		e->gal_pending = false;
		gib_alert_irq_handler(&e->host);
		return;
	case Q_KICKER: {
		uint64_t next;

		if (vm->dead || x->gen != vm->kicker_gen || !vm->kicker_armed)
			return;
		next = gisa_vcpu_kicker(&vm->core);
		if (x->gen != vm->kicker_gen) /* restarted meanwhile */
			return;
		if (next)
			q_push(e, e->now + next, Q_KICKER, vm, vm->kicker_gen, 0);
		else
			vm->kicker_armed = false;
		return;
	}
	default:
		break;
	}
	if (v->vm->dead || x->gen != v->gen)
		return;
	switch (x->kind) {
	case Q_RUN_END:
		if (v->st == ST_RUN)
			vcpu_wait(e, v);
		break;
	case Q_ENTER:
		if (v->st == ST_HOST)
			vcpu_enter(e, v);
		break;
	case Q_POLL_CHECK:
		if (v->st == ST_POLL && kvm_vcpu_check_block(&v->core, false))
			poll_hit(e, v);
		break;
	case Q_POLL_END:
		if (v->st != ST_POLL)
			break;
		if (kvm_vcpu_check_block(&v->core, false)) {
			poll_hit(e, v);
		} else {
			gib_vcpu_set_polling(&v->core, false);
			v->st = ST_SLEEP;
			v->gen++;
		}
		break;
	case Q_WAKE:
		if (v->st == ST_WAKING)
			vcpu_woken(e, v, x->slept);
		break;
	}
}

static void run_until(struct rp_engine *e, uint64_t t)
{
	while (e->nq && e->q[0].t <= t && !e->err) {
		struct rp_qent x = q_pop(e);

		e->now = x.t;
		q_run(e, &x);
	}
	if (t > e->now)
		e->now = t;
}

/* a polling vcpu of the VM may see new work at its next check */
static void poll_checks(struct rp_engine *e, struct rp_vm *vm)
{
	for (uint16_t c = 0; c < vm->nvcpu; c++) {
		struct rp_vcpu *v = vm->vcpu[c];

		if (v && v->st == ST_POLL)
			q_push(e, e->now, Q_POLL_CHECK, v, v->gen, 0);
	}
}

static struct rp_work *work_queue(struct rp_engine *e, uint16_t vm, uint16_t vcpu)
{
	if (vm >= GIB_MAX_VMS || vcpu >= KVM_MAX_VCPUS)
		return NULL;
	if (!e->work[vm]) {
		e->work[vm] = calloc(KVM_MAX_VCPUS, sizeof(struct rp_work));
		if (!e->work[vm])
			return NULL;
	}
	return &e->work[vm][vcpu];
}

static int add_work(struct rp_engine *e, const struct gt_event *ev)
{
	struct rp_work *w = work_queue(e, ev->vm, ev->vcpu);

	if (!w)
		return -EINVAL;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		uint64_t *ns = realloc(w->ns, cap * sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		w->ns = ns;
		w->cap = cap;
	}
	w->ns[w->n++] = ev->val;
	return 0;
}

static void vm_destroy(struct rp_engine *e, struct rp_vm *vm)
{
	for (uint16_t c = 0; c < vm->nvcpu; c++) {
		struct rp_vcpu *v = vm->vcpu[c];

		if (!v)
			continue;
		v->st = ST_OFF;
		v->gen++;
		gib_vcpu_release(&v->core);
	}
	for (uint32_t isc = 0; isc <= MAX_ISC; isc++)
		while (vm->gisc_refs[isc]) {
			vm->gisc_refs[isc]--;
			kvm_s390_gisc_unregister(&vm->core, isc);
		}
	kvm_s390_gisa_destroy(&vm->core);
	gib_vm_release(&vm->core);
	vm->dead = true;
	e->vm[vm->core.id] = NULL;
	vm->next_dead = e->dead;
	e->dead = vm;
}

int rp_engine__feed(struct rp_engine *e, const struct gt_event *ev)
{
	struct rp_vm *vm = ev->vm < GIB_MAX_VMS ? e->vm[ev->vm] : NULL;
	struct rp_vcpu *v = NULL;

	if (e->err)
		return e->err;
	if (ev->type == GIB_EV_guest_work)
		return add_work(e, ev);
	if (ev->ts < e->now)
		return -EINVAL;
	run_until(e, ev->ts);
	if (vm && (ev->type == GIB_EV_vcpu_wait || ev->type == GIB_EV_guest_timer ||
		   ev->type == GIB_EV_vcpu_destroy))
		v = ev->vcpu < vm->nvcpu ? vm->vcpu[ev->vcpu] : NULL;

	switch (ev->type) {
	case GIB_EV_vm_create:
		if (ev->vm >= GIB_MAX_VMS || vm)
			return -EINVAL;
		vm = calloc(1, sizeof(*vm));
		if (!vm)
			return -ENOMEM;
		vm->core.id = ev->vm;
		if (gib_vm_init(&e->host, &vm->core, &vm->page, e->policy, &e->params)) {
			free(vm);
			return -EINVAL;
		}
		e->vm[ev->vm] = vm;
		break;
	case GIB_EV_vcpu_create:
		if (!vm || ev->vcpu >= KVM_MAX_VCPUS ||
		    (ev->vcpu < vm->nvcpu && vm->vcpu[ev->vcpu]))
			return -EINVAL;
		v = calloc(1, sizeof(*v));
		if (!v)
			return -ENOMEM;
		v->vm = vm;
		v->work = work_queue(e, ev->vm, ev->vcpu);
		gib_vcpu_init(&vm->core, &v->core, ev->vcpu);
		gib_vcpu_set_masks(&v->core, 0xff, true, true);
		vm->vcpu[ev->vcpu] = v;
		if (ev->vcpu >= vm->nvcpu)
			vm->nvcpu = ev->vcpu + 1;
		vcpu_enter(e, v);
		break;
	case GIB_EV_vcpu_wait:
		/* the guest's enabled ISCs from now on; disabled wait: no mask at all */
		if (v)
			gib_vcpu_set_masks(&v->core, ev->mask, ev->arg != GIB_WAIT_DISABLED, true);
		break;
	case GIB_EV_gisc_register:
		if (!vm || ev->isc > MAX_ISC)
			return -EINVAL;
		if (kvm_s390_gisc_register(&vm->core, ev->isc) >= 0)
			vm->gisc_refs[ev->isc]++;
		break;
	case GIB_EV_gisc_unregister:
		if (!vm || ev->isc > MAX_ISC)
			return -EINVAL;
		if (vm->gisc_refs[ev->isc] && !kvm_s390_gisc_unregister(&vm->core, ev->isc))
			vm->gisc_refs[ev->isc]--;
		break;
	case GIB_EV_airq_post:
		if (!vm || ev->isc > MAX_ISC)
			return -EINVAL;
		e->res.posts++;
		if (ev->arg == GIB_SRC_SOFTWARE)
			kvm_s390_inject_airq(&vm->core, ev->isc);
		else
			machine_post_airq(&vm->core, ev->isc);
		poll_checks(e, vm);
		break;
	case GIB_EV_guest_timer:
		if (!v)
			break;
		emit(e, &(struct gt_event){ .ts = e->now,
					    .cpu = ev->vcpu,
					    .type = GIB_EV_guest_timer,
					    .vm = ev->vm,
					    .vcpu = ev->vcpu });
		if (v->st == ST_RUN) { /* taken in SIE */
			vcpu_work(e, v);
		} else {
			WRITE_ONCE(v->core.timer_pending, true);
			if (v->st == ST_POLL)
				q_push(e, e->now, Q_POLL_CHECK, v, v->gen, 0);
			else if (v->st == ST_SLEEP)
				kvm_s390_vcpu_wakeup(&v->core); /* kvm_s390_idle_wakeup */
		}
		break;
	case GIB_EV_vm_destroy:
		if (vm)
			vm_destroy(e, vm);
		break;
	default: /* endogenous events of the input are recomputed, not fed */
		break;
	}
	return e->err;
}

void rp_engine__finish(struct rp_engine *e, uint64_t until)
{
	run_until(e, until);
	for (uint16_t i = 0; i < GIB_MAX_VMS; i++)
		if (e->vm[i])
			vm_destroy(e, e->vm[i]);
	for (struct rp_vm *vm = e->dead; vm; vm = vm->next_dead)
		for (int s = 0; s < GIB_STAT_NR; s++)
			e->res.stat[s] += gib_stat(&vm->core, s);
	e->res.gal_irqs = gib_counter_read(&e->host.gal_irqs);
	e->res.gal_passes = gib_counter_read(&e->host.gal_passes);
}

struct rp_engine *rp_engine__new(const struct gib_policy *policy, const struct gib_params *params,
				 const struct rp_costs *costs, rp_output_fn out, void *ctx)
{
	struct rp_engine *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	gib_host_init(&e->host, &rp_ops, 5);
	e->host.priv = e;
	e->policy = policy;
	e->params = params ? *params : policy->defaults;
	e->c = costs ? *costs : rp_costs_default;
	e->out = out;
	e->ctx = ctx;
	return e;
}

void rp_engine__free(struct rp_engine *e)
{
	struct rp_vm *vm, *next;

	if (!e)
		return;
	for (uint16_t i = 0; i < GIB_MAX_VMS; i++) {
		if (e->vm[i]) {
			e->vm[i]->next_dead = e->dead;
			e->dead = e->vm[i];
		}
		if (e->work[i]) {
			for (int c = 0; c < KVM_MAX_VCPUS; c++)
				free(e->work[i][c].ns);
			free(e->work[i]);
		}
	}
	for (vm = e->dead; vm; vm = next) {
		next = vm->next_dead;
		for (uint16_t c = 0; c < vm->nvcpu; c++)
			free(vm->vcpu[c]);
		free(vm);
	}
	free(e->q);
	free(e);
}

const struct rp_result *rp_engine__result(const struct rp_engine *e)
{
	return &e->res;
}
