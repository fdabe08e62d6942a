// SPDX-License-Identifier: GPL-2.0
/*
 * gibbench: the event source of gibtrace's trace-format benchmark
 * (bench/format.sh). Writing N to /sys/module/gibbench/parameters/fire fires
 * the tracepoint gibbench:iam_restore N times, split evenly over the online
 * CPUs (one work item bound to each), and returns when all are done. The
 * field values are a fixed function of the event's number, so that two runs
 * (one recorded by trace-cmd, one by perf) produce the same events.
 */
#include <linux/cpu.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define CREATE_TRACE_POINTS
#include "gibbench_trace.h"

struct gibbench_work {
	struct work_struct work;
	u64 first;
	u64 count;
};

static unsigned long fire;
static DEFINE_MUTEX(gibbench_lock);

/* event number -> field values: a few VMs, one ISC at a time, small sites */
static void gibbench_one(u64 n)
{
	u32 h = (u32)(n * 2654435761u) ^ (u32)(n >> 32);
	u8 isc = (h >> 2) & 7;
	u8 mask = 0x80 >> isc;
	u8 old = mask | ((h >> 8) & 0x24);

	trace_iam_restore((u16)(h % 3), mask, old, old & ~mask, (h >> 11) & 3);
}

static void gibbench_work_fn(struct work_struct *work)
{
	struct gibbench_work *w = container_of(work, struct gibbench_work, work);
	u64 i;

	for (i = 0; i < w->count; i++) {
		gibbench_one(w->first + i);
		if ((i & 1023) == 1023)
			cond_resched();
	}
}

static int gibbench_fire(unsigned long count)
{
	struct gibbench_work *works;
	unsigned int ncpus, k = 0, cpu;
	u64 first = 0;

	cpus_read_lock();
	ncpus = num_online_cpus();
	works = kcalloc(ncpus, sizeof(*works), GFP_KERNEL);
	if (!works) {
		cpus_read_unlock();
		return -ENOMEM;
	}
	for_each_online_cpu(cpu) {
		struct gibbench_work *w = &works[k];

		w->first = first;
		w->count = div_u64((u64)count * (k + 1), ncpus) - first;
		first += w->count;
		INIT_WORK(&w->work, gibbench_work_fn);
		queue_work_on(cpu, system_highpri_wq, &w->work);
		k++;
	}
	for (k = 0; k < ncpus; k++)
		flush_work(&works[k].work);
	cpus_read_unlock();
	kfree(works);
	return 0;
}

static int gibbench_fire_set(const char *val, const struct kernel_param *kp)
{
	unsigned long count;
	int ret = kstrtoul(val, 0, &count);

	if (ret)
		return ret;
	mutex_lock(&gibbench_lock);
	ret = gibbench_fire(count);
	if (!ret)
		fire = count;
	mutex_unlock(&gibbench_lock);
	pr_info("gibbench: fired %lu events\n", count);
	return ret;
}

static const struct kernel_param_ops gibbench_fire_ops = {
	.set = gibbench_fire_set,
	.get = param_get_ulong,
};

module_param_cb(fire, &gibbench_fire_ops, &fire, 0644);
MODULE_PARM_DESC(fire, "write N: fire gibbench:iam_restore N times over the online CPUs");

static int __init gibbench_init(void)
{
	pr_info("gibbench: loaded\n");
	return 0;
}

static void __exit gibbench_exit(void)
{
	pr_info("gibbench: unloaded\n");
}

module_init(gibbench_init);
module_exit(gibbench_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gibtrace trace-format benchmark: fires gibbench:iam_restore");
MODULE_AUTHOR("gibtrace");
