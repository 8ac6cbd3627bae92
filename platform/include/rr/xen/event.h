/*
 * rr/xen/event.h — event channels (public event_channel.h): Xen raises one
 * IDT vector (HVM_PARAM_CALLBACK_IRQ, vector type) whenever an unmasked port
 * becomes pending; xen/evtchn.c finds the ports and calls their handlers.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

#define RR_XEN_EVTCHNOP_SEND 4

/* The upcall vector: below the LAPIC timer, above the IOAPIC lines. */
#define RR_VEC_XEN_UPCALL 0xE0

typedef void (*rr_xen_port_fn)(uint32_t port);

/* Installs the upcall vector with Xen; false when Xen refuses it. */
bool rr_xen_events_init(void);
/* Calls fn (interrupts off) whenever port is signalled; unmasks the port. */
void rr_xen_port_bind(uint32_t port, rr_xen_port_fn fn);
void rr_xen_port_mask(uint32_t port, bool masked);
/* Tells the other end of port that something changed. */
void rr_xen_notify(uint32_t port);
/* Clears and returns the pending bit of port (for polling loops). */
bool rr_xen_port_test_and_clear(uint32_t port);
