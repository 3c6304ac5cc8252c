/* SPDX-License-Identifier: MIT */
/* Conformance: yield (ABI.md "Semantics"): no-wait and its flag byte (written only where the
 * process may write), wait (returns only after an upcall ran, one per call), wait-for (the
 * upcall's values in r0..r2, no upcall run, the others still queued in order). */
#include "tests/abi/lib/abi.h"
#include "lib/fmt.h"

/* Each upcall run is recorded in order: which function, its arguments and data. */
struct run {
	uint32_t fn, a0, a1, a2, data;
};
static struct run runs[16];
static unsigned nruns;

static void record(uint32_t fn, uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	if (nruns < ARRAY_SIZE(runs))
		runs[nruns] = (struct run){fn, a0, a1, a2, (uint32_t)(uintptr_t)data};
	nruns++;
}

static void on_alarm(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	record(ABI_ALARM, a0, a1, a2, data);
}

static void on_console(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	record(ABI_CONSOLE, a0, a1, a2, data);
}

static void on_ipc(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	record(ABI_IPC, a0, a1, a2, data);
}

static uint32_t me; /* IPC index */
static const char newlines[] = "\n\n\n\n";

/*
 * Queues a console write-done upcall with args (len, 0, 0): a write of len newlines. The
 * caller subscribes on_console once before (each subscribe drops what is queued).
 */
static void queue_console(uint32_t len)
{
	tock_allow_ro(ABI_CONSOLE, 1, newlines, len);
	tock_command(ABI_CONSOLE, 1, len, 0);
	abi_spin_ticks(3); /* let the kernel's bottom half finish the write */
	tock_allow_ro(ABI_CONSOLE, 1, NULL, 0);
}

/* Queues an alarm upcall one tick from now; returns its expiration. */
static uint32_t queue_alarm(void)
{
	struct syscall_return r;

	tock_subscribe(ABI_ALARM, 0, on_alarm, (void *)0xa0);
	r = tock_command(ABI_ALARM, 5, 1, 0);
	abi_spin_ticks(4);
	return r.data[0];
}

static void reset(void)
{
	abi_drain();
	nruns = 0;
}

/* Yield-no-wait with the flag at vaddr; Returns: how many upcalls ran. */
static unsigned no_wait_at(uintptr_t vaddr)
{
	unsigned before = nruns;

	abi_yield_no_wait_at(vaddr);
	return nruns - before;
}

extern char _data_start[]; /* linker/app.ld */

/* FNV-1a over .data, .bss and the heap up to the break: the app's memory but its stack. */
static uint32_t checksum(void)
{
	const volatile uint8_t *p = (const volatile uint8_t *)_data_start;
	const volatile uint8_t *end = (const volatile uint8_t *)(uintptr_t)abi_break();
	uint32_t h = 2166136261u;

	for (; p < end; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Flag addresses the process may not write: 0, then stand-ins (1 grant region, 2 RAM end,
 * 3 the byte below RAM, 4 the break, 5 its own text), then fixed ones. */
static const uint32_t bad_flags[] = {0, 1, 2, 3, 4, 5, 0xffffffffu, 0xc0000000u, 0xfffff000u};

int main(void)
{
	static volatile uint32_t word;
	struct tock_upcall_args args;
	uint32_t exp, brk, grant, hz, t, sum;
	volatile uint8_t *at_break;
	uint8_t text_before;
	struct syscall_return prev;
	bool ok;

	abi_begin(APP_NAME);
	if (!abi_ipc_self(APP_NAME, &me)) {
		abi_case(false, "IPC discover of its own name (the fixture for queued upcalls)",
			 "failed");
		return abi_done();
	}
	tock_subscribe(ABI_IPC, me, on_ipc, (void *)0x1c);
	hz = tock_command(ABI_ALARM, 1, 0, 0).data[0];

	/* No-wait with nothing queued: flag byte 0, only that byte, nothing runs. */
	reset();
	word = 0xaaaaaaaau;
	ok = no_wait_at((uintptr_t)&word + 1) == 0;
	abi_case(ok && word == 0xaaaa00aau,
		 "yield-no-wait, nothing queued: writes 0 to the flag byte only, runs nothing",
		 "word 0x%x, %u upcalls ran", word, nruns);

	/* No-wait with one queued: flag 1, exactly that upcall, with its arguments. */
	reset();
	abi_ipc_notify_self(me);
	word = 0xaaaaaaaau;
	ok = no_wait_at((uintptr_t)&word + 2) == 1;
	abi_case(ok && word == 0xaa01aaaau && runs[0].fn == ABI_IPC && runs[0].data == 0x1c,
		 "yield-no-wait, one queued: writes 1 to the flag byte only, runs that upcall",
		 "word 0x%x, %u ran, first fn %u data 0x%x", word, nruns, runs[0].fn, runs[0].data);

	/* No-wait runs one upcall per call. */
	reset();
	abi_ipc_notify_self(me);
	abi_ipc_notify_self(me);
	t = no_wait_at((uintptr_t)&word);
	abi_case(t == 1, "yield-no-wait runs one upcall per call", "%u ran", t);
	t = no_wait_at((uintptr_t)&word);
	abi_case(t == 1 && (word & 0xff) == 1, "yield-no-wait runs the second on the next call",
		 "%u ran, flag %u", t, word & 0xff);

	/* Flag addresses the process may not write: nothing is written, the upcall still runs. */
	reset();
	abi_ipc_notify_self(me);
	t = no_wait_at(0);
	abi_case(t == 1,
		 "yield-no-wait with flag address 0: runs the upcall, writes nothing, the "
		 "kernel survives",
		 "%u ran", t);

	text_before = *(volatile uint8_t *)tock_start_info.binary_start;
	abi_ipc_notify_self(me);
	t = no_wait_at(tock_start_info.binary_start);
	abi_case(t == 1 && *(volatile uint8_t *)tock_start_info.binary_start == text_before,
		 "yield-no-wait with the flag in its own text (read-only): runs the upcall, the "
		 "byte is unchanged",
		 "%u ran, byte 0x%x was 0x%x", t, *(volatile uint8_t *)tock_start_info.binary_start,
		 text_before);
	t = no_wait_at(tock_start_info.binary_start);
	abi_case(t == 0 && *(volatile uint8_t *)tock_start_info.binary_start == text_before,
		 "yield-no-wait with the flag in its own text, nothing queued: byte unchanged",
		 "%u ran, byte 0x%x was 0x%x", t, *(volatile uint8_t *)tock_start_info.binary_start,
		 text_before);

	/*
	 * The byte at the break: not the process's (ABI.md), but on a page it can read when the
	 * break is not page aligned (protection is page granular), so the test can see it stay.
	 */
	brk = abi_break();
	if (brk % ABI_PAGE_BYTES == 0 &&
	    tock_memop(TOCK_MEMOP_SBRK, 0x800).variant == TOCK_RETURN_SUCCESS_U32)
		brk += 0x800;
	if (brk % ABI_PAGE_BYTES) {
		at_break = (volatile uint8_t *)(uintptr_t)brk;
		at_break[-1] = 0x5a;
		at_break[0] = 0x5a;
		abi_ipc_notify_self(me);
		t = no_wait_at(brk);
		abi_case(t == 1 && at_break[0] == 0x5a,
			 "yield-no-wait with the flag at the break: runs the upcall, the byte is "
			 "untouched",
			 "%u ran, byte 0x%x", t, at_break[0]);
		t = no_wait_at(brk);
		abi_case(t == 0 && at_break[0] == 0x5a,
			 "yield-no-wait with the flag at the break, nothing queued: byte untouched",
			 "%u ran, byte 0x%x", t, at_break[0]);
		t = no_wait_at(brk - 1);
		abi_case(t == 0 && at_break[-1] == 0,
			 "yield-no-wait with the flag at break - 1 "
			 "(the app's last byte): written",
			 "byte 0x%x", at_break[-1]);
	} else {
		abi_skip("yield-no-wait with the flag at the break", "break page aligned");
	}

	/*
	 * Kernel memory: the grant region. Its first bytes hold what the process subscribed last
	 * (on this kernel, the alarm's upcall slot): a write there would show in what the next
	 * subscribe hands back.
	 */
	tock_subscribe(ABI_ALARM, 0, on_alarm, (void *)0xa0);
	grant = abi_memop_u32(TOCK_MEMOP_GRANT_START);
	t = no_wait_at(grant);
	abi_ipc_notify_self(me);
	t += no_wait_at(grant);
	t += no_wait_at(grant + 4);
	abi_ipc_notify_self(me);
	t += no_wait_at(grant + 4);
	prev = tock_subscribe(ABI_ALARM, 0, on_alarm, (void *)0xa0);
	abi_case(t == 2 && prev.variant == TOCK_RETURN_SUCCESS_2U32 &&
		     prev.data[0] == (uint32_t)(uintptr_t)on_alarm && prev.data[1] == 0xa0,
		 "yield-no-wait with the flag in the grant region: upcalls run, the kernel's "
		 "memory is unchanged",
		 "%u ran; subscribe gave back (0x%x, 0x%x), want (0x%x, 0xa0)", t, prev.data[0],
		 prev.data[1], (uint32_t)(uintptr_t)on_alarm);
	abi_ipc_notify_self(me);
	t = no_wait_at(abi_memop_u32(TOCK_MEMOP_RAM_START) - 1);
	t += no_wait_at(abi_memop_u32(TOCK_MEMOP_RAM_END));
	t += no_wait_at(0xffffffffu);
	t += no_wait_at(0xc0000000u);
	abi_case(t == 1,
		 "yield-no-wait with the flag below RAM, at RAM end, at 0xffffffff, at "
		 "0xc0000000: the kernel survives",
		 "%u ran", t);

	/* With nothing queued, none of those addresses makes the kernel write the app's memory. */
	reset();
	sum = checksum();
	t = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(bad_flags); i++)
		t += no_wait_at(bad_flags[i] == 1   ? grant
				: bad_flags[i] == 2 ? abi_memop_u32(TOCK_MEMOP_RAM_END)
				: bad_flags[i] == 3 ? abi_memop_u32(TOCK_MEMOP_RAM_START) - 1
				: bad_flags[i] == 4 ? abi_break()
				: bad_flags[i] == 5 ? tock_start_info.binary_start
						    : bad_flags[i]);
	abi_case(t == 0 && checksum() == sum,
		 "yield-no-wait with unwritable flag addresses: .data, .bss and heap unchanged",
		 "%u ran, checksum 0x%x was 0x%x", t, checksum(), sum);

	/* Wait: returns only after an upcall ran. */
	reset();
	tock_subscribe(ABI_ALARM, 0, on_alarm, (void *)0xa0);
	exp = tock_command(ABI_ALARM, 5, hz / 200 + 1, 0).data[0]; /* about 5 ms */
	tock_yield_wait();
	t = abi_now();
	abi_case(nruns == 1 && runs[0].fn == ABI_ALARM && t - exp < 0x80000000u,
		 "yield-wait returns only after an upcall ran (the alarm's, after it expired)",
		 "%u ran, first fn %u; now %u, expiration %u", nruns, runs[0].fn, t, exp);
	abi_case(runs[0].a1 == exp && runs[0].a2 == 0 && runs[0].data == 0xa0 &&
		     runs[0].a0 - exp < 0x80000000u,
		 "the alarm upcall got (now, expiration, 0) and its data (cdecl arguments)",
		 "got (%u, %u, %u, 0x%x), expiration %u", runs[0].a0, runs[0].a1, runs[0].a2,
		 runs[0].data, exp);
	reset();
	abi_ipc_notify_self(me);
	abi_ipc_notify_self(me);
	tock_yield_wait();
	t = nruns;
	tock_yield_wait();
	abi_case(t == 1 && nruns == 2, "yield-wait with two queued runs one per call",
		 "first wait ran %u, both %u", t, nruns);

	/* Wait-for: the upcall's values come back in r0..r2, its function does not run. */
	reset();
	exp = queue_alarm();
	args = tock_yield_wait_for(ABI_ALARM, 0);
	abi_case(nruns == 0 && args.arg[1] == exp && args.arg[2] == 0 &&
		     args.arg[0] - exp < 0x80000000u,
		 "yield-wait-for (queued match): r0..r2 are the upcall's (now, expiration, 0), "
		 "no upcall runs",
		 "%u ran; got (%u, %u, %u), expiration %u", nruns, args.arg[0], args.arg[1],
		 args.arg[2], exp);
	reset();
	exp = tock_command(ABI_ALARM, 5, hz / 200 + 1, 0).data[0];
	args = tock_yield_wait_for(ABI_ALARM, 0);
	abi_case(nruns == 0 && args.arg[1] == exp && args.arg[0] - exp < 0x80000000u,
		 "yield-wait-for (waiting): returns when the alarm fires, its values in r0..r2, "
		 "no upcall runs",
		 "%u ran; got (%u, %u, %u), expiration %u", nruns, args.arg[0], args.arg[1],
		 args.arg[2], exp);

	/* Wait-for takes its match out of the queue; the others stay, in order. */
	reset();
	tock_subscribe(ABI_CONSOLE, 1, on_console, (void *)0xc0);
	queue_console(1);
	abi_ipc_notify_self(me);
	queue_console(2);
	exp = queue_alarm();
	queue_console(3);
	args = tock_yield_wait_for(ABI_IPC, me);
	t = nruns;
	abi_drain();
	ok = nruns == 4 && runs[0].fn == ABI_CONSOLE && runs[0].a0 == 1 &&
	     runs[1].fn == ABI_CONSOLE && runs[1].a0 == 2 && runs[2].fn == ABI_ALARM &&
	     runs[2].a1 == exp && runs[3].fn == ABI_CONSOLE && runs[3].a0 == 3;
	abi_case(t == 0 && args.arg[0] == me && args.arg[1] == 0 && args.arg[2] == 0,
		 "yield-wait-for with others queued ahead: returns its match's (index, 0, 0), "
		 "runs none",
		 "%u ran; got (%u, %u, %u), own index %u", t, args.arg[0], args.arg[1], args.arg[2],
		 me);
	abi_case(ok, "after yield-wait-for, the other upcalls are still queued, in order",
		 "ran %u: (%u:%u) (%u:%u) (%u:%u) (%u:%u)", nruns, runs[0].fn, runs[0].a0,
		 runs[1].fn, runs[1].a0, runs[2].fn, runs[2].a0, runs[3].fn, runs[3].a0);
	reset();
	return abi_done();
}
