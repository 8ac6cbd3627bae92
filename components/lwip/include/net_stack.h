/*
 * The stack driver (port/net_stack.c): lwIP runs on the caller's stack with
 * interrupts off. After anything that may have queued work (loopback frames,
 * timers), call rr_net_pump().
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

void rr_net_pump(void);
bool rr_net_started(void);
/* Boot only (before the scheduler runs the program): drives timers and input
 * until done(arg) or the deadline. */
void rr_net_run_until(bool (*done)(void *arg), void *arg, uint64_t deadline_ns);
