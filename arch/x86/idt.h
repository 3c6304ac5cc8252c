/* SPDX-License-Identifier: MIT */
/* The IDT: 256 gates into the one trap path. */
#pragma once

/* Fills all 256 gates (interrupt gates, DPL 0, except the syscall gate at DPL 3) and loads it. */
void x86_idt_init(void);

/* Maps the page holding gates 0-6 read-only (the F00F workaround); before paging is enabled. */
void x86_idt_protect(void);
