/* SPDX-License-Identifier: MIT */
/* Conformance: exit-terminate (ABI.md "Exit"): it does not return, and the kernel keeps the
 * completion code (the runner checks the kernel's report of code 42). */
#include "tests/abi/lib/abi.h"

int main(void)
{
	struct syscall_return r;
	char got[64];

	abi_begin(APP_NAME);
	abi_expect_failure(abi_raw(TOCK_CLASS_EXIT, 2, 42, 0, 0), ERROR_NOSUPPORT,
			   "exit variant 2 returns Failure(NOSUPPORT) and the process goes on");
	abi_note("exit-terminate with completion code 42 next");
	abi_done();
	r = abi_raw(TOCK_CLASS_EXIT, TOCK_EXIT_TERMINATE, 42, 0xdead, 0xbeef);
	abi_describe(r, got, sizeof(got));
	abi_case(false, "exit-terminate does not return", "it returned %s", got);
	return 1;
}
