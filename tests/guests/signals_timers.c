/* Signals from timers and interrupted calls: alarm() ends pause(); a
 * periodic setitimer interrupts a floating-point loop without disturbing it;
 * nanosleep returns EINTR with the time left; a futex wait is restarted after
 * an SA_RESTART handler and fails with EINTR otherwise; POSIX timers with
 * SIGEV_SIGNAL, SIGEV_THREAD, SIGEV_NONE, overruns; sigtimedwait. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms, timer_hits, timer_code_ok, timer_value;
static volatile double handler_sink;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
    (void)sig;
    double x = 0;
    for (int i = 1; i < 200; i++)
        x += sqrt((double)i) * 1.5;
    handler_sink = x;
    alarms++;
}

static void on_timer(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    timer_hits++;
    timer_code_ok = si->si_code == SI_TIMER;
    timer_value = si->si_value.sival_int;
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static double series(void)
{
    double s = 0;
    for (int i = 1; i < 20000; i++)
        s += 1.0 / ((double)i * i);
    return s;
}

static int futex_word;
static void *wake_later(void *arg)
{
    (void)arg;
    struct timespec d = { 1, 0 };
    nanosleep(&d, NULL);
    __atomic_store_n(&futex_word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &futex_word, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0);
    return NULL;
}

static void futex_case(int flags, const char *name)
{
    install(SIGALRM, on_alarm, flags);
    futex_word = 0;
    pthread_t t;
    pthread_create(&t, NULL, wake_later, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    double t0 = now();
    long r = syscall(SYS_futex, &futex_word, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0);
    int e = errno;
    double dt = now() - t0;
    pthread_join(t, NULL);
    if (flags & SA_RESTART)
        printf("%s: futex wait went on until woken: %s\n", name, r == 0 && dt >= 0.95 ? "yes" : "no");
    else
        printf("%s: futex wait ended with EINTR at the signal: %s\n", name, r == -1 && e == EINTR && dt < 0.9 ? "yes" : "no");
}

static volatile int thread_notified, thread_value;
static void notify(union sigval v)
{
    thread_value = v.sival_int;
    __atomic_store_n(&thread_notified, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    install(SIGALRM, on_alarm, 0);
    double t0 = now();
    alarm(1);
    int r = pause();
    double dt = now() - t0;
    printf("alarm(1) ended pause(): %s, EINTR %d, after a second: %s\n", alarms == 1 ? "yes" : "no",
           r == -1 && errno == EINTR, dt >= 0.9 && dt < 3 ? "yes" : "no");

    alarms = 0;
    double ref = series();
    int wrong = 0;
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    int armed = cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000 &&
                cur.it_interval.tv_usec == 20000;
    while (alarms < 5)
        if (series() != ref)
            wrong++;
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    int count = alarms;
    printf("setitimer: getitimer shows it armed %d, at least 5 periodic alarms %d, floating point undisturbed %d\n", armed,
           count >= 5, wrong == 0);

    install(SIGALRM, on_alarm, 0);
    struct itimerval once = { { 0, 0 }, { 0, 300000 } };
    setitimer(ITIMER_REAL, &once, NULL);
    struct timespec two = { 2, 0 }, rem = { 0, 0 };
    r = nanosleep(&two, &rem);
    double left = rem.tv_sec + rem.tv_nsec / 1e9;
    printf("nanosleep interrupted: EINTR %d, time left under 1.7 s: %s\n", r == -1 && errno == EINTR,
           left > 0.5 && left < 1.75 ? "yes" : "no");

    futex_case(0, "without SA_RESTART");
    futex_case(SA_RESTART, "with SA_RESTART");

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 7;
    timer_t tm;
    timer_create(CLOCK_MONOTONIC, &sev, &tm);
    struct itimerspec its = { { 0, 0 }, { 0, 50 * 1000000L } };
    timer_settime(tm, 0, &its, NULL);
    sigset_t none;
    sigemptyset(&none);
    while (!timer_hits)
        sigsuspend(&none);
    printf("timer_create SIGEV_SIGNAL: hits %d, SI_TIMER %d, value %d\n", timer_hits, timer_code_ok, timer_value);

    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    struct itimerspec fast = { { 0, 10 * 1000000L }, { 0, 10 * 1000000L } };
    timer_settime(tm, 0, &fast, NULL);
    struct timespec wait = { 0, 120 * 1000000L };
    nanosleep(&wait, NULL);
    siginfo_t si;
    int got = sigwaitinfo(&usr1, &si);
    int over = timer_getoverrun(tm);
    struct itimerspec stop = { { 0, 0 }, { 0, 0 } };
    timer_settime(tm, 0, &stop, NULL);
    printf("blocked periodic timer: sigwaitinfo %d, overruns counted %s\n", got == SIGUSR1 && si.si_code == SI_TIMER,
           over >= 5 ? "yes" : "no");
    struct timespec short_wait = { 0, 50 * 1000000L };
    got = sigtimedwait(&usr1, &si, &short_wait);
    printf("sigtimedwait with nothing pending: EAGAIN %d\n", got == -1 && errno == EAGAIN);
    timer_delete(tm);

    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_NONE;
    timer_create(CLOCK_REALTIME, &sev, &tm);
    struct itimerspec none_its = { { 1, 0 }, { 5, 0 } };
    timer_settime(tm, 0, &none_its, NULL);
    struct itimerspec q;
    timer_gettime(tm, &q);
    printf("SIGEV_NONE: remaining within 5 s %d, interval 1 s %d\n",
           q.it_value.tv_sec <= 5 && (q.it_value.tv_sec > 4 || q.it_value.tv_nsec > 0) && q.it_value.tv_sec >= 4,
           q.it_interval.tv_sec == 1 && q.it_interval.tv_nsec == 0);
    timer_delete(tm);

    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = notify;
    sev.sigev_value.sival_int = 99;
    if (timer_create(CLOCK_MONOTONIC, &sev, &tm) != 0) {
        printf("timer_create SIGEV_THREAD failed: %s\n", strerror(errno));
        return 1;
    }
    struct itimerspec later = { { 0, 0 }, { 0, 30 * 1000000L } };
    timer_settime(tm, 0, &later, NULL);
    struct timespec poll_ms = { 0, 10 * 1000000L };
    for (int i = 0; i < 300 && !__atomic_load_n(&thread_notified, __ATOMIC_SEQ_CST); i++)
        nanosleep(&poll_ms, NULL);
    printf("timer_create SIGEV_THREAD: notified %d, value %d\n", thread_notified, thread_value);
    timer_delete(tm);
    return 0;
}
