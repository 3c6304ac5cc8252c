# SPDX-License-Identifier: MIT
# SHA-256 and HMAC-SHA256 (lib/): linked into the loader and the kernel, unit-tested on the
# host against the FIPS/RFC vectors and OpenSSL.

# Included after LIB_SRCS has been expanded into the lists below, so append to them directly.
LIB_SRCS += lib/sha256.c lib/hmac_sha256.c
LOADER_SRCS += lib/sha256.c
KERNEL_SRCS += lib/sha256.c lib/hmac_sha256.c

$(eval $(call unit_test,sha256,tests/unit/lib/test_sha256.c lib/sha256.c,-lcrypto))
$(eval $(call unit_test,hmac_sha256,tests/unit/lib/test_hmac_sha256.c lib/hmac_sha256.c \
	lib/sha256.c,-lcrypto))
