/*
 * test-iam.c - the IAM: gisa_set_iam and gisa_get_ipm_or_restore_iam
 * (arch/s390/kvm/interrupt.c), and iam.c's restore event
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

/* what next_alert holds: unlinked (own address) or linked (a marker or another GISA) */
enum next_kind {
	NEXT_SELF,
	NEXT_NULL, /* linked as the last GISA of a list built while the origin was NULL */
	NEXT_NONE, /* linked as the last GISA of a list built while NONE was stored */
	NEXT_OTHER, /* linked in front of another GISA */
};

static u32 next_value(struct harness *h, enum next_kind kind)
{
	switch (kind) {
	case NEXT_NULL:
		return NULL_GISA_ADDR;
	case NEXT_NONE:
		return NONE_GISA_ADDR;
	case NEXT_OTHER:
		return h_phys(h, 1);
	default:
		return h_phys(h, 0);
	}
}

struct set_iam_row {
	const char *name;
	enum next_kind next;
	u8 iam_before;
	u8 iam;
	int rc;
};

static const struct set_iam_row set_iam_rows[] = {
	{ "interrupt.c gisa_set_iam: unlinked, IAM 0x5a := 0x00, returns 0", NEXT_SELF, 0x5a, 0x00,
	  0 },
	{ "interrupt.c gisa_set_iam: unlinked, IAM 0x00 := 0x80, returns 0", NEXT_SELF, 0x00, 0x80,
	  0 },
	{ "interrupt.c gisa_set_iam: unlinked, IAM 0x10 := 0x12, returns 0", NEXT_SELF, 0x10, 0x12,
	  0 },
	{ "interrupt.c gisa_set_iam: unlinked, IAM 0x00 := 0xff, returns 0", NEXT_SELF, 0x00, 0xff,
	  0 },
	{ "interrupt.c gisa_set_iam: -EBUSY, word unchanged, while linked ending in NULL",
	  NEXT_NULL, 0x00, 0x10, -EBUSY },
	{ "interrupt.c gisa_set_iam: -EBUSY, word unchanged, while linked ending in NONE",
	  NEXT_NONE, 0x00, 0x10, -EBUSY },
	{ "interrupt.c gisa_set_iam: -EBUSY, word unchanged, while linked before another GISA",
	  NEXT_OTHER, 0x00, 0x10, -EBUSY },
	{ "interrupt.c gisa_set_iam: -EBUSY while linked also with a non-zero IAM (restored while linked)",
	  NEXT_NULL, 0x10, 0x00, -EBUSY },
};

static int check_set_iam(const void *row)
{
	const struct set_iam_row *r = row;
	struct harness *h = h_create(2, 0);
	u32 next = next_value(h, r->next);
	u64 before = gisa_word_make(next, 0x21, r->iam_before) | 0x00beef00ULL;

	h_set_word(h, 0, before);
	ASSERT_EQ(gisa_set_iam(h_gisa(h, 0), r->iam), r->rc);
	if (r->rc)
		ASSERT_EQ_HEX(h_word(h, 0), before);
	else
		ASSERT_EQ_HEX(h_word(h, 0), (before & ~GISA_WORD_IAM_MASK) | r->iam);
	return 0;
}

struct restore_row {
	const char *name;
	enum next_kind next;
	u8 ipm;
	u8 mask; /* alert.mask */
	u8 iam_before;
	u8 ret;
	u8 iam_after;
};

static const struct restore_row restore_rows[] = {
	{ "interrupt.c gisa_get_ipm_or_restore_iam: IPM clean: IAM := alert.mask, returns 0",
	  NEXT_SELF, 0x00, 0x10, 0x00, 0, 0x10 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: IPM clean: an IAM with other bits is replaced by alert.mask",
	  NEXT_SELF, 0x00, 0x12, 0xff, 0, 0x12 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: alert.mask 0 restores IAM 0", NEXT_SELF, 0x00,
	  0x00, 0x5a, 0, 0x00 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: registered GISC pending: returns it, IAM left alone",
	  NEXT_SELF, 0x10, 0x10, 0x00, 0x10, 0x00 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: returns IPM & alert.mask only", NEXT_SELF, 0x86,
	  0x06, 0x00, 0x06, 0x00 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: one of two registered GISCs pending: no restore",
	  NEXT_SELF, 0x02, 0x12, 0x00, 0x02, 0x00 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: an unregistered ISC pending does not prevent the restore",
	  NEXT_SELF, 0x21, 0x10, 0x00, 0, 0x10 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: restores while linked (next_alert NULL): no alert-list test",
	  NEXT_NULL, 0x00, 0x10, 0x00, 0, 0x10 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: restores while linked (next_alert NONE)",
	  NEXT_NONE, 0x00, 0x10, 0x00, 0, 0x10 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: restores while linked before another GISA",
	  NEXT_OTHER, 0x01, 0x10, 0x00, 0, 0x10 },
	{ "interrupt.c gisa_get_ipm_or_restore_iam: pending while linked: returns it, IAM stays 0",
	  NEXT_NULL, 0x10, 0x10, 0x00, 0x10, 0x00 },
};

/* the IPM and next_alert never change; the IAM only on a restore */
static int check_restore(const void *row)
{
	const struct restore_row *r = row;
	struct harness *h = h_create(2, 0);
	struct kvm_s390_gisa_interrupt *gi = &h_kvm(h, 0)->gisa_int;
	u32 next = next_value(h, r->next);
	u64 before = gisa_word_make(next, r->ipm, r->iam_before);

	h_set_word(h, 0, before);
	gi->alert.mask = r->mask;
	ASSERT_EQ_HEX(gisa_get_ipm_or_restore_iam(gi), r->ret);
	ASSERT_EQ_HEX(h_word(h, 0), gisa_word_make(next, r->ipm, r->iam_after));
	ASSERT_EQ_HEX(gi->alert.mask, r->mask);
	return 0;
}

/* iam.c: a restore reports site, IAM before and after and the IPM; a refusal counts */
static int restore_event(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);
	const struct gib_event *ev;

	(void)row;
	kvm->gisa_int.alert.mask = 0x12;
	h_set_word(h, 0, gisa_word_make(h_phys(h, 0), 0x01, 0x00));
	ASSERT_EQ(iam_get_ipm_or_restore(kvm, GIB_RESTORE_KICKER), 0);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 1);
	ev = h_last(h, GIB_EV_iam_restore);
	ASSERT_EQ(ev->vm, 0);
	ASSERT_EQ_HEX(ev->old, 0x00);
	ASSERT_EQ_HEX(ev->new, 0x12);
	ASSERT_EQ_HEX(ev->mask, 0x01);
	ASSERT_EQ(ev->arg, GIB_RESTORE_KICKER);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restores), 1);

	gisa_set_ipm_gisc(h_gisa(h, 0), 6);
	ASSERT_EQ_HEX(iam_get_ipm_or_restore(kvm, GIB_RESTORE_WAIT), 0x02);
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_restore_skips), 1);
	ASSERT_EQ_HEX(h_iam(h, 0), 0x12);
	return 0;
}

const struct test_case iam_cases[] = {
	TEST_TABLE(check_set_iam, set_iam_rows), TEST_TABLE(check_restore, restore_rows),
	TEST_CASE(
		"iam.c iam_get_ipm_or_restore: iam_restore event (site, old/new IAM, IPM), skips counted",
		restore_event),
	TEST_END
};
