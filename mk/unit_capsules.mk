# SPDX-License-Identifier: MIT
# Host unit tests of the syscall drivers (capsules) and IPC over the real process core
# (kernel/process.c, kernel/syscall.c) on the fake arch layer, with the process fixture's fake
# SRAM and its eight apps (tests/unit/kernel/process_fixture.c).

# mk/unit_process.mk's UNIT_PROCESS_SRCS without tests/unit/fake_ipc.c, which each test adds
# except the IPC test (it links the real kernel/ipc.c).
UNIT_CAPSULE_CORE_SRCS := kernel/process.c kernel/syscall.c tests/unit/kernel/process_fixture.c \
	lib/fmt.c tests/unit/fake_arch/fake_arch.c tests/unit/fake_debug.c \
	tests/unit/fake_kernel_loop.c tests/unit/fake_panic.c

$(eval $(call unit_test,alarm_driver,tests/unit/capsules/test_alarm_driver.c capsules/alarm.c \
	capsules/virtual_alarm.c $(UNIT_CAPSULE_CORE_SRCS) tests/unit/fake_ipc.c))
# The console over a fake debug output and fake deferred calls (in the test), reads through the
# real UART input mux.
$(eval $(call unit_test,console_driver,tests/unit/capsules/test_console_driver.c \
	capsules/console.c capsules/uart_rx_mux.c $(UNIT_CAPSULE_CORE_SRCS) tests/unit/fake_ipc.c))
$(eval $(call unit_test,low_level_debug,tests/unit/capsules/test_low_level_debug.c \
	capsules/low_level_debug.c $(UNIT_CAPSULE_CORE_SRCS) tests/unit/fake_ipc.c))
$(eval $(call unit_test,process_info,tests/unit/capsules/test_process_info.c \
	capsules/process_info.c $(UNIT_CAPSULE_CORE_SRCS) tests/unit/fake_ipc.c))
# IPC: the real kernel/ipc.c, so no tests/unit/fake_ipc.c.
$(eval $(call unit_test,ipc,tests/unit/kernel/test_ipc.c kernel/ipc.c $(UNIT_CAPSULE_CORE_SRCS)))
# The serial shell, with lines typed through the real UART input mux.
$(eval $(call unit_test,process_console,tests/unit/capsules/test_process_console.c \
	capsules/process_console.c capsules/uart_rx_mux.c $(UNIT_CAPSULE_CORE_SRCS) \
	tests/unit/fake_ipc.c))
