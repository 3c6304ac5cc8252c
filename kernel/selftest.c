/* SPDX-License-Identifier: MIT */
/* Boot self-tests. */
#include "kernel/selftest.h"

#include <stdint.h>

#include "kernel/arch.h"
#include "kernel/boot_options.h"
#include "kernel/debug.h"
#include "kernel/hil/power.h"
#include "kernel/hil/time.h"

#define ALARM_MS 100 /* long enough that boot work delaying a callback stays under 1% */

static struct {
	struct hil_alarm *alarm;
	struct hil_power *power;
	struct hil_alarm_client client;
	uint32_t start, dt;
	uint64_t start_cycles;
} st;

static void power_off(enum power_status status)
{
	debug_make_synchronous();
	hil_power_shutdown(st.power, status);
}

static void alarm_fired(struct hil_alarm_client *client)
{
	(void)client;
	uint32_t elapsed = hil_alarm_now(st.alarm) - st.start;
	uint64_t cycles = arch_cycles() - st.start_cycles;
	uint32_t us = (uint32_t)((uint64_t)elapsed * 1000000 / hil_alarm_frequency_hz(st.alarm));
	int ok = elapsed >= st.dt && elapsed < 4 * st.dt;

	kprintf("selftest: alarm fired after %u of %u ticks: %s\n", elapsed, st.dt,
		ok ? "ok" : "FAILED");
	/* An independent clock, for the boot tests to check the timer's rate against. */
	kprintf("selftest: alarm: %u us by the timer took %llu cycles\n", us, cycles);
	kprintf("selftest: boot %s\n", ok ? "passed" : "FAILED");
	power_off(ok ? POWER_SUCCESS : POWER_FAILURE);
}

/* On the first tick: the measured interval then starts on a tick edge, as it ends on one. */
static void first_tick(struct hil_alarm_client *client)
{
	(void)client;
	st.client.alarm_fired = alarm_fired;
	st.start = hil_alarm_now(st.alarm);
	st.start_cycles = arch_cycles();
	hil_alarm_set(st.alarm, st.start, st.dt);
}

static void boot_test(void)
{
	uint32_t hz = hil_alarm_frequency_hz(st.alarm);

	st.dt = (uint32_t)((uint64_t)hz * ALARM_MS / 1000);
	st.client.alarm_fired = first_tick;
	st.alarm->client = &st.client;
	kprintf("selftest: boot: arming a %u ms alarm (%u ticks at %u Hz)\n", ALARM_MS, st.dt, hz);
	hil_alarm_set(st.alarm, hil_alarm_now(st.alarm), 1);
}

/* Opaque to the optimiser, so the faults below are real memory accesses. */
static volatile uintptr_t unmapped_vaddr = 0x8;
static volatile int zero, dividend = 1000;

/* Recursion the optimiser cannot flatten: each level keeps a live frame. */
static unsigned recurse(unsigned depth)
{
	volatile uint8_t frame[256];

	frame[depth & 255] = (uint8_t)depth;
	return depth > 1000000 ? depth : recurse(depth + 1) + frame[depth & 255];
}

void selftest_start(const char *cmdline, struct hil_alarm *alarm, struct hil_power *power)
{
	const char *name;
	size_t len;

	if (!boot_option(cmdline, "selftest", &name, &len))
		return;
	st.alarm = alarm;
	st.power = power;
	kprintf("selftest: %.*s\n", (int)len, name);
	if (boot_option_is(cmdline, "selftest", "boot")) {
		boot_test();
		return;
	}
	if (boot_option_is(cmdline, "selftest", "stack-overflow")) {
		debug_make_synchronous();
		kprintf("selftest: recursing %u levels\n", recurse(1));
	} else if (boot_option_is(cmdline, "selftest", "fault-busy")) {
		/* Fault with interrupt-driven output in flight and more queued behind it. */
		for (unsigned i = 1; i <= 40; i++)
			kprintf("selftest: burst line %u of 40\n", i);
		*(volatile uint32_t *)unmapped_vaddr = 1;
	} else if (boot_option_is(cmdline, "selftest", "fault-pf")) {
		debug_make_synchronous();
		*(volatile uint32_t *)unmapped_vaddr = 1;
	} else if (boot_option_is(cmdline, "selftest", "fault-wp")) {
		/* The kernel's own text is mapped read-only and CR0.WP makes that bind ring 0. */
		debug_make_synchronous();
		volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)&selftest_start;
		*text = *text;
	} else if (boot_option_is(cmdline, "selftest", "fault-ud")) {
		debug_make_synchronous();
		__builtin_trap();
	} else if (boot_option_is(cmdline, "selftest", "fault-de")) {
		debug_make_synchronous();
		kprintf("%d\n", dividend / zero);
	} else {
		kprintf("selftest: unknown test '%.*s' (known: boot fault-pf fault-wp fault-ud "
			"fault-de fault-busy stack-overflow)\n",
			(int)len, name);
		power_off(POWER_FAILURE);
	}
	kprintf("selftest: the fault did not happen\n");
	power_off(POWER_FAILURE);
}
