/* SPDX-License-Identifier: MIT */
/* Boot options from the command line. */
#include "kernel/boot_options.h"

#include "lib/string.h"

bool boot_option(const char *cmdline, const char *key, const char **value, size_t *value_len)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - word) > klen && !strncmp(word, key, klen) && word[klen] == '=') {
			*value = word + klen + 1;
			*value_len = (size_t)(p - *value);
			return true;
		}
	}
	return false;
}
