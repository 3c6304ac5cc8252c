/* SPDX-License-Identifier: MIT */
/* PCI configuration space (PCI Local Bus 3.0, chapter 6; PCI-to-PCI Bridge 1.2, chapter 3). */
#include "drivers/pci.h"

#include <stddef.h>

#include "arch/x86/io.h"
#include "lib/compiler.h"

/* ---- the scan ---- */

struct scan_state {
	struct pci_config *cfg;
	struct pci_scan *out;
	uint32_t seen[PCI_BUSES / 32]; /* buses enumerated or queued */
	uint8_t queue[PCI_BUSES];      /* buses still to enumerate */
	unsigned head, tail;
};

static uint32_t read32(struct scan_state *s, struct pci_bdf bdf, uint8_t offset)
{
	s->out->config_reads++;
	return pci_config_read32(s->cfg, bdf, offset);
}

static bool seen(const struct scan_state *s, unsigned bus)
{
	return s->seen[bus / 32] & (1u << (bus % 32));
}

static void queue_bus(struct scan_state *s, unsigned bus)
{
	s->seen[bus / 32] |= 1u << (bus % 32);
	s->queue[s->tail++] = (uint8_t)bus; /* each bus at most once: never more than 256 */
}

/* Records a present function (its id dword already read) and follows it if it is a bridge. */
static void add_function(struct scan_state *s, struct pci_bdf bdf, uint32_t id, uint8_t header)
{
	uint32_t class = read32(s, bdf, PCI_CFG_CLASS);
	uint32_t irq = read32(s, bdf, PCI_CFG_INTERRUPT);
	struct pci_device d = {
	    .bdf = bdf,
	    .vendor_id = (uint16_t)id,
	    .device_id = (uint16_t)(id >> 16),
	    .class_code = (uint8_t)(class >> 24),
	    .subclass = (uint8_t)(class >> 16),
	    .prog_if = (uint8_t)(class >> 8),
	    .header_type = header & PCI_HEADER_TYPE_MASK,
	    .irq_line = (uint8_t)irq,
	    .irq_pin = (uint8_t)(irq >> 8),
	};

	if (s->out->count < PCI_SCAN_MAX)
		s->out->devices[s->out->count++] = d;
	else
		s->out->dropped++;

	if (d.header_type == PCI_HEADER_BRIDGE) {
		unsigned secondary = (read32(s, bdf, PCI_CFG_BUSES) >> 8) & 0xff;

		/* 0 means firmware left it unnumbered; a lower number would loop. */
		if (secondary > bdf.bus && !seen(s, secondary))
			queue_bus(s, secondary);
	}
}

static void scan_bus(struct scan_state *s, uint8_t bus)
{
	s->out->buses++;
	for (uint8_t dev = 0; dev < PCI_DEVICES_PER_BUS; dev++) {
		for (uint8_t fn = 0; fn < PCI_FUNCTIONS; fn++) {
			struct pci_bdf bdf = {bus, dev, fn};
			uint32_t id = read32(s, bdf, PCI_CFG_ID);

			/* No function 0: no device, and no other function either. */
			if ((uint16_t)id == PCI_VENDOR_NONE && fn == 0)
				break;
			if ((uint16_t)id == PCI_VENDOR_NONE)
				continue;
			uint8_t header = (uint8_t)(read32(s, bdf, PCI_CFG_HEADER) >> 16);

			add_function(s, bdf, id, header);
			/* Function 0's header says whether there are others. */
			if (fn == 0 && !(header & PCI_HEADER_MULTIFUNCTION))
				break;
		}
	}
}

enum error_code pci_scan(struct pci_config *cfg, struct pci_scan *scan)
{
	struct scan_state s = {.cfg = cfg, .out = scan};

	*scan = (struct pci_scan){0};
	queue_bus(&s, 0);
	while (s.head < s.tail)
		scan_bus(&s, s.queue[s.head++]);
	return scan->dropped ? ERROR_NOMEM : ERROR_NONE;
}

const struct pci_device *pci_find(const struct pci_scan *scan, uint16_t vendor_id,
				  uint16_t device_id)
{
	for (unsigned i = 0; i < scan->count; i++)
		if (scan->devices[i].vendor_id == vendor_id &&
		    scan->devices[i].device_id == device_id)
			return &scan->devices[i];
	return NULL;
}

/* ---- BARs and the command register ---- */

#define BAR_IO		 0x1u
#define BAR_MEM_TYPE	 0x6u /* 0: 32-bit, 2: 64-bit */
#define BAR_MEM_64	 0x4u
#define BAR_PREFETCHABLE 0x8u

enum error_code pci_read_bar(struct pci_config *cfg, const struct pci_device *dev, unsigned index,
			     struct pci_bar *bar)
{
	if (index >= PCI_BARS || dev->header_type != 0)
		return ERROR_INVAL;
	uint8_t offset = (uint8_t)(PCI_CFG_BAR0 + 4 * index);
	uint32_t v = pci_config_read32(cfg, dev->bdf, offset);

	if (v & BAR_IO) {
		*bar = (struct pci_bar){.io = true, .base = v & ~0x3u};
	} else {
		if ((v & BAR_MEM_TYPE) == BAR_MEM_64 &&
		    (index + 1 >= PCI_BARS ||
		     pci_config_read32(cfg, dev->bdf, (uint8_t)(offset + 4)) != 0))
			return ERROR_SIZE;
		*bar = (struct pci_bar){.prefetchable = v & BAR_PREFETCHABLE, .base = v & ~0xfu};
	}
	return bar->base ? ERROR_NONE : ERROR_NODEVICE;
}

void pci_enable(struct pci_config *cfg, const struct pci_device *dev, uint16_t bits)
{
	uint32_t v = pci_config_read32(cfg, dev->bdf, PCI_CFG_COMMAND);

	/* The status half is write-1-to-clear: write zeros there so no status bit changes. */
	pci_config_write32(cfg, dev->bdf, PCI_CFG_COMMAND, (v & 0xffffu) | bits);
}

/* ---- configuration mechanism #1 ---- */

#define CONF1_ENABLE 0x80000000u

static uint32_t conf1_address(struct pci_bdf bdf, uint8_t offset)
{
	return CONF1_ENABLE | (uint32_t)bdf.bus << 16 | (uint32_t)(bdf.dev & 0x1f) << 11 |
	       (uint32_t)(bdf.fn & 0x7) << 8 | (offset & 0xfcu);
}

static uint32_t conf1_read32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset)
{
	struct pci_conf1 *c = container_of(cfg, struct pci_conf1, config);

	outl(c->address_port, conf1_address(bdf, offset));
	return inl(c->data_port);
}

static void conf1_write32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset, uint32_t v)
{
	struct pci_conf1 *c = container_of(cfg, struct pci_conf1, config);

	outl(c->address_port, conf1_address(bdf, offset));
	outl(c->data_port, v);
}

static const struct pci_config_ops conf1_ops = {
    .read32 = conf1_read32,
    .write32 = conf1_write32,
};

enum error_code pci_conf1_init(struct pci_conf1 *c, uint16_t address_port, uint16_t data_port)
{
	uint32_t saved = inl(address_port);
	bool answers;

	/* Only a mechanism #1 bridge keeps a full dword with the enable bit at this port. */
	outl(address_port, CONF1_ENABLE);
	answers = inl(address_port) == CONF1_ENABLE;
	outl(address_port, saved);
	if (!answers)
		return ERROR_NODEVICE;
	c->config.ops = &conf1_ops;
	c->address_port = address_port;
	c->data_port = data_port;
	return ERROR_NONE;
}
