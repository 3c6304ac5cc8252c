/* SPDX-License-Identifier: MIT */
/* The PCI scan against a fake configuration space that counts every read. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "drivers/pci.h"

/* ---- the fake configuration space ---- */

#define FAKE_FUNCTIONS 48

struct fake_fn {
	struct pci_bdf bdf;
	uint32_t cfg[64]; /* 256 bytes of configuration space */
};

static struct fake_fn fns[FAKE_FUNCTIONS];
static unsigned nfns;
static unsigned reads[PCI_BUSES][PCI_DEVICES_PER_BUS][PCI_FUNCTIONS];
static unsigned total_reads, writes;
static uint8_t last_write_offset;
static uint32_t last_write_value;

static struct fake_fn *lookup(struct pci_bdf bdf)
{
	for (unsigned i = 0; i < nfns; i++)
		if (fns[i].bdf.bus == bdf.bus && fns[i].bdf.dev == bdf.dev &&
		    fns[i].bdf.fn == bdf.fn)
			return &fns[i];
	return NULL;
}

static uint32_t fake_read32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset)
{
	struct fake_fn *f = lookup(bdf);

	(void)cfg;
	assert_true(offset % 4 == 0);
	assert_true(bdf.dev < PCI_DEVICES_PER_BUS && bdf.fn < PCI_FUNCTIONS);
	reads[bdf.bus][bdf.dev][bdf.fn]++;
	total_reads++;
	return f ? f->cfg[offset / 4] : 0xffffffffu;
}

static void fake_write32(struct pci_config *cfg, struct pci_bdf bdf, uint8_t offset, uint32_t v)
{
	struct fake_fn *f = lookup(bdf);

	(void)cfg;
	assert_non_null(f);
	writes++;
	last_write_offset = offset;
	last_write_value = v;
	/* Like hardware: status bits written with 1 clear, the command half is stored. */
	if (offset == PCI_CFG_COMMAND)
		f->cfg[1] = (f->cfg[1] & ~v & 0xffff0000u) | (v & 0xffffu);
	else
		f->cfg[offset / 4] = v;
}

static const struct pci_config_ops fake_ops = {.read32 = fake_read32, .write32 = fake_write32};
static struct pci_config fake = {.ops = &fake_ops};

static struct fake_fn *add(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t vendor, uint16_t device,
			   uint8_t class_code, uint8_t subclass, uint8_t header)
{
	struct fake_fn *f = &fns[nfns++];

	assert_true(nfns <= FAKE_FUNCTIONS);
	memset(f, 0, sizeof(*f));
	f->bdf = (struct pci_bdf){bus, dev, fn};
	f->cfg[PCI_CFG_ID / 4] = (uint32_t)device << 16 | vendor;
	f->cfg[PCI_CFG_CLASS / 4] = (uint32_t)class_code << 24 | (uint32_t)subclass << 16 | 0x01;
	f->cfg[PCI_CFG_HEADER / 4] = (uint32_t)header << 16;
	f->cfg[PCI_CFG_INTERRUPT / 4] = 0x01ff; /* pin A, no line */
	return f;
}

static struct fake_fn *add_bridge(uint8_t bus, uint8_t dev, uint8_t secondary)
{
	struct fake_fn *f = add(bus, dev, 0, 0x1b36, 0x0001, 0x06, 0x04, PCI_HEADER_BRIDGE);

	f->cfg[PCI_CFG_BUSES / 4] = (uint32_t)secondary << 16 | (uint32_t)secondary << 8 | bus;
	return f;
}

static unsigned reads_on_bus(unsigned bus)
{
	unsigned n = 0;

	for (unsigned d = 0; d < PCI_DEVICES_PER_BUS; d++)
		for (unsigned f = 0; f < PCI_FUNCTIONS; f++)
			n += reads[bus][d][f];
	return n;
}

/* The QEMU i440fx bus 0: host bridge, PIIX3 (ISA, IDE, ACPI at functions 0, 1, 3), VGA,
 * e1000, and virtio-rng at 00:04.0 on INTA routed to IRQ 11. */
static void qemu_bus0(void)
{
	add(0, 0, 0, 0x8086, 0x1237, 0x06, 0x00, 0);
	add(0, 1, 0, 0x8086, 0x7000, 0x06, 0x01, PCI_HEADER_MULTIFUNCTION);
	add(0, 1, 1, 0x8086, 0x7010, 0x01, 0x01, 0);
	add(0, 1, 3, 0x8086, 0x7113, 0x06, 0x80, 0);
	add(0, 2, 0, 0x1234, 0x1111, 0x03, 0x00, 0);
	add(0, 3, 0, 0x8086, 0x100e, 0x02, 0x00, 0);
	struct fake_fn *rng = add(0, 4, 0, 0x1af4, 0x1005, 0x00, 0xff, 0);

	rng->cfg[PCI_CFG_BAR0 / 4] = 0xc041; /* I/O at 0xc040 */
	rng->cfg[PCI_CFG_INTERRUPT / 4] = 0x010b;
}

static int reset(void **state)
{
	(void)state;
	nfns = 0;
	memset(reads, 0, sizeof(reads));
	total_reads = writes = 0;
	return 0;
}

/* ---- the scan ---- */

static void test_empty_bus_costs_one_read_per_device_slot(void **state)
{
	struct pci_scan scan;

	(void)state;
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 0);
	assert_int_equal(scan.buses, 1);
	assert_int_equal(scan.config_reads, 32);
	assert_int_equal(total_reads, 32);
	for (unsigned d = 0; d < PCI_DEVICES_PER_BUS; d++)
		assert_int_equal(reads[0][d][0], 1);
}

static void test_qemu_bus0_finds_every_function_and_nothing_else(void **state)
{
	struct pci_scan scan;

	(void)state;
	qemu_bus0();
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 7);
	assert_int_equal(scan.dropped, 0);
	assert_int_equal(scan.buses, 1);
	const struct pci_bdf expect[] = {{0, 0, 0}, {0, 1, 0}, {0, 1, 1}, {0, 1, 3},
					 {0, 2, 0}, {0, 3, 0}, {0, 4, 0}};
	for (unsigned i = 0; i < 7; i++) {
		assert_int_equal(scan.devices[i].bdf.bus, expect[i].bus);
		assert_int_equal(scan.devices[i].bdf.dev, expect[i].dev);
		assert_int_equal(scan.devices[i].bdf.fn, expect[i].fn);
	}
	const struct pci_device *rng = pci_find(&scan, 0x1af4, 0x1005);

	assert_non_null(rng);
	assert_int_equal(rng->bdf.dev, 4);
	assert_int_equal(rng->class_code, 0x00);
	assert_int_equal(rng->subclass, 0xff);
	assert_int_equal(rng->header_type, 0);
	assert_int_equal(rng->irq_line, 11);
	assert_int_equal(rng->irq_pin, 1);
	assert_int_equal(scan.devices[1].header_type, 0); /* the multi-function bit is masked */
	/*
	 * 32 vendor reads, 3 more (header, class, interrupt) per function, and the 7 other
	 * functions of the one multi-function device: 32 + 7 * 3 + 7 = 60 reads, against
	 * 65,536 functions for a brute-force probe of every bus.
	 */
	assert_int_equal(scan.config_reads, 60);
	assert_int_equal(total_reads, 60);
	assert_int_equal(reads_on_bus(0), 60);
	for (unsigned b = 1; b < PCI_BUSES; b++)
		assert_int_equal(reads_on_bus(b), 0);
}

static void test_missing_device_is_not_found(void **state)
{
	struct pci_scan scan;

	(void)state;
	qemu_bus0();
	fns[nfns - 1].cfg[0] = 0xffffffffu; /* virtio-rng unplugged */
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 6);
	assert_null(pci_find(&scan, 0x1af4, 0x1005));
	assert_null(pci_find(&scan, 0x8086, 0xffff));
	assert_non_null(pci_find(&scan, 0x8086, 0x7010));
}

static void test_single_function_device_gets_no_probe_of_functions_1_to_7(void **state)
{
	struct pci_scan scan;

	(void)state;
	/* An old device that ignores the function number would answer on all eight. */
	for (uint8_t fn = 0; fn < 8; fn++)
		add(0, 5, fn, 0x10ec, 0x8139, 0x02, 0x00, 0);
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 1);
	for (unsigned fn = 1; fn < 8; fn++)
		assert_int_equal(reads[0][5][fn], 0);
}

static void test_multifunction_device_functions_with_gaps_are_all_found(void **state)
{
	struct pci_scan scan;

	(void)state;
	add(0, 7, 0, 0x8086, 0x2415, 0x04, 0x01, PCI_HEADER_MULTIFUNCTION);
	add(0, 7, 2, 0x8086, 0x2416, 0x04, 0x01, 0);
	add(0, 7, 7, 0x8086, 0x2417, 0x04, 0x01, 0);
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 3);
	assert_int_equal(scan.devices[1].bdf.fn, 2);
	assert_int_equal(scan.devices[2].bdf.fn, 7);
	for (unsigned fn = 1; fn < 8; fn++)
		assert_int_equal(reads[0][7][fn], fn == 2 || fn == 7 ? 4 : 1);
	assert_int_equal(scan.config_reads, 32 + 3 * 3 + 7);
}

static void test_bridge_leads_to_bus_1_and_only_there(void **state)
{
	struct pci_scan scan;

	(void)state;
	add(0, 0, 0, 0x8086, 0x1237, 0x06, 0x00, 0);
	add_bridge(0, 0x1e, 1);
	add(1, 0, 0, 0x1af4, 0x1005, 0x00, 0xff, 0);
	add(1, 3, 0, 0x8086, 0x100e, 0x02, 0x00, 0);
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.buses, 2);
	assert_int_equal(scan.count, 4);
	const struct pci_device *rng = pci_find(&scan, 0x1af4, 0x1005);

	assert_non_null(rng);
	assert_int_equal(rng->bdf.bus, 1);
	assert_int_equal(scan.devices[1].header_type, PCI_HEADER_BRIDGE);
	/* Bus 0: 32 + 2 functions * 3 + the bridge's bus numbers; bus 1: 32 + 2 * 3. */
	assert_int_equal(reads_on_bus(0), 32 + 6 + 1);
	assert_int_equal(reads_on_bus(1), 32 + 6);
	for (unsigned b = 2; b < PCI_BUSES; b++)
		assert_int_equal(reads_on_bus(b), 0);
	assert_int_equal(scan.config_reads, total_reads);
}

static void test_nested_bridges_are_followed(void **state)
{
	struct pci_scan scan;

	(void)state;
	add_bridge(0, 1, 1);
	add_bridge(1, 2, 2);
	add(2, 9, 0, 0x1af4, 0x1005, 0x00, 0xff, 0);
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.buses, 3);
	assert_non_null(pci_find(&scan, 0x1af4, 0x1005));
	assert_int_equal(pci_find(&scan, 0x1af4, 0x1005)->bdf.bus, 2);
	for (unsigned b = 3; b < PCI_BUSES; b++)
		assert_int_equal(reads_on_bus(b), 0);
}

static void test_unnumbered_or_looping_bridges_are_not_followed(void **state)
{
	struct pci_scan scan;

	(void)state;
	add_bridge(0, 1, 0); /* firmware never numbered it */
	add_bridge(0, 2, 3); /* a good one */
	add_bridge(3, 0, 3); /* points at its own bus */
	add_bridge(3, 1, 0); /* points back at bus 0 */
	add_bridge(0, 4, 3); /* a second way to bus 3 */
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NONE);
	assert_int_equal(scan.count, 5); /* every bridge is recorded */
	assert_int_equal(scan.buses, 2); /* bus 0 once, bus 3 once */
	assert_int_equal(reads_on_bus(3), 32 + 2 * 4);
	for (unsigned d = 0; d < PCI_DEVICES_PER_BUS; d++)
		assert_int_equal(reads[0][d][0], d == 1 || d == 2 || d == 4 ? 5 : 1);
}

static void test_more_functions_than_the_table_holds_says_nomem(void **state)
{
	struct pci_scan scan;

	(void)state;
	for (uint8_t dev = 0; dev < 5; dev++)
		for (uint8_t fn = 0; fn < 8; fn++)
			add(0, dev, fn, 0x8086, (uint16_t)(dev * 8 + fn), 0x04, 0x01,
			    fn ? 0 : PCI_HEADER_MULTIFUNCTION);
	assert_int_equal(pci_scan(&fake, &scan), ERROR_NOMEM);
	assert_int_equal(scan.count, PCI_SCAN_MAX);
	assert_int_equal(scan.dropped, 40 - PCI_SCAN_MAX);
	assert_int_equal(scan.devices[PCI_SCAN_MAX - 1].device_id, PCI_SCAN_MAX - 1);
}

static void test_scan_makes_no_writes(void **state)
{
	struct pci_scan scan;

	(void)state;
	qemu_bus0();
	add_bridge(0, 8, 1);
	pci_scan(&fake, &scan);
	assert_int_equal(writes, 0);
}

/* ---- BARs and the command register ---- */

static void test_bars_io_memory_and_bad_ones(void **state)
{
	struct pci_scan scan;
	struct pci_bar bar;

	(void)state;
	struct fake_fn *f = add(0, 3, 0, 0x1af4, 0x1005, 0x00, 0xff, 0);

	f->cfg[4] = 0xc041;	/* BAR0: I/O 0xc040 */
	f->cfg[5] = 0xfebf1000; /* BAR1: 32-bit memory */
	f->cfg[6] = 0xfe00000c; /* BAR2: 64-bit prefetchable, below 4 GiB */
	f->cfg[7] = 0;		/*       its upper half */
	f->cfg[8] = 0x0000000c; /* BAR4: 64-bit ... */
	f->cfg[9] = 0x1;	/*       above 4 GiB */
	add_bridge(0, 4, 1);
	pci_scan(&fake, &scan);

	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 0, &bar), ERROR_NONE);
	assert_true(bar.io);
	assert_int_equal(bar.base, 0xc040);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 1, &bar), ERROR_NONE);
	assert_false(bar.io);
	assert_false(bar.prefetchable);
	assert_int_equal(bar.base, 0xfebf1000);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 2, &bar), ERROR_NONE);
	assert_true(bar.prefetchable);
	assert_int_equal(bar.base, 0xfe000000);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 3, &bar), ERROR_NODEVICE);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 4, &bar), ERROR_SIZE);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[0], 6, &bar), ERROR_INVAL);
	assert_int_equal(pci_read_bar(&fake, &scan.devices[1], 0, &bar), ERROR_INVAL); /* bridge */
}

static void test_enable_sets_bits_and_clears_no_status(void **state)
{
	struct pci_scan scan;

	(void)state;
	struct fake_fn *f = add(0, 3, 0, 0x1af4, 0x1005, 0x00, 0xff, 0);

	f->cfg[1] = 0xf9000002; /* status: error bits set (write-1-to-clear); memory on */
	pci_scan(&fake, &scan);
	pci_enable(&fake, &scan.devices[0], PCI_COMMAND_IO | PCI_COMMAND_BUS_MASTER);
	assert_int_equal(writes, 1);
	assert_int_equal(last_write_offset, PCI_CFG_COMMAND);
	assert_int_equal(last_write_value, 0x0007);
	assert_int_equal(f->cfg[1], 0xf9000007);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_empty_bus_costs_one_read_per_device_slot, reset),
	    cmocka_unit_test_setup(test_qemu_bus0_finds_every_function_and_nothing_else, reset),
	    cmocka_unit_test_setup(test_missing_device_is_not_found, reset),
	    cmocka_unit_test_setup(test_single_function_device_gets_no_probe_of_functions_1_to_7,
				   reset),
	    cmocka_unit_test_setup(test_multifunction_device_functions_with_gaps_are_all_found,
				   reset),
	    cmocka_unit_test_setup(test_bridge_leads_to_bus_1_and_only_there, reset),
	    cmocka_unit_test_setup(test_nested_bridges_are_followed, reset),
	    cmocka_unit_test_setup(test_unnumbered_or_looping_bridges_are_not_followed, reset),
	    cmocka_unit_test_setup(test_more_functions_than_the_table_holds_says_nomem, reset),
	    cmocka_unit_test_setup(test_scan_makes_no_writes, reset),
	    cmocka_unit_test_setup(test_bars_io_memory_and_bad_ones, reset),
	    cmocka_unit_test_setup(test_enable_sets_bits_and_clears_no_status, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
