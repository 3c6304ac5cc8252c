/* SPDX-License-Identifier: MIT */
/* Test host: runs an app TBF as a 32-bit Linux process, playing the kernel's part of the ABI. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "lib/error.h"
#include "loader/tbf.h"

/*
 * usage: app_host [options] APP.tbf
 *   --flash ADDR        where the binary goes (default 0x30000000)
 *   --ram ADDR          where RAM starts (default 0x40000000); a guard page below stays unmapped
 *   --ram-bytes N       RAM given to the process (default: minimum_ram_size, page-rounded)
 *   --break-offset N    initial app break - RAM start (default 36, the ABI's minimum)
 *   --refuse-brk        memop brk and sbrk fail with NOMEM
 *   --max-alarms N      stop (status 0) instead of firing alarm N + 1
 *   --console-chunk N   the console writes at most N bytes a command (default 50)
 *   --trace             print every syscall
 *
 * Like the kernel (ABI.md), it relocates the binary (loader/tbf.c), starts the init function
 * with the entry stack, and serves int $0x40: Linux turns it into SIGSEGV (vector 0x40 is not
 * open to user mode), with EIP at the int, and the handler does the syscall on the app's
 * registers and stack, then resumes after it. EAX, ECX and EDX come back poisoned, as the ABI
 * allows, so an app that relies on them breaks here, and RAM it gains by brk is filled with
 * garbage, so an app that expects zeroes does too. Upcalls are delivered the upstream way:
 * arguments into the yield's four slots, the return address pushed, EIP = the upcall.
 *
 * Drivers: alarm (0) on a fake clock that starts just below 2^32 (so apps see it wrap) and
 * moves on 3 ticks a syscall; it jumps to the alarm when the app waits for it. Console (1),
 * writing at most --console-chunk bytes a command so apps see short writes. Low-level debug (8).
 *
 * Output: the app's console text on stdout; everything the host says on its own lines
 * starting "app_host: ". Exit status: 0 the app exited (its completion code is printed) or
 * --max-alarms was reached; 2 usage or a bad TBF; 3 the app faulted; 4 it waited with nothing
 * to wait for.
 */

#define ALARM_HZ	  32768u
#define CLOCK_START	  0xFFFF8000u
#define TICKS_PER_SYSCALL 3u
#define GRANT_BYTES	  1024u
#define PAGE_BYTES	  4096u
#define MAX_UPCALLS	  16
#define MAX_SLOTS	  4
#define POISON		  0xBAD0BAD0u
#define GARBAGE_BYTE	  0xA5
#define ALT_STACK_BYTES	  (64 * 1024)

#define RET_FAILURE	 0
#define RET_FAILURE_2U32 2
#define RET_SUCCESS	 128
#define RET_SUCCESS_U32	 129
#define RET_SUCCESS_2U32 130

struct upcall {
	uint32_t driver, num, arg[3];
};

struct subscription {
	uint32_t fn, data;
};

struct allow {
	uint32_t ptr, len;
};

static struct {
	uint32_t flash, flash_bytes, ram, ram_bytes, brk, entry, break_offset;
	bool refuse_brk, trace;
	uint32_t max_alarms, alarms_fired, console_chunk;
	uint32_t now;
	bool alarm_armed;
	uint32_t alarm_at;
	struct upcall queue[MAX_UPCALLS];
	unsigned queued;
	/* [driver index][number]: driver index 0 alarm, 1 console, 2 low-level debug */
	struct subscription subs[3][MAX_SLOTS];
	struct allow ro[3][MAX_SLOTS], rw[3][MAX_SLOTS], uro[3][MAX_SLOTS];
} host = {
    .flash = 0x30000000u,
    .ram = 0x40000000u,
    .break_offset = 36,
    .console_chunk = 50,
    .now = CLOCK_START,
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* The app's text may not end its line: start ours on a fresh one. */
	if (write(STDOUT_FILENO, "app_host: ", 10) < 0 || write(STDOUT_FILENO, line, n) < 0)
		_exit(2);
}

static NORETURN void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static NORETURN void die(int status, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	say("%s", line);
	_exit(status);
}

static int driver_index(uint32_t driver)
{
	switch (driver) {
	case 0x0:
		return 0;
	case 0x1:
		return 1;
	case 0x8:
		return 2;
	default:
		return -1;
	}
}

static bool in_flash(uint32_t p, uint32_t len)
{
	return p >= host.flash && len <= host.flash_bytes &&
	       p - host.flash <= host.flash_bytes - len;
}

/* Memory the app may write: RAM below its break. */
static bool in_app_ram(uint32_t p, uint32_t len)
{
	uint32_t avail = host.brk - host.ram;

	return p >= host.ram && len <= avail && p - host.ram <= avail - len;
}

static void set_break(uint32_t brk)
{
	uint32_t old_top = ALIGN_UP(host.brk, PAGE_BYTES), new_top = ALIGN_UP(brk, PAGE_BYTES);

	if (new_top > old_top &&
	    mprotect((void *)(uintptr_t)old_top, new_top - old_top, PROT_READ | PROT_WRITE))
		die(2, "mprotect: %s", strerror(errno));
	if (new_top < old_top && mprotect((void *)(uintptr_t)new_top, old_top - new_top, PROT_NONE))
		die(2, "mprotect: %s", strerror(errno));
	/* Memory the app gains holds garbage, as it may on the kernel: crt0 must clear .bss. */
	if (brk > host.brk)
		memset((void *)(uintptr_t)host.brk, GARBAGE_BYTE, brk - host.brk);
	host.brk = brk;
}

static void enqueue(uint32_t driver, uint32_t num, uint32_t a0, uint32_t a1, uint32_t a2)
{
	if (host.queued == MAX_UPCALLS)
		die(2, "upcall queue overflow");
	host.queue[host.queued++] = (struct upcall){driver, num, {a0, a1, a2}};
}

static void dequeue(unsigned i, struct upcall *out)
{
	*out = host.queue[i];
	memmove(&host.queue[i], &host.queue[i + 1], (host.queued - i - 1) * sizeof(host.queue[0]));
	host.queued--;
}

/* Lets time pass up to the armed alarm and queues its upcall. Returns: false if none is armed. */
static bool fire_alarm(void)
{
	if (!host.alarm_armed)
		return false;
	if (host.max_alarms && host.alarms_fired == host.max_alarms)
		die(0, "stopped after %" PRIu32 " alarms", host.alarms_fired);
	if ((int32_t)(host.alarm_at - host.now) > 0)
		host.now = host.alarm_at;
	host.alarm_armed = false;
	host.alarms_fired++;
	if (host.trace)
		say("alarm fires at %#" PRIx32, host.now);
	enqueue(0, 0, host.now, host.alarm_at, 0);
	return true;
}

/* ---- the syscall classes ------------------------------------------------------------------ */

struct regs {
	greg_t *g;	/* the app's registers */
	uint32_t *slot; /* its four syscall slots, at ESP */
};

static void ret(struct regs *r, uint32_t variant, uint32_t d0, uint32_t d1, uint32_t d2)
{
	r->slot[0] = variant;
	r->slot[1] = d0;
	r->slot[2] = d1;
	r->slot[3] = d2;
}

static void fail(struct regs *r, enum error_code e)
{
	ret(r, RET_FAILURE, e, 0, 0);
}

/* Runs the upcall: arguments into the slots, return address (after the int) pushed. */
static void deliver(struct regs *r, const struct upcall *u, uint32_t fn, uint32_t data)
{
	uint32_t esp = (uint32_t)r->g[REG_ESP];

	ret(r, u->arg[0], u->arg[1], u->arg[2], data);
	esp -= 4;
	if (!in_app_ram(esp, 4))
		die(3, "fault: no room to push the upcall's return address at %#" PRIx32, esp);
	*(uint32_t *)(uintptr_t)esp = (uint32_t)r->g[REG_EIP] + 2;
	r->g[REG_ESP] = (greg_t)esp;
	r->g[REG_EIP] = (greg_t)fn;
}

/* Returns: true if an upcall was delivered (EIP now at the upcall). */
static bool deliver_next(struct regs *r)
{
	struct upcall u;

	while (host.queued) {
		struct subscription *s =
		    &host.subs[driver_index(host.queue[0].driver)][host.queue[0].num];

		dequeue(0, &u);
		if (s->fn) {
			deliver(r, &u, s->fn, s->data);
			return true;
		}
	}
	return false;
}

static void do_yield(struct regs *r)
{
	uint32_t variant = r->slot[0];

	if (variant == 0) { /* no-wait: the flag, written only where the app may write */
		uint32_t flag = r->slot[1];
		bool ran = deliver_next(r);

		if (flag && in_app_ram(flag, 1))
			*(uint8_t *)(uintptr_t)flag = ran;
		return;
	}
	if (variant == 1) {
		while (!deliver_next(r))
			if (!fire_alarm())
				die(4, "deadlock: yield-wait with nothing pending");
		return;
	}
	if (variant == 2) {
		uint32_t driver = r->slot[1], num = r->slot[2];

		for (;;) {
			for (unsigned i = 0; i < host.queued; i++) {
				struct upcall u;

				if (host.queue[i].driver != driver || host.queue[i].num != num)
					continue;
				dequeue(i, &u);
				ret(r, u.arg[0], u.arg[1], u.arg[2], 0);
				return;
			}
			if (!fire_alarm())
				die(4,
				    "deadlock: yield-wait-for %#" PRIx32 "/%" PRIu32
				    " with nothing pending",
				    driver, num);
		}
	}
	die(3, "fault: unknown yield variant %" PRIu32, variant);
}

static void do_subscribe(struct regs *r)
{
	uint32_t driver = r->slot[0], num = r->slot[1], fn = r->slot[2], data = r->slot[3];
	int d = driver_index(driver);
	struct subscription *s;

	if (d < 0) {
		ret(r, RET_FAILURE_2U32, ERROR_NODEVICE, fn, data);
		return;
	}
	if (num >= MAX_SLOTS) {
		ret(r, RET_FAILURE_2U32, ERROR_NOSUPPORT, fn, data);
		return;
	}
	if (fn && !in_flash(fn, 1)) {
		ret(r, RET_FAILURE_2U32, ERROR_INVAL, fn, data);
		return;
	}
	s = &host.subs[d][num];
	ret(r, RET_SUCCESS_2U32, s->fn, s->data, 0);
	*s = (struct subscription){fn, data};
	for (unsigned i = 0; i < host.queued;) {
		struct upcall u;

		if (host.queue[i].driver == driver && host.queue[i].num == num)
			dequeue(i, &u);
		else
			i++;
	}
}

static void do_allow(struct regs *r, struct allow table[3][MAX_SLOTS], bool read_only)
{
	uint32_t driver = r->slot[0], num = r->slot[1], ptr = r->slot[2], len = r->slot[3];
	int d = driver_index(driver);
	bool ok = len == 0 || in_app_ram(ptr, len) || (read_only && in_flash(ptr, len));

	if (d < 0) {
		ret(r, RET_FAILURE_2U32, ERROR_NODEVICE, ptr, len);
		return;
	}
	if (num >= MAX_SLOTS) {
		ret(r, RET_FAILURE_2U32, ERROR_NOSUPPORT, ptr, len);
		return;
	}
	if (!ok) {
		ret(r, RET_FAILURE_2U32, ERROR_INVAL, ptr, len);
		return;
	}
	ret(r, RET_SUCCESS_2U32, table[d][num].ptr, table[d][num].len, 0);
	table[d][num] = (struct allow){ptr, len};
}

static void do_command(struct regs *r)
{
	uint32_t driver = r->slot[0], cmd = r->slot[1], a1 = r->slot[2], a2 = r->slot[3];

	if (driver_index(driver) < 0) {
		fail(r, ERROR_NODEVICE);
		return;
	}
	if (cmd == 0) {
		ret(r, RET_SUCCESS, 0, 0, 0);
		return;
	}
	switch (driver) {
	case 0x0:
		if (cmd == 1) {
			ret(r, RET_SUCCESS_U32, ALARM_HZ, 0, 0);
		} else if (cmd == 2) {
			ret(r, RET_SUCCESS_U32, host.now, 0, 0);
		} else if (cmd == 3) {
			host.alarm_armed = false;
			ret(r, RET_SUCCESS, 0, 0, 0);
		} else if (cmd == 5 || cmd == 6) {
			host.alarm_at = cmd == 5 ? host.now + a1 : a1 + a2;
			host.alarm_armed = true;
			ret(r, RET_SUCCESS_U32, host.alarm_at, 0, 0);
		} else {
			fail(r, ERROR_NOSUPPORT);
		}
		return;
	case 0x1: {
		struct allow *a = &host.ro[1][1];
		uint32_t n = a1 < a->len ? a1 : a->len;

		if (cmd != 1) {
			fail(r, ERROR_NOSUPPORT);
			return;
		}
		if (n > host.console_chunk)
			n = host.console_chunk;
		if (n == 0) {
			fail(r, ERROR_SIZE);
			return;
		}
		if (write(STDOUT_FILENO, (const void *)(uintptr_t)a->ptr, n) != (ssize_t)n)
			die(2, "write: %s", strerror(errno));
		enqueue(1, 1, n, 0, 0);
		ret(r, RET_SUCCESS, 0, 0, 0);
		return;
	}
	default: /* low-level debug */
		if (cmd == 1)
			say("low-level debug: alert code %#" PRIx32, a1);
		else if (cmd == 2)
			say("low-level debug: print %#" PRIx32, a1);
		else if (cmd == 3)
			say("low-level debug: print %#" PRIx32 " %#" PRIx32, a1, a2);
		else {
			fail(r, ERROR_NOSUPPORT);
			return;
		}
		ret(r, RET_SUCCESS, 0, 0, 0);
		return;
	}
}

static void do_memop(struct regs *r)
{
	uint32_t op = r->slot[0], arg = r->slot[1];
	uint32_t top = host.ram + host.ram_bytes - GRANT_BYTES;

	switch (op) {
	case 0:
		if (host.refuse_brk || arg < host.ram || arg > top) {
			fail(r, ERROR_NOMEM);
			return;
		}
		set_break(arg);
		ret(r, RET_SUCCESS, 0, 0, 0);
		return;
	case 1: {
		uint32_t old = host.brk, brk = old + arg;

		if (host.refuse_brk || brk < host.ram || brk > top) {
			fail(r, ERROR_NOMEM);
			return;
		}
		set_break(brk);
		ret(r, RET_SUCCESS_U32, old, 0, 0);
		return;
	}
	case 2:
		ret(r, RET_SUCCESS_U32, host.ram, 0, 0);
		return;
	case 3:
		ret(r, RET_SUCCESS_U32, host.ram + host.ram_bytes, 0, 0);
		return;
	case 4:
		ret(r, RET_SUCCESS_U32, host.flash, 0, 0);
		return;
	case 5:
		ret(r, RET_SUCCESS_U32, host.flash + host.flash_bytes, 0, 0);
		return;
	default:
		fail(r, ERROR_NOSUPPORT);
		return;
	}
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	uint32_t eip = (uint32_t)g[REG_EIP];
	struct regs r = {g, (uint32_t *)(uintptr_t)g[REG_ESP]};

	if (sig != SIGSEGV || g[REG_TRAPNO] != 13 || !in_flash(eip, 2) ||
	    *(const uint16_t *)(uintptr_t)eip != 0x40cd)
		die(3,
		    "fault: %s (trap %d) at address %#" PRIxPTR ", eip %#" PRIx32
		    " (binary + %#" PRIx32 "), esp %#" PRIx32 ", tick %#" PRIx32,
		    strsignal(sig), (int)g[REG_TRAPNO], (uintptr_t)si->si_addr, eip,
		    eip - host.flash, (uint32_t)g[REG_ESP], host.now);
	if (!in_app_ram((uint32_t)g[REG_ESP], 16))
		die(3, "fault: syscall with esp %#" PRIx32 " outside the app's memory",
		    (uint32_t)g[REG_ESP]);
	if (host.trace)
		say("syscall %d (%#" PRIx32 ", %#" PRIx32 ", %#" PRIx32 ", %#" PRIx32 ")",
		    (int)g[REG_EAX], r.slot[0], r.slot[1], r.slot[2], r.slot[3]);
	host.now += TICKS_PER_SYSCALL;
	switch (g[REG_EAX]) {
	case 0:
		do_yield(&r);
		break;
	case 1:
		do_subscribe(&r);
		break;
	case 2:
		do_command(&r);
		break;
	case 3:
		do_allow(&r, host.rw, false);
		break;
	case 4:
		do_allow(&r, host.ro, true);
		break;
	case 5:
		do_memop(&r);
		break;
	case 6:
		if (r.slot[0] == 0 || r.slot[0] == 1)
			die(0, "exit-%s %" PRIu32, r.slot[0] ? "restart" : "terminate", r.slot[1]);
		fail(&r, ERROR_NOSUPPORT);
		break;
	case 7:
		do_allow(&r, host.uro, false);
		break;
	default:
		die(3, "fault: unknown syscall class %d", (int)g[REG_EAX]);
	}
	/* Resume after the int, unless an upcall was delivered (EIP moved). */
	if ((uint32_t)g[REG_EIP] == eip)
		g[REG_EIP] += 2;
	g[REG_EAX] = POISON;
	g[REG_ECX] = POISON;
	g[REG_EDX] = POISON;
}

/* Enters the app: a signal's return loads every register, so all of them are set exactly. */
static void on_start(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	uint32_t brk = host.ram + host.break_offset;
	uint32_t *sp = (uint32_t *)(uintptr_t)(brk - 20);

	(void)sig;
	(void)si;
	sp[0] = 0;
	sp[1] = host.flash;
	sp[2] = host.ram;
	sp[3] = host.ram_bytes;
	sp[4] = brk;
	g[REG_EAX] = g[REG_EBX] = g[REG_ECX] = g[REG_EDX] = 0;
	g[REG_ESI] = g[REG_EDI] = g[REG_EBP] = 0;
	g[REG_ESP] = (greg_t)(uintptr_t)sp;
	g[REG_EIP] = (greg_t)host.entry;
	g[REG_EFL] = 0x202;
}

static uint32_t number(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end || v > 0xFFFFFFFFu)
		die(2, "'%s' is not a 32-bit number", s);
	return (uint32_t)v;
}

static void *map_fixed(uint32_t vaddr, uint32_t len, int prot)
{
	void *p = mmap((void *)(uintptr_t)vaddr, len, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED || p != (void *)(uintptr_t)vaddr)
		die(2, "cannot map %#" PRIx32 "..%#" PRIx32, vaddr, vaddr + len);
	return p;
}

int main(int argc, char **argv)
{
	static uint8_t tbf[1 << 20];
	struct tbf_header hdr;
	struct tbf_diag d = {0};
	enum error_code rc;
	struct sigaction sa = {0};
	stack_t ss;
	const char *path = NULL;
	size_t len;
	FILE *f;
	uint8_t *flash;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;

		if (!strcmp(a, "--flash") && has_value)
			host.flash = number(argv[++i]);
		else if (!strcmp(a, "--ram") && has_value)
			host.ram = number(argv[++i]);
		else if (!strcmp(a, "--ram-bytes") && has_value)
			host.ram_bytes = number(argv[++i]);
		else if (!strcmp(a, "--break-offset") && has_value)
			host.break_offset = number(argv[++i]);
		else if (!strcmp(a, "--max-alarms") && has_value)
			host.max_alarms = number(argv[++i]);
		else if (!strcmp(a, "--console-chunk") && has_value)
			host.console_chunk = number(argv[++i]);
		else if (!strcmp(a, "--refuse-brk"))
			host.refuse_brk = true;
		else if (!strcmp(a, "--trace"))
			host.trace = true;
		else if (a[0] != '-' && !path)
			path = a;
		else
			die(2, "usage: app_host [--flash A] [--ram A] [--ram-bytes N] "
			       "[--break-offset N] [--refuse-brk] [--max-alarms N] "
			       "[--console-chunk N] [--trace] APP.tbf");
	}
	if (!path)
		die(2, "no TBF given");
	f = fopen(path, "rb");
	if (!f)
		die(2, "%s: %s", path, strerror(errno));
	len = fread(tbf, 1, sizeof(tbf), f);
	fclose(f);
	rc = tbf_parse(tbf, len, &hdr, &d);
	if (rc != ERROR_NONE)
		die(2, "%s: %s at offset %" PRIu32 ": %s", path, d.field, d.offset, d.what);
	if (!hdr.has_relocations)
		die(2, "%s: not relocatable (no relocation TLV)", path);

	host.flash_bytes = hdr.binary_size;
	host.entry = host.flash + hdr.init_fn_offset - hdr.protected_trailer_size;
	if (!host.ram_bytes)
		host.ram_bytes = ALIGN_UP(hdr.minimum_ram_size, PAGE_BYTES);
	if (host.break_offset < 36 || host.break_offset > host.ram_bytes)
		die(2, "--break-offset must be in [36, RAM bytes]");

	flash =
	    map_fixed(host.flash, ALIGN_UP(hdr.binary_size, PAGE_BYTES), PROT_READ | PROT_WRITE);
	memcpy(flash, tbf + hdr.binary_offset, hdr.binary_size);
	rc = tbf_apply_relocations(&hdr, flash, hdr.binary_size, host.flash, host.ram, &d);
	if (rc != ERROR_NONE)
		die(2, "%s: relocation refused: %s at offset %" PRIu32 ": %s", path, d.field,
		    d.offset, d.what);
	if (mprotect(flash, ALIGN_UP(hdr.binary_size, PAGE_BYTES), PROT_READ | PROT_EXEC))
		die(2, "mprotect: %s", strerror(errno));
	/* RAM reserved with a guard page below it; only [ram, break) is ever accessible. */
	map_fixed(host.ram - PAGE_BYTES, host.ram_bytes + PAGE_BYTES, PROT_NONE);
	host.brk = host.ram;
	set_break(host.ram + host.break_offset);
	say("binary at %#" PRIx32 " (%" PRIu32 " bytes, %" PRIu32 " relocations), RAM at %#" PRIx32
	    " (%" PRIu32 " bytes), break at %#" PRIx32,
	    host.flash, hdr.binary_size, hdr.reloc_count, host.ram, host.ram_bytes, host.brk);

	ss.ss_sp = malloc(ALT_STACK_BYTES);
	ss.ss_size = ALT_STACK_BYTES;
	ss.ss_flags = 0;
	if (!ss.ss_sp || sigaltstack(&ss, NULL))
		die(2, "sigaltstack: %s", strerror(errno));
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sa.sa_sigaction = on_fault;
	if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGILL, &sa, NULL) ||
	    sigaction(SIGFPE, &sa, NULL) || sigaction(SIGBUS, &sa, NULL) ||
	    sigaction(SIGTRAP, &sa, NULL))
		die(2, "sigaction: %s", strerror(errno));
	sa.sa_sigaction = on_start;
	if (sigaction(SIGUSR1, &sa, NULL))
		die(2, "sigaction: %s", strerror(errno));
	raise(SIGUSR1);
	die(2, "the app did not start");
}
