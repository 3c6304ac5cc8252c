/* SPDX-License-Identifier: MIT */
/* The console driver (0x1): blocking writes and printf-style output. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "lib/compiler.h"
#include "lib/error.h"

#define CONSOLE_DRIVER		0x1
#define CONSOLE_CMD_WRITE	1
#define CONSOLE_CMD_READ	2
#define CONSOLE_CMD_ABORT_READ	3
#define CONSOLE_SUBSCRIBE_WRITE 1 /* upcall (bytes written, 0, 0) */
#define CONSOLE_SUBSCRIBE_READ	2
#define CONSOLE_ALLOW_RO_WRITE	1
#define CONSOLE_ALLOW_RW_READ	1

/* console_printf() formats into a buffer of this size on the stack and writes it when full. */
#define CONSOLE_PRINTF_BUFFER_BYTES 128

/*
 * Writes len bytes and returns when the driver has written them all, yielding meanwhile (in
 * yield-wait-for, so no other upcall runs inside it). The buffer is un-allowed again before it
 * returns.
 * Returns: ERROR_NONE; ERROR_NODEVICE without a console; another error code of the driver (e.g.
 * ERROR_BUSY); ERROR_FAIL if the driver reports an impossible byte count.
 */
enum error_code console_write(const void *buf, size_t len);

/* Writes a NUL-terminated string, adding nothing. Returns: as console_write(). */
enum error_code console_print(const char *s);

/*
 * Formats as lib/fmt.h describes (no floating point) and writes the text in pieces of at most
 * CONSOLE_PRINTF_BUFFER_BYTES. Returns: as console_write(), for the first piece that failed;
 * the text after a failure is dropped.
 */
enum error_code console_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
enum error_code console_vprintf(const char *fmt, va_list ap);
