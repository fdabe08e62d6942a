/*
 * test-deliver.c - delivery: kvm_s390_deliver_pending_interrupts / __deliver_io
 * before SIE entry (arch/s390/kvm/interrupt.c), the machine delivering in SIE, and
 * the accounting of coalesced posts
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

struct deliver_row {
	const char *name;
	u8 ipm;
	u8 gcr6;
	bool psw_io;
	int isc; /* delivered, or -1 */
	u8 ipm_after;
};

static const struct deliver_row deliver_rows[] = {
	{ "interrupt.c kvm_s390_deliver_pending_interrupts: the lowest deliverable ISC first (ISC 0 highest)",
	  0x15, 0xff, true, 3, 0x05 },
	{ "interrupt.c kvm_s390_deliver_pending_interrupts: ISCs not in CR6 are skipped (disable_iscs)",
	  0x15, 0x05, true, 5, 0x11 },
	{ "interrupt.c kvm_s390_deliver_pending_interrupts: ISC 0 before ISC 7", 0x81, 0x81, true,
	  0, 0x01 },
	{ "interrupt.c kvm_s390_deliver_pending_interrupts: PSW I/O off: no I/O delivered", 0x15,
	  0xff, false, -1, 0x15 },
	{ "interrupt.c kvm_s390_deliver_pending_interrupts: nothing enabled pending: nothing delivered",
	  0x15, 0x40, true, -1, 0x15 },
};

static int check_deliver(const void *row)
{
	const struct deliver_row *r = row;
	struct harness *h = h_create(1, 1);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	const struct gib_event *ev;
	u32 isc;

	ASSERT_EQ(kvm_s390_gisc_register(h_kvm(h, 0), 3), H_NISC);
	for (isc = 0; isc <= MAX_ISC; isc++)
		if (r->ipm & isc_bit(isc))
			machine_post_airq(h_kvm(h, 0), isc);
	/* the alert, if any, does not matter here */
	h_log_reset(h);
	gib_vcpu_set_masks(v, r->gcr6, r->psw_io, false);
	ASSERT_EQ(kvm_s390_deliver_pending_interrupts(v), r->isc >= 0);
	ASSERT_EQ_HEX(h_ipm(h, 0), r->ipm_after);
	ASSERT_EQ(h_count(h, GIB_EV_airq_deliver), r->isc >= 0);
	if (r->isc >= 0) {
		ev = h_last(h, GIB_EV_airq_deliver);
		ASSERT_EQ(ev->isc, r->isc);
		ASSERT_EQ(ev->vcpu, 0);
		ASSERT_EQ(h->vm[0].sie_delivered[0][r->isc], 0);
	}
	/* never touches the IAM (v5 "do not restore IAM immediately before SIE entry") */
	ASSERT_EQ(h_count(h, GIB_EV_iam_restore), 0);
	return 0;
}

/* a guest timer interruption (external) comes before any I/O ISC */
static int timer_first(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);

	(void)row;
	gisa_set_ipm_gisc(h_gisa(h, 0), 0);
	gib_vcpu_set_masks(v, 0xff, true, true);
	v->timer_pending = true;
	ASSERT_EQ(kvm_s390_deliver_pending_interrupts(v), 1);
	ASSERT_FALSE(v->timer_pending);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x80);
	ASSERT_EQ(kvm_s390_deliver_pending_interrupts(v), 1);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0);
	return 0;
}

/* vcpu_pre_run delivers one in software, the machine the rest once in SIE */
static int sie_entry_delivers_rest(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);
	static const struct {
		u16 type;
		u8 isc;
	} order[] = {
		{ GIB_EV_airq_deliver, 3 },
		{ GIB_EV_sie_enter, GIB_NO_ISC },
		{ GIB_EV_airq_deliver, 5 },
		{ GIB_EV_airq_deliver, 7 },
	};
	unsigned int i, n = 0;

	(void)row;
	gisa_set_ipm_gisc(h_gisa(h, 0), 7);
	gisa_set_ipm_gisc(h_gisa(h, 0), 5);
	gisa_set_ipm_gisc(h_gisa(h, 0), 3);
	gisa_set_ipm_gisc(h_gisa(h, 0), 1);
	gib_vcpu_set_masks(v, 0x15, true, false);
	h_log_reset(h);
	h_enter_sie(v);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x40);
	for (i = 0; i < h->nr_events && n < ARRAY_SIZE(order); i++) {
		if (h->log[i].type != GIB_EV_airq_deliver && h->log[i].type != GIB_EV_sie_enter)
			continue;
		check_step = (int)n;
		ASSERT_EQ(h->log[i].type, order[n].type);
		ASSERT_EQ(h->log[i].isc, order[n].isc);
		n++;
	}
	ASSERT_EQ(n, ARRAY_SIZE(order));
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_deliveries), 3);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_deliveries_sie), 2);
	ASSERT_EQ(h->vm[0].sie_delivered[0][5], 1);
	ASSERT_EQ(h->vm[0].sie_delivered[0][7], 1);
	ASSERT_EQ(h->vm[0].sie_delivered[0][3], 0);
	ASSERT_EQ(v->state, GIB_VCPU_IN_SIE);
	return 0;
}

/* three posts onto one pending bit, one delivery: arg 3, coalesced += 2 */
static int coalescing(const void *row)
{
	struct harness *h = h_create(1, 1);
	struct gib_vm *kvm = h_kvm(h, 0);
	struct gib_vcpu *v = h_vcpu(h, 0, 0);

	(void)row;
	machine_post_airq(kvm, 6);
	kvm_s390_inject_airq(kvm, 6);
	machine_post_airq(kvm, 6);
	ASSERT_EQ_HEX(h_ipm(h, 0), 0x02);
	gib_vcpu_set_masks(v, 0x02, true, false);
	ASSERT_EQ(kvm_s390_deliver_pending_interrupts(v), 1);
	ASSERT_EQ(h_last(h, GIB_EV_airq_deliver)->arg, 3);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_coalesced), 2);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_deliveries), 1);
	ASSERT_EQ(gib_stat(kvm, GIB_STAT_posts), 3);
	return 0;
}

/*
 * Over a scripted mix of posts, deliveries and SIE entries: posts == sum of
 * airq_deliver args + posts still pending (pending iff the IPM bit is set), and each
 * post either set a clear bit (one per delivery or per bit still set) or coalesced.
 */
static int posts_accounted(const void *row)
{
	struct harness *h = h_create(1, 2);
	struct gib_vm *kvm = h_kvm(h, 0);
	unsigned int seed = 4242, step, i, delivered;
	u64 pending;
	u32 isc;

	(void)row;
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 3), H_NISC);
	ASSERT_EQ(kvm_s390_gisc_register(kvm, 6), H_NISC);
	gib_vcpu_set_masks(h_vcpu(h, 0, 0), 0x12, true, false);
	gib_vcpu_set_masks(h_vcpu(h, 0, 1), 0xff, true, false);
	for (step = 0; step < 500; step++) {
		check_step = (int)step;
		seed = seed * 1103515245U + 12345U;
		isc = (seed >> 8) & 7;
		switch ((seed >> 16) % 6) {
		case 0:
		case 1:
			machine_post_airq(kvm, isc);
			break;
		case 2:
			kvm_s390_inject_airq(kvm, isc);
			break;
		case 3:
			kvm_s390_deliver_pending_interrupts(h_vcpu(h, 0, (seed >> 20) & 1));
			break;
		case 4: /* a vcpu enters SIE (delivering) or leaves it */
			if (h_vcpu(h, 0, 0)->state == GIB_VCPU_IN_SIE)
				gib_vcpu_exit_sie(h_vcpu(h, 0, 0), GIB_EXIT_OTHER);
			else
				h_enter_sie(h_vcpu(h, 0, 0));
			break;
		default:
			h_run_gal(h);
			break;
		}
		delivered = 0;
		for (i = 0; i < h->nr_events; i++)
			if (h->log[i].type == GIB_EV_airq_deliver)
				delivered += h->log[i].arg;
		pending = 0;
		for (isc = 0; isc <= MAX_ISC; isc++) {
			pending += (u64)gib_atomic_read(&kvm->posts_pending[isc]);
			ASSERT_EQ(gib_atomic_read(&kvm->posts_pending[isc]) != 0,
				  (h_ipm(h, 0) & isc_bit(isc)) != 0);
		}
		ASSERT_EQ(gib_stat(kvm, GIB_STAT_posts), delivered + pending);
		ASSERT_EQ(gib_stat(kvm, GIB_STAT_posts),
			  gib_stat(kvm, GIB_STAT_deliveries) +
				  (u64)__builtin_popcount(h_ipm(h, 0)) +
				  gib_stat(kvm, GIB_STAT_coalesced));
	}
	ASSERT_EQ(h->lost_events, 0);
	return 0;
}

const struct test_case deliver_cases[] = {
	TEST_TABLE(check_deliver, deliver_rows),
	TEST_CASE(
		"interrupt.c kvm_s390_deliver_pending_interrupts: clock comparator (ext) before I/O",
		timer_first),
	TEST_CASE("kvm-s390.c vcpu_pre_run: one ISC by __deliver_io, the rest by SIE after entry",
		  sie_entry_delivers_rest),
	TEST_CASE(
		"interrupt.c __deliver_io: 3 posts on a pending bit, 1 delivery: arg 3, coalesced += 2",
		coalescing),
	TEST_CASE(
		"accounting: posts == sum(airq_deliver args) + posts pending; pending iff IPM bit set",
		posts_accounted),
	TEST_END
};
