/* SPDX-License-Identifier: MIT */
/* Conformance: unknown yield variant 3 faults the process (upstream x86; TRD104 returns at once).
 */
#include "tests/abi/lib/abi.h"

int main(void)
{
	return abi_expect_fault(
	    APP_NAME,
	    "unknown yield variant 3 faults the process (upstream x86; TRD104 returns at once)",
	    TOCK_CLASS_YIELD, 3);
}
