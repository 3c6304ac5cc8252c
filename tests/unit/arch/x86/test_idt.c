/* SPDX-License-Identifier: MIT */
/* Unit tests for the IDT policy (x86_idt_fill in arch/x86/desc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/x86/desc.h"
#include "arch/x86/segments.h"

#define STUBS	      0x00011230u
#define SYSCALL_ENTRY 0x00012340u

static uint64_t idt[256];

static int setup(void **state)
{
	(void)state;
	const struct x86_idt_policy policy = {
	    .stubs = STUBS,
	    .stub_bytes = TRAP_STUB_BYTES,
	    .stub_count = TRAP_STUB_COUNT,
	    .syscall_entry = SYSCALL_ENTRY,
	    .syscall_vector = VEC_SYSCALL,
	    .cs = SEL_KCODE,
	};

	x86_idt_fill(idt, &policy);
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

static bool has_handler(unsigned v)
{
	return v < VEC_IRQ_BASE + VEC_IRQ_COUNT || v == VEC_SYSCALL;
}

static void test_idt_exceptions_irqs_and_syscall_are_present_interrupt_gates(void **state)
{
	(void)state;
	assert_int_equal(TRAP_STUB_COUNT, 48);
	for (unsigned v = 0; v < 256; v++) {
		if (!has_handler(v))
			continue;
		assert_int_equal((idt[v] >> 40) & 0xf, DESC_TYPE_INTR_GATE);
		assert_true(idt[v] & (1ull << 47));
		assert_int_equal((idt[v] >> 16) & 0xffff, SEL_KCODE);
	}
}

static void test_idt_every_other_gate_is_not_present(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 256; v++)
		if (!has_handler(v))
			assert_int_equal(idt[v], 0);
}

static void test_idt_gate_v_points_at_stub_v_and_syscall_at_its_entry(void **state)
{
	(void)state;
	for (unsigned v = 0; v < TRAP_STUB_COUNT; v++)
		assert_int_equal(gate_offset(idt[v]), STUBS + v * TRAP_STUB_BYTES);
	assert_int_equal(gate_offset(idt[VEC_SYSCALL]), SYSCALL_ENTRY);
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
	    cmocka_unit_test(test_idt_exceptions_irqs_and_syscall_are_present_interrupt_gates),
	    cmocka_unit_test(test_idt_every_other_gate_is_not_present),
	    cmocka_unit_test(test_idt_gate_v_points_at_stub_v_and_syscall_at_its_entry),
	    cmocka_unit_test(test_task_gate_names_the_tss_selector_and_is_present_dpl0),
	};
	return cmocka_run_group_tests_name("idt", tests, setup, NULL);
}
