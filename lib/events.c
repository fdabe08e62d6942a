/* The event type table, generated from GIB_EVENTS, and the pretty-printer. */
#include <stdio.h>
#include <string.h>

#include <gibtrace/trace.h>

/* indexed by type number; the numbers missing from the vocabulary have no name */
#define GT_TYPE_ENTRY(name, nr, cls, fields, doc) [nr] = { #name, nr, cls, fields, doc },
const struct gt_event_type gt_event_types[GIB_EV_MAX] = { GIB_EVENTS(GT_TYPE_ENTRY) };
#undef GT_TYPE_ENTRY
const size_t gt_nevent_types = GIB_EV_MAX;

const struct gt_event_type *gt_event_type(unsigned int type)
{
	return type < GIB_EV_MAX && gt_event_types[type].name ? &gt_event_types[type] : NULL;
}

int gt_event_type__by_name(const char *name)
{
	for (size_t i = 0; i < gt_nevent_types; i++)
		if (gt_event_types[i].name && !strcmp(gt_event_types[i].name, name))
			return gt_event_types[i].nr;
	return -1;
}

int gt_event__snprintf(const struct gt_event *ev, char *buf, size_t len)
{
	const struct gt_event_type *t = gt_event_type(ev->type);
	size_t n = 0;
	int r;

#define GT_APPEND(...)                                                                             \
	do {                                                                                       \
		r = snprintf(buf + (n < len ? n : len), n < len ? len - n : 0, __VA_ARGS__);       \
		if (r < 0)                                                                         \
			return r;                                                                  \
		n += (size_t)r;                                                                    \
	} while (0)

	GT_APPEND("%llu.%09llu %3u ", (unsigned long long)(ev->ts / 1000000000u),
		  (unsigned long long)(ev->ts % 1000000000u), ev->cpu);
	if (!t) {
		GT_APPEND("type%u", ev->type);
		return (int)n;
	}
	GT_APPEND("%s", t->name);
	if (t->fields & GIB_F_VM)
		GT_APPEND(" vm=%u", ev->vm);
	if (t->fields & GIB_F_VCPU)
		GT_APPEND(" vcpu=%u", ev->vcpu);
	if (t->fields & GIB_F_ISC)
		GT_APPEND(" isc=%u", ev->isc);
	if (t->fields & GIB_F_MASK)
		GT_APPEND(" mask=0x%02x", ev->mask);
	if (t->fields & GIB_F_OLD)
		GT_APPEND(" old=0x%02x", ev->old);
	if (t->fields & GIB_F_NEW)
		GT_APPEND(" new=0x%02x", ev->new);
	if (t->fields & GIB_F_ARG)
		GT_APPEND(" arg=%llu", (unsigned long long)ev->arg);
	if (t->fields & GIB_F_VAL)
		GT_APPEND(" val=%llu", (unsigned long long)ev->val);
#undef GT_APPEND
	return (int)n;
}
