/*
 * The clocks: monotonic = TSC since boot, scaled with a 32.32 fixed-point
 * multiplier; realtime = the RTC's reading at boot + monotonic.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>

static uint64_t tsc_at_boot, tsc_hz, ns_per_tick_fp, ticks_per_ns_fp;  /* fp = <<32 */
static uint64_t realtime_at_boot_ns;

void rr_clock_init(void)
{
    tsc_hz = rr_tsc_calibrate();
    if (!tsc_hz)
        rr_panic("could not measure the TSC frequency");
    tsc_at_boot = rr_rdtsc();
    /* 64-bit arithmetic only: a 128-bit division would need libgcc */
    ns_per_tick_fp = (1000000000ULL << 32) / tsc_hz;
    ticks_per_ns_fp = ((tsc_hz / 1000000000) << 32) + ((tsc_hz % 1000000000) << 32) / 1000000000;
    realtime_at_boot_ns = rr_rtc_read_epoch() * 1000000000ULL;
}

uint64_t rr_tsc_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * ns_per_tick_fp) >> 32);
}

uint64_t rr_ns_to_tsc(uint64_t ns)
{
    return (uint64_t)(((unsigned __int128)ns * ticks_per_ns_fp) >> 32);
}

uint64_t rr_monotonic_ns(void)
{
    return rr_tsc_to_ns(rr_rdtsc() - tsc_at_boot);
}

uint64_t rr_realtime_ns(void)
{
    return realtime_at_boot_ns + rr_monotonic_ns();
}
