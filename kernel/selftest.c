/* SPDX-License-Identifier: MIT */
/* Boot self-tests. */
#include "kernel/selftest.h"

#include <stdint.h>

#include "kernel/arch.h"
#include "kernel/boot_options.h"
#include "kernel/debug.h"
#include "kernel/hil/power.h"
#include "kernel/hil/time.h"
#include "lib/string.h"

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

	/* The cycles: an independent clock, for the boot tests to check the timer rate against. */
	kprintf("selftest: alarm fired after %u of %u ticks: %s\n"
		"selftest: alarm: %u us by the timer took %llu cycles\n"
		"selftest: boot %s\n",
		elapsed, st.dt, ok ? "ok" : "FAILED", us, cycles, ok ? "passed" : "FAILED");
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

/* The tests, by their selftest= name. */
enum test {
	TEST_BOOT,
	TEST_STACK_OVERFLOW,
	TEST_FAULT_BUSY,
	TEST_FAULT_PF,
	TEST_FAULT_WP,
	TEST_FAULT_UD,
	TEST_FAULT_DE,
	TEST_COUNT
};
static const char *const test_names[TEST_COUNT] = {
    "boot", "stack-overflow", "fault-busy", "fault-pf", "fault-wp", "fault-ud", "fault-de",
};

void selftest_start(const char *cmdline, struct hil_alarm *alarm, struct hil_power *power)
{
	const char *name;
	size_t len;
	unsigned t = 0;

	if (!boot_option(cmdline, "selftest", &name, &len))
		return;
	st.alarm = alarm;
	st.power = power;
	kprintf("selftest: %.*s\n", (int)len, name);
	while (t < TEST_COUNT &&
	       !(strlen(test_names[t]) == len && !strncmp(test_names[t], name, len)))
		t++;
	if (t == TEST_BOOT) {
		boot_test();
		return;
	}
	if (t == TEST_COUNT) {
		kprintf("selftest: unknown test '%.*s' (known:", (int)len, name);
		for (t = 0; t < TEST_COUNT; t++)
			kprintf(" %s", test_names[t]);
		kprintf(")\n");
		power_off(POWER_FAILURE);
		return;
	}
	/* Output goes out synchronously from here, so the fault report follows it whole; but
	 * fault-busy faults with interrupt-driven output in flight and more queued behind it. */
	if (t == TEST_FAULT_BUSY) {
		for (unsigned i = 1; i <= 40; i++)
			kprintf("selftest: burst line %u of 40\n", i);
	} else {
		debug_make_synchronous();
	}
	switch (t) {
	case TEST_STACK_OVERFLOW:
		kprintf("selftest: recursing %u levels\n", recurse(1));
		break;
	case TEST_FAULT_BUSY:
	case TEST_FAULT_PF:
		*(volatile uint32_t *)unmapped_vaddr = 1;
		break;
	case TEST_FAULT_WP: {
		/* The kernel's own text is mapped read-only and CR0.WP makes that bind ring 0. */
		volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)&selftest_start;
		*text = *text;
		break;
	}
	case TEST_FAULT_UD:
		__builtin_trap();
	case TEST_FAULT_DE:
		kprintf("%d\n", dividend / zero);
		break;
	}
	kprintf("selftest: the fault did not happen\n");
	power_off(POWER_FAILURE);
}
