/*
 * A broken invariant inside the platform: say where, show how we got there,
 * and stop with rr:panic 134. A panic while panicking only stops.
 */
#include <rr/kern.h>

void rr_panic(const char *fmt, ...)
{
    static bool panicking;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    rr_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!panicking) {
        panicking = true;
        rr_printk("panic: %s", msg);
        uintptr_t rsp;
        __asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
        rr_backtrace_print((uintptr_t)__builtin_return_address(0), rsp);
    }
    rr_exit_panic(msg);
}
