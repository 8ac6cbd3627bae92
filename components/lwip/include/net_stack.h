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
/* rr_net_pump is running (lwIP is in the middle of something). */
bool rr_net_pumping(void);
/* Boot only (before the scheduler runs the program): drives timers and input
 * until done(arg) or the deadline. */
void rr_net_run_until(bool (*done)(void *arg), void *arg, uint64_t deadline_ns);

/* port/netif_dev.c: no interface's transmit queue is full */
bool rr_netif_tx_room(void);

/* sock/sock_file.c: closes every TCP socket as the end of the process does
 * (listeners first); descriptors stay, pointing at closed sockets. */
void rr_sock_close_all(void);
