/* SPDX-License-Identifier: MIT */
/* virtio-rng over legacy virtio PCI (a transitional device's I/O BAR) behind the entropy HIL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/pci.h"
#include "drivers/virtqueue.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/entropy.h"

#define VIRTIO_PCI_VENDOR      0x1af4
#define VIRTIO_RNG_PCI_DEVICE  0x1005 /* transitional entropy device (virtio 1.0, 4.1.2.1) */
#define VIRTIO_RNG_QUEUE_MAX   64     /* largest queue the static ring memory holds */
#define VIRTIO_RNG_BATCH_WORDS 64     /* words asked of the device at a time */

/*
 * One batch buffer: the device fills it, the client's requests are served from it, and as
 * soon as it is used up it goes back to the device, so the next request usually finds words
 * waiting. The device's interrupt is suppressed and completion is polled by a deferred call
 * while a request waits for the device (see virtio_rng.c for why).
 */
struct virtio_rng {
	struct hil_entropy entropy; /* the HIL this driver fills */
	struct deferred_call poll;  /* serves the request in progress */
	struct pci_bdf bdf;	    /* where the scan found it */
	uint16_t io_port;	    /* BAR 0: the legacy register block */
	struct virtq vq;	    /* queue 0, the only one */
	uint32_t *batch;	    /* what the device fills (in the ring memory, see .c) */
	bool in_flight;		    /* batch is with the device */
	size_t ready_pos, ready;    /* batch[ready_pos .. + ready): answered, not handed out */

	uint32_t *buf; /* the client's request, or NULL */
	size_t words;
	bool failed;	    /* the device stopped answering with data: FAIL from now on */
	unsigned empty_run; /* answers in a row with no whole word */

	/* Statistics (for the console and the tests). */
	uint32_t batches; /* answers taken from the device */
	uint32_t spins;	  /* poll runs that found a waiting request and no answer yet */
};

/*
 * Finds the device in scan, enables its I/O decoding and bus mastering, and brings it up:
 * reset, no features, queue 0 in the static ring memory, DRIVER_OK. One device at most.
 * Returns: NONE (r->entropy is ready); NODEVICE if the scan has no virtio-rng or its BAR 0 is
 * not an assigned I/O BAR; NOSUPPORT if its queue is missing or larger than
 * VIRTIO_RNG_QUEUE_MAX; BUSY if a device was started already; FAIL if it refused DRIVER_OK.
 */
enum error_code virtio_rng_probe(struct virtio_rng *r, struct pci_config *cfg,
				 const struct pci_scan *scan);
