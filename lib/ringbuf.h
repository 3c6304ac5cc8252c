/* SPDX-License-Identifier: MIT */
/* Single-producer single-consumer byte ring over caller-provided storage. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * head and tail run freely and wrap at 2^32; the capacity is a power of two, so head - tail is
 * always the fill level, and a full ring is distinguishable from an empty one without a spare
 * slot.
 */
struct ringbuf {
	uint8_t *data;
	uint32_t capacity; /* power of two */
	uint32_t head;	   /* next byte written goes to data[head & (capacity - 1)] */
	uint32_t tail;	   /* next byte read comes from data[tail & (capacity - 1)] */
};

/* storage must hold capacity bytes; capacity must be a nonzero power of two. */
void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t capacity);

static inline uint32_t ringbuf_used(const struct ringbuf *rb)
{
	return rb->head - rb->tail;
}

static inline uint32_t ringbuf_free(const struct ringbuf *rb)
{
	return rb->capacity - ringbuf_used(rb);
}

static inline bool ringbuf_empty(const struct ringbuf *rb)
{
	return rb->head == rb->tail;
}

/* Returns: how many of the len bytes were stored (fewer when the ring fills). */
uint32_t ringbuf_write(struct ringbuf *rb, const void *src, uint32_t len);

/* Returns: how many bytes were copied to dst and consumed (at most len). */
uint32_t ringbuf_read(struct ringbuf *rb, void *dst, uint32_t len);

/*
 * The longest run of queued bytes that is contiguous in storage, starting at the oldest, for
 * handing to a DMA-style transmit without a copy.
 * Returns: its length (0 when empty); *chunk points at it.
 */
uint32_t ringbuf_peek_chunk(const struct ringbuf *rb, const uint8_t **chunk);

/* Drops the len oldest bytes; len must not exceed ringbuf_used(). */
void ringbuf_consume(struct ringbuf *rb, uint32_t len);
