/* SPDX-License-Identifier: MIT */
/* The serial console shell. */
#include "capsules/process_console.h"

#include "kernel/debug.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define PROMPT "tock> "

struct command {
	const char *name, *help;
	void (*run)(struct process_console *pc, const char *args);
};

static void cmd_help(struct process_console *pc, const char *args);

/* One row of the memory map: a labelled range and its size in bytes. */
static void range(const char *label, uint32_t start, uint32_t end, const char *note)
{
	kprintf("%-9s 0x%08x-0x%08x  %u bytes%s\n", label, start, end, end - start, note);
}

static void cmd_kernel(struct process_console *pc, const char *args)
{
	const struct kernel_layout *l = kernel_get_layout();

	(void)pc, (void)args;
	kprintf("platform  %s\n"
		"sram      0x%08x-0x%08x  %u KiB\n",
		l->platform, l->sram_start, l->sram_end, (l->sram_end - l->sram_start) / 1024);
	range("  text", l->text_start, l->text_end, " (read-only)");
	range("  data", l->data_start, l->data_end, "");
	range("  free", l->free_start, l->sram_end, "");
	range("storage", l->storage_start, l->storage_end, " (read-only)");
	if (l->cycles_kernel_entry) {
		kprintf("boot      loader entry -> kernel entry %llu cycles\n",
			(unsigned long long)(l->cycles_kernel_entry - l->cycles_loader_entry));
		if (kernel_first_app_cycles)
			kprintf(
			    "boot      kernel entry -> first app %llu cycles\n",
			    (unsigned long long)(kernel_first_app_cycles - l->cycles_kernel_entry));
		if (l->kernel_file_bytes)
			kprintf("boot      sha256 of the kernel: %llu cycles for %u bytes\n",
				(unsigned long long)(l->cycles_hash_end - l->cycles_hash_start),
				l->kernel_file_bytes);
	}
	kprintf("process   record %u bytes (protection %u), upcall queue %u bytes in its grants, "
		"protection table %u bytes at the top of its RAM\n"
		"measured  sha256 ",
		(unsigned)sizeof(struct process), (unsigned)sizeof(struct arch_mpu),
		(unsigned)sizeof(struct upcall_queue), (unsigned)ARCH_MPU_TABLE_BYTES);
	for (unsigned i = 0; i < sizeof(l->measurement); i++)
		kprintf("%02x", l->measurement[i]);
	kprintf("\n");
}

static void cmd_uptime(struct process_console *pc, const char *args)
{
	uint32_t hz = hil_alarm_frequency_hz(pc->time);
	uint32_t now = hil_alarm_now(pc->time);
	uint32_t rem = now % hz, ms = 0;

	(void)args;
	/* (now % hz) * 1000 / hz a decimal digit at a time: exact, with no 64-bit division. */
	for (int i = 0; i < 3; i++) {
		uint64_t r = (uint64_t)rem * 10;

		for (ms *= 10; r >= hz; r -= hz)
			ms++;
		rem = (uint32_t)r;
	}
	/* The period, 2^32 / hz, as (2^32 - hz) / hz + 1 in 32 bits. */
	kprintf("uptime %u.%03u s (%u ticks at %u Hz; wraps every %u s)\n", now / hz, ms, now, hz,
		(0u - hz) / hz + 1);
}

static void cmd_list(struct process_console *pc, const char *args)
{
	(void)pc, (void)args;
	kprintf(
	    " pid  name        state        restarts  text     RAM used/size    grants  fault\n");
	for (unsigned i = 0; i < PROCESS_MAX; i++) {
		struct process *p = process_get(i);

		if (!p)
			continue;
		const struct app *a = p->app;
		kprintf("%4u  %-10.*s  %-11s  %8u  %5u  %6u/%-6u  %6u  %s\n", p->pid,
			(int)a->name_len, a->name, process_state_name(p->state), p->restarts,
			a->text_end - a->flash_start, p->app_break - a->ram_start,
			a->ram_end - a->ram_start, process_grant_bytes(p), p->fault);
	}
}

/* The process named by args: a pid or a package name. Reports when there is none. */
static struct process *find(const char *args, const char *cmd)
{
	size_t len = strlen(args);
	uint32_t pid = 0; /* stays 0 (no process has it) unless args is a number */

	while (len && args[len - 1] == ' ')
		len--;
	if (!len) {
		kprintf("usage: %s <name or pid>\n", cmd);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		uint32_t digit = (uint32_t)(args[i] - '0'); /* > 9 for any other character */

		/* Not a digit, or larger than any pid: it may still be a name. */
		if (digit > 9 || __builtin_mul_overflow(pid, 10, &pid) ||
		    __builtin_add_overflow(pid, digit, &pid)) {
			pid = 0;
			break;
		}
	}
	for (unsigned i = 0; i < PROCESS_MAX; i++) {
		struct process *p = process_get(i);

		if (p && (p->pid == pid ||
			  (p->app->name_len == len && !memcmp(p->app->name, args, len))))
			return p;
	}
	kprintf("no process '%.*s' (see 'list')\n", (int)len, args);
	return NULL;
}

/* Does what to the process args names, then reports its pid and state under the word done. */
static void act(const char *args, const char *cmd, void (*what)(struct process *p),
		const char *done)
{
	struct process *p = find(args, cmd);

	if (p) {
		what(p);
		kprintf("%s '%.*s': now pid %u, %s\n", done, (int)p->app->name_len, p->app->name,
			p->pid, process_state_name(p->state));
	}
}

static void cmd_stop(struct process_console *pc, const char *args)
{
	(void)pc;
	act(args, "stop", process_stop, "stopped");
}

static void cmd_start(struct process_console *pc, const char *args)
{
	(void)pc;
	act(args, "start", process_start, "started");
}

static void cmd_restart(struct process_console *pc, const char *args)
{
	(void)pc;
	act(args, "restart", process_restart, "restarted");
}

static void cmd_fault(struct process_console *pc, const char *args)
{
	struct process *p = find(args, "fault");

	(void)pc;
	if (p)
		process_fault(p, "fault injected from the console");
}

static void cmd_status(struct process_console *pc, const char *args)
{
	unsigned count[PROCESS_TERMINATED + 1] = {0}, total = 0;

	(void)args;
	for (unsigned i = 0; i < PROCESS_MAX; i++) {
		struct process *p = process_get(i);

		if (p) {
			count[p->state]++;
			total++;
		}
	}
	cmd_uptime(pc, "");
	kprintf("processes %u:", total);
	for (unsigned s = 0; s <= PROCESS_TERMINATED; s++)
		if (count[s])
			kprintf(" %u %s", count[s], process_state_name((enum process_state)s));
	kprintf("\ndebug output: %u bytes dropped\n", debug_dropped_bytes());
}

static void cmd_reboot(struct process_console *pc, const char *args)
{
	(void)args;
	kprintf("rebooting\n");
	debug_make_synchronous();
	hil_power_reboot(pc->power);
}

static void cmd_poweroff(struct process_console *pc, const char *args)
{
	(void)args;
	kprintf("powering off\n");
	debug_make_synchronous();
	hil_power_shutdown(pc->power, POWER_SUCCESS);
}

static const struct command commands[] = {
    {"help", "list the commands", cmd_help},
    {"list", "processes: pid, name, state, restarts, memory", cmd_list},
    {"status", "uptime, processes by state, lost debug output", cmd_status},
    {"stop", "stop <name|pid>: stop a process", cmd_stop},
    {"start", "start <name|pid>: start a stopped, faulted or exited process", cmd_start},
    {"restart", "restart <name|pid>: restart a process (new pid, fresh memory)", cmd_restart},
    {"fault", "fault <name|pid>: make a process fault (its fault policy applies)", cmd_fault},
    {"kernel", "memory map, sizes and the kernel's measurement", cmd_kernel},
    {"uptime", "time since boot", cmd_uptime},
    {"reboot", "restart the system", cmd_reboot},
    {"poweroff", "stop the system (exits the emulator)", cmd_poweroff},
};

static void cmd_help(struct process_console *pc, const char *args)
{
	(void)pc, (void)args;
	kprintf("commands:\n");
	for (unsigned i = 0; i < ARRAY_SIZE(commands); i++)
		kprintf("  %-9s %s\n", commands[i].name, commands[i].help);
}

void process_console_execute(struct process_console *pc, const char *line)
{
	while (*line == ' ')
		line++;
	size_t len = 0;
	while (line[len] && line[len] != ' ')
		len++;
	if (!len)
		return;
	const char *args = line + len;
	while (*args == ' ')
		args++;
	for (unsigned i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strlen(commands[i].name) == len && !memcmp(commands[i].name, line, len)) {
			commands[i].run(pc, args);
			return;
		}
	}
	kprintf("unknown command '%.*s'; type 'help' for the list\n", (int)len, line);
}

static void typed(struct uart_rx_listener *l, uint8_t byte)
{
	struct process_console *pc = container_of(l, struct process_console, input);
	char c = (char)byte;
	bool crlf = c == '\n' && pc->last_cr; /* a terminal's CR LF ends one line, not two */

	pc->last_cr = c == '\r';
	if (crlf)
		return;
	if (c == '\r' || c == '\n') {
		kprintf("\n");
		if (pc->overlong) {
			kprintf("line too long (max %u characters); ignored\n",
				PROCESS_CONSOLE_LINE_BYTES - 1);
		} else {
			pc->line[pc->line_len] = '\0';
			process_console_execute(pc, pc->line);
		}
		pc->line_len = 0;
		pc->overlong = false;
		kprintf(PROMPT);
	} else if (c == '\b' || c == 0x7f) {
		if (pc->line_len) {
			pc->line_len--;
			kprintf("\b \b");
		}
	} else if (c >= ' ' && c < 0x7f) {
		if (pc->line_len < PROCESS_CONSOLE_LINE_BYTES - 1)
			pc->line[pc->line_len++] = c;
		else
			pc->overlong = true;
		kprintf("%c", c);
	}
}

void process_console_start(struct process_console *pc, struct uart_rx_mux *input,
			   struct hil_alarm *time, struct hil_power *power)
{
	pc->time = time;
	pc->power = power;
	pc->input.byte = typed;
	uart_rx_mux_listen(input, &pc->input);
	kprintf(PROMPT);
}
