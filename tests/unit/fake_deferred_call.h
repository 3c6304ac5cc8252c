/* SPDX-License-Identifier: MIT */
/* Host unit tests: kernel/deferred_call.h without a slot limit across tests, with counters. */
#pragma once

#include <stdbool.h>

#include "kernel/deferred_call.h"

/* Forgets every registered call (call between tests, before the code under test registers). */
void fake_deferred_call_reset(void);

/*
 * Services, as the kernel loop does, until nothing is scheduled or max_passes passes ran.
 * Returns: the number of passes (deferred_call_service() calls) it took.
 */
unsigned fake_deferred_call_run(unsigned max_passes);
