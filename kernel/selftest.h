/* SPDX-License-Identifier: MIT */
/* Boot self-tests selected with selftest=NAME on the command line (used by tests/boot). */
#pragma once

struct hil_alarm;
struct hil_power;

/*
 * Starts the self-test the command line names, if any: "boot" checks that the alarm fires and
 * powers off with success; "fault-pf", "fault-wp", "fault-ud" and "fault-de" make the kernel
 * take that exception so the fault report can be checked; "fault-busy" faults while output is
 * still being sent by interrupt, to check the panic path sends it first; "stack-overflow" runs
 * the kernel stack into its guard page. An unknown name is
 * reported and powers off with failure.
 */
void selftest_start(const char *cmdline, struct hil_alarm *alarm, struct hil_power *power);
