# SPDX-License-Identifier: MIT
# SHA (0x40005) and HMAC (0x40003) for apps: the digest HIL in software (drivers/soft_digest.c,
# over lib/sha256 and lib/hmac_sha256, the loaders' own code) and the two syscall drivers.
# platform/<name>/digest.c wires them. An optional part (Makefile's OPTIONS): CONFIG_DIGEST.

OPTIONAL_SRCS_DIGEST += drivers/soft_digest.c capsules/digest_driver.c capsules/sha.c \
	capsules/hmac.c

# ---- tests ----------------------------------------------------------------------------------

# The engine against the FIPS 180-2 and RFC 4231 vectors and, on random inputs, OpenSSL.
$(eval $(call unit_test,soft_digest,tests/unit/drivers/test_soft_digest.c drivers/soft_digest.c \
	lib/sha256.c lib/hmac_sha256.c tests/unit/fake_deferred_call.c tests/unit/fake_panic.c,-lcrypto))
# The drivers over a fake kernel, with the software engine and with a scripted fake one.
$(eval $(call unit_test,digest_driver,tests/unit/capsules/test_digest_driver.c \
	capsules/digest_driver.c capsules/sha.c capsules/hmac.c drivers/soft_digest.c lib/sha256.c \
	lib/hmac_sha256.c tests/unit/fake_deferred_call.c tests/unit/fake_panic.c))

# The boot test's app (tests/boot/test_digest.sh): digests through the syscalls, printed.
$(eval $(call app_rules,digest_probe,tests/boot/apps/digest_probe,$(B)/test/apps))
I586_BINS += $(B)/test/apps/digest_probe.elf
all: $(B)/test/apps/digest_probe.tbf
test: $(B)/test/apps/digest_probe.tbf
