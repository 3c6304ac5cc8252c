/* SPDX-License-Identifier: MIT */
/* qemu-pc: finds virtio-rng by a PCI scan and serves the RNG driver from it, or from the
 * pseudo-random fallback when there is none (Bochs, or QEMU without -device virtio-rng-pci). */
#include "platform/qemu-pc/rng.h"

#include "capsules/rng.h"
#include "drivers/pci.h"
#include "drivers/pseudo_rng.h"
#include "drivers/virtio_rng.h"
#include "kernel/debug.h"
#include "platform/qemu-pc/board.h"

/* The PC's PCI configuration mechanism #1 ports (PCI Local Bus 3.0, 3.2.2.3.2) and CMOS clock
 * (index port; data at + 1). They belong in board.h's table when that file is next changed. */
#define BOARD_PCI_CONF_ADDRESS_PORT 0xcf8
#define BOARD_PCI_CONF_DATA_PORT    0xcfc
#define BOARD_CMOS_PORT		    0x70

static struct pci_conf1 pci;
static struct pci_scan pci_devices;
static struct virtio_rng virtio_rng;
static struct pseudo_rng pseudo_rng;
static struct rng_driver rng_driver;

/* Returns: virtio-rng's entropy HIL, or NULL if there is no (working) device. */
static struct hil_entropy *start_virtio_rng(void)
{
	enum error_code rc;

	if (pci_conf1_init(&pci, BOARD_PCI_CONF_ADDRESS_PORT, BOARD_PCI_CONF_DATA_PORT) !=
	    ERROR_NONE) {
		kprintf("pci: no configuration mechanism #1 at 0x%x\n",
			BOARD_PCI_CONF_ADDRESS_PORT);
		return NULL;
	}
	rc = pci_scan(&pci.config, &pci_devices);
	kprintf("pci: %u functions on %u bus%s (%u configuration reads)%s\n",
		pci_devices.count + pci_devices.dropped, pci_devices.buses,
		pci_devices.buses == 1 ? "" : "es", pci_devices.config_reads,
		rc == ERROR_NONE ? "" : "; too many to record them all");

	rc = virtio_rng_probe(&virtio_rng, &pci.config, &pci_devices);
	if (rc == ERROR_NODEVICE)
		return NULL;
	kprintf("rng: virtio-rng at %02x:%02x.%x", virtio_rng.bdf.bus, virtio_rng.bdf.dev,
		virtio_rng.bdf.fn);
	if (rc != ERROR_NONE) {
		kprintf(" does not start: %s\n", error_name(rc));
		return NULL;
	}
	kprintf(", I/O 0x%04x, queue of %u, polled: %s\n", virtio_rng.io_port, virtio_rng.vq.size,
		hil_entropy_quality_name(hil_entropy_quality(&virtio_rng.entropy)));
	return &virtio_rng.entropy;
}

void platform_rng_init(void)
{
	struct hil_entropy *source = start_virtio_rng();

	if (!source) {
		pseudo_rng_init(&pseudo_rng, BOARD_PIT_PORT, BOARD_CMOS_PORT);
		source = &pseudo_rng.entropy;
	}
	rng_driver_init(&rng_driver, source);
}
