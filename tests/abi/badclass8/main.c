/* SPDX-License-Identifier: MIT */
/* Conformance: unknown syscall class 8 faults the process (upstream x86). */
#include "tests/abi/lib/abi.h"

int main(void)
{
	return abi_expect_fault(APP_NAME,
				"unknown syscall class 8 faults the process (upstream x86)", 8, 0);
}
