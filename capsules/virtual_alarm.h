/* SPDX-License-Identifier: MIT */
/* Many alarms over one hardware alarm: each virtual alarm is itself a time HIL. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/hil/time.h"

struct alarm_mux {
	struct hil_alarm *hw;		/* the one hardware alarm */
	struct hil_alarm_client client; /* its client: this mux */
	struct virtual_alarm *head;	/* every virtual alarm, armed or not */
};

struct virtual_alarm {
	struct hil_alarm alarm; /* the HIL its user sees */
	struct alarm_mux *mux;
	struct virtual_alarm *next;
	bool armed;
	uint32_t reference, dt; /* fires when now - reference >= dt (wrap-safe) */
};

void alarm_mux_init(struct alarm_mux *mux, struct hil_alarm *hw);

/* Adds va to mux; va->alarm is then a time HIL like any other. */
void virtual_alarm_init(struct virtual_alarm *va, struct alarm_mux *mux);
