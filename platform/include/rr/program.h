/*
 * rr/program.h — starting the program (kern/program.c) and the signal
 * numbers the platform reports with (Linux values).
 */
#pragma once

#include <stdbool.h>

#define RR_SIGINT   2
#define RR_SIGILL   4
#define RR_SIGTRAP  5
#define RR_SIGABRT  6
#define RR_SIGBUS   7
#define RR_SIGFPE   8
#define RR_SIGKILL  9
#define RR_SIGSEGV  11
#define RR_NSIG     65

extern bool rr_program_running;       /* set just before the jump to _start */
const char *rr_signal_name(int sig);  /* "SIGSEGV", ... (kern/signame.c) */
RR_NORETURN void rr_program_start(void);
