/* SPDX-License-Identifier: MIT */
/* Cascaded 8259A pair (Intel 8259A data sheet: ICW1-4, OCW2 EOI, OCW3 ISR read). */
#include "drivers/i8259.h"

#include "arch/x86/io.h"
#include "lib/compiler.h"

#define CMD  0 /* command port offset */
#define DATA 1 /* data (mask) port offset */

#define ICW1_INIT 0x11 /* init, cascade, edge-triggered, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI  0x20 /* non-specific end of interrupt */
#define OCW3_ISR  0x0b /* next read of the command port returns the in-service register */
#define CASCADE	  2    /* master line the slave is wired to */

static struct i8259 *to_i8259(struct hil_intc *intc)
{
	return container_of(intc, struct i8259, intc);
}

/* Masks change at boot and for stray lines only: cold code, out of line. */
static COLD void write_masks(struct i8259 *pic)
{
	outb(pic->master_port + DATA, pic->mask & 0xff);
	outb(pic->slave_port + DATA, pic->mask >> 8);
}

static COLD void enable(struct hil_intc *intc, unsigned line)
{
	struct i8259 *pic = to_i8259(intc);

	pic->mask &= (uint16_t) ~(1u << line);
	write_masks(pic);
}

static COLD void disable(struct hil_intc *intc, unsigned line)
{
	struct i8259 *pic = to_i8259(intc);

	if (line == CASCADE)
		return; /* the slave hangs off it */
	pic->mask |= (uint16_t)(1u << line);
	write_masks(pic);
}

static uint8_t in_service(uint16_t cmd_port)
{
	outb(cmd_port, OCW3_ISR);
	return inb(cmd_port);
}

static bool acknowledge(struct hil_intc *intc, unsigned line)
{
	struct i8259 *pic = to_i8259(intc);

	/*
	 * Lines 7 and 15 are where a request withdrawn before the CPU's acknowledge shows up;
	 * the in-service bit tells a real one from a spurious one, which must not get an EOI
	 * from its own chip (a spurious slave one still owes the master its EOI).
	 */
	if (line == 7 && !(in_service(pic->master_port + CMD) & 0x80))
		return false;
	if (line == 15 && !(in_service(pic->slave_port + CMD) & 0x80)) {
		outb(pic->master_port + CMD, OCW2_EOI);
		return false;
	}
	if (line >= 8)
		outb(pic->slave_port + CMD, OCW2_EOI);
	outb(pic->master_port + CMD, OCW2_EOI);
	return true;
}

static const struct hil_intc_ops i8259_ops = {
    .enable = enable,
    .disable = disable,
    .acknowledge = acknowledge,
};

COLD void i8259_init(struct i8259 *pic, uint16_t master_port, uint16_t slave_port, uint8_t base)
{
	/* The initialization sequence, master and slave in turn, a pause after every write. */
	const uint8_t icw[4][2] = {
	    {ICW1_INIT, ICW1_INIT},
	    {base, (uint8_t)(base + 8)}, /* ICW2: vector base */
	    {1u << CASCADE, CASCADE},	 /* ICW3: slave on line 2; the slave's identity */
	    {ICW4_8086, ICW4_8086},
	};

	pic->intc.ops = &i8259_ops;
	pic->intc.lines = 16;
	pic->master_port = master_port;
	pic->slave_port = slave_port;
	pic->mask = (uint16_t) ~(1u << CASCADE);

	for (unsigned i = 0; i < ARRAY_SIZE(icw); i++) {
		uint16_t offset = i == 0 ? CMD : DATA; /* ICW1 goes to the command port */

		outb(master_port + offset, icw[i][0]);
		io_delay();
		outb(slave_port + offset, icw[i][1]);
		io_delay();
	}
	write_masks(pic);
}
