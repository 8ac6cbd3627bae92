/*
 * Platform messages on the console, one line each, prefixed "rumprun: ".
 * Output is synchronous so that a message written just before a fault or an
 * exit is never lost.
 */
#include <rr/kern.h>
#include <rr/console_internal.h>

void rr_printk(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = rr_vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 2)
        n = sizeof(buf) - 2;
    if (n == 0 || buf[n - 1] != '\n')
        buf[n++] = '\n';
    rr_console_put("rumprun: ", 9);
    rr_console_put(buf, n);
}

void rr_printk_raw(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = rr_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    rr_console_put(buf, n);
}
