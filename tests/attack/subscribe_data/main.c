/* SPDX-License-Identifier: MIT */
/* Attack: subscribes upcalls that are not code it may run: in its .data, on its stack, on its
 * heap, in its TBF header, just past its binary, in kernel text and in the ticker's text. The
 * kernel would later jump there on the app's behalf: each must fail with INVAL (6) and the
 * previous upcall stay. A real function is accepted. */
#include "tests/attack/lib/attack.h"

#define ALARM 0

static volatile uint8_t data_code[8] = {0xc3};

static void real_upcall(uint32_t a, uint32_t b, uint32_t c, void *d)
{
	(void)a, (void)b, (void)c, (void)d;
}

int main(void)
{
	volatile uint8_t stack_code[8] = {0xc3};
	void *heap = NULL;
	struct attack_proc peer = attack_peer();
	bool ok = true;

	tock_sbrk(16, &heap);
	const struct {
		const char *what;
		uint32_t fn;
	} fns[] = {
	    {"its .data", (uint32_t)(uintptr_t)data_code},
	    {"its stack", (uint32_t)(uintptr_t)stack_code},
	    {"its heap", (uint32_t)(uintptr_t)heap},
	    {"its TBF header", attack_memop(TOCK_MEMOP_FLASH_START, 0)},
	    {"just past its binary", attack_memop(TOCK_MEMOP_FLASH_END, 0)},
	    {"kernel text", KSYM_x86_trap},
	    {"the ticker's text", peer.text_start + 0x200},
	};

	attack_stagger();
	struct syscall_return first = tock_subscribe(ALARM, 0, real_upcall, (void *)0x1234);
	ok &= attack_expect(tock_return_is_success(first), "subscribe a real function: error %u",
			    attack_error(first));
	for (unsigned i = 0; i < ARRAY_SIZE(fns); i++) {
		struct syscall_return r;

		attack_announce("subscribe an upcall in %s at 0x%08x", fns[i].what, fns[i].fn);
		r = attack_sys(TOCK_CLASS_SUBSCRIBE, ALARM, 0, fns[i].fn, 0);
		ok &= attack_expect(attack_error(r) == ERROR_INVAL && r.data[1] == fns[i].fn,
				    "subscribe in %s: error %u", fns[i].what, attack_error(r));
	}
	/* The real one is still there: swapping it back returns it. */
	struct syscall_return last = tock_subscribe(ALARM, 0, NULL, NULL);
	ok &= attack_expect(
	    last.variant == TOCK_RETURN_SUCCESS_2U32 &&
		last.data[0] == (uint32_t)(uintptr_t)real_upcall && last.data[1] == 0x1234,
	    "the real upcall stayed subscribed (0x%08x, 0x%x)", last.data[0], last.data[1]);
	return ok ? 0 : 1;
}
