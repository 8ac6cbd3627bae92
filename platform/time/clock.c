/*
 * The clocks: monotonic = TSC since boot, scaled with a 32.32 fixed-point
 * multiplier; realtime = the RTC's reading + monotonic.
 *
 * Measuring the TSC against the PIT and reading the RTC cost more than the rest
 * of boot together (every PIT and CMOS access is a trip to the hypervisor), and
 * many programs never ask the time. So boot only notes the TSC; the first
 * conversion measures. Monotonic time still counts from boot.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>
#include <rr/xen/xen.h>

static uint64_t tsc_at_boot, tsc_hz, ns_per_tick_fp, ticks_per_ns_fp;  /* fp = <<32 */
static uint64_t realtime_at_boot_ns;
/* The RTC is read once; the TSC at that moment ties its second to monotonic time. */
static uint64_t rtc_epoch_s, tsc_at_rtc;
static bool rtc_read;

void rr_clock_init(void)
{
    tsc_at_boot = rr_rdtsc();
}

static void read_rtc_once(void)
{
    if (!rtc_read && rr_xen_present()) {
        /* Xen's wall clock is exact to the ns at boot: no CMOS second to wait for. */
        realtime_at_boot_ns = rr_xen_realtime_at_boot_ns();
        rtc_epoch_s = realtime_at_boot_ns / 1000000000ULL;
        tsc_at_rtc = tsc_at_boot;
        rtc_read = true;
    }
    if (!rtc_read) {
        rtc_epoch_s = rr_rtc_read_epoch();
        tsc_at_rtc = rr_rdtsc();
        rtc_read = true;
    }
}

static void calibrate(void)
{
    /* A PVH domain has no PIT; the PV clock states the TSC's rate. */
    uint64_t hz = rr_xen_present() ? rr_xen_tsc_hz() : rr_tsc_calibrate();
    if (!hz)
        rr_panic("could not measure the TSC frequency");
    /* 64-bit arithmetic only: a 128-bit division would need libgcc */
    ns_per_tick_fp = (1000000000ULL << 32) / hz;
    ticks_per_ns_fp = ((hz / 1000000000) << 32) + ((hz % 1000000000) << 32) / 1000000000;
    tsc_hz = hz;
    read_rtc_once();
    if (!rr_xen_present())
        realtime_at_boot_ns = rtc_epoch_s * 1000000000ULL - rr_tsc_to_ns(tsc_at_rtc - tsc_at_boot);
}

static inline void ensure_calibrated(void)
{
    if (__builtin_expect(!tsc_hz, 0))
        calibrate();
}

uint64_t rr_tsc_to_ns(uint64_t ticks)
{
    ensure_calibrated();
    return (uint64_t)(((unsigned __int128)ticks * ns_per_tick_fp) >> 32);
}

uint64_t rr_ns_to_tsc(uint64_t ns)
{
    ensure_calibrated();
    return (uint64_t)(((unsigned __int128)ns * ticks_per_ns_fp) >> 32);
}

uint64_t rr_monotonic_ns(void)
{
    if (rr_xen_present())
        return rr_xen_monotonic_ns();
    return rr_tsc_to_ns(rr_rdtsc() - tsc_at_boot);
}

uint64_t rr_realtime_ns(void)
{
    ensure_calibrated();
    return realtime_at_boot_ns + rr_monotonic_ns();
}

/* File timestamps taken while the platform starts (the in-memory root, /etc,
 * /dev) must not cost a TSC measurement: that waits milliseconds on the PIT
 * in real time. Until a precise clock is needed, the RTC's second serves; the
 * precise clock later counts from that same reading, so time never runs back. */
uint64_t rr_realtime_ns_coarse(void)
{
    if (tsc_hz || rr_xen_present())
        return rr_realtime_ns();
    read_rtc_once();
    return rtc_epoch_s * 1000000000ULL;
}
