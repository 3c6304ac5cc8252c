# SPDX-License-Identifier: MIT
# SHA-256 and HMAC-SHA256 (lib/): unit-tested on the host against the FIPS/RFC vectors and
# OpenSSL.

# The sources themselves are in the Makefile's LIB_SRCS.
$(eval $(call unit_test,sha256,tests/unit/lib/test_sha256.c lib/sha256.c,-lcrypto))
$(eval $(call unit_test,hmac_sha256,tests/unit/lib/test_hmac_sha256.c lib/hmac_sha256.c \
	lib/sha256.c,-lcrypto))
