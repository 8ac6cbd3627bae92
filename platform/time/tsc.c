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
#define MEASURE_PIT_TICKS (PIT_HZ / 500)     /* 2 ms */

static uint16_t pit_read(void)
{
    rr_outb(PIT_CMD, 0x00);                  /* latch channel 0 */
    uint8_t lo = rr_inb(PIT_CH0);
    uint8_t hi = rr_inb(PIT_CH0);
    return (uint16_t)(lo | (hi << 8));
}

/* A PIT reading and the TSC at that moment. The host may preempt us between
 * the two reads; of a few tries, the one whose reads lie closest together wins. */
static uint16_t pit_sample(uint64_t *tsc)
{
    uint64_t best = UINT64_MAX;
    uint16_t value = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t a = rr_rdtsc();
        uint16_t v = pit_read();
        uint64_t b = rr_rdtsc();
        if (b - a < best) {
            best = b - a;
            value = v;
            *tsc = a + (b - a) / 2;
        }
    }
    return value;
}

/* TSC ticks per second over one window of MEASURE_PIT_TICKS. The counter
 * wraps every 55 ms; a preemption longer than that would hide a wrap, which
 * the median of several windows outvotes. */
static uint64_t measure(void)
{
    uint64_t t0, t1;
    uint16_t prev = pit_sample(&t0);
    uint32_t elapsed = 0;
    while (elapsed < MEASURE_PIT_TICKS) {
        uint16_t cur = pit_read();
        elapsed += (uint16_t)(prev - cur);   /* counts down; wraps at the reload value */
        prev = cur;
    }
    uint16_t last = pit_sample(&t1);
    elapsed += (uint16_t)(prev - last);
    return (t1 - t0) * PIT_HZ / elapsed;
}

uint64_t rr_tsc_calibrate(void)
{
    rr_outb(PIT_CMD, 0x34);                  /* channel 0, lo/hi, mode 2, binary */
    rr_outb(PIT_CH0, 0xff);
    rr_outb(PIT_CH0, 0xff);

    uint64_t m[3];
    for (int i = 0; i < 3; i++)
        m[i] = measure();
    for (int i = 1; i < 3; i++)
        for (int j = i; j > 0 && m[j] < m[j - 1]; j--) {
            uint64_t t = m[j];
            m[j] = m[j - 1];
            m[j - 1] = t;
        }

    rr_outb(PIT_CMD, 0x30);                  /* mode 0: one terminal count, then silence */
    rr_outb(PIT_CH0, 1);
    rr_outb(PIT_CH0, 0);
    return m[1];
}
