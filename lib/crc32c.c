/*
 * CRC32C (Castagnoli, reflected polynomial 0x82f63b78), the checksum of the
 * trace file's header and blocks: the SSE4.2 instruction where the CPU has
 * it, else slicing by 8 over tables built on first use.
 */
#include <pthread.h>

#include "bytes.h"

static uint32_t crc_table[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init_tables(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78u : c >> 1;
		crc_table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^
					  crc_table[0][crc_table[t - 1][i] & 0xff];
}

uint32_t gt_crc32c_soft(uint32_t crc, const uint8_t *p, size_t len);

/* without the final inversions: the building block of gt_crc32c */
uint32_t gt_crc32c_soft(uint32_t crc, const uint8_t *p, size_t len)
{
	pthread_once(&crc_once, crc_init_tables);
	while (len >= 8) {
		uint32_t lo = crc ^ gt_get32(p, false), hi = gt_get32(p + 4, false);

		crc = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^
		      crc_table[5][(lo >> 16) & 0xff] ^ crc_table[4][lo >> 24] ^
		      crc_table[3][hi & 0xff] ^ crc_table[2][(hi >> 8) & 0xff] ^
		      crc_table[1][(hi >> 16) & 0xff] ^ crc_table[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xff];
	return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *p,
							       size_t len)
{
	uint64_t c = crc;

	while (len >= 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		c = __builtin_ia32_crc32di(c, v);
		p += 8;
		len -= 8;
	}
	crc = (uint32_t)c;
	while (len--)
		crc = __builtin_ia32_crc32qi(crc, *p++);
	return crc;
}

static int crc_have_sse42 = -1;
#endif

uint32_t gt_crc32c(uint32_t crc, const void *buf, size_t len)
{
	crc = ~crc;
#if defined(__x86_64__)
	int have = __atomic_load_n(&crc_have_sse42, __ATOMIC_RELAXED);

	if (have < 0) {
		__builtin_cpu_init();
		have = __builtin_cpu_supports("sse4.2") ? 1 : 0;
		__atomic_store_n(&crc_have_sse42, have, __ATOMIC_RELAXED);
	}
	if (have)
		return ~crc32c_sse42(crc, buf, len);
#endif
	return ~gt_crc32c_soft(crc, buf, len);
}
