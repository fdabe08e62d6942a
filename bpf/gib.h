/*
 * What the gib:* BPF programs (gib.bpf.c) and their loader (gib.c) share:
 * the tracepoints' context, as their format files give it, and the record
 * the programs put into the ring buffer, one to one with a trace event.
 */
#ifndef GIBTRACE_BPF_GIB_H
#define GIBTRACE_BPF_GIB_H

/*
 * The context of every gib:* tracepoint: gib.ko declares all of them with
 * one event class (kmod/gib_trace.h), so one layout serves them all. The
 * first 8 bytes are the common fields, which a tracepoint program may not
 * read. The loader checks these offsets against the live format files.
 */
struct gib_tp_ctx {
	unsigned long long common;
	unsigned short vm; /* offset 8 */
	unsigned short vcpu; /* 10 */
	unsigned char isc; /* 12 */
	unsigned char mask; /* 13 */
	unsigned char old; /* 14 */
	unsigned char new; /* 15 */
	unsigned int arg; /* 16 */
	unsigned int val; /* 20 */
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
