/*
 * Posts waiting for their delivery, per (VM, ISC), oldest first: the one
 * matching of posts to deliveries that metrics, the HTML timeline and the
 * Perfetto flows share (a delivery takes as many posts as its arg counts).
 */
#ifndef GIBTRACE_POSTQ_H
#define GIBTRACE_POSTQ_H

#include <stddef.h>
#include <stdint.h>

struct gt_postq_fifo;

/* values (post times, post numbers) waiting per (vm, isc), oldest first */
struct gt_postq {
	struct gt_postq_fifo *f;
	size_t n;
};

/* 0 or -ENOMEM */
int gt_postq__push(struct gt_postq *q, uint16_t vm, uint8_t isc, uint64_t v);
/* the oldest of (vm, isc) into *v: 1, or 0 when none waits */
int gt_postq__pop(struct gt_postq *q, uint16_t vm, uint8_t isc, uint64_t *v);
void gt_postq__release(struct gt_postq *q);
/* posts still waiting */
uint64_t gt_postq__pending(const struct gt_postq *q);

#endif
