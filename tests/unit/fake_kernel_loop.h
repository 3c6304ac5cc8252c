/* SPDX-License-Identifier: MIT */
/* Host unit tests: fake interrupt_pending()/deferred_call_pending() the test controls. */
#pragma once

#include <stdbool.h>

extern bool fake_interrupt_pending;
extern bool fake_deferred_call_pending;
