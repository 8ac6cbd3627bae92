/*
 * rr/vfs_tty.h — the console as a terminal device (vfs/console.c).
 *
 * The console driver may define rr_console_set_termios() to apply a program's
 * termios changes (ICANON, ECHO, ISIG, OPOST/ONLCR, VMIN/VTIME...) to its line
 * discipline. It is a weak reference: without it, settings are stored and reported
 * back by TCGETS but the line discipline keeps its defaults.
 */
#pragma once

#include <rr/vfs.h>

void rr_console_set_termios(const struct rr_termios *t) __attribute__((weak));

/* registers /dev/console (5:1) and /dev/tty (5:0) */
int rr_console_dev_register(void);
/* registers /dev/null, zero, full, random, urandom (major 1) */
int rr_memdev_register(void);
/* the termios a tty console starts with */
void rr_tty_default_termios(struct rr_termios *t);

#define RR_MEM_MAJOR 1
#define RR_TTY_MAJOR 5
#define RR_DEV_NULL    RR_MKDEV(RR_MEM_MAJOR, 3)
#define RR_DEV_ZERO    RR_MKDEV(RR_MEM_MAJOR, 5)
#define RR_DEV_FULL    RR_MKDEV(RR_MEM_MAJOR, 7)
#define RR_DEV_RANDOM  RR_MKDEV(RR_MEM_MAJOR, 8)
#define RR_DEV_URANDOM RR_MKDEV(RR_MEM_MAJOR, 9)
#define RR_DEV_TTY     RR_MKDEV(RR_TTY_MAJOR, 0)
#define RR_DEV_CONSOLE RR_MKDEV(RR_TTY_MAJOR, 1)
