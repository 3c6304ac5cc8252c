# SPDX-License-Identifier: MIT
# Randomness (issue 5): the entropy HIL's sources (virtio-rng found by a PCI scan, and the
# pseudo-random fallback), the RNG driver 0x40001, their host unit tests, and the rng_probe app
# that tests/boot/test_rng.sh boots. The qemu-pc wiring is platform/qemu-pc/rng.c. An optional
# part (Makefile's OPTIONS): CONFIG_RNG.

OPTIONAL_SRCS_RNG += drivers/pci.c drivers/virtqueue.c drivers/virtio_rng.c drivers/pseudo_rng.c \
	capsules/rng.c

$(eval $(call unit_test,pci,tests/unit/drivers/test_pci.c drivers/pci.c))
$(eval $(call unit_test,virtqueue,tests/unit/drivers/test_virtqueue.c drivers/virtqueue.c))
$(eval $(call unit_test,pseudo_rng,tests/unit/drivers/test_pseudo_rng.c drivers/pseudo_rng.c \
	lib/sha256.c kernel/deferred_call.c tests/unit/fake_panic.c))
$(eval $(call unit_test,rng,tests/unit/capsules/test_rng.c capsules/rng.c))

# The boot test's app: asks for 64 random bytes twice and prints them in hex.
$(eval $(call app_rules,rng_probe,tests/boot/apps/rng_probe,$(B)/test/apps))
I586_BINS += $(B)/test/apps/rng_probe.elf
all: $(B)/test/apps/rng_probe.tbf
test: $(B)/test/apps/rng_probe.tbf
