/* SPDX-License-Identifier: MIT */
/* Names of Tock's error codes, for reports. */
#include "lib/error.h"

static const char *const names[] = {
    "NONE", "FAIL",   "BUSY",  "ALREADY",   "OFF",	"RESERVE",     "INVAL",
    "SIZE", "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK",
};

const char *error_name(enum error_code code)
{
	if ((unsigned)code < sizeof(names) / sizeof(names[0]))
		return names[code];
	return "?";
}
