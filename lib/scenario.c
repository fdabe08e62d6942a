/*
 * Scenario files: parsing (include/gibtrace/scenario.h has the grammar) and
 * deterministic expansion into the exogenous events of a trace.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gibtrace/scenario.h>

#define SCN_MAX_WORDS 24

struct scn_parse {
	struct gt_scenario *s;
	const char *file;
	int line;
	char *w[SCN_MAX_WORDS];
	int nw;
	bool cr6_set[GT_SCN_MAX_VMS][GT_SCN_MAX_VCPUS];
};

#define scn_err(p, ...)                                                                            \
	({                                                                                         \
		char __m[256];                                                                     \
		snprintf(__m, sizeof(__m), __VA_ARGS__);                                           \
		gt_error("%s:%d: %s", (p)->file, (p)->line, __m);                                  \
		-EINVAL;                                                                           \
	})

/* TIME: a number with ns, us, ms or s (bare: ns) */
static int parse_time(struct scn_parse *p, const char *w, uint64_t *ns)
{
	char *end;
	double v = strtod(w, &end), mul;

	if (end == w || v < 0 || !isfinite(v))
		return scn_err(p, "'%s' is not a time (examples: 50us, 2ms, 1s)", w);
	if (!*end || !strcmp(end, "ns"))
		mul = 1;
	else if (!strcmp(end, "us"))
		mul = 1e3;
	else if (!strcmp(end, "ms"))
		mul = 1e6;
	else if (!strcmp(end, "s"))
		mul = 1e9;
	else
		return scn_err(p, "'%s': unknown time unit '%s' (ns, us, ms, s)", w, end);
	if (v * mul > 1e18)
		return scn_err(p, "'%s': time too large", w);
	*ns = (uint64_t)llround(v * mul);
	return 0;
}

/* RATE: per second, with an optional k or M */
static int parse_rate(struct scn_parse *p, const char *w, double *rate)
{
	char *end;
	double v = strtod(w, &end);

	if (end == w || v <= 0 || !isfinite(v))
		return scn_err(p, "'%s' is not a rate per second (examples: 500, 20k, 1M)", w);
	if (!strcmp(end, "k"))
		v *= 1e3;
	else if (!strcmp(end, "M"))
		v *= 1e6;
	else if (*end)
		return scn_err(p, "'%s': unknown rate suffix '%s' (k, M)", w, end);
	if (v > 1e9)
		return scn_err(p, "'%s': more than one post per ns", w);
	*rate = v;
	return 0;
}

static int parse_uint(struct scn_parse *p, const char *w, unsigned long max, const char *what,
		      unsigned long *v)
{
	char *end;
	unsigned long r;

	errno = 0;
	r = strtoul(w, &end, 0);
	if (end == w || *end || errno || r > max || w[0] == '-')
		return scn_err(p, "'%s' is not a valid %s (0..%lu)", w, what, max);
	*v = r;
	return 0;
}

static int parse_vm(struct scn_parse *p, const char *w, uint16_t *vm)
{
	unsigned long v;
	int err = parse_uint(p, w, GT_SCN_MAX_VMS - 1, "vm", &v);

	if (err)
		return err;
	if (v >= p->s->nvms || !p->s->vm[v].nvcpus)
		return scn_err(p, "vm %lu is not declared (a 'vm %lu vcpus N' line comes first)", v,
			       v);
	*vm = (uint16_t)v;
	return 0;
}

/* expect "key" at word i */
static int expect(struct scn_parse *p, int i, const char *key)
{
	if (i >= p->nw || strcmp(p->w[i], key))
		return scn_err(p, "'%s' expected after '%s'", key, p->w[i - 1]);
	if (i + 1 >= p->nw)
		return scn_err(p, "a value expected after '%s'", key);
	return 0;
}

static int parse_work(struct scn_parse *p, int i, struct gt_scn_work *wk)
{
	uint64_t a = 0, b = 0;
	int err;

	if (i >= p->nw)
		return scn_err(p, "a distribution expected: const, exp, uniform or lognormal");
	if (!strcmp(p->w[i], "const") && p->nw == i + 2) {
		wk->dist = GT_DIST_CONST;
		err = parse_time(p, p->w[i + 1], &a);
	} else if (!strcmp(p->w[i], "exp") && p->nw == i + 2) {
		wk->dist = GT_DIST_EXP;
		err = parse_time(p, p->w[i + 1], &a);
	} else if (!strcmp(p->w[i], "uniform") && p->nw == i + 3) {
		wk->dist = GT_DIST_UNIFORM;
		err = parse_time(p, p->w[i + 1], &a) ?: parse_time(p, p->w[i + 2], &b);
		if (!err && b < a)
			err = scn_err(p, "uniform: %s is below %s", p->w[i + 2], p->w[i + 1]);
	} else if (!strcmp(p->w[i], "lognormal") && p->nw == i + 3) {
		char *end;
		double sigma = strtod(p->w[i + 2], &end);

		wk->dist = GT_DIST_LOGNORMAL;
		err = parse_time(p, p->w[i + 1], &a);
		if (!err && (*end || end == p->w[i + 2] || sigma < 0 || sigma > 5))
			err = scn_err(p, "lognormal: sigma '%s' is not a number in 0..5",
				      p->w[i + 2]);
		b = 0;
		wk->b = sigma;
		wk->a = (double)a;
		return err;
	} else {
		return scn_err(p, "distribution: const TIME | exp MEAN | uniform LO HI | "
				  "lognormal MEDIAN SIGMA");
	}
	wk->a = (double)a;
	wk->b = (double)b;
	return err;
}

static int parse_source(struct scn_parse *p)
{
	struct gt_scenario *s = p->s;
	struct gt_scn_source *src;
	unsigned long isc;
	int i, err;

	if (s->nsources >= GT_SCN_MAX_SOURCES)
		return scn_err(p, "more than %d sources", GT_SCN_MAX_SOURCES);
	if (p->nw < 8)
		return scn_err(p, "source NAME vm VM isc ISC device|software ARRIVAL");
	src = &s->source[s->nsources];
	memset(src, 0, sizeof(*src));
	snprintf(src->name, sizeof(src->name), "%s", p->w[1]);
	for (size_t k = 0; k < s->nsources; k++)
		if (!strcmp(s->source[k].name, src->name))
			return scn_err(p, "source '%s' is declared twice", src->name);
	err = expect(p, 2, "vm") ?: parse_vm(p, p->w[3], &src->vm);
	err = err ?: expect(p, 4, "isc") ?: parse_uint(p, p->w[5], 7, "isc", &isc);
	if (err)
		return err;
	src->isc = (uint8_t)isc;
	if (!strcmp(p->w[6], "device"))
		src->src = GIB_SRC_DEVICE;
	else if (!strcmp(p->w[6], "software"))
		src->src = GIB_SRC_SOFTWARE;
	else
		return scn_err(p, "'%s': the source kind is device or software", p->w[6]);
	if (src->src == GIB_SRC_DEVICE && !(s->vm[src->vm].gisc & (0x80 >> isc)))
		return scn_err(p,
			       "source '%s': vm %u has not registered isc %lu ('gisc %u %lu' "
			       "first): a device posts only for a registered GISC",
			       src->name, src->vm, isc, src->vm, isc);
	i = 7;
	if (!strcmp(p->w[i], "periodic")) {
		src->arrival = GT_ARR_PERIODIC;
		if (i + 1 >= p->nw)
			return scn_err(p, "periodic PERIOD [jitter TIME]");
		err = parse_time(p, p->w[i + 1], &src->period);
		if (!err && !src->period)
			err = scn_err(p, "periodic: the period must be above 0");
		if (!err && p->nw > i + 2)
			err = p->nw == i + 4 && !strcmp(p->w[i + 2], "jitter") ?
				      parse_time(p, p->w[i + 3], &src->jitter) :
				      scn_err(p, "periodic PERIOD [jitter TIME]");
		if (!err && src->jitter >= src->period)
			err = scn_err(p, "periodic: the jitter must be below the period");
	} else if (!strcmp(p->w[i], "poisson")) {
		src->arrival = GT_ARR_POISSON;
		err = p->nw == i + 3 ?
			      expect(p, i + 1, "rate") ?: parse_rate(p, p->w[i + 2], &src->rate) :
			      scn_err(p, "poisson rate RATE");
	} else if (!strcmp(p->w[i], "onoff")) {
		src->arrival = GT_ARR_ONOFF;
		if (p->nw != i + 7)
			return scn_err(p, "onoff on TIME off TIME rate RATE");
		err = expect(p, i + 1, "on") ?: parse_time(p, p->w[i + 2], &src->on);
		err = err ?: expect(p, i + 3, "off") ?: parse_time(p, p->w[i + 4], &src->off);
		err = err ?: expect(p, i + 5, "rate") ?: parse_rate(p, p->w[i + 6], &src->rate);
		if (!err && !src->on)
			err = scn_err(p, "onoff: the on time must be above 0");
	} else if (!strcmp(p->w[i], "pareto")) {
		src->arrival = GT_ARR_PARETO;
		src->alpha = 1.5;
		if (p->nw != i + 3 && p->nw != i + 5)
			return scn_err(p, "pareto rate RATE [alpha A]");
		err = expect(p, i + 1, "rate") ?: parse_rate(p, p->w[i + 2], &src->rate);
		if (!err && p->nw == i + 5) {
			char *end;

			err = expect(p, i + 3, "alpha");
			if (!err) {
				src->alpha = strtod(p->w[i + 4], &end);
				if (*end || end == p->w[i + 4] || !(src->alpha > 1.0) ||
				    src->alpha > 10)
					err = scn_err(p, "pareto: alpha '%s' must be in (1, 10]",
						      p->w[i + 4]);
			}
		}
	} else {
		return scn_err(p, "'%s': arrival is periodic, poisson, onoff or pareto", p->w[i]);
	}
	if (!err)
		s->nsources++;
	return err;
}

static int parse_line(struct scn_parse *p)
{
	struct gt_scenario *s = p->s;
	const char *d = p->w[0];
	unsigned long v = 0, c = 0;
	uint16_t vm;
	int err;

	if (!strcmp(d, "name") && p->nw == 2) {
		snprintf(s->name, sizeof(s->name), "%s", p->w[1]);
		return 0;
	}
	if (!strcmp(d, "duration") && p->nw == 2) {
		err = parse_time(p, p->w[1], &s->duration);
		return err ?: s->duration ? 0 : scn_err(p, "the duration must be above 0");
	}
	if (!strcmp(d, "seed") && p->nw == 2) {
		errno = 0;
		s->seed = strtoull(p->w[1], NULL, 0);
		return errno ? scn_err(p, "'%s' is not a seed", p->w[1]) : 0;
	}
	if (!strcmp(d, "vm") && (p->nw == 4 || p->nw == 6)) {
		err = parse_uint(p, p->w[1], GT_SCN_MAX_VMS - 1, "vm", &v);
		err = err ?: expect(p, 2, "vcpus");
		err = err ?: parse_uint(p, p->w[3], GT_SCN_MAX_VCPUS, "vcpu count", &c);
		if (err)
			return err;
		if (!c)
			return scn_err(p, "vm %lu: at least one vcpu", v);
		if (s->vm[v].nvcpus)
			return scn_err(p, "vm %lu is declared twice", v);
		s->vm[v].nvcpus = (uint16_t)c;
		if (v + 1 > s->nvms)
			s->nvms = (uint16_t)(v + 1);
		s->vm[v].work = (struct gt_scn_work){ GT_DIST_EXP, 20000, 0 };
		if (p->nw == 6) {
			unsigned long m = 0;

			err = expect(p, 4, "cr6") ?: parse_uint(p, p->w[5], 0xff, "cr6 mask", &m);
			if (err)
				return err;
			for (unsigned int k = 0; k < c; k++) {
				s->vm[v].cr6[k] = (uint8_t)m;
				p->cr6_set[v][k] = true;
			}
		}
		return 0;
	}
	if (!strcmp(d, "vcpu") && p->nw == 4) {
		char *dot = strchr(p->w[1], '.');

		if (!dot)
			return scn_err(p, "vcpu VM.VCPU cr6 MASK");
		*dot = '\0';
		err = parse_vm(p, p->w[1], &vm);
		err = err ?: parse_uint(p, dot + 1, s->vm[vm].nvcpus - 1, "vcpu", &c);
		err = err ?: expect(p, 2, "cr6") ?: parse_uint(p, p->w[3], 0xff, "cr6 mask", &v);
		if (err)
			return err;
		s->vm[vm].cr6[c] = (uint8_t)v;
		p->cr6_set[vm][c] = true;
		return 0;
	}
	if (!strcmp(d, "gisc") && p->nw == 3) {
		err = parse_vm(p, p->w[1], &vm) ?: parse_uint(p, p->w[2], 7, "isc", &v);
		if (!err)
			s->vm[vm].gisc |= (uint8_t)(0x80 >> v);
		return err;
	}
	if (!strcmp(d, "source"))
		return parse_source(p);
	if (!strcmp(d, "work") && p->nw >= 4) {
		err = expect(p, 1, "vm") ?: parse_vm(p, p->w[2], &vm);
		return err ?: parse_work(p, 3, &s->vm[vm].work);
	}
	if (!strcmp(d, "timer") && p->nw == 5) {
		err = expect(p, 1, "vm") ?: parse_vm(p, p->w[2], &vm);
		err = err			     ?:
			      expect(p, 3, "period") ?:
			      parse_time(p, p->w[4], &s->vm[vm].timer_period);
		if (!err && s->vm[vm].timer_period && s->vm[vm].timer_period < 1000)
			err = scn_err(p, "timer: a period below 1us is not a guest timer");
		return err;
	}
	return scn_err(p,
		       "'%s' with %d words is not a directive (name, duration, seed, vm, vcpu, "
		       "gisc, source, work, timer)",
		       d, p->nw - 1);
}

int gt_scenario__parse_text(struct gt_scenario *s, const char *text, const char *name)
{
	struct scn_parse *p = calloc(1, sizeof(*p));
	char *buf, *line, *next;
	int err = 0;

	memset(s, 0, sizeof(*s));
	if (!p || !(s->text = strdup(text)) || !(buf = strdup(text))) {
		free(p);
		free(s->text);
		s->text = NULL;
		return -ENOMEM;
	}
	p->s = s;
	p->file = name;
	s->seed = 1;
	snprintf(s->name, sizeof(s->name), "unnamed");
	for (line = buf; line && !err; line = next) {
		char *hash, *tok, *wsave = NULL;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		p->line++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		p->nw = 0;
		for (tok = strtok_r(line, " \t\r", &wsave); tok;
		     tok = strtok_r(NULL, " \t\r", &wsave)) {
			if (p->nw == SCN_MAX_WORDS) {
				err = scn_err(p, "too many words");
				break;
			}
			p->w[p->nw++] = tok;
		}
		if (!err && p->nw)
			err = parse_line(p);
	}
	if (!err && (!s->duration || !s->nvms)) {
		gt_error("%s: no '%s' line", name, s->duration ? "vm" : "duration");
		err = -EINVAL;
	}
	/* a vcpu without its own CR6 takes every ISC its VM registered or is injected on */
	for (uint16_t v = 0; !err && v < s->nvms; v++) {
		uint8_t all = s->vm[v].gisc;

		for (size_t k = 0; k < s->nsources; k++)
			if (s->source[k].vm == v)
				all |= (uint8_t)(0x80 >> s->source[k].isc);
		for (unsigned int c = 0; c < s->vm[v].nvcpus; c++)
			if (!p->cr6_set[v][c])
				s->vm[v].cr6[c] = all;
	}
	free(buf);
	free(p);
	if (err)
		gt_scenario__release(s);
	return err;
}

int gt_scenario__parse(struct gt_scenario *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long n;
	int err;

	if (!f) {
		gt_error("%s: cannot open: %s", path, strerror(errno));
		return -errno;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1 << 20) || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		gt_error("%s: not a readable scenario file (at most 1 MiB)", path);
		return -EINVAL;
	}
	text = malloc((size_t)n + 1);
	if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		fclose(f);
		gt_error("%s: read failed", path);
		return -EIO;
	}
	text[n] = '\0';
	fclose(f);
	err = gt_scenario__parse_text(s, text, path);
	free(text);
	return err;
}

void gt_scenario__release(struct gt_scenario *s)
{
	free(s->text);
	s->text = NULL;
}

/* splitmix64: small, fast, and the same numbers on every host */
static uint64_t rng_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in (0, 1] */
static double rng_unit(uint64_t *x)
{
	return ((double)(rng_next(x) >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}

static double rng_exp(uint64_t *x, double mean)
{
	return -mean * log(rng_unit(x));
}

static double rng_normal(uint64_t *x)
{
	double u = rng_unit(x), v = rng_unit(x);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

static uint64_t work_draw(const struct gt_scn_work *w, uint64_t *x)
{
	double v;

	switch (w->dist) {
	case GT_DIST_CONST:
		v = w->a;
		break;
	case GT_DIST_EXP:
		v = rng_exp(x, w->a);
		break;
	case GT_DIST_UNIFORM:
		v = w->a + (w->b - w->a) * rng_unit(x);
		break;
	default:
		v = w->a * exp(w->b * rng_normal(x));
		break;
	}
	return v < 1 ? 1 : v > 1e12 ? (uint64_t)1e12 : (uint64_t)v;
}

struct ev_vec {
	struct gt_event *v;
	size_t n, cap;
};

static int push(struct ev_vec *e, const struct gt_event *ev)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 1024;
		struct gt_event *v = realloc(e->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		e->v = v;
		e->cap = cap;
	}
	e->v[e->n++] = *ev;
	return 0;
}

/* the next arrival after t, or UINT64_MAX past the end */
static uint64_t next_arrival(const struct gt_scn_source *src, uint64_t t, uint64_t *x, uint64_t *k)
{
	double gap;

	switch (src->arrival) {
	case GT_ARR_PERIODIC: {
		uint64_t base = ++*k * src->period;
		uint64_t j = src->jitter ? rng_next(x) % (2 * src->jitter + 1) : 0;

		return base + j - src->jitter;
	}
	case GT_ARR_POISSON:
		gap = rng_exp(x, 1e9 / src->rate);
		break;
	case GT_ARR_PARETO: {
		double xm = (src->alpha - 1.0) / src->alpha * 1e9 / src->rate;

		gap = xm / pow(rng_unit(x), 1.0 / src->alpha);
		break;
	}
	default: { /* onoff: poisson inside on periods */
		uint64_t cycle = src->on + src->off, pos;

		gap = rng_exp(x, 1e9 / src->rate);
		t += (uint64_t)gap + 1;
		pos = t % cycle;
		if (pos >= src->on) /* fell into an off period: start of the next on */
			t += cycle - pos;
		return t;
	}
	}
	return t + (uint64_t)gap + 1;
}

static int cmp_event(const void *a, const void *b)
{
	const struct gt_event *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->type < y->type ? -1 : x->type > y->type;
}

int gt_scenario__expand(const struct gt_scenario *s, struct gt_event **events, size_t *n)
{
	struct ev_vec e = { 0 };
	uint64_t posts[GT_SCN_MAX_VMS] = { 0 };
	int err = 0;

	for (uint16_t v = 0; v < s->nvms && !err; v++) {
		const struct gt_scn_vm *vm = &s->vm[v];

		if (!vm->nvcpus)
			continue;
		err = push(&e, &(struct gt_event){ .type = GIB_EV_vm_create, .vm = v });
		for (uint16_t c = 0; c < vm->nvcpus && !err; c++) {
			err = push(&e, &(struct gt_event){ .type = GIB_EV_vcpu_create,
							   .cpu = c,
							   .vm = v,
							   .vcpu = c });
			err = err   ?:
				      push(&e, &(struct gt_event){ .type = GIB_EV_vcpu_wait,
								   .cpu = c,
								   .vm = v,
								   .vcpu = c,
								   .mask = vm->cr6[c] });
		}
		for (uint8_t isc = 0; isc < 8 && !err; isc++)
			if (vm->gisc & (0x80 >> isc))
				err = push(&e, &(struct gt_event){ .type = GIB_EV_gisc_register,
								   .vm = v,
								   .isc = isc,
								   .mask = 0x80 >> isc,
								   .arg = 1 });
	}
	for (size_t k = 0; k < s->nsources && !err; k++) {
		const struct gt_scn_source *src = &s->source[k];
		uint64_t x = s->seed ^ (0x51ed2701ULL * (k + 1)), i = 0, t = 0;

		while (!err && (t = next_arrival(src, t, &x, &i)) < s->duration) {
			err = push(&e, &(struct gt_event){ .ts = t,
							   .type = GIB_EV_airq_post,
							   .vm = src->vm,
							   .isc = src->isc,
							   .arg = src->src });
			posts[src->vm]++;
		}
	}
	for (uint16_t v = 0; v < s->nvms && !err; v++) {
		const struct gt_scn_vm *vm = &s->vm[v];
		uint64_t ticks = vm->timer_period ? s->duration / vm->timer_period : 0;

		for (uint16_t c = 0; c < vm->nvcpus && !err; c++) {
			uint64_t x = s->seed ^ (0x9e3779b9ULL * (v + 1)) ^ ((uint64_t)c << 40);
			/* enough runs for every post and tick landing on this vcpu, twice */
			uint64_t runs = 2 * posts[v] / vm->nvcpus + ticks + 16;

			for (uint64_t r = 0; r < runs && !err; r++)
				err = push(&e, &(struct gt_event){
						       .ts = (uint64_t)((double)s->duration *
									(double)r / (double)runs),
						       .cpu = c,
						       .type = GIB_EV_guest_work,
						       .vm = v,
						       .vcpu = c,
						       .val = work_draw(&vm->work, &x) });
			for (uint64_t k = 1; k <= ticks && !err; k++)
				err = push(&e, &(struct gt_event){ .ts = k * vm->timer_period +
									 c * vm->timer_period /
										 vm->nvcpus / 2,
								   .cpu = c,
								   .type = GIB_EV_guest_timer,
								   .vm = v,
								   .vcpu = c });
		}
		err = err   ?:
			      push(&e, &(struct gt_event){ .ts = s->duration,
							   .type = GIB_EV_vm_destroy,
							   .vm = v });
	}
	if (err) {
		free(e.v);
		return err;
	}
	qsort(e.v, e.n, sizeof(*e.v), cmp_event);
	*events = e.v;
	*n = e.n;
	return 0;
}
