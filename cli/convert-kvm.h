/*
 * gibtrace convert of what a real s390 KVM host can record (docs/s390-host.md,
 * "Converting what you already record"): the upstream kvm, kvm-s390 and timer events,
 * read from trace.dat (builtin-convert.c) or perf script text (convert-perf.c) into
 * struct ku_event, then mapped onto the event vocabulary, with what the host cannot
 * observe inferred and marked in the header's "inferred" tag (docs/trace-format.md).
 *
 * The same inference of posts serves gibtrace files without airq_post (recorded on a
 * host by `gibtrace record --target s390-kvm`): cv_infer_posts.
 */
#ifndef GIBTRACE_CONVERT_KVM_H
#define GIBTRACE_CONVERT_KVM_H

#include <stdbool.h>
#include <stdint.h>

#include <gibtrace/trace.h>

enum ku_kind {
	KU_SIE_ENTER, /* kvm:kvm_s390_sie_enter */
	KU_SIE_EXIT, /* kvm:kvm_s390_sie_exit */
	KU_WAKEUP, /* kvm:kvm_vcpu_wakeup */
	KU_DELIVER, /* kvm-s390:kvm_s390_deliver_interrupt */
	KU_INJECT, /* kvm-s390:kvm_s390_inject_vm */
	KU_AIS_MODE, /* kvm-s390:kvm_s390_modify_ais_mode */
	KU_AIRQ_SUPPRESSED, /* kvm-s390:kvm_s390_airq_suppressed */
	KU_HR_START, /* timer:hrtimer_start */
	KU_HR_ENTRY, /* timer:hrtimer_expire_entry */
	KU_HR_EXIT, /* timer:hrtimer_expire_exit */
	KU_HR_CANCEL, /* timer:hrtimer_cancel */
	KU_LOST, /* not an event: a: events the ring buffer lost before ts on cpu */
	KU_NR
};

/* one upstream event, as read */
struct ku_event {
	uint64_t ts;
	uint64_t a; /* ns (wakeup), data1 (deliver), parm64 (inject), the hrtimer (hr_*) */
	uint32_t cpu;
	int32_t pid; /* the thread (common_pid, perf's tid) */
	int32_t tgid; /* its process, -1 when the input does not say */
	int32_t id; /* vcpu id: sie_enter, sie_exit, deliver */
	uint32_t code; /* icptcode (sie_exit), inttype (deliver, inject), isc (ais) */
	uint8_t kind; /* enum ku_kind */
	bool waited, valid; /* wakeup */
	bool kicker; /* hr_start, hr_entry: the callback is the kicker */
	bool abs; /* hr_start: an absolute mode (a re-arm by the timer code) */
	char comm[24];
};

/* how vcpu threads are grouped into VMs */
enum ku_vm_by {
	KU_VM_AUTO, /* tgid when every event has one, else comm */
	KU_VM_TGID, /* the process of the thread (QEMU's, one per VM) */
	KU_VM_COMM, /* the thread's name without its last number (gib.ko: gib/VM.VCPU) */
	KU_VM_ONE, /* one VM */
};

extern const char *const ku_kind_names[KU_NR]; /* "kvm:kvm_s390_sie_enter", ... */

/* the upstream names of the events; KU_NR for another */
int ku_kind__by_name(const char *system, const char *name);

struct ku_conv;

struct ku_conv *ku_conv__new(enum ku_vm_by vm_by);
void ku_conv__free(struct ku_conv *c);
int ku_conv__add(struct ku_conv *c, const struct ku_event *ev);
size_t ku_conv__count(const struct ku_conv *c);
/*
 * Maps and infers, then writes out (header h, which gets the "inferred" tag). Prints a
 * summary on stdout unless quiet. 0 or -errno (reported).
 */
int ku_conv__write(struct ku_conv *c, struct gt_header *h, const char *out, bool quiet);

/*
 * room in *p (n entries of size bytes, room for *cap) for one more: realloc'd to twice
 * the room (at first 1024) when full; 0 or -ENOMEM (then *p is as it was)
 */
int ku_grow(void **p, size_t *cap, size_t n, size_t size);

/* a growing array of events to write, sorted by time, then prio, then insertion */
struct cv_ev {
	struct gt_event ev;
	uint64_t seq;
	uint8_t prio;
};

struct cv_vec {
	struct cv_ev *v;
	size_t n, cap;
	uint64_t seq;
};

int cv_vec__push(struct cv_vec *v, const struct gt_event *ev, uint8_t prio);
void cv_vec__sort(struct cv_vec *v);
void cv_vec__release(struct cv_vec *v);
/* writes the events of v, in h's byte order (h->big_endian) */
int cv_vec__write(const struct cv_vec *v, const struct gt_header *h, const char *out);

struct cv_post_stats {
	uint64_t software; /* deliveries that consumed an observed (software) post */
	uint64_t deliver_bound, alert_bound; /* inferred posts, by method */
};

/*
 * cv_infer_posts - an inferred device airq_post for every airq_deliver of v that no
 * observed post explains: no later than the delivery, or than the first gisa_alert of
 * that VM and ISC since its previous delivery when the input has them. coalesced: one
 * post per post the delivery counts (its arg), else one. v is sorted before and after.
 */
int cv_infer_posts(struct cv_vec *v, bool coalesced, struct cv_post_stats *st);

#endif
