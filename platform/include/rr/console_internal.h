/*
 * rr/console_internal.h — the console's parts: the input queue the line
 * discipline fills (drivers/console.c) and the tty line discipline itself
 * (drivers/tty.c).
 */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

void rr_console_init(void);          /* polled output only; for early messages */
void rr_console_start(bool tty);     /* mode from the configuration; interrupt-driven input */
/* Output with ONLCR when the console is a tty; used by printk and write(2). */
void rr_console_put(const char *s, size_t n);

/* Input side, for the line discipline. */
bool rr_console_queue_put(uint8_t c);  /* false when full */
size_t rr_console_queue_space(void);
void rr_console_queue_eof_mark(void);  /* ^D on an empty line: one read returns 0 */

/* drivers/tty.c: one decoded input byte in tty mode; false = no room, retry later. */
bool rr_tty_input(uint8_t c);
void rr_tty_flush_partial(void);       /* the host's end of input: hand over an unfinished line */
