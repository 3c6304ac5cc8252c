# SPDX-License-Identifier: MIT
# qemu-pc's sources, and which optional kernel parts (Makefile's OPTIONS) it has by default.
# Override on the command line, e.g. make CONFIG_RNG=n; make bench measures the kernel with
# none of them (bench: kernel_text_lean).

PLATFORM_SRCS := platform/qemu-pc/main.c

# The RNG driver (0x40001): a PCI scan, virtio-rng, and the SHA-256 fallback.
CONFIG_RNG ?= y
OPTIONAL_SRCS_RNG += platform/qemu-pc/rng.c

# The SHA (0x40005) and HMAC (0x40003) drivers over the software digest engine.
CONFIG_DIGEST ?= y
OPTIONAL_SRCS_DIGEST += platform/qemu-pc/digest.c

# The boot self-tests a kernel command line asks for (selftest=...; the GRUB and Bochs tests).
CONFIG_SELFTEST ?= y
