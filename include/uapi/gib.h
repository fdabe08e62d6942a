/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * gib.h - the ioctl ABI of /dev/gib (gib.ko): the GIB/GISA alert path of
 * s390 KVM, run by the interrupt core of gibtrace inside a kernel module.
 *
 * Each open file is one host: its own GIB, alert list, GAL interruption
 * (an irq_work), VMs, vcpu threads and schedule. Closing it destroys all.
 *
 * Every argument struct starts with __u32 size, the size the caller built it
 * with. The kernel takes any size >= the v1 size (GIB_*_SIZE_V1): it reads
 * what it knows, zero-extends a shorter newer struct and ignores the tail of
 * a longer one; a smaller size is -EINVAL. Output structs are written back
 * up to the smaller of the two sizes. docs/gibko.md has the table.
 *
 * Usable from user space with <linux/types.h> and <linux/ioctl.h> only.
 */
#ifndef _UAPI_GIB_H
#define _UAPI_GIB_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define GIB_API_VERSION 1

#define GIB_MAX_VMS_PER_FD 64 /* vm ids are 0 .. 63 */
#define GIB_MAX_VCPUS_PER_VM 64
#define GIB_NAME_LEN 32
#define GIB_SCHED_NAME_LEN 64
#define GIB_SPEC_LEN 256
#define GIB_MAX_POLICY_PARAMS 16
#define GIB_MAX_STATS 32 /* room for the core's per-VM counters */
#define GIB_MAX_EVENT_TYPES 32 /* room for the event vocabulary */
#define GIB_MAX_SCHED_ITEMS (1U << 21)

/* GIB_CHECK_EXTENSION ids: > 0 if supported, 0 otherwise */
#define GIB_CAP_SCHEDULE 1 /* GIB_LOAD_SCHEDULE, GIB_START, GIB_STOP */
#define GIB_CAP_POLICY_PARAMS 2 /* GIB_SET_POLICY with name=value params */
#define GIB_CAP_PROVENANCE 3 /* GIB_GET_PROVENANCE */
#define GIB_CAP_EVENT_COUNTS 4 /* gib_stats.events: per event type */
#define GIB_CAP_GISC 5 /* GIB_GISC_REGISTER, GIB_GISC_UNREGISTER */

/* GIB_CREATE_VM, GIB_DESTROY_VM (nr_vcpus ignored) */
struct gib_vm_args {
	__u32 size;
	__u32 vm; /* 0 .. GIB_MAX_VMS_PER_FD - 1 */
	__u32 nr_vcpus; /* 1 .. GIB_MAX_VCPUS_PER_VM */
	__u32 flags; /* 0 */
};

#define GIB_VM_ARGS_SIZE_V1 16

/* GIB_SET_MASKS: what the guest enabled (CR6 and the PSW masks) */
#define GIB_MASK_PSW_IO 0x1
#define GIB_MASK_PSW_EXT 0x2
struct gib_masks {
	__u32 size;
	__u32 vm;
	__u32 vcpu;
	__u32 gcr6; /* ISC n enabled: 0x80 >> n; 0 .. 0xff */
	__u32 flags; /* GIB_MASK_* */
	__u32 pad; /* 0 */
};

#define GIB_MASKS_SIZE_V1 24

/* GIB_GISC_REGISTER, GIB_GISC_UNREGISTER: the core's return value */
struct gib_gisc {
	__u32 size;
	__u32 vm;
	__u32 isc; /* 0 .. 7 */
	__u32 pad; /* 0 */
};

#define GIB_GISC_SIZE_V1 16

/* GIB_SET_POLICY: only while stopped */
struct gib_policy_param {
	char name[GIB_NAME_LEN]; /* NUL-terminated */
	__u64 value; /* in the parameter's unit: ns, a count, 0/1 */
};

struct gib_policy_args {
	__u32 size;
	__u32 vm;
	char name[GIB_NAME_LEN]; /* a policy of the core: "upstream", "v5-clean-ipm", ... */
	__u32 nr_params; /* 0 .. GIB_MAX_POLICY_PARAMS */
	__u32 pad; /* 0 */
	struct gib_policy_param params[GIB_MAX_POLICY_PARAMS];
};

#define GIB_POLICY_ARGS_SIZE_V1 (48 + 40 * GIB_MAX_POLICY_PARAMS)

/* one schedule item */
enum gib_item_type {
	GIB_ITEM_POST = 1, /* at ts: an adapter interruption for vm/isc from source */
	GIB_ITEM_WORK = 2, /* the next guest work of vm.vcpu: val ns (ts ignored) */
	GIB_ITEM_TIMER = 3, /* at ts: a guest timer interruption of vm.vcpu */
	GIB_ITEM_WAIT = 4, /* the enabled ISCs (CR6) of vm.vcpu: val; at load */
};

struct gib_sched_item {
	__u64 ts; /* ns from GIB_START; POST and TIMER items sorted by it */
	__u64 val;
	__u32 type; /* enum gib_item_type */
	__u16 vm;
	__u16 vcpu;
	__u8 isc; /* POST: 0 .. 7; WAIT: 1 for a disabled wait */
	__u8 source; /* POST: 0 device (the machine), 1 software */
	__u8 pad[6]; /* 0 */
};

/* GIB_LOAD_SCHEDULE: only while stopped; replaces the previous one */
struct gib_schedule {
	__u32 size;
	__u32 item_size; /* >= sizeof(struct gib_sched_item) (32) */
	__u64 items; /* user pointer to nr_items items */
	__u64 nr_items; /* 0 .. GIB_MAX_SCHED_ITEMS */
	char name[GIB_SCHED_NAME_LEN]; /* NUL-terminated */
};

#define GIB_SCHEDULE_SIZE_V1 88

/* GIB_GET_STATS (in: size, vm; out: the rest) */
struct gib_stats {
	__u32 size;
	__u32 vm;
	__u32 nr_stats; /* the core's counters, in gib_vm_stat_names order */
	__u32 nr_events; /* entries of events[] (GIB_EV_MAX) */
	__u64 stat[GIB_MAX_STATS];
	__u64 gal_irqs; /* the host's (this fd's) GAL interruptions */
	__u64 gal_passes; /* its alert-list passes */
	__u64 events[GIB_MAX_EVENT_TYPES]; /* gib:* events of this fd, per type */
	__u64 sched_done; /* POST and TIMER items fired since GIB_START */
	__u64 sched_timed; /* POST and TIMER items loaded */
	__u8 ipm; /* GISA word 0 now */
	__u8 iam;
	__u8 linked; /* on the alert list */
	__u8 running; /* started */
	__u32 pad;
};

#define GIB_STATS_SIZE_V1 (16 + 8 * GIB_MAX_STATS + 16 + 8 * GIB_MAX_EVENT_TYPES + 24)

/* GIB_GET_PROVENANCE (in: size, vm; out: the rest) */
struct gib_provenance {
	__u32 size;
	__u32 vm;
	__u32 api_version;
	__u32 nr_vcpus;
	char policy[GIB_SPEC_LEN]; /* "name:param=value,..." every parameter */
	char schedule[GIB_SCHED_NAME_LEN];
	__u64 nr_items;
};

#define GIB_PROVENANCE_SIZE_V1 (16 + GIB_SPEC_LEN + GIB_SCHED_NAME_LEN + 8)

#define GIBIO 0xB6

#define GIB_GET_API_VERSION _IO(GIBIO, 0x00)
#define GIB_CHECK_EXTENSION _IO(GIBIO, 0x01) /* arg: a GIB_CAP_* id */
#define GIB_CREATE_VM _IOW(GIBIO, 0x02, struct gib_vm_args)
#define GIB_DESTROY_VM _IOW(GIBIO, 0x03, struct gib_vm_args)
#define GIB_SET_MASKS _IOW(GIBIO, 0x04, struct gib_masks)
#define GIB_GISC_REGISTER _IOW(GIBIO, 0x05, struct gib_gisc)
#define GIB_GISC_UNREGISTER _IOW(GIBIO, 0x06, struct gib_gisc)
#define GIB_SET_POLICY _IOW(GIBIO, 0x07, struct gib_policy_args)
#define GIB_LOAD_SCHEDULE _IOW(GIBIO, 0x08, struct gib_schedule)
#define GIB_START _IO(GIBIO, 0x09)
#define GIB_STOP _IO(GIBIO, 0x0a)
#define GIB_GET_STATS _IOWR(GIBIO, 0x0b, struct gib_stats)
#define GIB_GET_PROVENANCE _IOWR(GIBIO, 0x0c, struct gib_provenance)

#endif /* _UAPI_GIB_H */
