/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event vocabulary of gibtrace: one list, shared by the interrupt core's
 * event hook, the gib:* tracepoints, the BPF records, the trace file and the
 * replayer. Each entry: name, number, class (exogenous input kept by a replay,
 * or endogenous output a replay recomputes), and which fields of struct
 * gib_event it fills. The numbers are ABI: never reuse or renumber one.
 *
 * Included by kernel and user-space code alike: no libc headers here.
 */
#ifndef GIBTRACE_EVENTS_H
#define GIBTRACE_EVENTS_H

enum gib_event_class {
	GIB_EXO = 0, /* input: what the guests and devices did */
	GIB_ENDO = 1, /* output: what the host path made of it */
};

/*
 * X(name, number, class, fields). Field legend (struct gib_event):
 * vm, vcpu, isc: who; mask: an ISC mask (0x80 >> isc per ISC);
 * old, new: an IAM or IPM before and after; arg: see the entry.
 */
#define GIB_EVENTS(X)                                                                              \
	X(vm_create, 1, GIB_EXO, "vm")                                                             \
	X(vm_destroy, 2, GIB_EXO, "vm")                                                            \
	X(vcpu_create, 3, GIB_EXO, "vm vcpu")                                                      \
	X(vcpu_destroy, 4, GIB_EXO, "vm vcpu")                                                     \
	X(gisc_register, 5, GIB_EXO, "vm isc mask=alert mask after arg=refcount after")            \
	X(gisc_unregister, 6, GIB_EXO, "vm isc mask=alert mask after arg=refcount after")          \
	X(airq_post, 7, GIB_EXO, "vm isc arg=enum gib_airq_source old=IPM before")                 \
	X(vcpu_wait, 8, GIB_EXO, "vm vcpu mask=enabled ISCs (CR6) arg=enum gib_wait_kind")         \
	X(guest_timer, 9, GIB_EXO, "vm vcpu")                                                      \
	X(guest_work, 10, GIB_EXO, "vm vcpu arg=ns the guest runs before it waits again")          \
	X(gisa_alert, 16, GIB_ENDO, "vm isc old=IAM before arg=alert list origin before")          \
	X(gal_irq, 17, GIB_ENDO, "")                                                               \
	X(gal_process, 18, GIB_ENDO, "arg=pass number mask=GISAs unlinked in the pass (count)")    \
	X(kick_timer, 19, GIB_ENDO, "vm mask=pending ISCs arg=1 re-armed, 0 stopped")              \
	X(vcpu_kick, 20, GIB_ENDO, "vm vcpu mask=pending ISCs arg=enum gib_kick_site")             \
	X(vcpu_wakeup, 21, GIB_ENDO, "vm vcpu arg=bit0 slept (else polled), bit1 valid wakeup")    \
	X(iam_restore, 22, GIB_ENDO, "vm old new=IAM mask=IPM arg=enum gib_restore_site")          \
	X(airq_deliver, 23, GIB_ENDO, "vm vcpu isc arg=posts coalesced into this IPM bit")         \
	X(sie_enter, 24, GIB_ENDO, "vm vcpu")                                                      \
	X(sie_exit, 25, GIB_ENDO, "vm vcpu arg=enum gib_exit_reason")                              \
	X(iam_set, 26, GIB_ENDO, "vm old new=IAM arg=0 or -errno of gisa_set_iam")                 \
	X(gisa_unlink, 27, GIB_ENDO, "vm arg=pass number")

#define GIB_EV_ENUM(name, nr, cls, fields) GIB_EV_##name = nr,
enum gib_event_type {
	GIB_EV_NONE = 0,
	GIB_EVENTS(GIB_EV_ENUM) GIB_EV_MAX = 28, /* one past the highest number */
};
#undef GIB_EV_ENUM

/* how an adapter interruption was made pending (airq_post arg) */
enum gib_airq_source {
	GIB_SRC_DEVICE = 0, /* posted by a device through the machine (vfio-ap, zPCI) */
	GIB_SRC_SOFTWARE = 1, /* injected in software (virtio-ccw via QEMU, FLIC) */
};

/* vcpu_wait arg: what kvm_s390_handle_wait decided */
enum gib_wait_kind {
	GIB_WAIT_ENABLED = 0, /* enabled wait: goes idle, halt-polls, sleeps */
	GIB_WAIT_DISABLED = 1, /* disabled wait: no interruption can wake it */
	GIB_WAIT_RUNNABLE = 2, /* something deliverable: straight back to SIE */
};

/* vcpu_kick arg: who kicked */
enum gib_kick_site {
	GIB_KICK_KICKER = 0, /* gisa_vcpu_kicker (upstream) */
	GIB_KICK_ALERT = 1, /* alert-list processing itself (v2..v5) */
	GIB_KICK_FLOAT = 2, /* __floating_irq_kick after a software injection */
};

/* iam_restore arg: every site where some version of the series restored */
enum gib_restore_site {
	GIB_RESTORE_POST_RUN = 0, /* vcpu_post_run, VM left SIE (v2, v3) */
	GIB_RESTORE_WAIT = 1, /* kvm_s390_handle_wait (v4, upstream) */
	GIB_RESTORE_IPM_LOOKUP = 2, /* get_ipm in a runnable check (v5) */
	GIB_RESTORE_ALERT = 3, /* alert-list processing (v5) */
	GIB_RESTORE_KICKER = 4, /* gisa_vcpu_kicker (upstream) */
	GIB_RESTORE_NR
};

/* sie_exit arg */
enum gib_exit_reason {
	GIB_EXIT_WAIT = 0, /* wait intercept (ICPT 0x1c) */
	GIB_EXIT_OTHER = 1, /* any other intercept or host work */
	GIB_EXIT_STOP = 2, /* vcpu stopped */
};

#endif /* GIBTRACE_EVENTS_H */
