/*
 * The upstream kvm, kvm-s390 and timer events onto the event vocabulary, with what a
 * host cannot observe inferred (convert-kvm.h; the methods: docs/s390-host.md).
 *
 * Two passes over the events, in time order. The first learns the threads (a vcpu
 * thread says its vcpu id in kvm_s390_sie_enter/exit; its VM is its process, or its
 * name), which ISCs each vcpu was delivered (its CR6 as far as it shows), which
 * kicker timer belongs to which VM, and which VM a software injection was for. The
 * second writes the observed events and infers the rest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert-kvm.h"

#define KU_INT_AI 0x04000000u /* KVM_S390_INT_IO_AI_MASK */
#define KU_INT_IO_MAX 0xfffdffffu /* KVM_S390_INT_IO_MAX */
#define KU_ICPT_WAIT 0x1c
#define KU_ICPT_STOP 0x28
#define KU_MAX_VMS 256
#define KU_MAX_VCPUS 248 /* vcpus of an s390 VM (the ESCA's 248) */
/* a kicker expiry votes for the VMs of the device deliveries this soon after it */
#define KU_KICK_VOTE_NS 500000u

const char *const ku_kind_names[KU_NR] = {
	[KU_SIE_ENTER] = "kvm:kvm_s390_sie_enter",
	[KU_SIE_EXIT] = "kvm:kvm_s390_sie_exit",
	[KU_WAKEUP] = "kvm:kvm_vcpu_wakeup",
	[KU_DELIVER] = "kvm-s390:kvm_s390_deliver_interrupt",
	[KU_INJECT] = "kvm-s390:kvm_s390_inject_vm",
	[KU_AIS_MODE] = "kvm-s390:kvm_s390_modify_ais_mode",
	[KU_AIRQ_SUPPRESSED] = "kvm-s390:kvm_s390_airq_suppressed",
	[KU_HR_START] = "timer:hrtimer_start",
	[KU_HR_ENTRY] = "timer:hrtimer_expire_entry",
	[KU_HR_EXIT] = "timer:hrtimer_expire_exit",
	[KU_HR_CANCEL] = "timer:hrtimer_cancel",
	[KU_LOST] = "lost events",
};

int ku_kind__by_name(const char *system, const char *name)
{
	size_t ls = strlen(system);

	for (int k = 0; k < KU_NR; k++)
		if (!strncmp(ku_kind_names[k], system, ls) && ku_kind_names[k][ls] == ':' &&
		    !strcmp(ku_kind_names[k] + ls + 1, name))
			return k;
	return KU_NR;
}

struct ku_thread {
	int32_t pid;
	int vm; /* -1 until known */
	int vcpu;
	bool in_sie;
	uint64_t enter_ts; /* of the current SIE run */
	size_t wait; /* index+1 of its open inferred vcpu_wait */
};

struct ku_timer {
	uint64_t addr;
	int vm;
	size_t last_kick; /* index+1 of its last kick_timer */
	uint8_t last_kind;
	uint64_t last_entry; /* learn: its last expiry */
	uint32_t votes[8]; /* the first 8 VMs; others vote for themselves in vote_other */
	int vote_other;
};

struct ku_conv {
	enum ku_vm_by vm_by;
	struct ku_event *ev;
	size_t n, cap;
	struct ku_thread *th;
	size_t nth, capth;
	struct ku_timer *tm;
	size_t ntm, captm;
	char *keys[KU_MAX_VMS]; /* the VM keys in order of appearance */
	int nvm;
	bool tgid_everywhere;
	uint64_t vm_first[KU_MAX_VMS];
	uint8_t cr6[KU_MAX_VMS][KU_MAX_VCPUS]; /* ISCs delivered to the vcpu */
	uint8_t vm_iscs[KU_MAX_VMS];
	uint64_t vcpu_first[KU_MAX_VMS][KU_MAX_VCPUS];
	uint64_t kinds[KU_NR];
	uint64_t unattributed; /* events of threads never seen entering SIE */
	uint64_t dropped_vcpus; /* beyond KU_MAX_VMS / KU_MAX_VCPUS */
};

struct ku_conv *ku_conv__new(enum ku_vm_by vm_by)
{
	struct ku_conv *c = calloc(1, sizeof(*c));

	if (c) {
		c->vm_by = vm_by;
		c->tgid_everywhere = true;
	}
	return c;
}

void ku_conv__free(struct ku_conv *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nvm; i++)
		free(c->keys[i]);
	free(c->ev);
	free(c->th);
	free(c->tm);
	free(c);
}

int ku_grow(void **p, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap * 2 : 1024;
	void *q;

	if (n < *cap)
		return 0;
	q = realloc(*p, want * size);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = want;
	return 0;
}

int ku_conv__add(struct ku_conv *c, const struct ku_event *ev)
{
	if (ku_grow((void **)&c->ev, &c->cap, c->n, sizeof(*c->ev)))
		return -ENOMEM;
	c->ev[c->n++] = *ev;
	if (ev->tgid < 0)
		c->tgid_everywhere = false;
	c->kinds[ev->kind]++;
	return 0;
}

size_t ku_conv__count(const struct ku_conv *c)
{
	return c->n;
}

/* --- the events to write --- */

int cv_vec__push(struct cv_vec *v, const struct gt_event *ev, uint8_t prio)
{
	if (ku_grow((void **)&v->v, &v->cap, v->n, sizeof(*v->v)))
		return -ENOMEM;
	v->v[v->n++] = (struct cv_ev){ .ev = *ev, .seq = v->seq++, .prio = prio };
	return 0;
}

static int cv_cmp(const void *a, const void *b)
{
	const struct cv_ev *x = a, *y = b;

	if (x->ev.ts != y->ev.ts)
		return x->ev.ts < y->ev.ts ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void cv_vec__sort(struct cv_vec *v)
{
	qsort(v->v, v->n, sizeof(*v->v), cv_cmp);
}

void cv_vec__release(struct cv_vec *v)
{
	free(v->v);
	memset(v, 0, sizeof(*v));
}

int cv_vec__write(const struct cv_vec *v, const struct gt_header *h, const char *out)
{
	struct gt_writer_opts o = { .big_endian = h->big_endian, .codec = GT_CODEC_ZSTD };
	struct gt_writer *w;
	int err = 0;

	w = gt_writer__open(out, h, &o, &err);
	if (!w)
		return err;
	for (size_t i = 0; i < v->n && !err; i++)
		if (v->v[i].ev.type != GIB_EV_NONE)
			err = v->v[i].ev.type == GIB_EV_drop ?
				      gt_writer__add_drop(w, v->v[i].ev.cpu, v->v[i].ev.arg,
							  v->v[i].ev.ts, v->v[i].ev.val) :
				      gt_writer__add(w, &v->v[i].ev);
	return gt_writer__close(w) ?: err;
}

/* --- posts --- */

struct post_state {
	uint64_t last_del; /* the previous delivery of this VM and ISC */
	uint64_t alert; /* the first gisa_alert since */
	uint32_t software; /* observed posts since */
};

static uint8_t isc_bit(unsigned int isc)
{
	return (uint8_t)(0x80u >> isc);
}

int cv_infer_posts(struct cv_vec *v, bool coalesced, struct cv_post_stats *st)
{
	struct post_state(*ps)[8] = calloc(KU_MAX_VMS, sizeof(*ps));
	struct cv_vec add = { 0 };
	int err = 0;

	memset(st, 0, sizeof(*st));
	if (!ps) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < v->n && !err; i++) {
		const struct gt_event *e = &v->v[i].ev;
		struct post_state *s;
		struct gt_event p;
		uint64_t bound;
		unsigned int n;

		if (e->vm >= KU_MAX_VMS)
			continue;
		if (e->isc > 7)
			continue;
		s = &ps[e->vm][e->isc];
		if (e->type == GIB_EV_airq_post) {
			s->software++;
			continue;
		}
		if (e->type == GIB_EV_gisa_alert) {
			if (!s->alert)
				s->alert = e->ts;
			continue;
		}
		if (e->type != GIB_EV_airq_deliver)
			continue;
		if (s->software) {
			st->software++;
		} else {
			bound = e->ts;
			if (s->alert && s->alert > s->last_del) {
				bound = s->alert;
				st->alert_bound++;
			} else {
				st->deliver_bound++;
			}
			n = coalesced && e->arg > 1 ? (unsigned int)e->arg : 1;
			p = (struct gt_event){ .ts = bound,
					       .cpu = e->cpu,
					       .type = GIB_EV_airq_post,
					       .vm = e->vm,
					       .isc = e->isc,
					       .arg = GIB_SRC_DEVICE };
			while (n-- && !err)
				err = cv_vec__push(&add, &p, 1);
		}
		s->software = 0;
		s->alert = 0;
		s->last_del = e->ts;
	}
	for (size_t i = 0; i < add.n && !err; i++)
		err = cv_vec__push(v, &add.v[i].ev, 1);
	cv_vec__sort(v);
out:
	cv_vec__release(&add);
	free(ps);
	return err;
}

/* --- threads, VMs, timers --- */

static struct ku_thread *thread_of(struct ku_conv *c, int32_t pid, bool create)
{
	for (size_t i = 0; i < c->nth; i++)
		if (c->th[i].pid == pid)
			return &c->th[i];
	if (!create || ku_grow((void **)&c->th, &c->capth, c->nth, sizeof(*c->th)))
		return NULL;
	c->th[c->nth] = (struct ku_thread){ .pid = pid, .vm = -1 };
	return &c->th[c->nth++];
}

static struct ku_timer *timer_of(struct ku_conv *c, uint64_t addr, bool create)
{
	for (size_t i = 0; i < c->ntm; i++)
		if (c->tm[i].addr == addr)
			return &c->tm[i];
	if (!create || ku_grow((void **)&c->tm, &c->captm, c->ntm, sizeof(*c->tm)))
		return NULL;
	c->tm[c->ntm] = (struct ku_timer){ .addr = addr, .vm = -1, .vote_other = -1 };
	return &c->tm[c->ntm++];
}

/* the VM of a thread: its process, or its name without the last run of digits */
static int vm_of(struct ku_conv *c, const struct ku_event *ev)
{
	char key[64];
	enum ku_vm_by by = c->vm_by;

	if (by == KU_VM_AUTO)
		by = c->tgid_everywhere ? KU_VM_TGID : KU_VM_COMM;
	if (by == KU_VM_ONE) {
		snprintf(key, sizeof(key), "one");
	} else if (by == KU_VM_TGID) {
		snprintf(key, sizeof(key), "tgid %d", ev->tgid);
	} else {
		size_t len = strnlen(ev->comm, sizeof(ev->comm)), end = len, start;

		while (end && (ev->comm[end - 1] < '0' || ev->comm[end - 1] > '9'))
			end--;
		start = end;
		while (start && ev->comm[start - 1] >= '0' && ev->comm[start - 1] <= '9')
			start--;
		if (!end) /* no number: the name is the VM */
			start = end = len;
		snprintf(key, sizeof(key), "comm %.*s#%.*s", (int)start, ev->comm, (int)(len - end),
			 ev->comm + end);
	}
	for (int i = 0; i < c->nvm; i++)
		if (!strcmp(c->keys[i], key))
			return i;
	if (c->nvm == KU_MAX_VMS)
		return -1;
	c->keys[c->nvm] = strdup(key);
	if (!c->keys[c->nvm])
		return -1;
	c->vm_first[c->nvm] = ev->ts;
	return c->nvm++;
}

static int ev_cmp(const void *a, const void *b)
{
	const struct ku_event *x = a, *y = b;

	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static unsigned int deliver_isc(const struct ku_event *ev)
{
	return (unsigned int)((ev->a >> 27) & 7);
}

static bool is_ai(uint32_t inttype)
{
	return inttype <= KU_INT_IO_MAX && (inttype & KU_INT_AI);
}

/* pass 1: threads, their VMs and vcpus, the ISCs delivered, the kickers' VMs */
static int learn(struct ku_conv *c)
{
	uint32_t sw[8] = { 0 }; /* software injections per ISC since its last delivery */

	for (size_t i = 0; i < c->n; i++) {
		const struct ku_event *ev = &c->ev[i];
		struct ku_timer *pend = NULL;
		struct ku_thread *t;
		int near = 0;

		switch (ev->kind) {
		case KU_SIE_ENTER:
		case KU_SIE_EXIT:
			t = thread_of(c, ev->pid, true);
			if (!t)
				return -ENOMEM;
			if (t->vm < 0)
				t->vm = vm_of(c, ev);
			t->vcpu = ev->id;
			if (t->vm >= 0 && ev->id >= 0 && ev->id < KU_MAX_VCPUS &&
			    !c->vcpu_first[t->vm][ev->id])
				c->vcpu_first[t->vm][ev->id] = ev->ts ?: 1;
			break;
		case KU_INJECT:
			if (is_ai(ev->code))
				sw[(ev->a >> 27) & 7]++;
			break;
		case KU_DELIVER:
			t = thread_of(c, ev->pid, false);
			if (!t || t->vm < 0 || !is_ai(ev->code) || ev->id < 0 ||
			    ev->id >= KU_MAX_VCPUS)
				break;
			c->cr6[t->vm][ev->id] |= isc_bit(deliver_isc(ev));
			c->vm_iscs[t->vm] |= isc_bit(deliver_isc(ev));
			if (sw[deliver_isc(ev)]) { /* a software post's: its wakeup was no kick */
				sw[deliver_isc(ev)] = 0;
				break;
			}
			/* a device post's, after a kick: votes when one kicker fired just before */
			for (size_t k = 0; k < c->ntm; k++)
				if (c->tm[k].last_entry &&
				    ev->ts - c->tm[k].last_entry < KU_KICK_VOTE_NS) {
					pend = &c->tm[k];
					near++;
				}
			if (near != 1)
				break;
			if (t->vm < 8)
				pend->votes[t->vm]++;
			else
				pend->vote_other = t->vm;
			break;
		case KU_HR_ENTRY:
		case KU_HR_START:
			if (!ev->kicker)
				break;
			pend = timer_of(c, ev->a, true);
			if (!pend)
				return -ENOMEM;
			if (ev->kind == KU_HR_ENTRY)
				pend->last_entry = ev->ts ?: 1;
			break;
		default:
			break;
		}
	}
	for (size_t i = 0; i < c->ntm; i++) {
		struct ku_timer *tm = &c->tm[i];
		uint32_t best = 0;

		tm->vm = tm->vote_other >= 0 ? tm->vote_other : 0;
		for (int v = 0; v < 8; v++)
			if (tm->votes[v] > best) {
				best = tm->votes[v];
				tm->vm = v;
			}
	}
	return 0;
}

/* the VM a software injection was for: the one with deliveries of its ISC, or the next */
static int inject_vm(const struct ku_conv *c, size_t at, unsigned int isc)
{
	int only = -1, n = 0;

	for (int v = 0; v < c->nvm; v++)
		if (c->vm_iscs[v] & isc_bit(isc)) {
			only = v;
			n++;
		}
	if (n == 1)
		return only;
	for (size_t i = at + 1; i < c->n; i++) {
		const struct ku_event *ev = &c->ev[i];

		if (ev->kind == KU_DELIVER && is_ai(ev->code) && deliver_isc(ev) == isc)
			for (size_t k = 0; k < c->nth; k++)
				if (c->th[k].pid == ev->pid && c->th[k].vm >= 0)
					return c->th[k].vm;
	}
	return only >= 0 ? only : 0;
}

static uint8_t cr6_of(const struct ku_conv *c, int vm, int vcpu)
{
	if (vcpu >= 0 && vcpu < KU_MAX_VCPUS && c->cr6[vm][vcpu])
		return c->cr6[vm][vcpu];
	return c->vm_iscs[vm] ?: 0xff;
}

struct ku_emit {
	struct ku_conv *c;
	struct cv_vec *v;
	uint64_t observed, inferred_waits, works;
};

static int push(struct ku_emit *e, const struct gt_event *ev, uint8_t prio)
{
	if (prio == 2)
		e->observed++;
	return cv_vec__push(e->v, ev, prio);
}

/* pass 2: the observed events, and the waits, work and kicker passes they imply */
static int emit(struct ku_emit *e)
{
	struct ku_conv *c = e->c;
	int err = 0;

	for (size_t i = 0; i < c->n && !err; i++) {
		const struct ku_event *ev = &c->ev[i];
		struct ku_thread *t = NULL;
		struct ku_timer *tm;
		struct gt_event g = { .ts = ev->ts, .cpu = ev->cpu };

		if (ev->kind <= KU_DELIVER) {
			t = thread_of(c, ev->pid, false);
			if (!t || t->vm < 0) {
				c->unattributed++;
				continue;
			}
			g.vm = (uint16_t)t->vm;
			g.vcpu = (uint16_t)(ev->kind == KU_WAKEUP ? t->vcpu : ev->id);
			if (g.vcpu >= KU_MAX_VCPUS) {
				c->dropped_vcpus++;
				continue;
			}
		}
		switch (ev->kind) {
		case KU_SIE_ENTER:
			g.type = GIB_EV_sie_enter;
			g.mask = cr6_of(c, t->vm, g.vcpu);
			/* back in SIE from a wait without a wakeup: it did not halt */
			if (t->wait)
				e->v->v[t->wait - 1].ev.arg = GIB_WAIT_RUNNABLE;
			t->in_sie = true;
			t->enter_ts = ev->ts;
			t->wait = 0;
			err = push(e, &g, 2);
			break;
		case KU_SIE_EXIT:
			g.type = GIB_EV_sie_exit;
			g.arg = ev->code == KU_ICPT_WAIT ? GIB_EXIT_WAIT :
				ev->code == KU_ICPT_STOP ? GIB_EXIT_STOP :
							   GIB_EXIT_OTHER;
			err = push(e, &g, 2);
			if (err || ev->code != KU_ICPT_WAIT)
				break;
			if (t->in_sie && t->enter_ts) {
				g.type = GIB_EV_guest_work;
				g.arg = 0;
				g.val = ev->ts - t->enter_ts;
				err = push(e, &g, 3);
				e->works++;
			}
			/* a halt, unless it enters SIE again before a wakeup */
			g.type = GIB_EV_vcpu_wait;
			g.mask = cr6_of(c, t->vm, g.vcpu);
			g.arg = GIB_WAIT_ENABLED;
			g.val = 0;
			err = err ?: push(e, &g, 3);
			t->wait = e->v->n;
			t->in_sie = false;
			e->inferred_waits++;
			break;
		case KU_WAKEUP:
			g.type = GIB_EV_vcpu_wakeup;
			g.mask = cr6_of(c, t->vm, g.vcpu);
			g.arg = (ev->waited ? 1 : 0) | (ev->valid ? 2 : 0);
			err = push(e, &g, 2);
			t->wait = 0;
			break;
		case KU_DELIVER:
			if (!is_ai(ev->code))
				break;
			g.type = GIB_EV_airq_deliver;
			g.isc = (uint8_t)deliver_isc(ev);
			g.arg = 1; /* posts it coalesced: not observed */
			err = push(e, &g, 2);
			break;
		case KU_INJECT:
			if (!is_ai(ev->code))
				break;
			g.type = GIB_EV_airq_post;
			g.isc = (uint8_t)((ev->a >> 27) & 7);
			g.vm = (uint16_t)inject_vm(c, i, g.isc);
			g.arg = GIB_SRC_SOFTWARE;
			err = push(e, &g, 2);
			break;
		case KU_HR_ENTRY:
			tm = ev->kicker ? timer_of(c, ev->a, false) : NULL;
			if (!tm)
				break;
			g.type = GIB_EV_kick_timer;
			g.vm = (uint16_t)tm->vm;
			err = push(e, &g, 2);
			tm->last_kick = e->v->n;
			tm->last_kind = KU_HR_ENTRY;
			break;
		case KU_HR_START:
			tm = ev->kicker ? timer_of(c, ev->a, false) : NULL;
			if (!tm)
				break;
			/* re-armed by the timer code after the callback: absolute mode */
			if (tm->last_kind == KU_HR_EXIT && ev->abs && tm->last_kick)
				e->v->v[tm->last_kick - 1].ev.arg = 1;
			tm->last_kind = KU_HR_START;
			break;
		case KU_HR_EXIT:
		case KU_HR_CANCEL:
			tm = timer_of(c, ev->a, false);
			if (tm)
				tm->last_kind = ev->kind;
			break;
		case KU_LOST:
			g.type = GIB_EV_drop;
			g.arg = ev->a;
			g.val = ev->ts;
			err = cv_vec__push(e->v, &g, 2);
			break;
		default: /* AIS: nothing became pending */
			break;
		}
	}
	return err;
}

/* VMs, vcpus and device ISCs, as first seen */
static int emit_life(struct ku_emit *e, const uint8_t *dev)
{
	struct ku_conv *c = e->c;
	int err = 0;

	for (int vm = 0; vm < c->nvm && !err; vm++) {
		uint8_t mask = 0;

		err = cv_vec__push(e->v,
				   &(struct gt_event){ .ts = c->vm_first[vm],
						       .type = GIB_EV_vm_create,
						       .vm = (uint16_t)vm },
				   0);
		for (int v = 0; v < KU_MAX_VCPUS && !err; v++)
			if (c->vcpu_first[vm][v])
				err = cv_vec__push(e->v,
						   &(struct gt_event){ .ts = c->vcpu_first[vm][v],
								       .type = GIB_EV_vcpu_create,
								       .vm = (uint16_t)vm,
								       .vcpu = (uint16_t)v },
						   0);
		for (unsigned int isc = 0; isc < 8 && !err; isc++) {
			if (!(dev[vm] & isc_bit(isc)))
				continue;
			mask |= isc_bit(isc);
			err = cv_vec__push(e->v,
					   &(struct gt_event){ .ts = c->vm_first[vm],
							       .type = GIB_EV_gisc_register,
							       .vm = (uint16_t)vm,
							       .isc = (uint8_t)isc,
							       .mask = mask,
							       .arg = 1 },
					   0);
		}
	}
	return err;
}

static const char ku_inferred[] =
	"vm_create=first-event,vcpu_create=first-sie-event,"
	"gisc_register=iscs-of-inferred-device-posts,"
	"airq_post=device:no-later-than-the-kvm-delivery;software:inject_vm,"
	"vcpu_wait=sie-exit-0x1c-then-wakeup,guest_work=sie-run-before-wait,"
	"sie_enter.mask=iscs-delivered-by-kvm,vcpu_wakeup.mask=iscs-delivered-by-kvm,"
	"vcpu_wakeup.vcpu=sie-events-of-the-thread,airq_post.vm=vm-delivered-the-isc,"
	"kick_timer.vm=device-deliveries-after-its-expiries,kick_timer.mask=zero-unobservable,"
	"airq_deliver.arg=one-unobservable";

int ku_conv__write(struct ku_conv *c, struct gt_header *h, const char *out, bool quiet)
{
	struct cv_vec v = { 0 };
	struct ku_emit e = { .c = c, .v = &v };
	struct cv_post_stats ps;
	uint8_t dev[KU_MAX_VMS] = { 0 };
	uint64_t count[GIB_EV_MAX] = { 0 };
	int err;

	qsort(c->ev, c->n, sizeof(*c->ev), ev_cmp); /* stable enough: inputs are in order */
	err = learn(c) ?: emit(&e);
	if (!err) {
		cv_vec__sort(&v);
		err = cv_infer_posts(&v, false, &ps);
	}
	for (size_t i = 0; i < v.n && !err; i++)
		if (v.v[i].ev.type == GIB_EV_airq_post && v.v[i].ev.arg == GIB_SRC_DEVICE &&
		    v.v[i].ev.vm < KU_MAX_VMS)
			dev[v.v[i].ev.vm] |= isc_bit(v.v[i].ev.isc);
	if (!err)
		err = emit_life(&e, dev);
	if (!err) {
		cv_vec__sort(&v);
		gt_header__set(h, GT_TAG_INFERRED, ku_inferred);
		err = cv_vec__write(&v, h, out);
	}
	if (err) {
		gt_error("%s: %s", out, strerror(-err));
		cv_vec__release(&v);
		return err;
	}
	for (size_t i = 0; i < v.n; i++)
		count[v.v[i].ev.type]++;
	if (!quiet) {
		printf("%s: %llu events (%llu observed, %llu inferred) in %d VMs\n", out,
		       (unsigned long long)(v.n - count[GIB_EV_NONE]),
		       (unsigned long long)e.observed,
		       (unsigned long long)(v.n - count[GIB_EV_NONE] - e.observed), c->nvm);
		for (unsigned int t = 1; t < GIB_EV_MAX; t++)
			if (count[t])
				printf("  %-16s %10llu\n", gt_event_type(t)->name,
				       (unsigned long long)count[t]);
		printf("inferred posts: %llu, each no later than the KVM delivery that consumed "
		       "it; %llu deliveries of observed (software) posts\n",
		       (unsigned long long)ps.deliver_bound, (unsigned long long)ps.software);
		printf("read:");
		for (int k = 0; k < KU_NR; k++)
			if (c->kinds[k])
				printf(" %s %llu", ku_kind_names[k],
				       (unsigned long long)c->kinds[k]);
		printf("\nskipped: %llu events of threads never seen in SIE, %llu of vcpus beyond "
		       "%d\n",
		       (unsigned long long)c->unattributed, (unsigned long long)c->dropped_vcpus,
		       KU_MAX_VCPUS);
	}
	cv_vec__release(&v);
	return 0;
}
