/* SPDX-License-Identifier: MIT */
/* Typed wrappers for every Tock syscall class, over the raw int $0x40 of syscall.h. */
#include "apps/runtime/tock.h"

/* crt0.S stores the four entry arguments here in argument order, one dword each. */
struct tock_start_info tock_start_info;
STATIC_ASSERT(offsetof(struct tock_start_info, binary_start) == 0);
STATIC_ASSERT(offsetof(struct tock_start_info, ram_start) == 4);
STATIC_ASSERT(offsetof(struct tock_start_info, ram_bytes) == 8);
STATIC_ASSERT(offsetof(struct tock_start_info, initial_break) == 12);
STATIC_ASSERT(sizeof(struct tock_start_info) == 16);

static struct syscall_return to_return(struct tock_syscall_regs regs)
{
	return (struct syscall_return){regs.r0, {regs.r1, regs.r2, regs.r3}};
}

void tock_yield_wait(void)
{
	/* What comes back is whatever the upcall left in its argument slots: nothing to read. */
	tock_syscall2(TOCK_CLASS_YIELD, TOCK_YIELD_WAIT, 0);
}

bool tock_yield_no_wait(void)
{
	/* The kernel writes 1 or 0 here; it writes nothing if it cannot, hence the 0 start. */
	volatile uint8_t ran = 0;

	tock_syscall2(TOCK_CLASS_YIELD, TOCK_YIELD_NO_WAIT, (uint32_t)(uintptr_t)&ran);
	return ran != 0;
}

struct tock_upcall_args tock_yield_wait_for(uint32_t driver, uint32_t subscribe_num)
{
	struct tock_syscall_regs regs =
	    tock_syscall4(TOCK_CLASS_YIELD, TOCK_YIELD_WAIT_FOR, driver, subscribe_num, 0);

	return (struct tock_upcall_args){{regs.r0, regs.r1, regs.r2}};
}

struct syscall_return tock_subscribe(uint32_t driver, uint32_t subscribe_num,
				     tock_upcall_fn *upcall, void *data)
{
	return to_return(tock_syscall4(TOCK_CLASS_SUBSCRIBE, driver, subscribe_num,
				       (uint32_t)(uintptr_t)upcall, (uint32_t)(uintptr_t)data));
}

struct syscall_return tock_command(uint32_t driver, uint32_t command_num, uint32_t arg1,
				   uint32_t arg2)
{
	return to_return(tock_syscall4(TOCK_CLASS_COMMAND, driver, command_num, arg1, arg2));
}

struct syscall_return tock_allow_rw(uint32_t driver, uint32_t allow_num, void *buf, size_t len)
{
	return to_return(
	    tock_syscall4(TOCK_CLASS_ALLOW_RW, driver, allow_num, (uint32_t)(uintptr_t)buf, len));
}

struct syscall_return tock_allow_ro(uint32_t driver, uint32_t allow_num, const void *buf,
				    size_t len)
{
	return to_return(
	    tock_syscall4(TOCK_CLASS_ALLOW_RO, driver, allow_num, (uint32_t)(uintptr_t)buf, len));
}

struct syscall_return tock_allow_userspace_readable(uint32_t driver, uint32_t allow_num, void *buf,
						    size_t len)
{
	return to_return(tock_syscall4(TOCK_CLASS_ALLOW_USERSPACE_READABLE, driver, allow_num,
				       (uint32_t)(uintptr_t)buf, len));
}

struct syscall_return tock_memop(uint32_t op, uint32_t arg)
{
	return to_return(tock_syscall2(TOCK_CLASS_MEMOP, op, arg));
}

enum error_code tock_brk(void *brk)
{
	return tock_return_error(tock_memop(TOCK_MEMOP_BRK, (uint32_t)(uintptr_t)brk));
}

enum error_code tock_sbrk(int32_t increment, void **old_brk)
{
	uint32_t old;
	enum error_code rc =
	    tock_return_u32(tock_memop(TOCK_MEMOP_SBRK, (uint32_t)increment), &old);

	if (rc == ERROR_NONE)
		*old_brk = (void *)(uintptr_t)old;
	return rc;
}

NORETURN void tock_exit_terminate(uint32_t completion_code)
{
	tock_syscall2(TOCK_CLASS_EXIT, TOCK_EXIT_TERMINATE, completion_code);
	/* Exit never returns; if a broken kernel says otherwise, fault rather than run on. */
	__builtin_trap();
}

NORETURN void tock_exit_restart(uint32_t completion_code)
{
	tock_syscall2(TOCK_CLASS_EXIT, TOCK_EXIT_RESTART, completion_code);
	__builtin_trap();
}
