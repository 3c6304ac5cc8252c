/* SPDX-License-Identifier: MIT */
/* Single-producer single-consumer byte ring. */
#include "lib/ringbuf.h"

#include "lib/string.h"

void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t capacity)
{
	rb->data = storage;
	rb->capacity = capacity;
	rb->head = rb->tail = 0;
}

uint32_t ringbuf_write(struct ringbuf *rb, const void *src, uint32_t len)
{
	const uint8_t *s = src;
	uint32_t n = ringbuf_free(rb);

	if (len < n)
		n = len;
	uint32_t at = rb->head & (rb->capacity - 1);
	uint32_t first = rb->capacity - at;

	if (first > n)
		first = n;
	memcpy(rb->data + at, s, first);
	memcpy(rb->data, s + first, n - first);
	rb->head += n;
	return n;
}

uint32_t ringbuf_read(struct ringbuf *rb, void *dst, uint32_t len)
{
	uint8_t *d = dst;
	uint32_t n = 0;

	while (n < len) {
		const uint8_t *chunk;
		uint32_t k = ringbuf_peek_chunk(rb, &chunk);

		if (!k)
			break;
		if (k > len - n)
			k = len - n;
		memcpy(d + n, chunk, k);
		ringbuf_consume(rb, k);
		n += k;
	}
	return n;
}

uint32_t ringbuf_peek_chunk(const struct ringbuf *rb, const uint8_t **chunk)
{
	uint32_t at = rb->tail & (rb->capacity - 1);
	uint32_t used = ringbuf_used(rb);
	uint32_t run = rb->capacity - at;

	*chunk = rb->data + at;
	return used < run ? used : run;
}

void ringbuf_consume(struct ringbuf *rb, uint32_t len)
{
	rb->tail += len;
}
