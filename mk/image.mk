# SPDX-License-Identifier: MIT
# The firmware image format (loader/image.c): its fuzzer and corpus replay.
$(eval $(call fuzzer,image,loader/image.c lib/sha256.c lib/error.c))
