/*
 * rr/timekeeping.h — time sources behind rr_monotonic_ns()/rr_realtime_ns()
 * (time/tsc.c, time/rtc.c, time/clock.c) and the one-shot wake-up timer (time/timer.c).
 */
#pragma once

#include <stdint.h>

/* TSC ticks per second, measured against PIT channel 0. */
uint64_t rr_tsc_calibrate(void);
/* Seconds since the epoch from the CMOS real-time clock. */
uint64_t rr_rtc_read_epoch(void);

void rr_clock_init(void);                 /* calibrates the TSC and reads the RTC */
uint64_t rr_tsc_to_ns(uint64_t ticks);
uint64_t rr_ns_to_tsc(uint64_t ns);

void rr_timer_init(void);                 /* calibrates the LAPIC timer against the TSC */
void rr_timer_arm(uint64_t deadline_ns);  /* one interrupt at (or a little before) the deadline */
void rr_timer_disarm(void);
