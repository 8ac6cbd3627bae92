/* The fake kernel services behind the host tests (harness.c) and their controls. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* console */
void fake_console_reset(bool tty);
void fake_console_input(const void *data, size_t n);      /* bytes a read returns next */
void fake_console_input_later(const void *data, size_t n, uint64_t after_ns); /* arrives while waiting */
void fake_console_eof(void);
const char *fake_console_output(size_t *len);             /* everything written so far */

/* memory and time */
long fake_pages_in_use(void);
void fake_time_advance(uint64_t ns);
uint64_t fake_waits(void);                                /* rr_wait_until calls so far */

/* rr_vfs_init() with a default configuration (fails the test on error) */
void fake_boot(void);

/* signals the file layer raised (SIGPIPE...), counted per number */
int fake_signals_raised(int sig);
