# SPDX-License-Identifier: MIT
# Host unit tests of the process core: system calls, processes, the process loader, and the
# alarm virtualiser. They run the kernel's code on a fake arch layer (tests/unit/fake_arch/),
# with a fake kprintf, and the process tests map a fake SRAM at its own 32-bit address.

UNIT_FAKE_KERNEL_SRCS := tests/unit/fake_arch/fake_arch.c tests/unit/fake_debug.c \
	tests/unit/fake_kernel_loop.c tests/unit/fake_ipc.c tests/unit/fake_panic.c
UNIT_PROCESS_SRCS := kernel/process.c kernel/syscall.c tests/unit/kernel/process_fixture.c \
	lib/fmt.c $(UNIT_FAKE_KERNEL_SRCS)

$(eval $(call unit_test,syscall,tests/unit/kernel/test_syscall.c $(UNIT_PROCESS_SRCS)))
$(eval $(call unit_test,process,tests/unit/kernel/test_process.c $(UNIT_PROCESS_SRCS)))
$(eval $(call unit_test,process_loader,tests/unit/kernel/test_process_loader.c \
	kernel/process_loader.c loader/tbf.c tools/tbf_build.c lib/sha256.c lib/fmt.c lib/error.c))
$(eval $(call unit_test,virtual_alarm,tests/unit/capsules/test_virtual_alarm.c \
	capsules/virtual_alarm.c))
