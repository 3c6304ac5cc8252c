/* SPDX-License-Identifier: MIT */
/* qemu-pc: the RNG driver (0x40001) over virtio-rng on PCI, or the pseudo-random fallback. */
#pragma once

/*
 * Scans PCI, starts virtio-rng if the scan found one and the SHA-256 fallback otherwise (it
 * prints that it is not a true entropy source), and registers the RNG driver over it. Call
 * once, after the interrupt controller and the PIT are set up and before processes start.
 */
void platform_rng_init(void);
