/* SPDX-License-Identifier: MIT */
/* The serial console: a line-based shell over the UART HIL (the interactive side of `make run`). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/hil/power.h"
#include "kernel/hil/time.h"
#include "capsules/uart_rx_mux.h"

#define PROCESS_CONSOLE_LINE_BYTES 80

struct process_console {
	struct uart_rx_listener input; /* bytes typed; output goes through kprintf */
	struct hil_alarm *time;	       /* for uptime (read only: no alarm is armed) */
	struct hil_power *power;       /* for reboot and poweroff */
	char line[PROCESS_CONSOLE_LINE_BYTES];
	size_t line_len;
	bool overlong; /* the current line overflowed: it is reported, not run */
	bool last_cr;  /* the previous byte was CR */
};

/* Prints the prompt and starts reading; never blocks. */
void process_console_start(struct process_console *pc, struct uart_rx_mux *input,
			   struct hil_alarm *time, struct hil_power *power);

/* Runs one command line as if typed (also used by the unit tests). */
void process_console_execute(struct process_console *pc, const char *line);
