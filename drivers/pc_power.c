/* SPDX-License-Identifier: MIT */
/* PC power control: emulator exit ports (QEMU isa-debug-exit, Bochs 0x8900) and 8042 reset. */
#include "drivers/pc_power.h"

#include "arch/x86/io.h"

static NORETURN void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void pc_power_shutdown(const struct pc_power *p, enum power_status status)
{
	static const char bochs_shutdown[] = "Shutdown";

	outb(p->debug_exit_port, p->exit_codes[status & 3]);
	for (const char *c = bochs_shutdown; *c; c++)
		outb(p->bochs_port, (uint8_t)*c);
	/* Real hardware has neither: stop here. */
	halt_forever();
	__builtin_unreachable();
}

static NORETURN void shutdown(struct hil_power *power, enum power_status status)
{
	pc_power_shutdown(container_of(power, struct pc_power, power), status);
}

static NORETURN void reboot(struct hil_power *power)
{
	struct pc_power *p = container_of(power, struct pc_power, power);

	outb(p->kbc_port, 0xfe);
	halt_forever();
	__builtin_unreachable();
}

static const struct hil_power_ops pc_power_ops = {
    .shutdown = shutdown,
    .reboot = reboot,
};

void pc_power_init(struct pc_power *p)
{
	p->power.ops = &pc_power_ops;
}
