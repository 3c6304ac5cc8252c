/* SPDX-License-Identifier: MIT */
/* Conformance: registers across system calls and upcalls (ABI.md "Invocation"): EBX, ESI, EDI,
 * EBP, ESP, the segment registers and EFLAGS' non-arithmetic flags survive every class, and an
 * upcall is a cdecl call from the instruction after int $0x40 with the yield's registers. */
#include <stddef.h>

#include "tests/abi/lib/abi.h"
#include "lib/fmt.h"

/* One raw call: the registers to load around int $0x40, and what came back. */
struct probe {
	uint32_t class;		     /* EAX */
	uint32_t r[4];		     /* the four stack words: in, then out */
	uint32_t ebx, esi, edi, ebp; /* loaded just before int $0x40 */
	uint32_t es, fs, gs;	     /* selectors loaded before it (DS and SS stay) */
	uint32_t flags;		     /* EFLAGS bits set before it (DF, AC) */
	uint32_t out_ebx, out_esi, out_edi, out_ebp;
	uint32_t out_es, out_fs, out_gs, out_ds, out_ss;
	uint32_t out_eflags;
	int32_t esp_delta; /* ESP right after int $0x40 - ESP right before */
};
STATIC_ASSERT(offsetof(struct probe, r) == 4);
STATIC_ASSERT(offsetof(struct probe, ebx) == 20);
STATIC_ASSERT(offsetof(struct probe, es) == 36);
STATIC_ASSERT(offsetof(struct probe, flags) == 48);
STATIC_ASSERT(offsetof(struct probe, out_ebx) == 52);
STATIC_ASSERT(offsetof(struct probe, out_es) == 68);
STATIC_ASSERT(offsetof(struct probe, out_eflags) == 88);
STATIC_ASSERT(offsetof(struct probe, esp_delta) == 92);

/* What abi_probe_upcall saw at its first instruction. */
struct upcall_seen {
	uint32_t ebx, esi, edi, ebp, esp;
	uint32_t es, fs, gs;
	uint32_t ret, a0, a1, a2, data;
	uint32_t eflags, count;
};
STATIC_ASSERT(offsetof(struct upcall_seen, es) == 20);
STATIC_ASSERT(offsetof(struct upcall_seen, ret) == 32);
STATIC_ASSERT(offsetof(struct upcall_seen, eflags) == 52);
STATIC_ASSERT(offsetof(struct upcall_seen, count) == 56);

struct probe *abi_probe_p;
uint32_t abi_probe_esp;
struct upcall_seen abi_up;
void abi_probe_call(struct probe *p);
void abi_probe_upcall(uint32_t a0, uint32_t a1, uint32_t a2, void *data);
extern const char abi_probe_after_int[];

/*
 * abi_probe_call(p): saves what the C caller needs, pushes p->r[3]..r[0], loads ES, FS, GS,
 * the EFLAGS bits, EBX, ESI, EDI, EBP and EAX from p (ECX and EDX get junk), int $0x40, then
 * records every register before touching any, forces ESP back, pops the results and restores.
 * Nothing between the loads and the int reads memory through ES, FS or GS.
 */
__asm__(".text\n"
	".globl abi_probe_call\n"
	".type abi_probe_call, @function\n"
	"abi_probe_call:\n\t"
	"pushl %ebp\n\t"
	"pushl %ebx\n\t"
	"pushl %esi\n\t"
	"pushl %edi\n\t"
	"pushl %es\n\t"
	"pushl %fs\n\t"
	"pushl %gs\n\t"
	"pushfl\n\t"
	"movl 36(%esp), %ecx\n\t" /* p, above 8 saved words and the return address */
	"movl %ecx, abi_probe_p\n\t"
	"pushl 16(%ecx)\n\t"
	"pushl 12(%ecx)\n\t"
	"pushl 8(%ecx)\n\t"
	"pushl 4(%ecx)\n\t"
	"movl %esp, abi_probe_esp\n\t"
	"movl 36(%ecx), %eax\n\t"
	"movw %ax, %es\n\t"
	"movl 40(%ecx), %eax\n\t"
	"movw %ax, %fs\n\t"
	"movl 44(%ecx), %eax\n\t"
	"movw %ax, %gs\n\t"
	"pushfl\n\t"
	"movl 48(%ecx), %eax\n\t"
	"orl %eax, (%esp)\n\t"
	"popfl\n\t"
	"movl 20(%ecx), %ebx\n\t"
	"movl 24(%ecx), %esi\n\t"
	"movl 28(%ecx), %edi\n\t"
	"movl 32(%ecx), %ebp\n\t"
	"movl (%ecx), %eax\n\t"
	"movl $0xecececec, %ecx\n\t"
	"movl $0xedededed, %edx\n\t"
	"int $0x40\n"
	".globl abi_probe_after_int\n"
	"abi_probe_after_int:\n\t"
	"movl %esp, %eax\n\t"
	"subl abi_probe_esp, %eax\n\t"
	"movl abi_probe_p, %ecx\n\t"
	"movl %eax, 92(%ecx)\n\t"
	"movl %ebx, 52(%ecx)\n\t"
	"movl %esi, 56(%ecx)\n\t"
	"movl %edi, 60(%ecx)\n\t"
	"movl %ebp, 64(%ecx)\n\t"
	"xorl %eax, %eax\n\t"
	"movw %es, %ax\n\t"
	"movl %eax, 68(%ecx)\n\t"
	"movw %fs, %ax\n\t"
	"movl %eax, 72(%ecx)\n\t"
	"movw %gs, %ax\n\t"
	"movl %eax, 76(%ecx)\n\t"
	"movw %ds, %ax\n\t"
	"movl %eax, 80(%ecx)\n\t"
	"movw %ss, %ax\n\t"
	"movl %eax, 84(%ecx)\n\t"
	"movl abi_probe_esp, %esp\n\t"
	"pushfl\n\t"
	"popl %eax\n\t"
	"movl %eax, 88(%ecx)\n\t"
	"popl %eax\n\t"
	"movl %eax, 4(%ecx)\n\t"
	"popl %eax\n\t"
	"movl %eax, 8(%ecx)\n\t"
	"popl %eax\n\t"
	"movl %eax, 12(%ecx)\n\t"
	"popl %eax\n\t"
	"movl %eax, 16(%ecx)\n\t"
	"popfl\n\t"
	"popl %gs\n\t"
	"popl %fs\n\t"
	"popl %es\n\t"
	"popl %edi\n\t"
	"popl %esi\n\t"
	"popl %ebx\n\t"
	"popl %ebp\n\t"
	"ret\n"
	".size abi_probe_call, . - abi_probe_call\n");

/* The upcall: records its entry state, touching only EAX (cdecl lets it) and abi_up. */
__asm__(".text\n"
	".globl abi_probe_upcall\n"
	".type abi_probe_upcall, @function\n"
	"abi_probe_upcall:\n\t"
	"movl %ebx, abi_up\n\t"
	"movl %esi, abi_up + 4\n\t"
	"movl %edi, abi_up + 8\n\t"
	"movl %ebp, abi_up + 12\n\t"
	"movl %esp, abi_up + 16\n\t"
	"xorl %eax, %eax\n\t"
	"movw %es, %ax\n\t"
	"movl %eax, abi_up + 20\n\t"
	"movw %fs, %ax\n\t"
	"movl %eax, abi_up + 24\n\t"
	"movw %gs, %ax\n\t"
	"movl %eax, abi_up + 28\n\t"
	"movl (%esp), %eax\n\t"
	"movl %eax, abi_up + 32\n\t"
	"movl 4(%esp), %eax\n\t"
	"movl %eax, abi_up + 36\n\t"
	"movl 8(%esp), %eax\n\t"
	"movl %eax, abi_up + 40\n\t"
	"movl 12(%esp), %eax\n\t"
	"movl %eax, abi_up + 44\n\t"
	"movl 16(%esp), %eax\n\t"
	"movl %eax, abi_up + 48\n\t"
	"pushfl\n\t"
	"popl %eax\n\t"
	"movl %eax, abi_up + 52\n\t"
	"incl abi_up + 56\n\t"
	"ret\n"
	".size abi_probe_upcall, . - abi_probe_upcall\n");

#define EFLAGS_DF 0x400
#define EFLAGS_AC 0x40000

static uint32_t sel_cs, sel_ss, me;
static volatile uint8_t flag;
static uint8_t buf[16];

/* Two register patterns: distinctive values, and selectors the kernel would not choose. */
static void load_pattern(struct probe *p, unsigned pattern, bool set_flags)
{
	if (pattern == 0) {
		p->ebx = 0x11111111u, p->esi = 0x22222222u, p->edi = 0x33333333u;
		p->ebp = 0x44444444u;
		p->es = 0, p->fs = sel_cs, p->gs = 0;
		p->flags = set_flags ? EFLAGS_DF | EFLAGS_AC : 0;
	} else {
		p->ebx = 0xdeadbeefu, p->esi = 0xa5a5a5a5u, p->edi = 0x5a5a5a5au;
		p->ebp = 0x80000001u;
		p->es = sel_cs, p->fs = 0, p->gs = sel_ss;
		p->flags = set_flags ? EFLAGS_DF : 0;
	}
}

typedef void setup_fn(void);

/*
 * Runs class with r0..r3 under both patterns (setup first each time, e.g. to queue an upcall)
 * and reports two cases: the general registers and ESP, then the segment registers and flags.
 * Returns: the last probe, for the caller's own checks.
 */
static struct probe run_probe(const char *what, uint32_t class, uint32_t r0, uint32_t r1,
			      uint32_t r2, uint32_t r3, setup_fn *setup, bool set_flags)
{
	char name[160], why_gpr[100] = "", why_seg[100] = "";
	bool gpr_ok = true, seg_ok = true;
	struct probe p = {0};

	for (unsigned pattern = 0; pattern < 2; pattern++) {
		if (setup)
			setup();
		p = (struct probe){.class = class, .r = {r0, r1, r2, r3}};
		load_pattern(&p, pattern, set_flags);
		abi_probe_call(&p);
		if (gpr_ok && (p.out_ebx != p.ebx || p.out_esi != p.esi || p.out_edi != p.edi ||
			       p.out_ebp != p.ebp || p.esp_delta != 0)) {
			gpr_ok = false;
			fmt_snprintf(why_gpr, sizeof(why_gpr),
				     "pattern %u: EBX 0x%x ESI 0x%x EDI 0x%x EBP 0x%x, ESP moved "
				     "by %d",
				     pattern, p.out_ebx, p.out_esi, p.out_edi, p.out_ebp,
				     (int)p.esp_delta);
		}
		if (seg_ok && (p.out_es != p.es || p.out_fs != p.fs || p.out_gs != p.gs ||
			       p.out_ds != sel_ss || p.out_ss != sel_ss ||
			       (p.out_eflags & (EFLAGS_DF | EFLAGS_AC)) != p.flags)) {
			seg_ok = false;
			fmt_snprintf(why_seg, sizeof(why_seg),
				     "pattern %u: ES %x FS %x GS %x DS %x SS %x EFLAGS %x", pattern,
				     p.out_es, p.out_fs, p.out_gs, p.out_ds, p.out_ss,
				     p.out_eflags);
		}
	}
	fmt_snprintf(name, sizeof(name), "%s: EBX, ESI, EDI, EBP and ESP preserved", what);
	abi_case(gpr_ok, name, "%s", why_gpr);
	fmt_snprintf(name, sizeof(name), "%s: DS, ES, FS, GS, SS%s preserved", what,
		     set_flags ? " and EFLAGS DF, AC" : "");
	abi_case(seg_ok, name, "%s", why_seg);
	return p;
}

static void queue_ipc(void)
{
	abi_ipc_notify_self(me);
}

static void drain(void)
{
	abi_drain();
}

static uint32_t alarm_expiration;

static void arm_alarm(void)
{
	abi_drain();
	/* 3 ticks: it fires while the process waits */
	alarm_expiration = tock_command(ABI_ALARM, 5, 3, 0).data[0];
}

/* The cases about the upcall's entry, from the last probe (pattern 1) and abi_up. */
static void upcall_entry_cases(const char *what, const struct probe *p, uint32_t want_a0,
			       uint32_t want_a1, uint32_t want_a2, uint32_t want_data)
{
	char name[160];

	fmt_snprintf(name, sizeof(name),
		     "%s: the upcall returns to the instruction after int "
		     "$0x40, ESP = yield frame - 4",
		     what);
	abi_case(abi_up.ret == (uint32_t)(uintptr_t)abi_probe_after_int &&
		     abi_up.esp == abi_probe_esp - 4,
		 name, "return address 0x%x (want 0x%x), ESP 0x%x (frame 0x%x)", abi_up.ret,
		 (uint32_t)(uintptr_t)abi_probe_after_int, abi_up.esp, abi_probe_esp);
	fmt_snprintf(name, sizeof(name),
		     "%s: cdecl arguments (a0, a1, a2, appdata) above the "
		     "return address",
		     what);
	abi_case(abi_up.a0 == want_a0 && abi_up.a1 == want_a1 && abi_up.a2 == want_a2 &&
		     abi_up.data == want_data,
		 name, "got (0x%x, 0x%x, 0x%x, 0x%x), want (0x%x, 0x%x, 0x%x, 0x%x)", abi_up.a0,
		 abi_up.a1, abi_up.a2, abi_up.data, want_a0, want_a1, want_a2, want_data);
	fmt_snprintf(name, sizeof(name),
		     "%s: the upcall starts with the yield's EBX, ESI, EDI, "
		     "EBP, ES, FS, GS",
		     what);
	abi_case(abi_up.ebx == p->ebx && abi_up.esi == p->esi && abi_up.edi == p->edi &&
		     abi_up.ebp == p->ebp && abi_up.es == p->es && abi_up.fs == p->fs &&
		     abi_up.gs == p->gs,
		 name, "EBX 0x%x ESI 0x%x EDI 0x%x EBP 0x%x ES %x FS %x GS %x", abi_up.ebx,
		 abi_up.esi, abi_up.edi, abi_up.ebp, abi_up.es, abi_up.fs, abi_up.gs);
}

int main(void)
{
	struct probe p;
	uint32_t count;

	__asm__ volatile("movw %%cs, %w0\n\tmovw %%ss, %w1" : "=r"(sel_cs), "=r"(sel_ss));
	sel_cs &= 0xffff, sel_ss &= 0xffff;
	abi_begin(APP_NAME);
	abi_note("CS %x SS %x", sel_cs, sel_ss);
	if (!abi_ipc_self(APP_NAME, &me)) {
		abi_case(false, "IPC discover of its own name (the fixture for queued upcalls)",
			 "failed");
		return abi_done();
	}

	/* Classes that run no upcall: flags set too. */
	run_probe("yield-no-wait, nothing queued", TOCK_CLASS_YIELD, TOCK_YIELD_NO_WAIT,
		  (uint32_t)(uintptr_t)&flag, 0, 0, drain, true);
	run_probe("subscribe", TOCK_CLASS_SUBSCRIBE, ABI_ALARM, 0,
		  (uint32_t)(uintptr_t)abi_probe_upcall, 0xa1a1, NULL, true);
	run_probe("subscribe failing (NOSUPPORT)", TOCK_CLASS_SUBSCRIBE, ABI_ALARM, 7, 0, 0, NULL,
		  true);
	run_probe("command", TOCK_CLASS_COMMAND, ABI_LLD, 0, 0, 0, NULL, true);
	run_probe("command failing (NODEVICE)", TOCK_CLASS_COMMAND, ABI_MISSING, 0, 0, 0, NULL,
		  true);
	run_probe("read-write allow", TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, (uint32_t)(uintptr_t)buf,
		  sizeof(buf), NULL, true);
	run_probe("read-only allow", TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, (uint32_t)(uintptr_t)buf,
		  sizeof(buf), NULL, true);
	tock_allow_rw(ABI_CONSOLE, 1, NULL, 0);
	tock_allow_ro(ABI_CONSOLE, 1, NULL, 0);
	run_probe("userspace-readable allow", TOCK_CLASS_ALLOW_USERSPACE_READABLE, ABI_CONSOLE, 1,
		  (uint32_t)(uintptr_t)buf, sizeof(buf), NULL, true);
	run_probe("allow failing (INVAL)", TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0, 16, NULL, true);
	run_probe("memop", TOCK_CLASS_MEMOP, TOCK_MEMOP_RAM_START, 0, 0, 0, NULL, true);
	run_probe("memop failing (NOSUPPORT)", TOCK_CLASS_MEMOP, 99, 0, 0, 0, NULL, true);
	run_probe("exit with an unknown variant (returns NOSUPPORT)", TOCK_CLASS_EXIT, 2, 0, 0, 0,
		  NULL, true);

	/* Yields that run an upcall (the raw one, on IPC self-notifies and the alarm). */
	tock_subscribe(ABI_IPC, me, abi_probe_upcall, (void *)0x1234abcd);
	tock_subscribe(ABI_ALARM, 0, abi_probe_upcall, (void *)0xa1a2a3a4);
	abi_drain();
	count = abi_up.count;
	p = run_probe("yield-no-wait running an upcall", TOCK_CLASS_YIELD, TOCK_YIELD_NO_WAIT,
		      (uint32_t)(uintptr_t)&flag, 0, 0, queue_ipc, false);
	abi_case(abi_up.count == count + 2 && flag == 1,
		 "yield-no-wait running an upcall: it ran once per call", "ran %u times, flag %u",
		 abi_up.count - count, flag);
	upcall_entry_cases("yield-no-wait running an upcall", &p, me, 0, 0, 0x1234abcd);

	count = abi_up.count;
	p = run_probe("yield-wait, upcall queued", TOCK_CLASS_YIELD, TOCK_YIELD_WAIT, 0, 0, 0,
		      queue_ipc, false);
	abi_case(abi_up.count == count + 2, "yield-wait, upcall queued: it ran once per call",
		 "ran %u times", abi_up.count - count);
	upcall_entry_cases("yield-wait, upcall queued", &p, me, 0, 0, 0x1234abcd);

	count = abi_up.count;
	p = run_probe("yield-wait, blocking until the alarm", TOCK_CLASS_YIELD, TOCK_YIELD_WAIT, 0,
		      0, 0, arm_alarm, false);
	abi_case(abi_up.count == count + 2,
		 "yield-wait, blocking: the alarm upcall ran once per "
		 "call",
		 "ran %u times", abi_up.count - count);
	upcall_entry_cases("yield-wait, blocking", &p, abi_up.a0, alarm_expiration, 0, 0xa1a2a3a4);

	count = abi_up.count;
	p = run_probe("yield-wait-for, match queued", TOCK_CLASS_YIELD, TOCK_YIELD_WAIT_FOR,
		      ABI_IPC, me, 0, queue_ipc, false);
	abi_case(abi_up.count == count && p.r[0] == me && p.r[1] == 0 && p.r[2] == 0,
		 "yield-wait-for, match queued: r0..r2 = (index, 0, 0), no upcall ran",
		 "ran %u, r0..r2 = (%u, %u, %u)", abi_up.count - count, p.r[0], p.r[1], p.r[2]);
	p = run_probe("yield-wait-for, blocking until the alarm", TOCK_CLASS_YIELD,
		      TOCK_YIELD_WAIT_FOR, ABI_ALARM, 0, 0, arm_alarm, false);
	abi_case(abi_up.count == count && p.r[1] == alarm_expiration && p.r[2] == 0 &&
		     p.r[0] - p.r[1] < 0x80000000u,
		 "yield-wait-for, blocking: r0..r2 = (now, expiration, 0), no upcall ran",
		 "ran %u, r0..r2 = (%u, %u, %u)", abi_up.count - count, p.r[0], p.r[1], p.r[2]);
	return abi_done();
}
