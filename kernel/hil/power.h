/* SPDX-License-Identifier: MIT */
/* Power HIL: stop or restart the whole system. */
#pragma once

#include "lib/compiler.h"

enum power_status {
	POWER_SUCCESS,	    /* orderly shutdown */
	POWER_FAILURE,	    /* a test or check failed */
	POWER_PANIC,	    /* the kernel panicked */
	POWER_LOADER_ERROR, /* the boot stage refused the image */
};

struct hil_power;

struct hil_power_ops {
	/* Powers off (on an emulator: exits with a status it can report). Falls back to halting. */
	NORETURN void (*shutdown)(struct hil_power *power, enum power_status status);
	NORETURN void (*reboot)(struct hil_power *power);
};

struct hil_power {
	const struct hil_power_ops *ops;
};

static inline NORETURN void hil_power_shutdown(struct hil_power *p, enum power_status status)
{
	p->ops->shutdown(p, status);
}

static inline NORETURN void hil_power_reboot(struct hil_power *p)
{
	p->ops->reboot(p);
}
