/* SPDX-License-Identifier: MIT */
/* Tock's error codes (TRD104 / ABI.md), shared by every layer and by the host tools. */
#pragma once

/*
 * An expected failure. The values are Tock's ErrorCode numbers and go to userspace unchanged,
 * so they must never be renumbered. ERROR_NONE (0) is success and never reaches an app as an
 * error.
 */
enum error_code {
	ERROR_NONE = 0,
	ERROR_FAIL = 1,
	ERROR_BUSY = 2,
	ERROR_ALREADY = 3,
	ERROR_OFF = 4,
	ERROR_RESERVE = 5,
	ERROR_INVAL = 6,
	ERROR_SIZE = 7,
	ERROR_CANCEL = 8,
	ERROR_NOMEM = 9,
	ERROR_NOSUPPORT = 10,
	ERROR_NODEVICE = 11,
	ERROR_UNINSTALLED = 12,
	ERROR_NOACK = 13,
};

/* Returns: the code's upper-case name without the prefix ("INVAL"), or "?" if unknown. */
const char *error_name(enum error_code code);
