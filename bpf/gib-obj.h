/*
 * The BPF object of gib.bpf.c built for this binary's byte order, embedded
 * by gib-obj.c: from gib_bpf_obj up to gib_bpf_obj_end.
 */
#ifndef GIBTRACE_GIB_OBJ_H
#define GIBTRACE_GIB_OBJ_H

extern const unsigned char gib_bpf_obj[];
extern const unsigned char gib_bpf_obj_end[];

#endif
