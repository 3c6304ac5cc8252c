/* SPDX-License-Identifier: MIT */
/* Alarm driver 0x0: per-process alarms over one virtual alarm (Tock's numbering). */
#pragma once

#include "capsules/virtual_alarm.h"
#include "kernel/driver.h"

#define ALARM_DRIVER 0x0

struct alarm_driver {
	struct driver driver;
	struct virtual_alarm va;
	struct hil_alarm_client client;
};

/* Registers the driver; its alarm is a virtual alarm of mux. */
void alarm_driver_init(struct alarm_driver *ad, struct alarm_mux *mux);
