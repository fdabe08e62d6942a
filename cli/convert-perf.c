/*
 * `perf script` text into events (convert-perf.h). Each event's text is read by the
 * TP_printk of its tracepoint (Linux 6.1):
 *   kvm_s390_sie_enter          "%02d[%016lx-%016lx]: entering sie flags %x"
 *   kvm_s390_sie_exit           "%02d[%016lx-%016lx]: exit sie icptcode %d (%s)"
 *   kvm_vcpu_wakeup             "%s time %lld ns, polling %s"
 *   kvm_s390_deliver_interrupt  "deliver interrupt (vcpu %d): type:%x (%s) data:%08llx %016llx"
 *   kvm_s390_inject_vm          "inject%s: type:%x (%s) parm:%x parm64:%llx"
 *   kvm_s390_modify_ais_mode    "for isc %x, modifying interruption mode from %s to %s"
 *   kvm_s390_airq_suppressed    "adapter I/O interrupt suppressed (id:%x isc:%x)"
 *   hrtimer_start               "hrtimer=%p function=%ps expires=%llu softexpires=%llu mode=%s ..."
 *   hrtimer_expire_entry        "hrtimer=%p function=%ps now=%llu"
 *   hrtimer_expire_exit/cancel  "hrtimer=%p"
 *   gib:*                       "vm=%u vcpu=%u isc=%u mask=0x%02x old=0x%02x new=0x%02x
 *                                arg=%u val=%u"
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert-perf.h"

#define CV_PERF_MAX_REPORTS 20

bool cv_is_kicker(const char *kicker, const char *name, uint64_t addr)
{
	size_t n;

	if (!strncmp(kicker, "0x", 2))
		return strtoull(kicker, NULL, 16) == addr;
	if (!name)
		return false;
	n = strlen(kicker);
	/* perf may print "NAME+0x0" or "NAME [module]" */
	return !strncmp(name, kicker, n) &&
	       (!name[n] || name[n] == '+' || name[n] == ' ' || name[n] == '\t');
}

/* "KEY=" in text: the value after it, or NULL */
static const char *value_of(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = text; (p = strstr(p, key)); p += n)
		if ((p == text || p[-1] == ' ') && p[n] == '=')
			return p + n + 1;
	return NULL;
}

static bool hex_value(const char *text, const char *key, unsigned long long *v)
{
	const char *p = value_of(text, key);
	char *end;

	if (!p)
		return false;
	errno = 0;
	*v = strtoull(p, &end, 16);
	return end != p && !errno;
}

/* the TEXT of one upstream event; a reason when it does not read */
static const char *parse_kvm(int kind, const char *text, const char *kicker, struct ku_event *ev)
{
	unsigned long long a, b, c;
	unsigned int x, y;
	char w[16], v[16];
	int id, n = 0;
	const char *p;

	switch (kind) {
	case KU_SIE_ENTER:
		if (sscanf(text, "%d[%llx-%llx]: entering sie flags %x%n", &id, &a, &b, &x, &n) <
			    4 ||
		    !n)
			return "expected '%02d[%016lx-%016lx]: entering sie flags %x'";
		ev->id = id;
		return NULL;
	case KU_SIE_EXIT:
		if (sscanf(text, "%d[%llx-%llx]: exit sie icptcode %u%n", &id, &a, &b, &x, &n) <
			    4 ||
		    !n)
			return "expected '%02d[%016lx-%016lx]: exit sie icptcode %d (%s)'";
		ev->id = id;
		ev->code = x;
		return NULL;
	case KU_WAKEUP:
		if (sscanf(text, "%15s time %llu ns, polling %15s%n", w, &a, v, &n) < 3 || !n ||
		    (strcmp(w, "wait") && strcmp(w, "poll")) ||
		    (strcmp(v, "valid") && strcmp(v, "invalid")))
			return "expected '%s time %lld ns, polling %s'";
		ev->a = a;
		ev->waited = !strcmp(w, "wait");
		ev->valid = !strcmp(v, "valid");
		return NULL;
	case KU_DELIVER:
		if (sscanf(text, "deliver interrupt (vcpu %d): type:%x (%n", &id, &x, &n) < 2 || !n)
			return "expected 'deliver interrupt (vcpu %d): type:%x (%s) data:%08llx "
			       "%016llx'";
		p = strstr(text + n, ") data:");
		if (!p || sscanf(p, ") data:%llx %llx", &a, &b) != 2)
			return "expected 'data:%08llx %016llx' after the type";
		ev->id = id;
		ev->code = x;
		ev->a = b;
		return NULL;
	case KU_INJECT:
		p = strstr(text, ": type:");
		if (strncmp(text, "inject", 6) || !p || sscanf(p, ": type:%x (", &x) != 1)
			return "expected 'inject%s: type:%x (%s) parm:%x parm64:%llx'";
		p = strstr(p, ") parm:");
		if (!p || sscanf(p, ") parm:%x parm64:%llx", &y, &a) != 2)
			return "expected 'parm:%x parm64:%llx' after the type";
		ev->code = x;
		ev->a = a;
		return NULL;
	case KU_AIS_MODE:
		if (sscanf(text, "for isc %x, modifying interruption mode from%n", &x, &n) < 1 ||
		    !n)
			return "expected 'for isc %x, modifying interruption mode from %s to %s'";
		ev->code = x;
		return NULL;
	case KU_AIRQ_SUPPRESSED:
		if (sscanf(text, "adapter I/O interrupt suppressed (id:%x isc:%x)", &y, &x) != 2)
			return "expected 'adapter I/O interrupt suppressed (id:%x isc:%x)'";
		ev->code = x;
		return NULL;
	case KU_HR_START:
	case KU_HR_ENTRY:
		if (!hex_value(text, "hrtimer", &a))
			return "no hrtimer=%p";
		p = value_of(text, "function");
		if (!p)
			return "no function=%ps";
		ev->a = a;
		{
			char fn[128];
			size_t k = strcspn(p, " \t");

			snprintf(fn, sizeof(fn), "%.*s", (int)(k < sizeof(fn) ? k : sizeof(fn) - 1),
				 p);
			ev->kicker = cv_is_kicker(kicker, fn, strtoull(fn, NULL, 16));
		}
		if (kind == KU_HR_START) {
			p = value_of(text, "mode");
			if (!p)
				return "no mode=%s";
			/* a name (trace-cmd) or the enum's value (perf): bit 0 is REL */
			ev->abs = isdigit((unsigned char)*p) ? !(strtoul(p, NULL, 0) & 1) :
							       !strncmp(p, "ABS", 3);
		} else if (!hex_value(text, "now", &c) && !value_of(text, "now")) {
			return "no now=%llu";
		}
		return NULL;
	case KU_HR_EXIT:
	case KU_HR_CANCEL:
		if (!hex_value(text, "hrtimer", &a))
			return "no hrtimer=%p";
		ev->a = a;
		return NULL;
	}
	return "not an event gibtrace reads";
}

static const char *parse_gib(const char *name, const char *text, struct gt_event *ev)
{
	unsigned int vm, vcpu, isc, mask, old, new, arg, val;
	int type = gt_event_type__by_name(name);

	if (type < 0 || type == GIB_EV_drop)
		return "a gib:* event the vocabulary does not have";
	if (sscanf(text, "vm=%u vcpu=%u isc=%u mask=%x old=%x new=%x arg=%u val=%u", &vm, &vcpu,
		   &isc, &mask, &old, &new, &arg, &val) != 8)
		return "expected 'vm=%u vcpu=%u isc=%u mask=0x%02x old=0x%02x new=0x%02x arg=%u "
		       "val=%u'";
	ev->type = (uint16_t)type;
	ev->vm = (uint16_t)vm;
	ev->vcpu = (uint16_t)vcpu;
	ev->isc = (uint8_t)isc;
	ev->mask = (uint8_t)mask;
	ev->old = (uint8_t)old;
	ev->new = (uint8_t) new;
	ev->arg = arg;
	ev->val = val;
	return NULL;
}

/* "SECS.FRAC" in ns */
static bool parse_time(const char *s, uint64_t *ts, const char **end)
{
	char *e;
	unsigned long long secs = strtoull(s, &e, 10), frac = 0;
	int digits = 0;

	if (e == s || *e != '.')
		return false;
	for (s = e + 1; isdigit((unsigned char)*s) && digits < 9; s++, digits++)
		frac = frac * 10 + (unsigned long long)(*s - '0');
	if (!digits)
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	for (; digits < 9; digits++)
		frac *= 10;
	*ts = secs * 1000000000ull + frac;
	*end = s;
	return true;
}

/*
 * A line of one of perf's own records, after its "PERF_RECORD_": LOST ("LOST lost N")
 * becomes a drop for each sink; any other is an event of another kind.
 */
static int parse_record(const char *q, uint64_t ts, uint32_t cpu, const struct cv_perf_sink *s,
			struct cv_perf_stats *st, const char **why)
{
	unsigned long long n;
	char *end;
	int rc = 0;

	if (strncmp(q, "LOST ", 5)) {
		st->other++;
		return 0;
	}
	q += 5;
	while (*q == ' ')
		q++;
	if (strncmp(q, "lost ", 5) || !isdigit((unsigned char)q[5])) {
		*why = "PERF_RECORD_LOST without 'lost N'";
		return -1;
	}
	errno = 0;
	n = strtoull(q + 5, &end, 10);
	if (errno || (*end && *end != '\n')) {
		*why = "PERF_RECORD_LOST without 'lost N'";
		return -1;
	}
	st->lost_records++;
	st->lost += n;
	/* the gap is known to end here; where it began, perf does not say */
	if (s->gib)
		rc = s->gib(
			s->ctx,
			&(struct gt_event){
				.type = GIB_EV_drop, .cpu = cpu, .ts = ts, .arg = n, .val = ts });
	if (!rc && s->kvm)
		rc = s->kvm(s->ctx, &(struct ku_event){ .kind = KU_LOST,
							.ts = ts,
							.cpu = cpu,
							.a = n,
							.pid = -1,
							.tgid = -1,
							.id = -1 });
	return rc ?: 1;
}

/*
 * One line. Returns 1 (an event for the sink), 0 (another event, or nothing), or a reason
 * in *why.
 */
static int parse_line(char *line, const struct cv_perf_sink *s, struct cv_perf_stats *st,
		      const char **why)
{
	struct ku_event kev = { .tgid = -1, .id = -1 };
	struct gt_event gev = { 0 };
	char *br, *p, *q, *sys, *name, *text;
	char *pidtok;
	long pid, tgid = -1;
	unsigned long cpu;
	uint64_t ts;
	int kind;

	/* " [CPU] ": the first bracketed number, after COMM and PID */
	for (br = strstr(line, " ["); br; br = strstr(br + 1, " [")) {
		p = br + 2;
		if (!isdigit((unsigned char)*p))
			continue;
		cpu = strtoul(p, &q, 10);
		if (*q == ']' && q[1] == ' ')
			break;
	}
	if (!br) {
		*why = "not a perf script line (no ' [CPU] ')";
		return -1;
	}
	*br = 0;
	q = strchr(br + 2, ']') + 1;
	/* COMM PID or COMM PID/TID */
	p = br;
	while (p > line && p[-1] == ' ')
		*--p = 0;
	while (p > line && p[-1] != ' ')
		p--;
	pidtok = p;
	if (!isdigit((unsigned char)*pidtok)) {
		*why = "no PID before ' [CPU] '";
		return -1;
	}
	pid = strtol(pidtok, &p, 10);
	if (*p == '/') {
		tgid = pid;
		pid = strtol(p + 1, &p, 10);
	}
	if (*p) {
		*why = "no PID before ' [CPU] '";
		return -1;
	}
	*pidtok = 0;
	while (pidtok > line && pidtok[-1] == ' ')
		*--pidtok = 0;
	p = line;
	while (*p == ' ')
		p++;
	snprintf(kev.comm, sizeof(kev.comm), "%s", p);
	while (*q == ' ')
		q++;
	if (!parse_time(q, &ts, (const char **)&q) || *q != ':') {
		*why = "no time SECS.FRAC: after ' [CPU] '";
		return -1;
	}
	q++;
	while (*q == ' ')
		q++;
	if (!strncmp(q, "PERF_RECORD_", 12))
		return parse_record(q + 12, ts, (uint32_t)cpu, s, st, why);
	/* SYSTEM:EVENT: */
	sys = q;
	q = strchr(q, ':');
	if (!q) {
		*why = "no SYSTEM:EVENT: after the time";
		return -1;
	}
	*q++ = 0;
	name = q;
	q = strchr(q, ':');
	if (!q) {
		*why = "no SYSTEM:EVENT: after the time";
		return -1;
	}
	*q++ = 0;
	text = q;
	while (*text == ' ')
		text++;
	text[strcspn(text, "\n")] = 0;

	if (!strcmp(sys, "gib")) {
		*why = parse_gib(name, text, &gev);
		if (*why)
			return -1;
		gev.ts = ts;
		gev.cpu = (uint32_t)cpu;
		st->gib++;
		return s->gib ? s->gib(s->ctx, &gev) ?: 1 : 0;
	}
	kind = ku_kind__by_name(sys, name);
	if (kind == KU_NR) {
		st->other++;
		return 0;
	}
	*why = parse_kvm(kind, text, s->kicker, &kev);
	if (*why)
		return -1;
	kev.kind = (uint8_t)kind;
	kev.ts = ts;
	kev.cpu = (uint32_t)cpu;
	kev.pid = (int32_t)pid;
	kev.tgid = (int32_t)tgid;
	if (tgid >= 0)
		st->tgid = true;
	st->kvm++;
	return s->kvm ? s->kvm(s->ctx, &kev) ?: 1 : 0;
}

int cv_perf__read(const char *path, const struct cv_perf_sink *s, struct cv_perf_stats *st)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL, *copy = NULL;
	size_t cap = 0;
	ssize_t len;
	int err = 0;

	memset(st, 0, sizeof(*st));
	if (!f) {
		err = -errno;
		gt_error("%s: %s", path, strerror(errno));
		return err;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		const char *why = NULL;
		char *p = line;
		int rc;

		st->lines++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n' || !*p || *p == '#')
			continue;
		free(copy);
		copy = strdup(line);
		if (!copy) {
			err = -ENOMEM;
			break;
		}
		rc = parse_line(copy, s, st, &why);
		if (rc < -1 || (rc < 0 && !why)) { /* the sink failed */
			err = rc;
			break;
		}
		if (rc == -1) {
			if (++st->bad <= CV_PERF_MAX_REPORTS)
				gt_error("%s:%llu: %s", path, (unsigned long long)st->lines, why);
		}
	}
	if (!err && ferror(f))
		err = -EIO;
	if (st->bad > CV_PERF_MAX_REPORTS)
		gt_error("%s: %llu more bad lines not shown", path,
			 (unsigned long long)(st->bad - CV_PERF_MAX_REPORTS));
	free(copy);
	free(line);
	if (f != stdin)
		fclose(f);
	return err;
}
