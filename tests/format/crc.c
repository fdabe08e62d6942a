/*
 * crc.c - the group crc32c: gt_crc32c against known vectors, the software
 * path (slicing by 8) against the hardware one, chaining, and first use from
 * several threads at once (the lazily built tables and the CPU probe).
 */
#include <pthread.h>
#include <stdlib.h>

#include "bytes.h"
#include "ft.h"

/* lib/crc32c.c: without the final inversions */
uint32_t gt_crc32c_soft(uint32_t crc, const uint8_t *p, size_t len);

static uint32_t soft(const void *p, size_t len)
{
	return ~gt_crc32c_soft(~0u, p, len);
}

struct crc_thread {
	uint8_t buf[4096];
	uint32_t hw, sw;
};

static void *crc_thread(void *arg)
{
	struct crc_thread *t = arg;

	t->sw = soft(t->buf, sizeof(t->buf));
	t->hw = gt_crc32c(0, t->buf, sizeof(t->buf));
	return NULL;
}

/* first in the group: the tables and the CPU probe are built here, by racing threads */
static int t_threads(long arg)
{
	struct crc_thread t[8];
	pthread_t id[8];

	(void)arg;
	for (int i = 0; i < 8; i++)
		for (size_t k = 0; k < sizeof(t[i].buf); k++)
			t[i].buf[k] = (uint8_t)rnd();
	for (int i = 0; i < 8; i++)
		ASSERT_EQ(pthread_create(&id[i], NULL, crc_thread, &t[i]), 0);
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(pthread_join(id[i], NULL), 0);
		ASSERT_EQ_U(t[i].hw, t[i].sw);
	}
	return 0;
}

static int t_vectors(long arg)
{
	static const uint8_t zeros[32], ones[32] = { [0 ... 31] = 0xff };
	uint8_t inc[32], dec[32];

	(void)arg;
	for (int i = 0; i < 32; i++) {
		inc[i] = (uint8_t)i;
		dec[i] = (uint8_t)(31 - i);
	}
	/* RFC 3720 (iSCSI) B.4 and the usual check value */
	ASSERT_EQ_U(gt_crc32c(0, "123456789", 9), 0xe3069283);
	ASSERT_EQ_U(gt_crc32c(0, zeros, 32), 0x8a9136aa);
	ASSERT_EQ_U(gt_crc32c(0, ones, 32), 0x62a8ab43);
	ASSERT_EQ_U(gt_crc32c(0, inc, 32), 0x46dd794e);
	ASSERT_EQ_U(gt_crc32c(0, dec, 32), 0x113fdb5c);
	ASSERT_EQ_U(gt_crc32c(0, "", 0), 0);
	ASSERT_EQ_U(soft("123456789", 9), 0xe3069283);
	ASSERT_EQ_U(soft(zeros, 32), 0x8a9136aa);
	ASSERT_EQ_U(soft(ones, 32), 0x62a8ab43);
	ASSERT_EQ_U(soft(inc, 32), 0x46dd794e);
	ASSERT_EQ_U(soft(dec, 32), 0x113fdb5c);
	return 0;
}

/* random lengths at every alignment: both paths agree */
static int t_soft_vs_hw(long arg)
{
	uint8_t *buf = malloc(4096 + 16);

	(void)arg;
	ASSERT_TRUE(buf != NULL);
	for (size_t i = 0; i < 4096 + 16; i++)
		buf[i] = (uint8_t)rnd();
	for (int k = 0; k < 3000; k++) {
		size_t align = rnd_below(16), len = k < 100 ? (size_t)k : rnd_below(4096);

		if (gt_crc32c(0, buf + align, len) != soft(buf + align, len)) {
			FT_FAIL_("expected gt_crc32c == the software CRC at alignment %zu, length "
				 "%zu, got 0x%08x != 0x%08x",
				 align, len, gt_crc32c(0, buf + align, len),
				 soft(buf + align, len));
			free(buf);
			return 1;
		}
	}
	free(buf);
	return 0;
}

/* the block CRC is computed in two pieces: crc(a || b) == crc(crc(a), b) */
static int t_chaining(long arg)
{
	uint8_t buf[1000];

	(void)arg;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rnd();
	for (int k = 0; k < 500; k++) {
		size_t len = rnd_below(sizeof(buf) + 1), cut = rnd_below(len + 1);

		ASSERT_EQ_U(gt_crc32c(gt_crc32c(0, buf, cut), buf + cut, len - cut),
			    gt_crc32c(0, buf, len));
	}
	return 0;
}

const struct ft_case ft_crc32c_cases[] = {
	{ "crc32c-first-use-threads", t_threads, 0 },
	{ "crc32c-vectors", t_vectors, 0 },
	{ "crc32c-soft-vs-hw", t_soft_vs_hw, 0 },
	{ "crc32c-chaining", t_chaining, 0 },
	{ NULL, NULL, 0 },
};
