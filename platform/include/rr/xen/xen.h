/*
 * rr/xen/xen.h — what the shared platform code asks of the Xen layer. Every
 * entry is safe to call without Xen: rr_xen_present() is false then, and the
 * hw paths (UART, PIT/RTC, debugcon, isa-debug-exit) run as in a hw image.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifdef RR_PLATFORM_XEN
#define RR_XEN_BUILD 1
/* Set by rr_xen_detect(); constant afterwards. */
extern bool rr_xen_present_flag;
static inline bool rr_xen_present(void) { return rr_xen_present_flag; }
#else
/* The hw platform: the hooks fold away and nothing of xen/ is linked. */
#define RR_XEN_BUILD 0
static inline bool rr_xen_present(void) { return false; }
#endif

/* CPUID leaves 0x40000000.. step 0x100 for "XenVMMXenVMM"; installs the hypercall page. */
void rr_xen_detect(void);
/* After the page tables: shared info, the PV clock, the console and xenstore rings. */
void rr_xen_init(void);
/* After the IDT: event delivery, console input. */
void rr_xen_start_events(void);

/* An identity mapping of a frame Xen named (outside RAM); NULL for frame 0. */
void *rr_xen_map_frame(uint64_t pfn);

/* Console (xen/console.c). Before the ring is set up, output goes to console_io. */
void rr_xen_console_put(const char *s, size_t n);
bool rr_xen_console_rx_ready(void);
uint8_t rr_xen_console_getc(void);
void rr_xen_console_rx_irq(bool enable);
void rr_xen_console_start(void (*on_input)(void));
void rr_xen_console_flush(void);
void rr_xen_console_setup(void);

/* Clock (xen/clock.c): Xen system time and the wall clock at boot. */
uint64_t rr_xen_tsc_hz(void);
uint64_t rr_xen_monotonic_ns(void);
uint64_t rr_xen_realtime_at_boot_ns(void);
void rr_xen_clock_setup(void);
/* Xen system time of a monotonic time (ns since boot), for Xen's timer. */
uint64_t rr_xen_system_ns_of(uint64_t monotonic_ns);

/* Wake-ups (xen/timer.c): Xen's single-shot timer on VIRQ_TIMER; false: keep the LAPIC timer. */
bool rr_xen_timer_init(void);
void rr_xen_timer_arm(uint64_t deadline_ns);
void rr_xen_timer_disarm(void);

/* Guest configuration from xenstore rumprun/cfg (xen/config.c); NULL when absent. */
const char *rr_xen_config_text(size_t *len);

/* The end (xen/shutdown.c): data/rr-exit in xenstore, then SCHEDOP_shutdown. */
__attribute__((noreturn)) void rr_xen_stop(const char *kind, int status, const char *what);
