/* SPDX-License-Identifier: MIT */
/* Split virtqueues, legacy layout (virtio 1.0, 2.4 and 2.4.2). */
#include "drivers/virtqueue.h"

#include "lib/string.h"

/*
 * The device runs beside the CPU and reads and writes the rings in memory. On x86 stores are
 * seen in program order and so are loads, so keeping the compiler from reordering suffices,
 * except a load after a store, which needs a full fence (a locked instruction on a Pentium).
 */
static inline void compiler_barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void full_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

enum error_code virtq_init(struct virtq *vq, void *mem, uint16_t size)
{
	uint8_t *base = mem;

	if (!size || size > VIRTQ_SIZE_MAX || (size & (size - 1)) ||
	    !IS_ALIGNED((uintptr_t)mem, (uintptr_t)VIRTQ_LEGACY_ALIGN))
		return ERROR_INVAL;
	memset(mem, 0, VIRTQ_LEGACY_BYTES(size));
	*vq = (struct virtq){
	    .size = size,
	    .desc = (volatile struct virtq_desc *)base,
	    .avail = (volatile struct virtq_avail *)(base + VIRTQ_AVAIL_OFFSET(size)),
	    .used = (volatile struct virtq_used *)(base + VIRTQ_USED_OFFSET(size)),
	    .free_head = 0,
	    .num_free = size,
	};
	for (uint16_t i = 0; i + 1 < size; i++)
		vq->desc[i].next = (uint16_t)(i + 1);
	return ERROR_NONE;
}

enum error_code virtq_add(struct virtq *vq, uint64_t paddr, uint32_t len, bool device_writes,
			  uint16_t *id)
{
	if (!vq->num_free)
		return ERROR_NOMEM;
	uint16_t head = vq->free_head;
	volatile struct virtq_desc *d = &vq->desc[head];

	vq->free_head = d->next;
	vq->num_free--;
	d->paddr = paddr;
	d->len = len;
	d->flags = device_writes ? VIRTQ_DESC_F_WRITE : 0;
	d->next = 0;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	/* virtio 1.0, 2.4.7.2: the entry before the index that publishes it. */
	compiler_barrier();
	vq->avail->idx = ++vq->avail_idx;
	*id = head;
	return ERROR_NONE;
}

bool virtq_should_notify(const struct virtq *vq)
{
	/* virtio 1.0, 2.4.7.2: the index store must be visible before the flags are read. */
	full_fence();
	return !(vq->used->flags & VIRTQ_USED_F_NO_NOTIFY);
}

bool virtq_get_used(struct virtq *vq, uint16_t *id, uint32_t *len)
{
	if (vq->used->idx == vq->last_used)
		return false;
	/* The entry is read only after the index that published it. */
	compiler_barrier();
	volatile struct virtq_used_elem *e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	uint32_t head = e->id;

	*len = e->len;
	*id = (uint16_t)head;
	vq->last_used++;
	/* An id out of range frees nothing; beyond that the device is trusted (it can DMA). */
	if (head < vq->size && vq->num_free < vq->size) {
		vq->desc[head].next = vq->free_head;
		vq->free_head = (uint16_t)head;
		vq->num_free++;
	}
	return true;
}

void virtq_set_interrupts(struct virtq *vq, bool enabled)
{
	vq->avail->flags = enabled ? 0 : VIRTQ_AVAIL_F_NO_INTERRUPT;
}
