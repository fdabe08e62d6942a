/* SPDX-License-Identifier: GPL-2.0 */
/*
 * port.h - the one portability header of the interrupt core
 *
 * The core (core/ *.c) is compiled unchanged into gib.ko and into user space.
 * Everything it needs from its environment is here: fixed-size types,
 * READ_ONCE/WRITE_ONCE, cmpxchg/xchg on the GISA word and the alert list
 * origin, bit operations (plain and MSB-0 "inv" ones as on s390), a spinlock
 * and statistics counters. Timers, kicks and the GAL interruption are not
 * primitives: the core calls them through struct gib_host_ops (gib.h).
 *
 * Three flavours:
 *  - kernel (__KERNEL__): the kernel's own primitives;
 *  - user space: the C11 memory model through the compiler's __atomic
 *    builtins (what <stdatomic.h> expands to), sequentially consistent, so
 *    that ThreadSanitizer sees every shared access as atomic;
 *  - explorer (GIB_PORT_EXPLORE): user space plus a scheduling point before
 *    every shared access, so that tests/explore can run the real core under
 *    a deterministic scheduler and try every interleaving.
 *
 * Only this header may test which flavour it is built for.
 */
#ifndef GIB_CORE_PORT_H
#define GIB_CORE_PORT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/bitops.h>
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/stddef.h>
#include <linux/kernel.h>
#include <linux/bug.h>

#define gib_sched_point()	do { } while (0)

/* s390 numbers bits MSB-0 within a long ("inv" bit operations) */
#define gib_bit_inv(nr)		((nr) ^ (BITS_PER_LONG - 1))
#define gib_set_bit_inv(nr, p)	set_bit(gib_bit_inv(nr), (p))
#define gib_test_and_clear_bit_inv(nr, p) \
	test_and_clear_bit(gib_bit_inv(nr), (p))
#define gib_test_bit_inv(nr, p)	test_bit(gib_bit_inv(nr), (p))
#define gib_test_and_set_bit_inv(nr, p) \
	test_and_set_bit(gib_bit_inv(nr), (p))

struct gib_spinlock {
	spinlock_t lock;
};

#define gib_spin_lock_init(l)	spin_lock_init(&(l)->lock)
#define gib_spin_lock(l)	spin_lock(&(l)->lock)
#define gib_spin_unlock(l)	spin_unlock(&(l)->lock)

struct gib_atomic {
	atomic_t v;
};

#define gib_atomic_inc(a)	atomic_inc(&(a)->v)
#define gib_atomic_dec_return(a)	atomic_dec_return(&(a)->v)
#define gib_atomic_xchg(a, n)	atomic_xchg(&(a)->v, (n))
#define gib_atomic_read(a)	atomic_read(&(a)->v)

struct gib_counter {
	atomic64_t v;
};

#define gib_counter_add(c, n)	atomic64_add((n), &(c)->v)
#define gib_counter_read(c)	((u64)atomic64_read(&(c)->v))
#define gib_counter_set(c, n)	atomic64_set(&(c)->v, (n))

#define gib_warn(cond, fmt, ...)	WARN((cond), fmt, ##__VA_ARGS__)

#else /* user space and explorer */

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef BITS_PER_LONG
#define BITS_PER_LONG		(8 * (int)sizeof(long))
#endif
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

#ifdef GIB_PORT_EXPLORE
/* Defined by the explorer: may switch to another simulated thread. */
void gib_sched_point(void);
#else
#define gib_sched_point()	do { } while (0)
#endif

#define GIB_SEQ			__ATOMIC_SEQ_CST

#define READ_ONCE(x) \
	({ gib_sched_point(); __atomic_load_n(&(x), GIB_SEQ); })
#define WRITE_ONCE(x, v) \
	do { gib_sched_point(); __atomic_store_n(&(x), (v), GIB_SEQ); } while (0)

/* cmpxchg: returns the old value; the swap happened iff it equals @o */
#define cmpxchg(p, o, n) \
	({ __typeof__(*(p)) __o = (o); gib_sched_point(); \
	   __atomic_compare_exchange_n((p), &__o, (n), false, GIB_SEQ, GIB_SEQ); \
	   __o; })
#define xchg(p, v) \
	({ gib_sched_point(); __atomic_exchange_n((p), (v), GIB_SEQ); })

static inline void set_bit(unsigned long nr, unsigned long *p)
{
	gib_sched_point();
	__atomic_fetch_or(p + BIT_WORD(nr), BIT_MASK(nr), GIB_SEQ);
}

static inline void clear_bit(unsigned long nr, unsigned long *p)
{
	gib_sched_point();
	__atomic_fetch_and(p + BIT_WORD(nr), ~BIT_MASK(nr), GIB_SEQ);
}

static inline bool test_bit(unsigned long nr, const unsigned long *p)
{
	gib_sched_point();
	return __atomic_load_n(p + BIT_WORD(nr), GIB_SEQ) & BIT_MASK(nr);
}

static inline bool test_and_set_bit(unsigned long nr, unsigned long *p)
{
	gib_sched_point();
	return __atomic_fetch_or(p + BIT_WORD(nr), BIT_MASK(nr), GIB_SEQ) &
	       BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned long nr, unsigned long *p)
{
	gib_sched_point();
	return __atomic_fetch_and(p + BIT_WORD(nr), ~BIT_MASK(nr), GIB_SEQ) &
	       BIT_MASK(nr);
}

/* s390 numbers bits MSB-0 within a long ("inv" bit operations) */
#define gib_bit_inv(nr)		((nr) ^ (BITS_PER_LONG - 1))
#define gib_set_bit_inv(nr, p)	set_bit(gib_bit_inv(nr), (p))
#define gib_test_and_clear_bit_inv(nr, p) \
	test_and_clear_bit(gib_bit_inv(nr), (p))
#define gib_test_bit_inv(nr, p)	test_bit(gib_bit_inv(nr), (p))
#define gib_test_and_set_bit_inv(nr, p) \
	test_and_set_bit(gib_bit_inv(nr), (p))

/* the first set bit below @size, or @size; one atomic load per word */
static inline unsigned long find_next_bit(const unsigned long *p,
					  unsigned long size,
					  unsigned long off)
{
	while (off < size) {
		unsigned long w = __atomic_load_n(p + BIT_WORD(off), GIB_SEQ);

		w &= ~0UL << (off % BITS_PER_LONG);
		if (w) {
			off = BIT_WORD(off) * BITS_PER_LONG + __builtin_ctzl(w);
			return off < size ? off : size;
		}
		off = (BIT_WORD(off) + 1) * BITS_PER_LONG;
	}
	return size;
}

#define find_first_bit(p, size)	find_next_bit((p), (size), 0)
#define for_each_set_bit(bit, p, size) \
	for ((bit) = find_first_bit((p), (size)); (bit) < (size); \
	     (bit) = find_next_bit((p), (size), (bit) + 1))

struct gib_spinlock {
	int locked;
};

static inline void gib_spin_lock_init(struct gib_spinlock *l)
{
	l->locked = 0;
}

static inline void gib_spin_lock(struct gib_spinlock *l)
{
	for (;;) {
		gib_sched_point();
		if (!__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
			return;
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			gib_sched_point();
	}
}

static inline void gib_spin_unlock(struct gib_spinlock *l)
{
	gib_sched_point();
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/* a shared int with atomic increment and exchange */
struct gib_atomic {
	int v;
};

static inline void gib_atomic_inc(struct gib_atomic *a)
{
	gib_sched_point();
	__atomic_fetch_add(&a->v, 1, GIB_SEQ);
}

static inline int gib_atomic_dec_return(struct gib_atomic *a)
{
	gib_sched_point();
	return __atomic_sub_fetch(&a->v, 1, GIB_SEQ);
}

static inline int gib_atomic_xchg(struct gib_atomic *a, int v)
{
	gib_sched_point();
	return __atomic_exchange_n(&a->v, v, GIB_SEQ);
}

static inline int gib_atomic_read(const struct gib_atomic *a)
{
	gib_sched_point();
	return __atomic_load_n(&a->v, GIB_SEQ);
}

/* statistics: exact totals, no ordering, never a scheduling point */
struct gib_counter {
	u64 v;
};

#define gib_counter_add(c, n)	__atomic_fetch_add(&(c)->v, (n), __ATOMIC_RELAXED)
#define gib_counter_read(c)	__atomic_load_n(&(c)->v, __ATOMIC_RELAXED)
#define gib_counter_set(c, n)	__atomic_store_n(&(c)->v, (n), __ATOMIC_RELAXED)

static inline bool __gib_warn(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (!cond)
		return false;
	fputs("gibcore: WARNING: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return true;
}

#define gib_warn(cond, fmt, ...)	__gib_warn(!!(cond), fmt, ##__VA_ARGS__)

#endif /* __KERNEL__ */

#define gib_counter_inc(c)	gib_counter_add((c), 1)

#endif /* GIB_CORE_PORT_H */
