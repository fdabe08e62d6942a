// SPDX-License-Identifier: GPL-2.0
/*
 * gibsmoke: the smoke-test module of gibtrace's VM harness (tests/vm).
 *
 * It fires the tracepoint gibsmoke:tick 'ticks' times on load, and again as
 * many times as written to /sys/module/gibsmoke/parameters/ticks afterwards
 * (so that a test can enable the event through tracefs first). With warn=1
 * it hits WARN_ON(1) on load: a test that the harness notices a WARNING.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/smp.h>

#define CREATE_TRACE_POINTS
#include "gibsmoke_trace.h"

static unsigned int ticks;
static bool warn;
static bool gibsmoke_live;
static u64 gibsmoke_seq;
static DEFINE_MUTEX(gibsmoke_lock);

static void gibsmoke_fire(unsigned int count)
{
	unsigned int i;

	mutex_lock(&gibsmoke_lock);
	for (i = 0; i < count; i++) {
		trace_tick(gibsmoke_seq++, raw_smp_processor_id());
		cond_resched();
	}
	mutex_unlock(&gibsmoke_lock);
}

static int gibsmoke_ticks_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_uint(val, kp);

	if (ret == 0 && READ_ONCE(gibsmoke_live))
		gibsmoke_fire(ticks);
	return ret;
}

static const struct kernel_param_ops gibsmoke_ticks_ops = {
	.set = gibsmoke_ticks_set,
	.get = param_get_uint,
};

module_param_cb(ticks, &gibsmoke_ticks_ops, &ticks, 0644);
MODULE_PARM_DESC(ticks, "tick events to fire on load, and on each write");
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "hit WARN_ON(1) on load (tests the harness's dmesg check)");

static int __init gibsmoke_init(void)
{
	if (warn)
		WARN_ON(1);
	gibsmoke_fire(ticks);
	WRITE_ONCE(gibsmoke_live, true);
	pr_info("gibsmoke: loaded, %u ticks fired\n", ticks);
	return 0;
}

static void __exit gibsmoke_exit(void)
{
	pr_info("gibsmoke: unloaded after %llu ticks\n", gibsmoke_seq);
}

module_init(gibsmoke_init);
module_exit(gibsmoke_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gibtrace VM harness smoke test: the gibsmoke:tick tracepoint");
MODULE_AUTHOR("gibtrace");
