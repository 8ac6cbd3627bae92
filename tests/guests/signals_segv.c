/* A SIGSEGV handler sees the faulting address and leaves with siglongjmp;
 * with "overflow", a stack overflow is caught on the alternate stack. */
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile void *fault_addr;
static volatile int fault_code;
static char altstack[65536];

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(back, 1);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(volatile int *p)
{
    volatile char pad[256];
    pad[0] = (char)*p;
    return recurse(p) + pad[0];
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);

    if (sigsetjmp(back, 1) == 0) {
        volatile uintptr_t bad = 0x10;
        *(volatile int *)bad = 1;
        printf("no fault\n");
    } else {
        printf("caught SIGSEGV at %p, SEGV_MAPERR %d\n", fault_addr, fault_code == SEGV_MAPERR);
    }
    if (sigsetjmp(back, 1) == 0) {
        volatile uintptr_t bad = 0x20;
        *(volatile int *)bad = 2;
    } else {
        printf("caught it again (the mask was restored): %p\n", fault_addr);
    }
    if (argc > 1 && strcmp(argv[1], "overflow") == 0) {
        int one = 1;
        if (sigsetjmp(back, 1) == 0)
            recurse(&one);
        else
            printf("caught the stack overflow on the alternate stack\n");
    }
    return 0;
}
