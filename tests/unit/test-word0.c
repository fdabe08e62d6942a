/*
 * test-word0.c - GISA word 0: packing, the IPM bit operations, init
 * (asm/kvm_host.h struct kvm_s390_gisa; interrupt.c gisa_* helpers,
 * kvm_s390_gisa_init)
 */
#include "check.h"
#include "harness.h"
#include "test-list.h"

struct word_row {
	const char *name;
	u32 next_alert;
	u8 ipm;
	u8 iam;
	u64 word;
};

static const struct word_row word_rows[] = {
	{ "kvm_host.h kvm_s390_gisa word 0: all fields 0 is word 0", 0, 0, 0, 0 },
	{ "kvm_host.h kvm_s390_gisa word 0: next_alert is bits 63..32", 0x00001900, 0, 0,
	  0x0000190000000000ULL },
	{ "kvm_host.h kvm_s390_gisa word 0: ipm is bits 31..24", 0, 0x80, 0, 0x80000000ULL },
	{ "kvm_host.h kvm_s390_gisa word 0: iam is bits 7..0", 0, 0, 0x01, 0x1ULL },
	{ "kvm_host.h kvm_s390_gisa word 0: all fields, bytes 5 and 6 stay 0", 0xfffff900, 0xff,
	  0xff, 0xfffff900ff0000ffULL },
	{ "kvm_host.h kvm_s390_gisa word 0: NONE_GISA_ADDR as next_alert", NONE_GISA_ADDR, 0x12,
	  0x34, 0x0000000112000034ULL },
};

/* gisa_word_make and the accessors; the accessors ignore bytes 5 and 6 (simm, nimm) */
static int check_word(const void *row)
{
	const struct word_row *r = row;
	u64 dirty = r->word | 0x0000000000ffff00ULL;

	ASSERT_EQ_HEX(gisa_word_make(r->next_alert, r->ipm, r->iam), r->word);
	ASSERT_EQ_HEX(gisa_word_next_alert(r->word), r->next_alert);
	ASSERT_EQ_HEX(gisa_word_ipm(r->word), r->ipm);
	ASSERT_EQ_HEX(gisa_word_iam(r->word), r->iam);
	ASSERT_EQ_HEX(gisa_word_next_alert(dirty), r->next_alert);
	ASSERT_EQ_HEX(gisa_word_ipm(dirty), r->ipm);
	ASSERT_EQ_HEX(gisa_word_iam(dirty), r->iam);
	return 0;
}

struct isc_row {
	const char *name;
	u32 isc;
	u8 ipm_bit;
	int word_bit;
};

static const struct isc_row isc_rows[] = {
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 0 is IPM 0x80, word-0 bit 31", 0,
	  0x80, 31 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 1 is IPM 0x40, word-0 bit 30", 1,
	  0x40, 30 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 2 is IPM 0x20, word-0 bit 29", 2,
	  0x20, 29 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 3 is IPM 0x10, word-0 bit 28", 3,
	  0x10, 28 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 4 is IPM 0x08, word-0 bit 27", 4,
	  0x08, 27 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 5 is IPM 0x04, word-0 bit 26", 5,
	  0x04, 26 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 6 is IPM 0x02, word-0 bit 25", 6,
	  0x02, 25 },
	{ "interrupt.c gisa_set_ipm_gisc/gisa_tac_ipm_gisc: ISC 7 is IPM 0x01, word-0 bit 24", 7,
	  0x01, 24 },
};

/*
 * set_bit_inv(IPM_BIT_OFFSET + isc) sets exactly word-0 bit 31 - isc, whatever the
 * IAM and next_alert hold; test-and-clear returns true once, then false.
 */
static int check_isc_bit(const void *row)
{
	const struct isc_row *r = row;
	struct harness *h = h_create(1, 0);
	struct kvm_s390_gisa *gisa = h_gisa(h, 0);
	u64 base = gisa_word_make(h_phys(h, 0), 0, 0xa5) | 0x0000000000123400ULL;

	ASSERT_EQ_HEX(isc_bit(r->isc), r->ipm_bit);
	h_set_word(h, 0, base);
	gisa_set_ipm_gisc(gisa, r->isc);
	ASSERT_EQ_HEX(h_word(h, 0), base | (1ULL << r->word_bit));
	ASSERT_EQ_HEX(gisa_get_ipm(gisa), r->ipm_bit);
	gisa_set_ipm_gisc(gisa, r->isc);
	ASSERT_EQ_HEX(h_word(h, 0), base | (1ULL << r->word_bit));
	ASSERT_TRUE(gisa_tac_ipm_gisc(gisa, r->isc));
	ASSERT_EQ_HEX(h_word(h, 0), base);
	ASSERT_FALSE(gisa_tac_ipm_gisc(gisa, r->isc));
	ASSERT_EQ_HEX(h_word(h, 0), base);
	return 0;
}

/* test-and-clear takes only its own bit out of a full IPM */
static int tac_own_bit_only(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct kvm_s390_gisa *gisa = h_gisa(h, 0);
	u32 isc, other;

	(void)row;
	for (isc = 0; isc <= MAX_ISC; isc++) {
		for (other = 0; other <= MAX_ISC; other++)
			gisa_set_ipm_gisc(gisa, other);
		ASSERT_EQ_HEX(gisa_get_ipm(gisa), 0xff);
		ASSERT_TRUE(gisa_tac_ipm_gisc(gisa, isc));
		ASSERT_EQ_HEX(gisa_get_ipm(gisa), 0xff & ~isc_bit(isc));
		ASSERT_FALSE(gisa_tac_ipm_gisc(gisa, isc));
		ASSERT_EQ_HEX(h_iam(h, 0), 0);
		ASSERT_EQ_HEX(h_next_alert(h, 0), h_phys(h, 0));
	}
	return 0;
}

static int get_ipm_is_the_ipm_byte(const void *row)
{
	struct harness *h = h_create(1, 0);

	(void)row;
	h_set_word(h, 0, gisa_word_make(NONE_GISA_ADDR, 0x5a, 0xff) | 0xffff00ULL);
	ASSERT_EQ_HEX(gisa_get_ipm(h_gisa(h, 0)), 0x5a);
	h_set_word(h, 0, gisa_word_make(0xffffffff, 0, 0xff) | 0xffff00ULL);
	ASSERT_EQ_HEX(gisa_get_ipm(h_gisa(h, 0)), 0);
	return 0;
}

/* _word = word & ~(0xffUL << 24): next_alert, bytes 5 and 6 and the IAM stay */
static int clear_ipm_only(const void *row)
{
	struct harness *h = h_create(2, 0);
	u64 rest = gisa_word_make(h_phys(h, 1), 0, 0x5a) | 0xabcd00ULL;

	(void)row;
	h_set_word(h, 0, rest | gisa_word_make(0, 0xff, 0));
	gisa_clear_ipm(h_gisa(h, 0));
	ASSERT_EQ_HEX(h_word(h, 0), rest);
	gisa_clear_ipm(h_gisa(h, 0));
	ASSERT_EQ_HEX(h_word(h, 0), rest);
	return 0;
}

static int init_state(const void *row)
{
	struct harness *h = h_create(2, 0);
	struct gib_vm *kvm;
	int vm, i;

	(void)row;
	for (vm = 0; vm < 2; vm++) {
		kvm = h_kvm(h, vm);
		ASSERT_TRUE(kvm->gisa_int.origin == h_gisa(h, vm));
		ASSERT_EQ_HEX(gisa_phys(h_gisa(h, vm)), h_phys(h, vm));
		ASSERT_EQ_HEX(h_word(h, vm), gisa_word_make(h_phys(h, vm), 0, 0));
		ASSERT_EQ_HEX(h_next_alert(h, vm), h_phys(h, vm));
		ASSERT_EQ_HEX(h_ipm(h, vm), 0);
		ASSERT_EQ_HEX(h_iam(h, vm), 0);
		ASSERT_FALSE(gisa_linked(h_gisa(h, vm)));
		for (i = 1; i < 4; i++)
			ASSERT_EQ_HEX(h_gisa(h, vm)->word[i], 0);
		ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0);
		for (i = 0; i <= MAX_ISC; i++)
			ASSERT_EQ(kvm->gisa_int.alert.ref_count[i], 0);
		ASSERT_EQ(kvm->gisa_int.expires, H_PERIOD);
	}
	ASSERT_EQ_HEX(h_origin(h), NULL_GISA_ADDR);
	return 0;
}

/*
 * re-init zeroes the GISA: IPM, IAM, link, the other words; alert.mask 0. (Upstream does
 * not zero ref_count[] here, the model does: not checked.)
 */
static int init_resets(const void *row)
{
	struct harness *h = h_create(1, 0);
	struct gib_vm *kvm = h_kvm(h, 0);
	int i;

	(void)row;
	h_set_word(h, 0, gisa_word_make(NONE_GISA_ADDR, 0xff, 0xff));
	for (i = 1; i < 4; i++)
		h_gisa(h, 0)->word[i] = ~0ULL;
	kvm->gisa_int.alert.mask = 0x10;
	ASSERT_EQ(kvm_s390_gisa_init(kvm), 0);
	ASSERT_EQ_HEX(h_word(h, 0), gisa_word_make(h_phys(h, 0), 0, 0));
	for (i = 1; i < 4; i++)
		ASSERT_EQ_HEX(h_gisa(h, 0)->word[i], 0);
	ASSERT_EQ_HEX(kvm->gisa_int.alert.mask, 0);
	ASSERT_EQ(kvm->gisa_int.expires, H_PERIOD);
	return 0;
}

/*
 * sie_page2: the GISA at page offset 0x900 (not page aligned, so GISA_ADDR_MASK is only
 * a "real address, not NULL/NONE" test); container_of(gisa, sie_page2, gisa)->kvm
 */
static int sie_page2_address(const void *row)
{
	struct harness *h = h_create(H_MAX_VMS, 0);
	int vm;

	(void)row;
	for (vm = 0; vm < H_MAX_VMS; vm++) {
		ASSERT_EQ_HEX(h_phys(h, vm) & 0xfff, GISA_PAGE_OFFSET);
		ASSERT_NE(h_phys(h, vm) & GISA_ADDR_MASK, 0);
		ASSERT_TRUE(gib_vm_from_gisa_phys(&h->host, h_phys(h, vm)) == h_kvm(h, vm));
		ASSERT_TRUE(h->vm[vm].page.kvm == h_kvm(h, vm));
		if (vm)
			ASSERT_NE(h_phys(h, vm), h_phys(h, vm - 1));
	}
	ASSERT_TRUE(gib_vm_from_gisa_phys(&h->host, NULL_GISA_ADDR) == NULL);
	ASSERT_TRUE(gib_vm_from_gisa_phys(&h->host, NONE_GISA_ADDR) == NULL);
	return 0;
}

const struct test_case word0_cases[] = {
	TEST_TABLE(check_word, word_rows),
	TEST_TABLE(check_isc_bit, isc_rows),
	TEST_CASE("interrupt.c gisa_tac_ipm_gisc: clears only its own IPM bit, true once then false",
		  tac_own_bit_only),
	TEST_CASE(
		"interrupt.c gisa_get_ipm: the IPM byte, whatever next_alert, bytes 5-6 and IAM hold",
		get_ipm_is_the_ipm_byte),
	TEST_CASE(
		"interrupt.c gisa_clear_ipm: clears bits 31..24 only (next_alert, bytes 5-6, IAM kept)",
		clear_ipm_only),
	TEST_CASE(
		"interrupt.c kvm_s390_gisa_init: next_alert = own address, IPM = IAM = 0, mask 0, expires 50 us",
		init_state),
	TEST_CASE(
		"interrupt.c kvm_s390_gisa_init: zeroes a used GISA, alert.mask 0, next_alert = self",
		init_resets),
	TEST_CASE("kvm_host.h sie_page2: GISA at offset 0x900, container_of(gisa)->kvm finds the VM",
		  sie_page2_address),
	TEST_END
};
