#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "perfetto.h"

/* a growable bit set: which posts get a delivery, which alerts a kick */
struct bits {
	uint64_t *w;
	size_t n; /* words */
};

static int bits_set(struct bits *b, uint64_t i)
{
	if (i / 64 >= b->n) {
		size_t n = i / 64 + 1 > 2 * b->n ? i / 64 + 1 : 2 * b->n;
		uint64_t *w = realloc(b->w, n * sizeof(*w));

		if (!w)
			return -ENOMEM;
		memset(w + b->n, 0, (n - b->n) * sizeof(*w));
		b->w = w;
		b->n = n;
	}
	b->w[i / 64] |= 1ULL << (i % 64);
	return 0;
}

static bool bits_get(const struct bits *b, uint64_t i)
{
	return i / 64 < b->n && (b->w[i / 64] >> (i % 64) & 1);
}

/* tracks: pid 1 is the host; VM n is pid n + 2 with these threads */
#define PID_HOST 1
#define TID_GAL 1
#define TID_PASS 2
#define TID_GISA 100000
#define TID_KICKER 100001
#define PID_VM(vm) ((unsigned int)(vm) + 2)
#define TID_VCPU(vcpu) ((unsigned int)(vcpu) + 1)

struct pf_vcpu {
	uint64_t sie_ts, halt_ts;
	bool in_sie, halted, named;
};

struct pf_vm {
	struct pf_vcpu *v;
	size_t nv;
	uint64_t alert; /* the alert waiting for its kick */
	uint8_t ipm, iam, iscs; /* iscs: those seen, for the counters */
	bool named, alert_pending;
};

struct pf {
	FILE *out;
	struct pf_vm *vm;
	size_t nvm;
	uint64_t posts, alerts; /* numbers, the same in both passes */
	struct gt_postq q; /* post numbers per (vm, isc) */
	struct bits delivered, kicked;
	uint64_t gal_ts, pass_ts, gal_passes, gal_unlinked;
	bool gal_open, host_named;
	struct gt_perfetto_stats *st;
	int err;
};

static struct pf_vm *vm_of(struct pf *p, uint16_t vm)
{
	if (vm >= p->nvm) {
		size_t n = (size_t)vm + 1 > 2 * p->nvm ? (size_t)vm + 1 : 2 * p->nvm;
		struct pf_vm *v = realloc(p->vm, n * sizeof(*v));

		if (!v)
			return NULL;
		memset(v + p->nvm, 0, (n - p->nvm) * sizeof(*v));
		p->vm = v;
		p->nvm = n;
	}
	return &p->vm[vm];
}

static struct pf_vcpu *vcpu_of(struct pf_vm *v, uint16_t vcpu)
{
	if (vcpu >= v->nv) {
		size_t n = (size_t)vcpu + 1 > 2 * v->nv ? (size_t)vcpu + 1 : 2 * v->nv;
		struct pf_vcpu *c = realloc(v->v, n * sizeof(*c));

		if (!c)
			return NULL;
		memset(c + v->nv, 0, (n - v->nv) * sizeof(*c));
		v->v = c;
		v->nv = n;
	}
	return &v->v[vcpu];
}

static void pf_release(struct pf *p)
{
	for (size_t i = 0; i < p->nvm; i++)
		free(p->vm[i].v);
	free(p->vm);
	gt_postq__release(&p->q);
	free(p->delivered.w);
	free(p->kicked.w);
	memset(p, 0, sizeof(*p));
}

/* ns as microseconds, exactly */
static void us(char *buf, size_t len, uint64_t ns)
{
	snprintf(buf, len, "%" PRIu64 ".%03u", ns / 1000, (unsigned int)(ns % 1000));
}

/* one trace-event object: ph, name, ts, pid, tid, then `extra` (",..." or "") */
static void emit(struct pf *p, char ph, const char *name, uint64_t ts, unsigned int pid,
		 unsigned int tid, const char *extra)
{
	char t[32];

	us(t, sizeof(t), ts);
	fprintf(p->out, "%s\n{\"ph\":\"%c\",\"name\":\"%s\",\"ts\":%s,\"pid\":%u,\"tid\":%u%s}",
		p->st->json_events ? "," : "", ph, name, t, pid, tid, extra);
	p->st->json_events++;
}

static void meta(struct pf *p, const char *what, unsigned int pid, unsigned int tid,
		 const char *name, unsigned int sort)
{
	char extra[160];
	const char *idx = strncmp(what, "process", 7) ? "thread_sort_index" : "process_sort_index";

	snprintf(extra, sizeof(extra), ",\"args\":{\"name\":\"%s\"}", name);
	emit(p, 'M', what, 0, pid, tid, extra);
	snprintf(extra, sizeof(extra), ",\"args\":{\"sort_index\":%u}", sort);
	emit(p, 'M', idx, 0, pid, tid, extra);
}

static void name_host(struct pf *p)
{
	if (p->host_named)
		return;
	p->host_named = true;
	meta(p, "process_name", PID_HOST, TID_GAL, "host (GIB alert path)", 0);
	meta(p, "thread_name", PID_HOST, TID_GAL, "GAL interruptions", 0);
	meta(p, "thread_name", PID_HOST, TID_PASS, "alert-list passes", 1);
}

static struct pf_vm *named_vm(struct pf *p, uint16_t vm)
{
	struct pf_vm *v = vm_of(p, vm);
	char name[32];

	if (!v || v->named)
		return v;
	v->named = true;
	snprintf(name, sizeof(name), "VM %u", vm);
	meta(p, "process_name", PID_VM(vm), TID_GISA, name, (unsigned int)vm + 1);
	meta(p, "thread_name", PID_VM(vm), TID_GISA, "GISA: posts, alerts, IAM", 0);
	meta(p, "thread_name", PID_VM(vm), TID_KICKER, "kicker", 1);
	return v;
}

static struct pf_vcpu *named_vcpu(struct pf *p, struct pf_vm *v, uint16_t vm, uint16_t vcpu)
{
	struct pf_vcpu *c = vcpu_of(v, vcpu);
	char name[32];

	if (!c || c->named)
		return c;
	c->named = true;
	snprintf(name, sizeof(name), "vcpu %u", vcpu);
	meta(p, "thread_name", PID_VM(vm), TID_VCPU(vcpu), name, (unsigned int)vcpu + 10);
	return c;
}

/* the IPM and IAM counters: one series per ISC the VM used */
static void counters(struct pf *p, uint16_t vm, struct pf_vm *v, uint64_t ts)
{
	char extra[256];

	for (int which = 0; which < 2; which++) {
		uint8_t bits = which ? v->iam : v->ipm;
		size_t o = (size_t)snprintf(extra, sizeof(extra), ",\"args\":{");

		for (int isc = 0; isc < 8; isc++)
			if (v->iscs & (0x80 >> isc))
				o += (size_t)snprintf(extra + o, sizeof(extra) - o,
						      "%s\"isc%d\":%d",
						      extra[o - 1] == '{' ? "" : ",", isc,
						      !!(bits & (0x80 >> isc)));
		snprintf(extra + o, sizeof(extra) - o, "}");
		if (v->iscs)
			emit(p, 'C', which ? "IAM" : "IPM", ts, PID_VM(vm), TID_GISA, extra);
	}
}

static void flow(struct pf *p, char ph, const char *name, uint64_t ts, unsigned int pid,
		 unsigned int tid, uint64_t id)
{
	char extra[96];

	snprintf(extra, sizeof(extra), ",\"cat\":\"flow\",\"id\":%" PRIu64 "%s", id,
		 ph == 'f' ? ",\"bp\":\"e\"" : "");
	emit(p, ph, name, ts, pid, tid, extra);
}

static void gal_close(struct pf *p)
{
	char extra[128];

	if (!p->gal_open)
		return;
	snprintf(extra, sizeof(extra),
		 ",\"dur\":%" PRIu64 ".%03u,\"args\":{\"passes\":%" PRIu64 ",\"unlinked\":%" PRIu64
		 "}",
		 (p->pass_ts - p->gal_ts) / 1000, (unsigned int)((p->pass_ts - p->gal_ts) % 1000),
		 p->gal_passes, p->gal_unlinked);
	emit(p, 'X', "GAL irq", p->gal_ts, PID_HOST, TID_GAL, extra);
	p->gal_open = false;
}

static const char *const kick_names[] = { "kick (kicker)", "kick (alert)", "kick (floating)" };
static const char *const site_names[GIB_RESTORE_NR] = {
	"IAM restore (post-run)", "IAM restore (wait)", "IAM restore (IPM look-up)",
	"IAM restore (alert)", "IAM restore (kicker)"
};
static const char *const exit_names[] = { "wait", "other", "stop" };

/* pass 1: which posts a delivery consumes, which alerts a kick follows */
static int match(struct pf *p, const struct gt_event *ev)
{
	struct pf_vm *v;
	uint64_t n;

	switch (ev->type) {
	case GIB_EV_airq_post:
		return gt_postq__push(&p->q, ev->vm, ev->isc, p->posts++);
	case GIB_EV_airq_deliver:
		for (uint64_t k = 0; k < ev->arg && gt_postq__pop(&p->q, ev->vm, ev->isc, &n); k++)
			if (bits_set(&p->delivered, n))
				return -ENOMEM;
		return 0;
	case GIB_EV_gisa_alert:
		if (!(v = vm_of(p, ev->vm)))
			return -ENOMEM;
		v->alert = p->alerts++;
		v->alert_pending = true;
		return 0;
	case GIB_EV_vcpu_kick:
		if (!(v = vm_of(p, ev->vm)))
			return -ENOMEM;
		if (ev->arg != GIB_KICK_FLOAT && v->alert_pending) {
			v->alert_pending = false;
			return bits_set(&p->kicked, v->alert);
		}
		return 0;
	default:
		return 0;
	}
}

/* pass 2: the trace events of one event */
static int convert(struct pf *p, const struct gt_event *ev)
{
	const struct gt_event_type *t = gt_event_type(ev->type);
	struct pf_vm *v = NULL;
	struct pf_vcpu *c = NULL;
	unsigned int pid = 0, tid = 0;
	char extra[256], name[64];
	uint64_t n;

	if (!t)
		return 0;
	if (t->fields & GIB_F_VM) {
		if (!(v = named_vm(p, ev->vm)))
			return -ENOMEM;
		pid = PID_VM(ev->vm);
		tid = TID_GISA;
		if ((t->fields & GIB_F_VCPU)) {
			if (!(c = named_vcpu(p, v, ev->vm, ev->vcpu)))
				return -ENOMEM;
			tid = TID_VCPU(ev->vcpu);
		}
	}
	switch (ev->type) {
	case GIB_EV_vm_create:
	case GIB_EV_vm_destroy:
	case GIB_EV_vcpu_create:
	case GIB_EV_vcpu_destroy:
	case GIB_EV_guest_timer:
		emit(p, 'i', t->name, ev->ts, pid, tid, ",\"s\":\"t\"");
		break;
	case GIB_EV_gisc_register:
	case GIB_EV_gisc_unregister:
		v->iscs |= 0x80 >> (ev->isc & 7);
		snprintf(extra, sizeof(extra),
			 ",\"s\":\"t\",\"args\":{\"isc\":%u,\"alert_mask\":%u,\"refcount\":%" PRIu64
			 "}",
			 ev->isc, ev->mask, ev->arg);
		emit(p, 'i', t->name, ev->ts, pid, tid, extra);
		break;
	case GIB_EV_airq_post:
		v->iscs |= 0x80 >> (ev->isc & 7);
		v->ipm = ev->old | (0x80 >> (ev->isc & 7));
		snprintf(name, sizeof(name), "post isc %u (%s)", ev->isc & 7,
			 ev->arg & 1 ? "software" : "device");
		snprintf(extra, sizeof(extra),
			 ",\"s\":\"t\",\"args\":{\"isc\":%u,\"ipm_before\":%u,\"coalesced\":%s}",
			 ev->isc, ev->old, ev->old & (0x80 >> (ev->isc & 7)) ? "true" : "false");
		emit(p, 'i', name, ev->ts, pid, tid, extra);
		if (bits_get(&p->delivered, p->posts))
			flow(p, 's', "post->deliver", ev->ts, pid, tid, 2 * p->posts);
		if (gt_postq__push(&p->q, ev->vm, ev->isc, p->posts++))
			return -ENOMEM;
		counters(p, ev->vm, v, ev->ts);
		break;
	case GIB_EV_airq_deliver:
		v->ipm &= (uint8_t) ~(0x80 >> (ev->isc & 7));
		snprintf(name, sizeof(name), "deliver isc %u", ev->isc & 7);
		snprintf(extra, sizeof(extra),
			 ",\"s\":\"t\",\"args\":{\"isc\":%u,\"posts\":%" PRIu64 "}", ev->isc,
			 ev->arg);
		emit(p, 'i', name, ev->ts, pid, tid, extra);
		for (uint64_t k = 0; k < ev->arg && gt_postq__pop(&p->q, ev->vm, ev->isc, &n);
		     k++) {
			flow(p, 'f', "post->deliver", ev->ts, pid, tid, 2 * n);
			p->st->post_flows++;
		}
		counters(p, ev->vm, v, ev->ts);
		break;
	case GIB_EV_gisa_alert:
		v->iam = 0; /* the machine clears the IAM as it alerts */
		snprintf(name, sizeof(name), "alert isc %u", ev->isc & 7);
		snprintf(extra, sizeof(extra),
			 ",\"s\":\"t\",\"args\":{\"isc\":%u,\"iam_before\":%u}", ev->isc, ev->old);
		emit(p, 'i', name, ev->ts, pid, tid, extra);
		v->alert = p->alerts++;
		v->alert_pending = true;
		if (bits_get(&p->kicked, v->alert))
			flow(p, 's', "alert->kick", ev->ts, pid, tid, 2 * v->alert + 1);
		counters(p, ev->vm, v, ev->ts);
		break;
	case GIB_EV_vcpu_kick:
		snprintf(extra, sizeof(extra), ",\"s\":\"t\",\"args\":{\"pending\":%u}", ev->mask);
		emit(p, 'i', kick_names[ev->arg < 3 ? ev->arg : 2], ev->ts, pid, tid, extra);
		if (ev->arg != GIB_KICK_FLOAT && v->alert_pending) {
			v->alert_pending = false;
			flow(p, 'f', "alert->kick", ev->ts, pid, tid, 2 * v->alert + 1);
			p->st->alert_flows++;
		}
		break;
	case GIB_EV_iam_restore:
	case GIB_EV_iam_set:
		v->iscs |= ev->old | ev->new;
		v->iam = ev->new;
		if (ev->type == GIB_EV_iam_restore)
			v->ipm = ev->mask;
		snprintf(extra, sizeof(extra),
			 ",\"s\":\"t\",\"args\":{\"iam_before\":%u,\"iam\":%u,\"%s\":%u}", ev->old,
			 ev->new, ev->type == GIB_EV_iam_set ? "linked" : "ipm",
			 ev->type == GIB_EV_iam_set ? (unsigned int)ev->arg : ev->mask);
		emit(p, 'i',
		     ev->type == GIB_EV_iam_set ? "iam_set" :
		     ev->arg < GIB_RESTORE_NR	? site_names[ev->arg] :
						  "IAM restore",
		     ev->ts, pid, tid, extra);
		counters(p, ev->vm, v, ev->ts);
		break;
	case GIB_EV_gisa_unlink:
		emit(p, 'i', "unlinked", ev->ts, pid, tid, ",\"s\":\"t\"");
		break;
	case GIB_EV_kick_timer:
		snprintf(extra, sizeof(extra), ",\"s\":\"t\",\"args\":{\"ipm\":%u,\"rearmed\":%s}",
			 ev->mask, ev->arg ? "true" : "false");
		emit(p, 'i', "kicker tick", ev->ts, pid, TID_KICKER, extra);
		break;
	case GIB_EV_sie_enter:
		if (c->halted) { /* a wakeup missing: close the halt here */
			snprintf(extra, sizeof(extra), ",\"dur\":%" PRIu64 ".%03u",
				 (ev->ts - c->halt_ts) / 1000,
				 (unsigned int)((ev->ts - c->halt_ts) % 1000));
			emit(p, 'X', "halt", c->halt_ts, pid, tid, extra);
			c->halted = false;
		}
		c->in_sie = true;
		c->sie_ts = ev->ts;
		break;
	case GIB_EV_sie_exit:
		if (c->in_sie) {
			snprintf(extra, sizeof(extra),
				 ",\"dur\":%" PRIu64 ".%03u,\"args\":{\"exit\":\"%s\"}",
				 (ev->ts - c->sie_ts) / 1000,
				 (unsigned int)((ev->ts - c->sie_ts) % 1000),
				 ev->arg < 3 ? exit_names[ev->arg] : "other");
			emit(p, 'X', "SIE", c->sie_ts, pid, tid, extra);
			c->in_sie = false;
		}
		break;
	case GIB_EV_vcpu_wait:
		if (ev->arg == GIB_WAIT_ENABLED && !c->in_sie && !c->halted) {
			c->halted = true;
			c->halt_ts = ev->ts;
		}
		break;
	case GIB_EV_vcpu_wakeup:
		if (c->halted) {
			snprintf(extra, sizeof(extra),
				 ",\"dur\":%" PRIu64 ".%03u,\"args\":{\"cr6\":%u,\"spurious\":%s}",
				 (ev->ts - c->halt_ts) / 1000,
				 (unsigned int)((ev->ts - c->halt_ts) % 1000), ev->mask,
				 ev->arg & 4 ? "true" : "false");
			emit(p, 'X', ev->arg & 1 ? "halt (sleep)" : "halt (poll)", c->halt_ts, pid,
			     tid, extra);
			c->halted = false;
		}
		if (ev->arg & 4) { /* nothing to do: it sleeps again */
			emit(p, 'i', "spurious wakeup", ev->ts, pid, tid, ",\"s\":\"t\"");
			c->halted = true;
			c->halt_ts = ev->ts;
		}
		break;
	case GIB_EV_gal_irq:
		name_host(p);
		gal_close(p);
		p->gal_open = true;
		p->gal_ts = p->pass_ts = ev->ts;
		p->gal_passes = p->gal_unlinked = 0;
		break;
	case GIB_EV_gal_process: {
		uint64_t from = p->gal_open ? p->pass_ts : ev->ts;

		name_host(p);
		snprintf(name, sizeof(name), "alert pass %" PRIu64, ev->arg);
		snprintf(extra, sizeof(extra),
			 ",\"dur\":%" PRIu64 ".%03u,\"args\":{\"unlinked\":%" PRIu64 "}",
			 (ev->ts - from) / 1000, (unsigned int)((ev->ts - from) % 1000), ev->val);
		emit(p, 'X', name, from, PID_HOST, TID_PASS, extra);
		if (p->gal_open) {
			p->pass_ts = ev->ts;
			p->gal_passes++;
			p->gal_unlinked += ev->val;
		}
		break;
	}
	case GIB_EV_drop:
		name_host(p);
		snprintf(extra, sizeof(extra), ",\"s\":\"g\",\"args\":{\"lost\":%" PRIu64 "}",
			 ev->arg);
		emit(p, 'i', "recorder dropped events", ev->ts, PID_HOST, TID_GAL, extra);
		break;
	default: /* guest_work: the guest's input, not shown */
		break;
	}
	return 0;
}

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

int gt_perfetto__export(const char *path, FILE *out, struct gt_perfetto_stats *st)
{
	struct gt_perfetto_stats dummy;
	struct pf p = { .out = out };
	const struct gt_header *h;
	struct gt_reader *r;
	struct gt_event ev;
	int rc = 0, err = 0;

	memset(st ? st : &dummy, 0, sizeof(dummy));
	p.st = st ? st : &dummy;
	r = gt_reader__open(path, &err);
	if (!r)
		return err;
	while (!err && (rc = gt_reader__next(r, &ev)) > 0)
		err = match(&p, &ev);
	gt_reader__close(r);
	if (err || rc < 0) {
		pf_release(&p);
		return err ?: rc;
	}
	/* pass 2, with the same numbering and alert state */
	gt_postq__release(&p.q);
	for (size_t i = 0; i < p.nvm; i++)
		p.vm[i].alert_pending = false;
	p.posts = p.alerts = 0;
	r = gt_reader__open(path, &err);
	if (!r) {
		pf_release(&p);
		return err;
	}
	h = gt_reader__header(r);
	fprintf(out, "{\"displayTimeUnit\":\"ns\",\"otherData\":{");
	fprintf(out, "\"trace\":");
	json_str(out, path);
	for (size_t i = 0; i < h->nfields; i++) {
		const char *key = gt_tag__key(h->fields[i].tag);
		char k[32];

		if (!key) {
			snprintf(k, sizeof(k), "tag%u", h->fields[i].tag);
			key = k;
		}
		fprintf(out, ",\"%s\":", key);
		json_str(out, h->fields[i].data ? h->fields[i].data : "");
	}
	fprintf(out, "},\"traceEvents\":[");
	while (!err && (rc = gt_reader__next(r, &ev)) > 0) {
		p.st->events++;
		err = convert(&p, &ev);
	}
	gal_close(&p);
	fprintf(out, "\n]}\n");
	gt_reader__close(r);
	pf_release(&p);
	if (!err && ferror(out))
		err = -EIO;
	return err ?: (rc < 0 ? rc : 0);
}
