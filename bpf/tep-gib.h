/*
 * gib:* events as libtraceevent hands them out (the ftrace recorder, and
 * gibtrace convert of trace.dat files): which vocabulary type an event is,
 * and its fields read into a struct gt_event.
 */
#ifndef GIBTRACE_TEP_GIB_H
#define GIBTRACE_TEP_GIB_H

#include <traceevent/event-parse.h>

#include <gibtrace/trace.h>

struct gib_tep_map {
	int id; /* the tep event id */
	int type; /* the vocabulary's number; -1: another system, -2: a gib:* event it lacks */
	struct tep_format_field *f[8]; /* vm vcpu isc mask old new arg val */
};

/* map tep event @e (NULL: unknown id @id) */
void gib_tep_map__init(struct gib_tep_map *m, int id, struct tep_event *e);
/* the event of @rec on @cpu, with the fields @m found */
void gib_tep_map__event(const struct gib_tep_map *m, const struct tep_record *rec, int cpu,
			struct gt_event *ev);

#endif
