/*
 * rr/signal.h — signals the platform itself sends to the program (SIGPIPE on
 * a write to a pipe without readers, SIGALRM from alarm(), ^C from the
 * console). The signal takes effect as the program's disposition and mask
 * say, exactly as if another process had sent it.
 */
#pragma once

void rr_signal_raise(int sig);
