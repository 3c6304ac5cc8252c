/* SPDX-License-Identifier: MIT */
/* Split virtqueues in the legacy layout (virtio 1.0, 2.4 and 2.4.2 "Legacy Interfaces"): the
 * driver's bookkeeping of descriptors, the available ring and the used ring. No device I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "lib/error.h"

#define VIRTQ_LEGACY_ALIGN 4096 /* the used ring starts on the next such boundary */
#define VIRTQ_SIZE_MAX	   32768

#define VIRTQ_DESC_F_NEXT	   1 /* desc.next continues the chain */
#define VIRTQ_DESC_F_WRITE	   2 /* the device writes the buffer (else it reads it) */
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1 /* driver -> device: no interrupt for used buffers */
#define VIRTQ_USED_F_NO_NOTIFY	   1 /* device -> driver: no need to notify for new buffers */

/* virtio 1.0, 2.4.5: one buffer of a chain; little-endian, as the i586 is. */
struct virtq_desc {
	uint64_t paddr; /* physical address of the buffer */
	uint32_t len;	/* its bytes */
	uint16_t flags; /* VIRTQ_DESC_F_* */
	uint16_t next;	/* the next descriptor if flags has NEXT */
};
STATIC_ASSERT(sizeof(struct virtq_desc) == 16);

/* virtio 1.0, 2.4.6: driver -> device, then ring[size] and a used_event word. */
struct virtq_avail {
	uint16_t flags; /* VIRTQ_AVAIL_F_* */
	uint16_t idx;	/* where the driver puts the next entry (mod size); wraps at 2^16 */
	uint16_t ring[];
};

/* virtio 1.0, 2.4.8: device -> driver, then ring[size] and an avail_event word. */
struct virtq_used_elem {
	uint32_t id;  /* head descriptor of the chain the device is done with */
	uint32_t len; /* bytes the device wrote into it */
};
STATIC_ASSERT(sizeof(struct virtq_used_elem) == 8);

struct virtq_used {
	uint16_t flags; /* VIRTQ_USED_F_* */
	uint16_t idx;	/* where the device puts the next entry (mod size); wraps at 2^16 */
	struct virtq_used_elem ring[];
};

/*
 * The legacy layout of a queue of size entries, from a page-aligned base:
 *
 *   0                     16*size           16*size+6+2*size   USED_OFFSET       +6+8*size
 *   | descriptor table    | available ring  | pad to 4096      | used ring       |
 */
#define VIRTQ_AVAIL_OFFSET(size) (16u * (size))
#define VIRTQ_AVAIL_BYTES(size)	 (6u + 2u * (size))
#define VIRTQ_USED_OFFSET(size)                                                                    \
	ALIGN_UP(VIRTQ_AVAIL_OFFSET(size) + VIRTQ_AVAIL_BYTES(size), (unsigned)VIRTQ_LEGACY_ALIGN)
#define VIRTQ_USED_BYTES(size)	 (6u + 8u * (size))
#define VIRTQ_LEGACY_BYTES(size) (VIRTQ_USED_OFFSET(size) + VIRTQ_USED_BYTES(size))

/* The driver's side of one queue; the rings themselves are in the memory given to init. */
struct virtq {
	uint16_t size; /* entries: a power of 2, as the device said */
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t free_head; /* first free descriptor, linked through desc.next */
	uint16_t num_free;  /* descriptors not with the device */
	uint16_t avail_idx; /* our copy of avail->idx (only we write it) */
	uint16_t last_used; /* used->idx up to which we took the device's answers */
};

/*
 * Lays out a queue of size entries in mem (VIRTQ_LEGACY_BYTES(size) bytes, aligned to
 * VIRTQ_LEGACY_ALIGN), zeroed, every descriptor free. The device is told mem's physical page.
 * Returns: NONE; INVAL if size is 0, not a power of 2 or above VIRTQ_SIZE_MAX, or mem is not
 * aligned.
 */
enum error_code virtq_init(struct virtq *vq, void *mem, uint16_t size);

/*
 * Makes one buffer available to the device: a single descriptor for len bytes at paddr,
 * written by the device if device_writes. Publishes it in the available ring; the caller
 * then notifies the device if virtq_should_notify() says so.
 * Returns: NONE with *id (the descriptor, what the used ring will name); NOMEM if every
 * descriptor is with the device.
 */
enum error_code virtq_add(struct virtq *vq, uint64_t paddr, uint32_t len, bool device_writes,
			  uint16_t *id);

/* Returns: whether the device asked to be notified of new buffers (it may suppress it). */
bool virtq_should_notify(const struct virtq *vq);

/*
 * Takes the device's next answer, if there is one, and frees its descriptors.
 * Returns: true with *id and *len (bytes the device wrote) if an answer was taken, false if
 * the device has not answered anything new.
 */
bool virtq_get_used(struct virtq *vq, uint16_t *id, uint32_t *len);

/* Asks the device for no interrupts (for a driver that polls), or for them again. */
void virtq_set_interrupts(struct virtq *vq, bool enabled);
