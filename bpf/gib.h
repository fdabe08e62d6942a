/*
 * What the gib:* BPF programs (gib.bpf.c) and their loader (gib.c) share:
 * the tracepoints' context, as their format files give it, and the record
 * the programs put into the ring buffer, one to one with a trace event.
 */
#ifndef GIBTRACE_BPF_GIB_H
#define GIBTRACE_BPF_GIB_H

/*
 * The arguments of every gib:* tracepoint, as a raw tracepoint program gets
 * them (one u64 each, in TP_PROTO order): gib.ko declares all of them with
 * one event class (kmod/gib_trace.h), whose fields are its arguments in the
 * same order. The loader checks the live format files against that layout
 * (vm at offset 8, vcpu 10, isc 12, mask 13, old 14, new 15, arg 16, val 20).
 */
enum gib_tp_arg {
	GIB_ARG_VM,
	GIB_ARG_VCPU,
	GIB_ARG_ISC,
	GIB_ARG_MASK,
	GIB_ARG_OLD,
	GIB_ARG_NEW,
	GIB_ARG_ARG,
	GIB_ARG_VAL,
};

/* a ring buffer record: 32 bytes */
struct gib_rec {
	unsigned long long ts; /* bpf_ktime_get_ns: CLOCK_MONOTONIC */
	unsigned int cpu;
	unsigned short type; /* enum gib_event_type */
	unsigned short vm;
	unsigned short vcpu;
	unsigned char isc;
	unsigned char mask;
	unsigned char old;
	unsigned char new;
	unsigned short pad;
	unsigned int arg;
	unsigned int val;
};

/* per CPU: the records a full ring buffer refused */
struct gib_drops {
	unsigned long long count;
	unsigned long long first_ts;
	unsigned long long last_ts;
};

#endif
