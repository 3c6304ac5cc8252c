/* SPDX-License-Identifier: MIT */
/* Boot options: space-separated key=value words of the loader's command line. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * Finds key=value in cmdline (words without '=' are skipped, e.g. the loader's file name).
 * Returns: true and the value (not NUL-terminated) if found.
 */
bool boot_option(const char *cmdline, const char *key, const char **value, size_t *value_len);
