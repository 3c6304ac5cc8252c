/* SPDX-License-Identifier: MIT */
/* PC power control behind the power HIL: emulator exit ports and the 8042 reset line. */
#pragma once

#include <stdint.h>

#include "kernel/hil/power.h"
#include "lib/compiler.h"

struct pc_power {
	struct hil_power power;	  /* the HIL this driver fills */
	uint16_t debug_exit_port; /* QEMU isa-debug-exit: writing v exits with (v << 1) | 1 */
	uint16_t bochs_port;	  /* Bochs: the string "Shutdown" written here powers off */
	uint16_t kbc_port;	  /* 8042 command port: 0xfe pulses the CPU reset line */
	uint8_t exit_codes[4];	  /* debug-exit value for each enum power_status */
};

void pc_power_init(struct pc_power *p);

/* The same shutdown with no kernel around (the loader). */
NORETURN void pc_power_shutdown(const struct pc_power *p, enum power_status status);
