/* SPDX-License-Identifier: MIT */
/* Test app: 20 lines of 150 'a's, each one console write. */
#include "tests/boot/apps/writer_a/writer.h"

int main(void)
{
	return writer_main('a');
}
