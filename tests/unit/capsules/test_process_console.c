/* SPDX-License-Identifier: MIT */
/* Unit tests for capsules/process_console: the serial shell's commands over the real process
 * core, and lines typed through the UART input mux. */
#include "capsules/process_console.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "capsules/uart_rx_mux.h"
#include "kernel/debug.h"
#include "kernel/hil/power.h"
#include "kernel/hil/time.h"
#include "kernel/hil/uart.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "lib/compiler.h"
#include "tests/unit/fake_debug.h"
#include "tests/unit/kernel/process_fixture.h"

#define CLOCK_HZ 1000000u
#define NPROC	 3

/* Every command, in the order help lists them. */
static const char *const command_names[] = {"help",   "list",	 "status",  "stop",
					    "start",  "restart", "fault",   "kernel",
					    "uptime", "reboot",	 "poweroff"};

static struct process_console pc;

/* ---- fakes: the kernel's layout, the debug output's counters, time, power, the UART ---- */

static struct kernel_layout layout = {
    .sram_start = 0x00100000u,
    .sram_end = 0x00800000u,
    .text_start = 0x00100000u,
    .text_end = 0x0010e000u,
    .data_start = 0x0010e000u,
    .data_end = 0x00112000u,
    .free_start = 0x00112000u,
    .storage_start = 0x01000000u,
    .storage_end = 0x01040000u,
    .measurement = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0, 0, 0, 0, 0, 0, 0, 0,
		    0,	  0,	0,    0,    0,	  0,	0,    0,    0, 0, 0, 0, 0, 0, 0, 0xff},
    .platform = "fake-pc",
};

const struct kernel_layout *kernel_get_layout(void)
{
	return &layout;
}

static unsigned dropped_bytes, synchronous_calls;

unsigned debug_dropped_bytes(void)
{
	return dropped_bytes;
}

void debug_make_synchronous(void)
{
	synchronous_calls++;
}

static uint32_t clock_now, clock_hz = CLOCK_HZ;

static uint32_t clock_frequency(struct hil_alarm *a)
{
	(void)a;
	return clock_hz;
}

static uint32_t clock_read(struct hil_alarm *a)
{
	(void)a;
	return clock_now;
}

static void clock_set(struct hil_alarm *a, uint32_t reference, uint32_t dt)
{
	(void)a, (void)reference, (void)dt;
	fail_msg("the console arms no alarm");
}

static uint32_t clock_get(struct hil_alarm *a)
{
	(void)a;
	return 0;
}

static enum error_code clock_disarm(struct hil_alarm *a)
{
	(void)a;
	return ERROR_ALREADY;
}

static bool clock_is_armed(struct hil_alarm *a)
{
	(void)a;
	return false;
}

static const struct hil_alarm_ops clock_ops = {
    .frequency_hz = clock_frequency,
    .now = clock_read,
    .set_alarm = clock_set,
    .get_alarm = clock_get,
    .disarm = clock_disarm,
    .is_armed = clock_is_armed,
};

static struct hil_alarm clock = {.ops = &clock_ops};

/* Power requests never return: they jump back to the test that expects them. */
static jmp_buf power_jump;
static int power_request; /* 0 none, 1 reboot, 2 shutdown */
static enum power_status shutdown_status;

static NORETURN void power_shutdown(struct hil_power *p, enum power_status status)
{
	(void)p;
	shutdown_status = status;
	power_request = 2;
	longjmp(power_jump, 1);
}

static NORETURN void power_reboot(struct hil_power *p)
{
	(void)p;
	power_request = 1;
	longjmp(power_jump, 1);
}

static const struct hil_power_ops power_ops = {.shutdown = power_shutdown, .reboot = power_reboot};
static struct hil_power power = {.ops = &power_ops};

struct fake_uart {
	struct hil_uart uart;
	uint8_t *rx_buf;
	size_t rx_len;
};

static struct fake_uart com;
static struct uart_rx_mux input;

static enum error_code uart_transmit(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	(void)uart, (void)buf, (void)len;
	return ERROR_NONE;
}

static enum error_code uart_receive(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	struct fake_uart *u = container_of(uart, struct fake_uart, uart);

	u->rx_buf = buf;
	u->rx_len = len;
	return ERROR_NONE;
}

static enum error_code uart_receive_abort(struct hil_uart *uart)
{
	(void)uart;
	return ERROR_OFF;
}

static void uart_panic_write(struct hil_uart *uart, const uint8_t *buf, size_t len)
{
	(void)uart, (void)buf, (void)len;
}

static const struct hil_uart_ops uart_ops = {
    .transmit = uart_transmit,
    .receive = uart_receive,
    .receive_abort = uart_receive_abort,
    .panic_write = uart_panic_write,
};

/* ---- helpers ---- */

/* Types the bytes of s, one receive each, as the UART delivers them. */
static void type(const char *s)
{
	for (; *s; s++) {
		assert_int_equal(com.rx_len, 1);
		com.rx_buf[0] = (uint8_t)*s;
		com.uart.rx_client->receive_done(com.uart.rx_client, com.rx_buf, 1, ERROR_NONE);
	}
}

/* Runs line and returns what it printed. */
static const char *run(const char *line)
{
	fake_debug_reset();
	process_console_execute(&pc, line);
	return fake_debug_out;
}

static void assert_printed(const char *text)
{
	if (!fake_debug_contains(text))
		fail_msg("expected \"%s\" in:\n%s", text, fake_debug_out);
}

static void assert_not_printed(const char *text)
{
	if (fake_debug_contains(text))
		fail_msg("did not expect \"%s\" in:\n%s", text, fake_debug_out);
}

static struct process *proc(unsigned slot)
{
	struct process *p = process_get(slot);

	assert_non_null(p);
	return p;
}

/* The line of output that starts with prefix (after leading spaces), copied into line. */
static bool find_line(const char *prefix, char *line, size_t size)
{
	const char *s = fake_debug_out;

	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *t = s;

		while (*t == ' ')
			t++;
		if (!strncmp(t, prefix, strlen(prefix)) && len < size) {
			memcpy(line, s, len);
			line[len] = '\0';
			return true;
		}
		s += len + (end != NULL);
	}
	return false;
}

struct list_row {
	unsigned pid, restarts, text, ram_used, ram_size, grants;
	char name[16], state[16], fault[96];
};

/* Parses list's row for pid. */
static struct list_row list_row(uint32_t pid)
{
	char prefix[16], line[256];
	struct list_row r;
	int fault_at = 0;

	memset(&r, 0, sizeof(r));
	snprintf(prefix, sizeof(prefix), "%u ", pid);
	if (!find_line(prefix, line, sizeof(line)))
		fail_msg("no row for pid %u in:\n%s", pid, fake_debug_out);
	assert_int_equal(sscanf(line, "%u %15s %15s %u %u %u/%u %u %n", &r.pid, r.name, r.state,
				&r.restarts, &r.text, &r.ram_used, &r.ram_size, &r.grants,
				&fault_at),
			 8);
	snprintf(r.fault, sizeof(r.fault), "%s", line + fault_at);
	return r;
}

static int group_setup(void **state)
{
	if (fixture_group_setup(state))
		return -1;
	com.uart.ops = &uart_ops;
	uart_rx_mux_init(&input, &com.uart);
	fake_debug_reset();
	process_console_start(&pc, &input, &clock, &power);
	assert_string_equal(fake_debug_out, "tock> ");
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fixture_start_n(NPROC, FAULT_POLICY_STOP, 0);
	type("\r"); /* forget any half-typed line of the previous test */
	fake_debug_reset();
	clock_now = 0;
	clock_hz = CLOCK_HZ;
	dropped_bytes = 0;
	synchronous_calls = 0;
	power_request = 0;
	return 0;
}

/* ---- help ---- */

static void test_help_lists_every_command_once_with_its_help(void **state)
{
	const char *s;
	unsigned n = 0;

	(void)state;
	s = run("help");
	assert_true(!strncmp(s, "commands:\n", 10));
	s += 10;
	while (*s) {
		char name[32];
		const char *end = strchr(s, '\n');

		assert_non_null(end);
		assert_int_equal(sscanf(s, " %31s", name), 1);
		assert_true(n < ARRAY_SIZE(command_names));
		assert_string_equal(name, command_names[n]);
		assert_true(end - s > (long)strlen(name) + 4); /* a description follows */
		n++;
		s = end + 1;
	}
	assert_int_equal(n, ARRAY_SIZE(command_names));
}

static void test_every_command_help_lists_is_known(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(command_names); i++) {
		if (setjmp(power_jump) == 0)
			run(command_names[i]);
		assert_not_printed("unknown command");
	}
}

/* ---- list and status ---- */

static void test_list_has_a_header_and_one_row_per_process(void **state)
{
	struct list_row r;

	(void)state;
	run("list");
	assert_true(!strncmp(fake_debug_out, " pid  name", 10));
	r = list_row(pa->pid);
	assert_string_equal(r.name, "alpha");
	assert_string_equal(r.state, "running");
	assert_int_equal(r.restarts, 0);
	assert_int_equal(r.text, A_TEXT_END - A_FLASH);
	assert_int_equal(r.ram_used, A_BREAK - A_RAM);
	assert_int_equal(r.ram_size, A_RAM_END - A_RAM);
	assert_int_equal(r.grants, A_RAM_END - pa->grant_break);
	assert_string_equal(r.fault, "");
	r = list_row(pb->pid);
	assert_string_equal(r.name, "beta");
	assert_int_equal(r.ram_used, B_BREAK - B_RAM);
	r = list_row(proc(2)->pid);
	assert_string_equal(r.name, "gamma");
	assert_int_equal(r.ram_size, MORE_RAM_END(0) - MORE_RAM(0));
	/* Header and three rows. */
	unsigned lines = 0;
	for (const char *s = fake_debug_out; *s; s++)
		lines += *s == '\n';
	assert_int_equal(lines, 1 + NPROC);
}

static void test_list_shows_states_restarts_and_the_last_fault(void **state)
{
	struct list_row r;

	(void)state;
	process_stop(pb);
	process_restart(proc(2));
	process_fault(pa, "stack overflow");
	run("list");
	r = list_row(pa->pid);
	assert_string_equal(r.state, "faulted");
	assert_string_equal(r.fault, "stack overflow");
	r = list_row(pb->pid);
	assert_string_equal(r.state, "stopped");
	r = list_row(proc(2)->pid);
	assert_string_equal(r.state, "running");
	assert_int_equal(r.restarts, 1);
}

static void test_list_shows_every_slot_when_all_are_used(void **state)
{
	(void)state;
	fixture_start_n(FIXTURE_APPS_MAX, FAULT_POLICY_STOP, 0);
	run("list");
	for (unsigned i = 0; i < FIXTURE_APPS_MAX; i++)
		assert_int_equal(list_row(proc(i)->pid).pid, proc(i)->pid);
	assert_string_equal(list_row(proc(7)->pid).name, "theta");
}

static void test_status_shows_uptime_processes_by_state_and_dropped_output(void **state)
{
	(void)state;
	clock_now = 2500000;
	dropped_bytes = 7;
	process_stop(pb);
	run("status");
	assert_printed("uptime 2.500 s (2500000 ticks at 1000000 Hz; wraps every 4294 s)\n");
	assert_printed("processes 3: 2 running 1 stopped\n");
	assert_printed("debug output: 7 bytes dropped\n");
}

static void test_status_counts_every_state_it_sees(void **state)
{
	(void)state;
	fixture_start_n(FIXTURE_APPS_MAX, FAULT_POLICY_STOP, 0);
	proc(1)->state = PROCESS_YIELDED;
	proc(2)->state = PROCESS_YIELDED;
	proc(3)->state = PROCESS_YIELDED_FOR;
	process_stop(proc(4));
	process_fault(proc(5), "test");
	process_terminate(proc(6), 0);
	run("status");
	assert_printed(
	    "processes 8: 2 running 2 yielded 1 yielded-for 1 stopped 1 faulted 1 terminated\n");
}

static void test_uptime_prints_seconds_and_milliseconds(void **state)
{
	(void)state;
	clock_now = 4294967295u;
	run("uptime");
	assert_printed("uptime 4294.967 s (4294967295 ticks at 1000000 Hz; wraps every 4294 s)\n");
}

static void test_uptime_is_exact_at_any_clock_rate(void **state)
{
	(void)state;
	/* The PIT's rate: milliseconds rounded down, and the wrap period 2^32 / hz. */
	clock_hz = 1193182;
	clock_now = 4294967295u;
	run("uptime");
	assert_printed("uptime 3599.591 s (4294967295 ticks at 1193182 Hz; wraps every 3599 s)\n");
	/* Beyond 32 bits for ticks * 1000: still the exact milliseconds. */
	clock_hz = 4000000000u;
	clock_now = 3999999999u;
	run("uptime");
	assert_printed("uptime 0.999 s (3999999999 ticks at 4000000000 Hz; wraps every 1 s)\n");
	/* A rate that divides 2^32. */
	clock_hz = 2147483648u;
	clock_now = 3221225472u;
	run("uptime");
	assert_printed("uptime 1.500 s (3221225472 ticks at 2147483648 Hz; wraps every 2 s)\n");
	clock_hz = 3;
	clock_now = 5;
	run("uptime");
	assert_printed("uptime 1.666 s (5 ticks at 3 Hz; wraps every 1431655765 s)\n");
}

static void test_kernel_prints_the_layout_and_measurement(void **state)
{
	(void)state;
	run("kernel");
	assert_printed("platform  fake-pc\n");
	assert_printed("sram      0x00100000-0x00800000  7168 KiB\n");
	assert_printed("text    0x00100000-0x0010e000  57344 bytes (read-only)\n");
	assert_printed("data    0x0010e000-0x00112000  16384 bytes\n");
	assert_printed("storage   0x01000000-0x01040000  262144 bytes (read-only)\n");
	assert_printed("measured  sha256 0123456789abcdef"
		       "0000000000000000000000000000000000000000000000ff\n");
}

static void test_kernel_prints_boot_cycles_only_when_measured(void **state)
{
	(void)state;
	run("kernel");
	assert_not_printed("boot ");
	layout.cycles_loader_entry = 1000;
	layout.cycles_kernel_entry = 5000000000ull; /* more than 32 bits */
	layout.cycles_hash_start = 2000;
	layout.cycles_hash_end = 3500;
	layout.kernel_file_bytes = 65536;
	kernel_first_app_cycles = 5000000123ull;
	run("kernel");
	layout.cycles_loader_entry = layout.cycles_kernel_entry = 0;
	layout.cycles_hash_start = layout.cycles_hash_end = 0;
	layout.kernel_file_bytes = 0;
	kernel_first_app_cycles = 0;
	assert_printed("boot      loader entry -> kernel entry 4999999000 cycles\n");
	assert_printed("boot      kernel entry -> first app 123 cycles\n");
	assert_printed("boot      sha256 of the kernel: 1500 cycles for 65536 bytes\n");
}

/* ---- stop, start, restart, fault ---- */

static void test_stop_by_name_pauses_the_process(void **state)
{
	char expected[64];

	(void)state;
	run("stop beta");
	assert_int_equal(pb->state, PROCESS_STOPPED);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	snprintf(expected, sizeof(expected), "stopped 'beta': now pid %u, stopped\n", pb->pid);
	assert_string_equal(fake_debug_out, expected);
}

static void test_stop_by_pid_pauses_the_process(void **state)
{
	char line[32];

	(void)state;
	snprintf(line, sizeof(line), "stop %u", proc(2)->pid);
	run(line);
	assert_int_equal(proc(2)->state, PROCESS_STOPPED);
	assert_int_equal(pb->state, PROCESS_RUNNING);
}

static void test_start_by_name_resumes_a_stopped_process_as_it_was(void **state)
{
	uint32_t pid = pb->pid;

	(void)state;
	pb->state = PROCESS_YIELDED;
	run("stop beta");
	run("start beta");
	assert_int_equal(pb->state, PROCESS_YIELDED);
	assert_int_equal(pb->pid, pid);
	assert_printed("started 'beta': now pid");
	assert_printed(", yielded\n");
}

static void test_start_by_pid_restarts_a_faulted_process_with_a_new_pid(void **state)
{
	char line[32], expected[64];
	uint32_t old = pa->pid;

	(void)state;
	process_fault(pa, "test");
	snprintf(line, sizeof(line), "start %u", old);
	run(line);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_true(pa->pid != old);
	snprintf(expected, sizeof(expected), "started 'alpha': now pid %u, running\n", pa->pid);
	assert_string_equal(fake_debug_out, expected);
}

static void test_start_of_a_running_process_changes_nothing(void **state)
{
	uint32_t pid = pb->pid;

	(void)state;
	run("start beta");
	assert_int_equal(pb->pid, pid);
	assert_int_equal(pb->state, PROCESS_RUNNING);
	assert_int_equal(pb->restarts, 0);
}

static void test_restart_by_name_gives_a_new_pid_and_counts_it(void **state)
{
	char expected[64];
	uint32_t old = pb->pid;

	(void)state;
	run("restart beta");
	assert_true(pb->pid != old);
	assert_int_equal(pb->restarts, 1);
	assert_int_equal(pb->state, PROCESS_RUNNING);
	snprintf(expected, sizeof(expected), "restarted 'beta': now pid %u, running\n", pb->pid);
	assert_string_equal(fake_debug_out, expected);
}

static void test_restart_by_pid_restarts_that_process_only(void **state)
{
	char line[32];
	uint32_t a = pa->pid, b = pb->pid;

	(void)state;
	snprintf(line, sizeof(line), "restart %u", b);
	run(line);
	assert_int_equal(pa->pid, a);
	assert_true(pb->pid != b);
}

static void test_fault_by_name_applies_the_fault_policy(void **state)
{
	char expected[96];

	(void)state;
	run("fault beta");
	assert_int_equal(pb->state, PROCESS_FAULTED);
	assert_string_equal(pb->fault, "fault injected from the console");
	snprintf(expected, sizeof(expected),
		 "process 'beta' (pid %u) faulted: fault injected from the console\n", pb->pid);
	assert_printed(expected);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

static void test_fault_by_pid_under_a_restart_policy_restarts_it(void **state)
{
	char line[32];
	uint32_t old;

	(void)state;
	fixture_start_n(NPROC, FAULT_POLICY_RESTART, 0);
	old = proc(2)->pid;
	snprintf(line, sizeof(line), "fault %u", old);
	run(line);
	assert_int_equal(proc(2)->state, PROCESS_RUNNING);
	assert_true(proc(2)->pid != old);
	assert_printed("process 'gamma': restarting (restart 1)\n");
}

static void test_extra_spaces_around_the_command_and_between_words_are_ignored(void **state)
{
	(void)state;
	run("   stop     beta");
	assert_int_equal(pb->state, PROCESS_STOPPED);
}

/* ---- mistakes ---- */

static void test_unknown_command_is_reported_with_a_pointer_to_help(void **state)
{
	(void)state;
	assert_string_equal(run("frobnicate now"),
			    "unknown command 'frobnicate'; type 'help' for the list\n");
	assert_string_equal(run("hel"), "unknown command 'hel'; type 'help' for the list\n");
	assert_string_equal(run("helpx"), "unknown command 'helpx'; type 'help' for the list\n");
	assert_string_equal(run("HELP"), "unknown command 'HELP'; type 'help' for the list\n");
}

static void test_empty_or_blank_line_does_nothing(void **state)
{
	(void)state;
	assert_string_equal(run(""), "");
	assert_string_equal(run("    "), "");
}

static void test_commands_that_need_a_process_print_usage_without_one(void **state)
{
	static const char *const cmds[] = {"stop", "start", "restart", "fault"};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cmds); i++) {
		char expected[64], line[32];

		snprintf(expected, sizeof(expected), "usage: %s <name or pid>\n", cmds[i]);
		assert_string_equal(run(cmds[i]), expected);
		snprintf(line, sizeof(line), "%s   ", cmds[i]);
		assert_string_equal(run(line), expected);
	}
	for (unsigned i = 0; i < NPROC; i++) {
		assert_int_equal(proc(i)->state, PROCESS_RUNNING);
		assert_int_equal(proc(i)->restarts, 0);
	}
}

static void test_unknown_name_or_pid_is_reported_and_changes_nothing(void **state)
{
	char line[32], expected[64];

	(void)state;
	assert_string_equal(run("stop nosuch"), "no process 'nosuch' (see 'list')\n");
	assert_string_equal(run("fault bet"), "no process 'bet' (see 'list')\n");
	assert_string_equal(run("restart betaa"), "no process 'betaa' (see 'list')\n");
	snprintf(line, sizeof(line), "stop %u", proc(2)->pid + 1000);
	snprintf(expected, sizeof(expected), "no process '%u' (see 'list')\n", proc(2)->pid + 1000);
	assert_string_equal(run(line), expected);
	assert_string_equal(run("stop 0"), "no process '0' (see 'list')\n");
	for (unsigned i = 0; i < NPROC; i++)
		assert_int_equal(proc(i)->state, PROCESS_RUNNING);
}

static void test_pid_of_a_previous_life_names_no_process(void **state)
{
	char line[32];
	uint32_t old = pb->pid;

	(void)state;
	run("restart beta");
	snprintf(line, sizeof(line), "stop %u", old);
	run(line);
	assert_printed("no process");
	assert_int_equal(pb->state, PROCESS_RUNNING);
}

/*
 * BUG (capsules/process_console.c, find): the pid is accumulated in a uint32_t without an
 * overflow check, so a number of 2^32 + pid names that pid: "stop 4294967297" stops pid 1.
 * Expected: a number that is no pid is reported as no process. Fails today.
 */
static void test_pid_too_large_for_32_bits_names_no_process(void **state)
{
	char line[48];

	(void)state;
	snprintf(line, sizeof(line), "stop %llu", 0x100000000ull + pb->pid);
	run(line);
	assert_int_equal(pb->state, PROCESS_RUNNING);
	assert_printed("no process");
}

/*
 * BUG (capsules/process_console.c, find): leading spaces and the spaces between command and
 * argument are skipped, but trailing ones are kept, so "stop beta " (a trailing space is easy to
 * type and invisible) reports "no process 'beta '". Expected: it stops beta. Fails today.
 */
static void test_pid_that_wraps_32_bits_in_a_multiply_or_an_add_names_no_process(void **state)
{
	/* 2^32 k + pid: parsed with wrapping arithmetic, each would name pb. */
	static const unsigned long long wraps[] = {1, 3, 10, 1000};
	char line[48];

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(wraps); i++) {
		snprintf(line, sizeof(line), "stop %llu", (wraps[i] << 32) + pb->pid);
		run(line);
		assert_int_equal(pb->state, PROCESS_RUNNING);
		assert_printed("no process");
	}
}

static void test_trailing_spaces_after_the_argument_are_ignored(void **state)
{
	(void)state;
	run("stop beta ");
	assert_int_equal(pb->state, PROCESS_STOPPED);
}

/* ---- reboot and poweroff ---- */

static void test_reboot_flushes_the_output_then_reboots(void **state)
{
	(void)state;
	fake_debug_reset();
	if (setjmp(power_jump) == 0) {
		process_console_execute(&pc, "reboot");
		fail_msg("reboot returned");
	}
	assert_int_equal(power_request, 1);
	assert_int_equal(synchronous_calls, 1);
	assert_string_equal(fake_debug_out, "rebooting\n");
}

static void test_poweroff_flushes_the_output_then_shuts_down_with_success(void **state)
{
	(void)state;
	fake_debug_reset();
	if (setjmp(power_jump) == 0) {
		process_console_execute(&pc, "poweroff");
		fail_msg("poweroff returned");
	}
	assert_int_equal(power_request, 2);
	assert_int_equal(shutdown_status, POWER_SUCCESS);
	assert_int_equal(synchronous_calls, 1);
	assert_string_equal(fake_debug_out, "powering off\n");
}

/* ---- typed lines ---- */

static void test_typed_line_is_echoed_run_at_enter_and_followed_by_a_prompt(void **state)
{
	(void)state;
	type("stop beta");
	assert_string_equal(fake_debug_out, "stop beta");
	assert_int_equal(pb->state, PROCESS_RUNNING);
	type("\r");
	assert_int_equal(pb->state, PROCESS_STOPPED);
	assert_true(!strncmp(fake_debug_out, "stop beta\nstopped 'beta'", 24));
	assert_true(strlen(fake_debug_out) > 6 &&
		    !strcmp(fake_debug_out + strlen(fake_debug_out) - 6, "tock> "));
}

static void test_cr_lf_ends_one_line_not_two(void **state)
{
	(void)state;
	type("restart beta\r\n");
	assert_int_equal(pb->restarts, 1);
	fake_debug_reset();
	type("\n"); /* a lone LF after that is a line of its own: empty */
	assert_string_equal(fake_debug_out, "\ntock> ");
	type("restart beta\n");
	assert_int_equal(pb->restarts, 2);
}

static void test_backspace_and_delete_erase_the_last_character(void **state)
{
	(void)state;
	type("stop betx\b");
	type("a\r");
	assert_int_equal(pb->state, PROCESS_STOPPED);
	type("stop gammz\x7f"
	     "a\r");
	assert_int_equal(proc(2)->state, PROCESS_STOPPED);
	fake_debug_reset();
	type("\b\b"); /* nothing to erase: nothing echoed */
	assert_string_equal(fake_debug_out, "");
}

static void test_control_characters_are_ignored(void **state)
{
	(void)state;
	type("st\x01op\x1b be\tta\r");
	assert_int_equal(pb->state, PROCESS_STOPPED);
}

static void test_line_of_the_longest_length_runs(void **state)
{
	char line[PROCESS_CONSOLE_LINE_BYTES + 2];
	size_t n = PROCESS_CONSOLE_LINE_BYTES - 1;

	(void)state;
	memset(line, ' ', n);
	memcpy(line + n - strlen("stop beta"), "stop beta", strlen("stop beta"));
	line[n] = '\r';
	line[n + 1] = '\0';
	type(line);
	assert_int_equal(pb->state, PROCESS_STOPPED);
	assert_not_printed("line too long");
}

static void test_overlong_line_is_reported_and_ignored_and_the_next_line_runs(void **state)
{
	char line[PROCESS_CONSOLE_LINE_BYTES + 2];
	size_t n = PROCESS_CONSOLE_LINE_BYTES;

	(void)state;
	memset(line, ' ', n);
	memcpy(line, "stop beta", strlen("stop beta")); /* the command fits; the line does not */
	line[n] = '\r';
	line[n + 1] = '\0';
	type(line);
	assert_printed("line too long (max 79 characters); ignored\n");
	assert_int_equal(pb->state, PROCESS_RUNNING);
	type("stop beta\r");
	assert_int_equal(pb->state, PROCESS_STOPPED);
}

static void test_much_longer_line_is_ignored_whole(void **state)
{
	char line[3 * PROCESS_CONSOLE_LINE_BYTES + 16] = "";

	(void)state;
	for (int i = 0; i < 20; i++) /* 200 characters */
		strcat(line, "stop beta ");
	strcat(line, "\r");
	type(line);
	assert_printed("line too long");
	assert_int_equal(pb->state, PROCESS_RUNNING);
	assert_not_printed("stopped");
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_help_lists_every_command_once_with_its_help),
	    T(test_every_command_help_lists_is_known),
	    T(test_list_has_a_header_and_one_row_per_process),
	    T(test_list_shows_states_restarts_and_the_last_fault),
	    T(test_list_shows_every_slot_when_all_are_used),
	    T(test_status_shows_uptime_processes_by_state_and_dropped_output),
	    T(test_status_counts_every_state_it_sees),
	    T(test_uptime_prints_seconds_and_milliseconds),
	    T(test_uptime_is_exact_at_any_clock_rate),
	    T(test_kernel_prints_the_layout_and_measurement),
	    T(test_kernel_prints_boot_cycles_only_when_measured),
	    T(test_stop_by_name_pauses_the_process),
	    T(test_stop_by_pid_pauses_the_process),
	    T(test_start_by_name_resumes_a_stopped_process_as_it_was),
	    T(test_start_by_pid_restarts_a_faulted_process_with_a_new_pid),
	    T(test_start_of_a_running_process_changes_nothing),
	    T(test_restart_by_name_gives_a_new_pid_and_counts_it),
	    T(test_restart_by_pid_restarts_that_process_only),
	    T(test_fault_by_name_applies_the_fault_policy),
	    T(test_fault_by_pid_under_a_restart_policy_restarts_it),
	    T(test_extra_spaces_around_the_command_and_between_words_are_ignored),
	    T(test_unknown_command_is_reported_with_a_pointer_to_help),
	    T(test_empty_or_blank_line_does_nothing),
	    T(test_commands_that_need_a_process_print_usage_without_one),
	    T(test_unknown_name_or_pid_is_reported_and_changes_nothing),
	    T(test_pid_of_a_previous_life_names_no_process),
	    T(test_pid_too_large_for_32_bits_names_no_process),
	    T(test_pid_that_wraps_32_bits_in_a_multiply_or_an_add_names_no_process),
	    T(test_trailing_spaces_after_the_argument_are_ignored),
	    T(test_reboot_flushes_the_output_then_reboots),
	    T(test_poweroff_flushes_the_output_then_shuts_down_with_success),
	    T(test_typed_line_is_echoed_run_at_enter_and_followed_by_a_prompt),
	    T(test_cr_lf_ends_one_line_not_two),
	    T(test_backspace_and_delete_erase_the_last_character),
	    T(test_control_characters_are_ignored),
	    T(test_line_of_the_longest_length_runs),
	    T(test_overlong_line_is_reported_and_ignored_and_the_next_line_runs),
	    T(test_much_longer_line_is_ignored_whole),
	};

	return cmocka_run_group_tests(tests, group_setup, fixture_group_teardown);
}
