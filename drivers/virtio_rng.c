/* SPDX-License-Identifier: MIT */
/* virtio-rng, legacy interface (virtio 1.0: 4.1.4.8 legacy PCI registers, 3.1.2 legacy
 * initialisation, 4.1.5.1.3 legacy queue set-up, 5.4 entropy device). */
#include "drivers/virtio_rng.h"

#include "arch/x86/io.h"
#include "lib/compiler.h"
#include "lib/string.h"

/*
 * Why polling and not the device's INTx line. Under QEMU's i440fx/PIIX, firmware routes PCI
 * INTx to IRQ 10/11 and makes them level-triggered in the ELCR. The 8259 driver sends EOI in
 * the top half, while the device holds its line until its ISR register is read, which only a
 * bottom half can do. When the interrupt comes while the kernel idles (sti; hlt; cli), the
 * top half's iret turns interrupts back on before the cli, the line is still high, the 8259
 * raises it again, and so on for ever: under QEMU 7.2 the CPU was found looping in
 * interrupt_top_half with IRQ 11 in the 8259's IRR (ELCR 0x0c00) and never got back to the
 * kernel loop. Interrupts become usable once the 8259 masks a level line in the top half and
 * unmasks it after the bottom half (Linux's handle_level_irq).
 *
 * So the device is told not to interrupt (VIRTQ_AVAIL_F_NO_INTERRUPT) and a deferred call
 * polls the used ring while a request waits. The kernel loop spins meanwhile (interrupts off),
 * for as long as QEMU takes to answer: its entropy backend fills the buffer from its main
 * thread, typically within tens of microseconds, at worst about a millisecond. To keep that
 * rare, the batch buffer is larger than a client's batch and goes back to the device as soon
 * as it is used up, so a request usually finds words ready and does not wait at all.
 */

/* Legacy register block at BAR 0 (virtio 1.0, 4.1.4.8), without MSI-X. */
#define REG_DEVICE_FEATURES 0x00 /* 32 */
#define REG_DRIVER_FEATURES 0x04 /* 32 */
#define REG_QUEUE_PFN	    0x08 /* 32: the queue's physical address >> 12 */
#define REG_QUEUE_SIZE	    0x0c /* 16, read only */
#define REG_QUEUE_SELECT    0x0e /* 16 */
#define REG_QUEUE_NOTIFY    0x10 /* 16: write the queue's index */
#define REG_STATUS	    0x12 /* 8 */
#define REG_ISR		    0x13 /* 8: reading clears it (and the INTx line) */

/* Device status bits (virtio 1.0, 2.1). Legacy devices have no FEATURES_OK. */
#define STATUS_ACKNOWLEDGE 0x01
#define STATUS_DRIVER	   0x02
#define STATUS_DRIVER_OK   0x04
#define STATUS_FAILED	   0x80

#define QUEUE_PFN_SHIFT 12
#define EMPTY_RUN_MAX	8 /* answers in a row without a whole word: the device has failed */

/*
 * The queue: legacy virtio wants it at a page-aligned physical address. The kernel maps SRAM
 * one to one, so this static buffer's address is its physical address. The batch buffer the
 * device fills lives in the first page's unused tail, after the available ring.
 */
#define RING_BYTES   VIRTQ_LEGACY_BYTES(VIRTIO_RNG_QUEUE_MAX)
#define BATCH_OFFSET 2048u
#define BATCH_BYTES  (VIRTIO_RNG_BATCH_WORDS * 4u)
STATIC_ASSERT(VIRTQ_AVAIL_OFFSET(VIRTIO_RNG_QUEUE_MAX) + VIRTQ_AVAIL_BYTES(VIRTIO_RNG_QUEUE_MAX) <=
	      BATCH_OFFSET);
STATIC_ASSERT(BATCH_OFFSET + BATCH_BYTES <= VIRTQ_USED_OFFSET(VIRTIO_RNG_QUEUE_MAX));
static uint8_t ring_memory[RING_BYTES] __attribute__((aligned(VIRTQ_LEGACY_ALIGN)));
static bool ring_taken;

/* arch/x86/io.h has no 16-bit read yet; this belongs there once that file is next changed. */
static inline uint16_t inw_port(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static uint32_t paddr_of(const void *p)
{
	return (uint32_t)(uintptr_t)p; /* identity-mapped SRAM */
}

static struct virtio_rng *to_virtio_rng(struct hil_entropy *e)
{
	return container_of(e, struct virtio_rng, entropy);
}

/* Gives the batch buffer to the device. */
static void post(struct virtio_rng *r)
{
	uint16_t id;

	/* One buffer is ever with the device, and the queue has at least one descriptor. */
	if (virtq_add(&r->vq, paddr_of(r->batch), BATCH_BYTES, true, &id) != ERROR_NONE)
		return;
	r->in_flight = true;
	if (virtq_should_notify(&r->vq))
		outw(r->io_port + REG_QUEUE_NOTIFY, 0);
}

/* Takes the device's answer if it is there. Returns: true if the batch is back with us. */
static bool reap(struct virtio_rng *r)
{
	uint16_t id;
	uint32_t len;

	if (!virtq_get_used(&r->vq, &id, &len))
		return false;
	(void)inb(r->io_port + REG_ISR); /* nothing should be raised; clear it if it is */
	r->in_flight = false;
	r->batches++;
	r->ready_pos = 0;
	r->ready = MIN(len, BATCH_BYTES) / 4;
	return true;
}

/* Hands the client what is ready (at most what it asked for); its answer decides the rest. */
static void deliver(struct virtio_rng *r, enum error_code rc)
{
	uint32_t *buf = r->buf, *from = r->batch + r->ready_pos;
	size_t words = rc == ERROR_NONE ? MIN(r->ready, r->words) : 0;
	struct hil_entropy_client *client = r->entropy.client;
	bool more = false;

	memcpy(buf, from, words * 4);
	memset(from, 0, words * 4); /* no copy of handed-out entropy stays behind */
	r->ready_pos += words;
	r->ready -= words;
	if (!r->ready && !r->in_flight && rc == ERROR_NONE)
		post(r); /* fetch ahead: the next request will likely find words ready */
	if (client)
		more = client->entropy_available(client, buf, words, rc);
	if (r->buf != buf)
		return; /* cancelled from inside the callback (and maybe a new get) */
	if (more && rc == ERROR_NONE)
		deferred_call_schedule(&r->poll);
	else
		r->buf = NULL;
}

static void poll(struct deferred_call *dc)
{
	struct virtio_rng *r = container_of(dc, struct virtio_rng, poll);

	if (!r->buf)
		return; /* the batch may stay with the device until someone asks */
	if (r->in_flight && !reap(r)) {
		r->spins++;
		deferred_call_schedule(&r->poll);
		return;
	}
	if (r->ready) {
		r->empty_run = 0;
		deliver(r, ERROR_NONE);
		return;
	}
	/* The device answered with no whole word. */
	if (r->batches && ++r->empty_run >= EMPTY_RUN_MAX) {
		r->failed = true;
		deliver(r, ERROR_FAIL);
		return;
	}
	post(r);
	deferred_call_schedule(&r->poll);
}

static enum error_code get(struct hil_entropy *e, uint32_t *buf, size_t words)
{
	struct virtio_rng *r = to_virtio_rng(e);

	if (r->buf)
		return ERROR_BUSY;
	if (!words)
		return ERROR_SIZE;
	if (r->failed)
		return ERROR_FAIL;
	r->buf = buf;
	r->words = words;
	/* Even with words ready, the client hears from the kernel loop, never from here. */
	deferred_call_schedule(&r->poll);
	return ERROR_NONE;
}

static enum error_code cancel(struct hil_entropy *e)
{
	struct virtio_rng *r = to_virtio_rng(e);

	if (!r->buf)
		return ERROR_OFF;
	r->buf = NULL;
	return ERROR_NONE;
}

static enum hil_entropy_quality quality(struct hil_entropy *e)
{
	(void)e;
	return HIL_ENTROPY_TRUE;
}

static const struct hil_entropy_ops virtio_rng_ops = {
    .get = get,
    .cancel = cancel,
    .quality = quality,
};

static void set_status(struct virtio_rng *r, uint8_t bits)
{
	outb(r->io_port + REG_STATUS, bits);
}

enum error_code virtio_rng_probe(struct virtio_rng *r, struct pci_config *cfg,
				 const struct pci_scan *scan)
{
	const struct pci_device *dev = pci_find(scan, VIRTIO_PCI_VENDOR, VIRTIO_RNG_PCI_DEVICE);
	struct pci_bar bar;
	enum error_code rc;

	if (!dev || pci_read_bar(cfg, dev, 0, &bar) != ERROR_NONE || !bar.io || bar.base > 0xffff)
		return ERROR_NODEVICE;
	if (ring_taken)
		return ERROR_BUSY;
	*r = (struct virtio_rng){
	    .entropy = {.ops = &virtio_rng_ops},
	    .bdf = dev->bdf,
	    .io_port = (uint16_t)bar.base,
	    .batch = (uint32_t *)(void *)(ring_memory + BATCH_OFFSET),
	};
	/* Bus mastering: the device writes the rings and the batch by DMA (QEMU forgives old
	 * legacy drivers that forget it; PCI does not). */
	pci_enable(cfg, dev, PCI_COMMAND_IO | PCI_COMMAND_BUS_MASTER);

	/* virtio 1.0, 3.1.2: reset, acknowledge, driver, features, queues, DRIVER_OK. */
	set_status(r, 0);
	set_status(r, STATUS_ACKNOWLEDGE);
	set_status(r, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
	(void)inl(r->io_port + REG_DEVICE_FEATURES); /* an entropy device needs none of them */
	outl(r->io_port + REG_DRIVER_FEATURES, 0);

	outw(r->io_port + REG_QUEUE_SELECT, 0);
	uint16_t size = inw_port(r->io_port + REG_QUEUE_SIZE);

	if (!size || size > VIRTIO_RNG_QUEUE_MAX) {
		rc = ERROR_NOSUPPORT;
		goto out_failed;
	}
	rc = virtq_init(&r->vq, ring_memory, size);
	if (rc != ERROR_NONE) {
		rc = ERROR_NOSUPPORT; /* not a power of 2 */
		goto out_failed;
	}
	virtq_set_interrupts(&r->vq, false);
	outl(r->io_port + REG_QUEUE_PFN, paddr_of(ring_memory) >> QUEUE_PFN_SHIFT);

	set_status(r, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
	if (inb(r->io_port + REG_STATUS) !=
	    (STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK)) {
		rc = ERROR_FAIL;
		goto out_reset;
	}
	(void)inb(r->io_port + REG_ISR);
	deferred_call_register(&r->poll, poll);
	ring_taken = true;
	return ERROR_NONE;

out_reset:
	outl(r->io_port + REG_QUEUE_PFN, 0);
out_failed:
	set_status(r, STATUS_FAILED);
	return rc;
}
