/* SPDX-License-Identifier: MIT */
/* Unit tests for the IDT policy (x86_idt_fill in arch/x86/desc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/x86/desc.h"
#include "arch/x86/segments.h"

#define STUBS 0x00011230u

static uint64_t idt[256];

static int setup(void **state)
{
	(void)state;
	x86_idt_fill(idt, STUBS, TRAP_STUB_BYTES, SEL_KCODE, VEC_SYSCALL);
	return 0;
}

static uint32_t gate_offset(uint64_t g)
{
	return (uint32_t)((g & 0xffff) | ((g >> 48) << 16));
}

static void test_idt_only_syscall_gate_is_dpl3(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 256; v++)
		assert_int_equal(x86_desc_dpl(idt[v]), v == 0x40 ? 3 : 0);
}

static void test_idt_every_gate_is_present_interrupt_gate_to_kernel_code(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 256; v++) {
		assert_int_equal((idt[v] >> 40) & 0xf, DESC_TYPE_INTR_GATE);
		assert_true(idt[v] & (1ull << 47));
		assert_int_equal((idt[v] >> 16) & 0xffff, SEL_KCODE);
	}
}

static void test_idt_gate_v_points_at_stub_v(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 256; v++)
		assert_int_equal(gate_offset(idt[v]), STUBS + v * TRAP_STUB_BYTES);
}

static void test_task_gate_names_the_tss_selector_and_is_present_dpl0(void **state)
{
	uint64_t g = x86_task_gate_desc(0x30);

	(void)state;
	assert_int_equal((g >> 16) & 0xffff, 0x30);
	assert_int_equal((g >> 40) & 0xf, DESC_TYPE_TASK_GATE);
	assert_true(g & (1ull << 47));
	assert_int_equal(x86_desc_dpl(g), 0);
	assert_int_equal(g & 0xffff, 0); /* offset fields are reserved */
	assert_int_equal(g >> 48, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_idt_only_syscall_gate_is_dpl3),
	    cmocka_unit_test(test_idt_every_gate_is_present_interrupt_gate_to_kernel_code),
	    cmocka_unit_test(test_idt_gate_v_points_at_stub_v),
	    cmocka_unit_test(test_task_gate_names_the_tss_selector_and_is_present_dpl0),
	};
	return cmocka_run_group_tests_name("idt", tests, setup, NULL);
}
