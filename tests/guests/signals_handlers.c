/* Signal handlers as on Linux: raise() runs the handler before it returns;
 * a blocked signal waits until it is unblocked; SA_SIGINFO fields; the
 * handler's mask (sa_mask, the signal itself unless SA_NODEFER); SA_RESETHAND;
 * the saved context in the ucontext; the alternate signal stack. Output is
 * the same natively and in the unikernel. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t hits, depth, max_depth;
static volatile int seen_code, seen_value, seen_pid_ok, seen_signo, blocked_inside, other_blocked_inside;
static volatile int on_altstack, altstack_flag;
static char altstack_mem[65536];

static void count(int sig)
{
    (void)sig;
    hits++;
}

static int is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void with_info(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    seen_signo = si->si_signo == sig;
    seen_code = si->si_code;
    seen_value = si->si_value.sival_int;
    seen_pid_ok = si->si_pid == getpid();
    blocked_inside = is_blocked(sig);
    other_blocked_inside = is_blocked(SIGUSR2);
    (void)uc;
    hits++;
}

static volatile sig_atomic_t nested_calls;
static void nested(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (nested_calls++ == 0)
        raise(sig);
    depth--;
}

static void on_alt(int sig)
{
    (void)sig;
    char here;
    on_altstack = &here >= altstack_mem && &here < altstack_mem + sizeof(altstack_mem);
    stack_t now;
    sigaltstack(NULL, &now);
    altstack_flag = (now.ss_flags & SS_ONSTACK) != 0;
}

static volatile long long saved_rip;
static void see_context(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    saved_rip = uc->uc_mcontext.gregs[REG_RIP];
}

static void install(int sig, void (*fn)(int), int flags, int masked)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

static void install_info(int sig, void (*fn)(int, siginfo_t *, void *), int masked)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    install(SIGUSR1, count, 0, 0);
    raise(SIGUSR1);
    printf("raise ran the handler before returning: %s\n", hits == 1 ? "yes" : "no");

    sigset_t s, old;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, &old);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigset_t p;
    sigpending(&p);
    printf("blocked: handler waits (%d), signal pending (%d)\n", hits, sigismember(&p, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: handler ran once for both (%d)\n", hits);

    hits = 0;
    install_info(SIGUSR1, with_info, SIGUSR2);
    union sigval v = { .sival_int = 42 };
    sigqueue(getpid(), SIGUSR1, v);
    printf("sigqueue: signo %d, code SI_QUEUE %d, value %d, pid %d\n", seen_signo, seen_code == SI_QUEUE, seen_value,
           seen_pid_ok);
    printf("inside: the signal itself blocked %d, sa_mask blocked %d; after: %d %d\n", blocked_inside,
           other_blocked_inside, is_blocked(SIGUSR1), is_blocked(SIGUSR2));
    kill(getpid(), SIGUSR1);
    printf("kill: code SI_USER %d, pid %d\n", seen_code == SI_USER, seen_pid_ok);
    raise(SIGUSR1);
    printf("raise: code SI_TKILL %d\n", seen_code == SI_TKILL);

    install(SIGUSR2, nested, 0, 0);
    depth = max_depth = nested_calls = 0;
    raise(SIGUSR2);
    printf("without SA_NODEFER the nested raise waits: depth %d, calls %d\n", max_depth, nested_calls);
    install(SIGUSR2, nested, SA_NODEFER, 0);
    depth = max_depth = nested_calls = 0;
    raise(SIGUSR2);
    printf("with SA_NODEFER it nests: depth %d\n", max_depth);

    hits = 0;
    install(SIGHUP, count, SA_RESETHAND, 0);
    raise(SIGHUP);
    struct sigaction now;
    sigaction(SIGHUP, NULL, &now);
    printf("SA_RESETHAND: ran %d, then default %d\n", hits, now.sa_handler == SIG_DFL);

    install(SIGTERM, SIG_IGN, 0, 0);
    raise(SIGTERM);
    printf("ignored SIGTERM changed nothing\n");

    install_info(SIGWINCH, see_context, 0);
    raise(SIGWINCH);
    printf("ucontext holds the interrupted rip: %s\n", saved_rip ? "yes" : "no");

    stack_t ss = { .ss_sp = altstack_mem, .ss_size = sizeof(altstack_mem), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    install(SIGUSR2, on_alt, SA_ONSTACK, 0);
    raise(SIGUSR2);
    printf("SA_ONSTACK handler ran on the alternate stack: %d, SS_ONSTACK %d\n", on_altstack, altstack_flag);
    install(SIGUSR2, on_alt, 0, 0);
    raise(SIGUSR2);
    printf("without SA_ONSTACK it did not: %d\n", on_altstack);
    return 0;
}
