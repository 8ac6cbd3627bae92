/*
 * TSC frequency, measured against PIT channel 0 (1.193182 MHz). microvm has
 * no port 0x61 gate, so the channel runs freely in rate-generator mode and is
 * sampled with latch commands; afterwards it is left in one-shot mode so that
 * it stops generating events the host would have to emulate.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>

#define PIT_HZ      1193182u
#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define MEASURE_PIT_TICKS (PIT_HZ / 200)     /* 5 ms */

static uint16_t pit_read(void)
{
    rr_outb(PIT_CMD, 0x00);                  /* latch channel 0 */
    uint8_t lo = rr_inb(PIT_CH0);
    uint8_t hi = rr_inb(PIT_CH0);
    return (uint16_t)(lo | (hi << 8));
}

uint64_t rr_tsc_calibrate(void)
{
    rr_outb(PIT_CMD, 0x34);                  /* channel 0, lo/hi, mode 2, binary */
    rr_outb(PIT_CH0, 0xff);
    rr_outb(PIT_CH0, 0xff);

    uint16_t prev = pit_read();
    uint64_t t0 = rr_rdtsc();
    uint32_t elapsed = 0;
    while (elapsed < MEASURE_PIT_TICKS) {
        uint16_t cur = pit_read();
        elapsed += (uint16_t)(prev - cur);   /* counts down; wraps at the reload value */
        prev = cur;
    }
    uint64_t t1 = rr_rdtsc();

    rr_outb(PIT_CMD, 0x30);                  /* mode 0: one terminal count, then silence */
    rr_outb(PIT_CH0, 1);
    rr_outb(PIT_CH0, 0);
    return (t1 - t0) * PIT_HZ / elapsed;
}
