/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event vocabulary of gibtrace: one list, shared by the interrupt core's
 * event hook, the gib:* tracepoints, the BPF records, the trace file and the
 * replayer. Each entry: name, number, class (exogenous input that a replay
 * keeps, endogenous output that a replay recomputes, or the recorder's own),
 * the fields it carries, and what they mean. The trace writer, reader,
 * pretty-printer and docs/trace-format.md all come from this list.
 *
 * The numbers are ABI: never reuse or renumber one. A minor version may add
 * an entry, or append a field to one (records are self-sized); changing what
 * a field means needs a new major version.
 *
 * Included by kernel and user-space code alike: no libc headers here.
 */
#ifndef GIBTRACE_EVENTS_H
#define GIBTRACE_EVENTS_H

enum gib_event_class {
	GIB_EXO = 0, /* input: what the guests and devices did */
	GIB_ENDO = 1, /* output: what the host path made of it */
	GIB_META = 2, /* the recorder's own: drops */
};

/*
 * The fields of an event besides its timestamp and cpu, in their on-disk
 * order. vm, vcpu, arg and val are varints; isc, mask, old and new one byte
 * each. An ISC mask has 0x80 >> n for ISC n.
 */
#define GIB_F_VM 0x01
#define GIB_F_VCPU 0x02
#define GIB_F_ISC 0x04
#define GIB_F_MASK 0x08
#define GIB_F_OLD 0x10
#define GIB_F_NEW 0x20
#define GIB_F_ARG 0x40
#define GIB_F_VAL 0x80

#define GIB_F_VV (GIB_F_VM | GIB_F_VCPU)

/* X(name, number, class, fields, "what the fields mean") */
#define GIB_EVENTS(X)                                                                                  \
	X(vm_create, 1, GIB_EXO, GIB_F_VM, "a VM and its GISA came up")                                \
	X(vm_destroy, 2, GIB_EXO, GIB_F_VM, "a VM went away")                                          \
	X(vcpu_create, 3, GIB_EXO, GIB_F_VV, "a vcpu came up")                                         \
	X(vcpu_destroy, 4, GIB_EXO, GIB_F_VV, "a vcpu went away")                                      \
	X(gisc_register, 5, GIB_EXO, GIB_F_VM | GIB_F_ISC | GIB_F_MASK | GIB_F_ARG,                    \
	  "a device registered guest ISC isc; mask: alert mask after; arg: its refcount after")        \
	X(gisc_unregister, 6, GIB_EXO, GIB_F_VM | GIB_F_ISC | GIB_F_MASK | GIB_F_ARG,                  \
	  "a device unregistered isc; mask: alert mask after; arg: its refcount after")                \
	X(airq_post, 7, GIB_EXO, GIB_F_VM | GIB_F_ISC | GIB_F_OLD | GIB_F_ARG,                         \
	  "an adapter interruption for isc; old: IPM before; arg: 0 device, 1 software")               \
	X(vcpu_wait, 8, GIB_EXO, GIB_F_VV | GIB_F_MASK | GIB_F_ARG,                                    \
	  "wait intercept; mask: enabled ISCs (CR6); arg: 0 enabled, 1 disabled, 2 runnable")          \
	X(guest_timer, 9, GIB_EXO, GIB_F_VV, "a guest timer interruption became pending")              \
	X(guest_work, 10, GIB_EXO, GIB_F_VV | GIB_F_VAL,                                               \
	  "the guest runs val ns before its next wait")                                                \
	X(gisa_alert, 16, GIB_ENDO, GIB_F_VM | GIB_F_ISC | GIB_F_OLD | GIB_F_ARG,                      \
	  "the machine linked the GISA for isc; old: IAM before; arg: list origin before")             \
	X(gal_irq, 17, GIB_ENDO, 0, "a GAL interruption on the host")                                  \
	X(gal_process, 18, GIB_ENDO, GIB_F_ARG | GIB_F_VAL,                                            \
	  "one alert-list pass; arg: pass number; val: GISAs unlinked")                                \
	X(kick_timer, 19, GIB_ENDO, GIB_F_VM | GIB_F_MASK | GIB_F_ARG,                                 \
	  "the kicker fired; mask: IPM; arg: 1 re-armed, 0 stopped")                                   \
	X(vcpu_kick, 20, GIB_ENDO, GIB_F_VV | GIB_F_MASK | GIB_F_ARG,                                  \
	  "a vcpu was woken; mask: pending ISCs; arg: 0 kicker, 1 alert, 2 floating")                  \
	X(vcpu_wakeup, 21, GIB_ENDO, GIB_F_VV | GIB_F_MASK | GIB_F_ARG,                                \
	  "a vcpu woke; mask: CR6; arg: bit 0 slept (else polled), 1 valid, 2 spurious: sleeps again") \
	X(iam_restore, 22, GIB_ENDO, GIB_F_VM | GIB_F_MASK | GIB_F_OLD | GIB_F_NEW | GIB_F_ARG,        \
	  "IAM restored; old/new: IAM; mask: IPM; arg: site (enum gib_restore_site)")                  \
	X(airq_deliver, 23, GIB_ENDO, GIB_F_VV | GIB_F_ISC | GIB_F_ARG,                                \
	  "isc delivered to vcpu; arg: posts coalesced into the IPM bit")                              \
	X(sie_enter, 24, GIB_ENDO, GIB_F_VV | GIB_F_MASK, "vcpu entered SIE; mask: CR6")               \
	X(sie_exit, 25, GIB_ENDO, GIB_F_VV | GIB_F_ARG,                                                \
	  "vcpu left SIE; arg: 0 wait, 1 other, 2 stop")                                               \
	X(iam_set, 26, GIB_ENDO, GIB_F_VM | GIB_F_MASK | GIB_F_OLD | GIB_F_NEW | GIB_F_ARG,            \
	  "gisa_set_iam by (un)registration; old/new: mask; arg: 1 if linked (-EBUSY)")                \
	X(gisa_unlink, 27, GIB_ENDO, GIB_F_VM | GIB_F_ARG,                                             \
	  "alert processing unlinked the GISA; arg: pass number")                                      \
	X(drop, 31, GIB_META, GIB_F_ARG | GIB_F_VAL,                                                   \
	  "the recorder lost arg events on this cpu, from the record's time to val")

#define GIB_EV_ENUM(name, nr, cls, fields, doc) GIB_EV_##name = nr,
enum gib_event_type {
	GIB_EV_NONE = 0,
	GIB_EVENTS(GIB_EV_ENUM) GIB_EV_MAX = 32, /* one past the highest number */
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
