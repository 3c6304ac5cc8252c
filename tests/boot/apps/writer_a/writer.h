/* SPDX-License-Identifier: MIT */
/* Test app body shared by writer_a and writer_b: long console writes, many times, so two
 * copies' writes would interleave if the console driver let them. */
#include "apps/runtime/console.h"

#define LINE_CHARS 150

static char line[LINE_CHARS + 2];

static int writer_main(char fill)
{
	for (unsigned i = 0; i < LINE_CHARS; i++)
		line[i] = fill;
	line[LINE_CHARS] = '\n';
	for (unsigned round = 0; round < 20; round++)
		console_write(line, LINE_CHARS + 1);
	return 0;
}
