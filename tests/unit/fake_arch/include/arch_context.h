/* SPDX-License-Identifier: MIT */
/* Host unit tests: a stand-in for the architecture's per-process context. */
#pragma once

#include <stdint.h>

struct arch_context {
	uint32_t pc, sp, class_reg; /* what the fake arch layer lets tests set and read */
	unsigned trap;		    /* the trap the next arch_run reports */
};
