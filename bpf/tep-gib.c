#include <string.h>

#include "tep-gib.h"

static const char *const fields[8] = { "vm", "vcpu", "isc", "mask", "old", "new", "arg", "val" };

void gib_tep_map__init(struct gib_tep_map *m, int id, struct tep_event *e)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->type = -1;
	if (!e || !e->system || strcmp(e->system, "gib"))
		return;
	m->type = gt_event_type__by_name(e->name);
	if (m->type < 0 || m->type == GIB_EV_drop) {
		m->type = -2;
		return;
	}
	for (int k = 0; k < 8; k++)
		m->f[k] = tep_find_field(e, fields[k]);
}

void gib_tep_map__event(const struct gib_tep_map *m, const struct tep_record *rec, int cpu,
			struct gt_event *ev)
{
	unsigned long long v[8] = { 0 };

	for (int k = 0; k < 8; k++)
		if (m->f[k] && tep_read_number_field(m->f[k], rec->data, &v[k]))
			v[k] = 0;
	*ev = (struct gt_event){ .ts = rec->ts,
				 .cpu = (uint32_t)cpu,
				 .type = (uint16_t)m->type,
				 .vm = (uint16_t)v[0],
				 .vcpu = (uint16_t)v[1],
				 .isc = (uint8_t)v[2],
				 .mask = (uint8_t)v[3],
				 .old = (uint8_t)v[4],
				 .new = (uint8_t)v[5],
				 .arg = v[6],
				 .val = v[7] };
}
