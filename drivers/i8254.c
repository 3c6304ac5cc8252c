/* SPDX-License-Identifier: MIT */
/* 8254 PIT channel 0 (Intel 82C54 data sheet: mode 2 rate generator, lobyte/hibyte access). */
#include "drivers/i8254.h"

#include "arch/x86/io.h"
#include "lib/compiler.h"

#define PIT_CH0		    0
#define PIT_CONTROL	    3
#define CTRL_CH0_LOHI_MODE2 0x34 /* channel 0, lobyte then hibyte, mode 2, binary */

static struct i8254 *to_i8254(struct hil_alarm *alarm)
{
	return container_of(alarm, struct i8254, alarm);
}

static uint32_t frequency_hz(struct hil_alarm *alarm)
{
	(void)alarm;
	return I8254_INPUT_HZ;
}

static uint32_t now(struct hil_alarm *alarm)
{
	return to_i8254(alarm)->now;
}

static bool expired(const struct i8254 *pit)
{
	return pit->now - pit->reference >= pit->dt;
}

static void fire_if_due(struct i8254 *pit)
{
	if (!pit->armed || !expired(pit))
		return;
	pit->armed = false;
	if (pit->alarm.client)
		pit->alarm.client->alarm_fired(pit->alarm.client);
}

static void set_alarm(struct hil_alarm *alarm, uint32_t reference, uint32_t dt)
{
	struct i8254 *pit = to_i8254(alarm);

	pit->reference = reference;
	pit->dt = dt;
	/* A time already passed fires at the next tick, never inside this call. */
	pit->armed = true;
}

static uint32_t get_alarm(struct hil_alarm *alarm)
{
	struct i8254 *pit = to_i8254(alarm);

	return pit->reference + pit->dt;
}

static enum error_code disarm(struct hil_alarm *alarm)
{
	struct i8254 *pit = to_i8254(alarm);

	if (!pit->armed)
		return ERROR_ALREADY;
	pit->armed = false;
	return ERROR_NONE;
}

static bool is_armed(struct hil_alarm *alarm)
{
	return to_i8254(alarm)->armed;
}

static void service(struct interrupt_handler *h, unsigned count)
{
	struct i8254 *pit = container_of(h, struct i8254, irq);

	pit->now += count * pit->reload;
	fire_if_due(pit);
}

static const struct hil_alarm_ops i8254_ops = {
    .frequency_hz = frequency_hz,
    .now = now,
    .set_alarm = set_alarm,
    .get_alarm = get_alarm,
    .disarm = disarm,
    .is_armed = is_armed,
};

void i8254_start(struct i8254 *pit, uint16_t port, uint16_t reload)
{
	pit->alarm.ops = &i8254_ops;
	pit->irq.service = service;
	pit->port = port;
	pit->reload = reload;
	outb(port + PIT_CONTROL, CTRL_CH0_LOHI_MODE2);
	outb(port + PIT_CH0, reload & 0xff);
	outb(port + PIT_CH0, reload >> 8);
}
