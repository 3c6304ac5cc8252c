/* SPDX-License-Identifier: MIT */
/* Virtqueue bookkeeping against a fake device that reads the available ring and writes the used
 * ring in the same memory, as a legacy virtio device does. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "drivers/virtqueue.h"

static uint8_t mem[VIRTQ_LEGACY_BYTES(256)] __attribute__((aligned(VIRTQ_LEGACY_ALIGN)));
static struct virtq vq;

/* The device's side: where it is in the available ring, and where it writes the used ring. */
static uint16_t dev_avail, dev_used;

static int reset(void **state)
{
	(void)state;
	memset(mem, 0xa5, sizeof(mem)); /* init must clear what it uses */
	dev_avail = dev_used = 0;
	return 0;
}

/* The device takes the next available buffer. Returns: its head descriptor, or -1. */
static int dev_take(void)
{
	if (vq.avail->idx == dev_avail)
		return -1;
	return vq.avail->ring[dev_avail++ % vq.size];
}

static void dev_complete(uint32_t id, uint32_t len)
{
	vq.used->ring[dev_used % vq.size].id = id;
	vq.used->ring[dev_used % vq.size].len = len;
	vq.used->idx = ++dev_used;
}

static void test_legacy_layout_puts_the_used_ring_on_the_next_page(void **state)
{
	(void)state;
	assert_int_equal(VIRTQ_AVAIL_OFFSET(8), 128);
	assert_int_equal(VIRTQ_USED_OFFSET(8), 4096);
	assert_int_equal(VIRTQ_LEGACY_BYTES(8), 4096 + 6 + 64);
	/* 256 entries: the descriptors fill a page, the available ring spills into the next. */
	assert_int_equal(VIRTQ_AVAIL_OFFSET(256), 4096);
	assert_int_equal(VIRTQ_USED_OFFSET(256), 8192);
	assert_int_equal(VIRTQ_LEGACY_BYTES(256), 8192 + 6 + 2048);

	assert_int_equal(virtq_init(&vq, mem, 8), ERROR_NONE);
	assert_ptr_equal((void *)vq.desc, mem);
	assert_ptr_equal((void *)vq.avail, mem + 128);
	assert_ptr_equal((void *)vq.used, mem + 4096);
	assert_int_equal(vq.num_free, 8);
	assert_int_equal(vq.avail->idx, 0);
	assert_int_equal(vq.avail->flags, 0);
	assert_int_equal(vq.used->idx, 0);
	assert_int_equal(vq.used->flags, 0);
}

static void test_init_refuses_bad_sizes_and_unaligned_memory(void **state)
{
	(void)state;
	assert_int_equal(virtq_init(&vq, mem, 0), ERROR_INVAL);
	assert_int_equal(virtq_init(&vq, mem, 6), ERROR_INVAL);
	assert_int_equal(virtq_init(&vq, mem, 65535), ERROR_INVAL);
	assert_int_equal(virtq_init(&vq, mem + 16, 8), ERROR_INVAL);
	assert_int_equal(virtq_init(&vq, mem, 1), ERROR_NONE);
}

static void test_add_publishes_one_device_writable_descriptor(void **state)
{
	uint16_t id;

	(void)state;
	virtq_init(&vq, mem, 8);
	assert_int_equal(virtq_add(&vq, 0x12345678, 64, true, &id), ERROR_NONE);
	assert_int_equal(vq.avail->idx, 1);
	assert_int_equal(vq.avail->ring[0], id);
	assert_int_equal(vq.desc[id].paddr, 0x12345678);
	assert_int_equal(vq.desc[id].len, 64);
	assert_int_equal(vq.desc[id].flags, VIRTQ_DESC_F_WRITE);
	assert_int_equal(vq.num_free, 7);
	assert_int_equal(virtq_add(&vq, 0x1000, 16, false, &id), ERROR_NONE);
	assert_int_equal(vq.desc[id].flags, 0);
	assert_int_equal(dev_take(), vq.avail->ring[0]);
	assert_int_equal(dev_take(), id);
	assert_int_equal(dev_take(), -1);
}

static void test_used_answer_comes_back_once_with_its_length(void **state)
{
	uint16_t id, got;
	uint32_t len;

	(void)state;
	virtq_init(&vq, mem, 8);
	assert_false(virtq_get_used(&vq, &got, &len));
	virtq_add(&vq, 0x2000, 64, true, &id);
	assert_false(virtq_get_used(&vq, &got, &len)); /* the device has not answered */
	dev_complete((uint32_t)dev_take(), 60);
	assert_true(virtq_get_used(&vq, &got, &len));
	assert_int_equal(got, id);
	assert_int_equal(len, 60);
	assert_int_equal(vq.num_free, 8);
	assert_false(virtq_get_used(&vq, &got, &len));
}

static void test_full_queue_says_nomem_until_an_answer_frees_a_descriptor(void **state)
{
	uint16_t ids[8], id, got;
	uint32_t len;

	(void)state;
	virtq_init(&vq, mem, 8);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(virtq_add(&vq, 0x1000 * (i + 1), 8, true, &ids[i]), ERROR_NONE);
	for (unsigned i = 0; i < 8; i++)
		for (unsigned j = 0; j < i; j++)
			assert_int_not_equal(ids[i], ids[j]);
	assert_int_equal(virtq_add(&vq, 0x9000, 8, true, &id), ERROR_NOMEM);
	assert_int_equal(vq.avail->idx, 8);

	/* The device answers out of order: the fifth buffer first. */
	for (unsigned i = 0; i < 8; i++)
		dev_take();
	dev_complete(ids[4], 8);
	assert_true(virtq_get_used(&vq, &got, &len));
	assert_int_equal(got, ids[4]);
	assert_int_equal(virtq_add(&vq, 0x9000, 8, true, &id), ERROR_NONE);
	assert_int_equal(id, ids[4]); /* the freed descriptor is the one reused */
	assert_int_equal(vq.desc[id].paddr, 0x9000);
}

static void test_indices_wrap_at_2_to_the_16(void **state)
{
	uint16_t id, got;
	uint32_t len;

	(void)state;
	virtq_init(&vq, mem, 8);
	for (uint32_t i = 0; i < 70000; i++) {
		assert_int_equal(virtq_add(&vq, 0x1000 + i, 4, true, &id), ERROR_NONE);
		assert_int_equal(dev_take(), id);
		dev_complete(id, i & 0xff);
		assert_true(virtq_get_used(&vq, &got, &len));
		assert_int_equal(got, id);
		assert_int_equal(len, i & 0xff);
	}
	assert_int_equal(vq.avail->idx, (uint16_t)70000);
	assert_int_equal(vq.last_used, (uint16_t)70000);
	assert_int_equal(vq.num_free, 8);
}

static void test_notify_and_interrupt_suppression_flags(void **state)
{
	(void)state;
	virtq_init(&vq, mem, 8);
	assert_true(virtq_should_notify(&vq));
	vq.used->flags = VIRTQ_USED_F_NO_NOTIFY;
	assert_false(virtq_should_notify(&vq));
	virtq_set_interrupts(&vq, false);
	assert_int_equal(vq.avail->flags, VIRTQ_AVAIL_F_NO_INTERRUPT);
	virtq_set_interrupts(&vq, true);
	assert_int_equal(vq.avail->flags, 0);
}

static void test_device_naming_a_bad_descriptor_frees_nothing(void **state)
{
	uint16_t id, got;
	uint32_t len;

	(void)state;
	virtq_init(&vq, mem, 8);
	virtq_add(&vq, 0x1000, 4, true, &id);
	dev_complete(200, 4);
	assert_true(virtq_get_used(&vq, &got, &len));
	assert_int_equal(got, 200);
	assert_int_equal(vq.num_free, 7);
	dev_complete(id, 4);
	assert_true(virtq_get_used(&vq, &got, &len));
	assert_int_equal(vq.num_free, 8);
	dev_complete(id, 4); /* the same one twice: the free count never passes the size */
	assert_true(virtq_get_used(&vq, &got, &len));
	assert_int_equal(vq.num_free, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_legacy_layout_puts_the_used_ring_on_the_next_page, reset),
	    cmocka_unit_test_setup(test_init_refuses_bad_sizes_and_unaligned_memory, reset),
	    cmocka_unit_test_setup(test_add_publishes_one_device_writable_descriptor, reset),
	    cmocka_unit_test_setup(test_used_answer_comes_back_once_with_its_length, reset),
	    cmocka_unit_test_setup(test_full_queue_says_nomem_until_an_answer_frees_a_descriptor,
				   reset),
	    cmocka_unit_test_setup(test_indices_wrap_at_2_to_the_16, reset),
	    cmocka_unit_test_setup(test_notify_and_interrupt_suppression_flags, reset),
	    cmocka_unit_test_setup(test_device_naming_a_bad_descriptor_frees_nothing, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
