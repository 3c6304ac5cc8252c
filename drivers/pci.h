/* SPDX-License-Identifier: MIT */
/* PCI configuration space: access mechanism #1, a scan of the buses that exist, BARs, INTx. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"

/*
 * Type 0 and type 1 configuration header offsets (PCI Local Bus 3.0, 6.1; PCI-to-PCI Bridge
 * 1.2, 3.2). Every access is a whole aligned dword; the fields are picked out of it:
 *
 *   0x00  vendor id 15:0, device id 31:16
 *   0x04  command 15:0, status 31:16 (status bits are write-1-to-clear)
 *   0x08  revision 7:0, programming interface 15:8, subclass 23:16, class 31:24
 *   0x0c  cache line 7:0, latency 15:8, header type 23:16, BIST 31:24
 *   0x10  BARs: six in type 0, two in type 1
 *   0x18  type 1: primary bus 7:0, secondary 15:8, subordinate 23:16
 *   0x3c  interrupt line 7:0, interrupt pin 15:8 (0 none, 1-4 INTA-INTD)
 */
#define PCI_CFG_ID	  0x00
#define PCI_CFG_COMMAND	  0x04
#define PCI_CFG_CLASS	  0x08
#define PCI_CFG_HEADER	  0x0c
#define PCI_CFG_BAR0	  0x10
#define PCI_CFG_BUSES	  0x18
#define PCI_CFG_INTERRUPT 0x3c

#define PCI_VENDOR_NONE		 0xffff /* what an absent function's vendor id reads as */
#define PCI_HEADER_MULTIFUNCTION 0x80	/* function 0's header type: functions 1-7 may exist */
#define PCI_HEADER_TYPE_MASK	 0x7f
#define PCI_HEADER_BRIDGE	 0x01 /* PCI-to-PCI bridge */
#define PCI_IRQ_LINE_NONE	 0xff /* interrupt line register: no line assigned */

#define PCI_COMMAND_IO	       0x0001 /* decode the I/O BARs */
#define PCI_COMMAND_MEMORY     0x0002 /* decode the memory BARs */
#define PCI_COMMAND_BUS_MASTER 0x0004 /* the device may start DMA */

#define PCI_DEVICES_PER_BUS 32
#define PCI_FUNCTIONS	    8
#define PCI_BUSES	    256
#define PCI_BARS	    6
#define PCI_SCAN_MAX	    32 /* functions a scan records */

/* bus:device.function */
struct pci_bdf {
	uint8_t bus, dev, fn;
};

struct pci_config;

/* How configuration space is reached; a fake one lets the scan run on the host. */
struct pci_config_ops {
	/* Returns: the dword at offset (dword aligned, < 256); all ones for an absent function. */
	uint32_t (*read32)(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset);
	/* Writes the dword at offset (dword aligned, < 256). */
	void (*write32)(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset, uint32_t v);
};

struct pci_config {
	const struct pci_config_ops *ops;
};

static inline uint32_t pci_config_read32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset)
{
	return cfg->ops->read32(cfg, bdf, offset);
}

static inline void pci_config_write32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset,
				      uint32_t v)
{
	cfg->ops->write32(cfg, bdf, offset, v);
}

/* One function found by a scan. */
struct pci_device {
	struct pci_bdf bdf;
	uint16_t vendor_id, device_id;
	uint8_t class_code, subclass, prog_if;
	uint8_t header_type; /* without the multi-function bit */
	uint8_t irq_line;    /* as firmware routed it; PCI_IRQ_LINE_NONE if it did not */
	uint8_t irq_pin;     /* 0: uses no INTx; 1-4: INTA-INTD */
};

struct pci_scan {
	struct pci_device devices[PCI_SCAN_MAX];
	unsigned count;	       /* devices[0 .. count - 1] are valid */
	unsigned dropped;      /* functions found after devices[] was full */
	unsigned buses;	       /* buses enumerated: bus 0 and each one behind a bridge */
	unsigned config_reads; /* configuration dwords read by the scan */
};

/*
 * Enumerates bus 0 and, through every PCI-to-PCI bridge, the secondary bus firmware gave it:
 * device 0-31 of each bus, functions 1-7 only of multi-function devices. No other bus is
 * touched, so absent buses cost nothing. Bus numbers are firmware's: a bridge whose secondary
 * bus is not above its own bus, or was enumerated already, is recorded but not followed.
 * Returns: NONE; NOMEM if more than PCI_SCAN_MAX functions exist (the first ones are kept,
 * scan->dropped counts the rest).
 */
enum error_code pci_scan(struct pci_config *cfg, struct pci_scan *scan);

/* Returns: the first function with these ids, or NULL. */
const struct pci_device *pci_find(const struct pci_scan *scan, uint16_t vendor_id,
				  uint16_t device_id);

/* A base address register, as firmware programmed it (no sizing: that writes the BAR). */
struct pci_bar {
	bool io;	   /* I/O space (else memory) */
	bool prefetchable; /* memory only */
	uint32_t base;	   /* I/O port or physical address, flag bits cleared */
};

/*
 * Reads BAR index (0-5) of a type 0 function.
 * Returns: NONE; INVAL for a bad index or a function that is not type 0; NODEVICE if the BAR
 * is not implemented or not assigned (base 0); SIZE for a 64-bit BAR above 4 GiB.
 */
enum error_code pci_read_bar(struct pci_config *cfg, const struct pci_device *dev, unsigned index,
			     struct pci_bar *bar);

/* Sets bits (PCI_COMMAND_*) in the function's command register, leaving the others. */
void pci_enable(struct pci_config *cfg, const struct pci_device *dev, uint16_t bits);

/* Configuration mechanism #1: an address port (enable bit 31, bus, device, function, offset)
 * and a data port (PCI Local Bus 3.0, 3.2.2.3.2). */
struct pci_conf1 {
	struct pci_config config; /* what this fills */
	uint16_t address_port, data_port;
};

/*
 * Fills c->config for the ports (0xcf8 and 0xcfc on a PC) if a mechanism #1 host bridge
 * answers there (the address register reads back what was written).
 * Returns: NONE; NODEVICE if nothing answers (no PCI, or another mechanism).
 */
enum error_code pci_conf1_init(struct pci_conf1 *c, uint16_t address_port, uint16_t data_port);
