/* SPDX-License-Identifier: MIT */
/* Low-level debug: command 1 alert code, 2 print one number, 3 print two, in upstream's words:
 * "LowLevelDebug: App 0x<index> status code 0x<code>" / "prints 0x<n>" / "prints 0x<a> 0x<b>". */
#include "capsules/low_level_debug.h"

#include "kernel/debug.h"
#include "kernel/process.h"
#include "lib/compiler.h"

/* What each command prints (command 0 nothing). kprintf, like printf, ignores the arguments a
 * format does not use, so every command passes all three. */
static const char *const formats[] = {
    [1] = "LowLevelDebug: App 0x%x status code 0x%x\n",
    [2] = "LowLevelDebug: App 0x%x prints 0x%x\n",
    [3] = "LowLevelDebug: App 0x%x prints 0x%x 0x%x\n",
};

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	(void)d;
	if (cmd >= ARRAY_SIZE(formats))
		return syscall_failure(ERROR_NOSUPPORT);
	if (formats[cmd])
		kprintf(formats[cmd], process_index(p), arg1, arg2);
	return syscall_success();
}

void low_level_debug_init(struct driver *d)
{
	*d = (struct driver){.number = LOW_LEVEL_DEBUG_DRIVER, .command = command};
	driver_register(d);
}
