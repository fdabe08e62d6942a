#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "recorder.h"

int rec_state__init(struct rec_state *rs, const char *out, const struct gt_header *h)
{
	/*
	 * the file in the recording host's byte order (trace-format.md: an s390x
	 * host writes big-endian): the header says how it was recorded
	 */
	const struct gt_writer_opts opts = {
		.big_endian = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__,
		.codec = GT_CODEC_ZSTD,
	};
	int err = 0;

	memset(rs, 0, sizeof(*rs));
	rs->w = gt_writer__open(out, h, &opts, &err);
	return rs->w ? 0 : err;
}

void rec_state__abort(struct rec_state *rs)
{
	gt_writer__close(rs->w);
	rs->w = NULL;
}

int rec_state__add(struct rec_state *rs, const struct gt_event *ev)
{
	if (rs->err)
		return rs->err;
	if (ev->type < GIB_EV_MAX)
		rs->count[ev->type]++;
	rs->err = gt_writer__add(rs->w, ev);
	return rs->err;
}

void rec_state__add_drop(struct rec_state *rs, uint32_t cpu, int type, uint64_t count,
			 uint64_t first, uint64_t last)
{
	if (!count)
		return;
	if (type >= 0 && type < GIB_EV_MAX)
		rs->dropped[type] += count;
	else
		rs->dropped_untyped += count;
	if (!rs->err)
		rs->err =
			gt_writer__add_drop(rs->w, cpu, count, first, last > first ? last : first);
}

void rec_state__drops(struct rec_state *rs)
{
	if (rs->drops)
		rs->drops(rs);
}

/* one line a second: what kvm_stat shows for KVM, for the GIB path */
void rec_state__live(struct rec_state *rs, double secs)
{
	static const int shown[] = { GIB_EV_gal_irq,	 GIB_EV_gisa_alert,  GIB_EV_vcpu_kick,
				     GIB_EV_vcpu_wakeup, GIB_EV_iam_restore, GIB_EV_airq_deliver };
	static uint64_t last[GIB_EV_MAX], last_drops;
	uint64_t drops = rs->dropped_untyped;

	for (int t = 0; t < GIB_EV_MAX; t++)
		drops += rs->dropped[t];
	if (secs < 1.5)
		fprintf(stderr, "%8s %10s %10s %10s %10s %10s %10s %10s\n", "time s", "GAL/s",
			"alerts/s", "kicks/s", "wakeups/s", "restores/s", "delivers/s", "drops/s");
	fprintf(stderr, "%8.0f", secs);
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		fprintf(stderr, " %10llu",
			(unsigned long long)(rs->count[shown[i]] - last[shown[i]]));
		last[shown[i]] = rs->count[shown[i]];
	}
	fprintf(stderr, " %10llu\n", (unsigned long long)(drops - last_drops));
	last_drops = drops;
}

int rec_state__finish(struct rec_state *rs, const char *out)
{
	uint64_t total = 0, lost;
	int err;

	/* drain what the kernel side still holds */
	while (!rs->err && rs->poll(rs, 0) > 0)
		;
	rec_state__drops(rs);
	lost = rs->dropped_untyped; /* after the last drops */
	if (rs->close)
		rs->close(rs);
	err = gt_writer__close(rs->w);
	rs->w = NULL;
	err = rs->err ?: err;
	printf("%s: %s\n", out, err ? "NOT written completely" : "written");
	printf("  %-16s %12s %12s\n", "event", "recorded", "dropped");
	for (int t = 0; t < GIB_EV_MAX; t++) {
		if (!rs->count[t] && !rs->dropped[t])
			continue;
		printf("  %-16s %12llu %12llu\n", gt_event_type((unsigned int)t)->name,
		       (unsigned long long)rs->count[t], (unsigned long long)rs->dropped[t]);
		total += rs->count[t];
		lost += rs->dropped[t];
	}
	if (rs->dropped_untyped)
		printf("  %-16s %12s %12llu\n", "(type unknown)", "",
		       (unsigned long long)rs->dropped_untyped);
	printf("  %-16s %12llu %12llu\n", "total", (unsigned long long)total,
	       (unsigned long long)lost);
	return err;
}
