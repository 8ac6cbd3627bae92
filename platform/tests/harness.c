/* Host implementations of the kernel services that rr/kern.h declares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <rr/kern.h>
#include "harness.h"
#include "test.h"

void *rr_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
void *rr_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *rr_memset(void *d, int c, size_t n) { return memset(d, c, n); }
int rr_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
size_t rr_strlen(const char *s) { return strlen(s); }
size_t rr_strnlen(const char *s, size_t max) { return strnlen(s, max); }
int rr_strcmp(const char *a, const char *b) { return strcmp(a, b); }
int rr_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
char *rr_strchr(const char *s, int c) { return strchr(s, c); }

size_t rr_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(dst, src, k);
        dst[k] = 0;
    }
    return n;
}

int rr_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) { return vsnprintf(buf, size, fmt, ap); }

int rr_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

void rr_printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("rumprun: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void rr_panic(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    rr_test_fail(__FILE__, __LINE__, "rr_panic: %s", msg);
}

void rr_exit_program(int status) { rr_test_fail(__FILE__, __LINE__, "rr_exit_program(%d)", status); }
void rr_exit_fault(int status, const char *what) { rr_test_fail(__FILE__, __LINE__, "rr_exit_fault(%d, %s)", status, what); }
void rr_exit_config(const char *message) { rr_test_fail(__FILE__, __LINE__, "rr_exit_config(%s)", message); }

bool rr_user_range_ok(const void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    return a >= RR_PAGE_SIZE && a + n >= a && a + n <= 0x0000800000000000UL;
}

void *rr_malloc(size_t size) { return malloc(size ? size : 1); }
void *rr_zalloc(size_t size) { return calloc(1, size ? size : 1); }
void *rr_realloc(void *p, size_t size) { return realloc(p, size ? size : 1); }
void rr_free(void *p) { free(p); }

static long pages_in_use;
#define FAKE_TOTAL_PAGES 65536

void *rr_page_alloc(void)
{
    void *p = aligned_alloc(RR_PAGE_SIZE, RR_PAGE_SIZE);
    if (p) {
        memset(p, 0, RR_PAGE_SIZE);
        pages_in_use++;
    }
    return p;
}

void rr_page_free(void *page)
{
    if (page) {
        pages_in_use--;
        free(page);
    }
}

size_t rr_pages_free(void) { return FAKE_TOTAL_PAGES - (size_t)pages_in_use; }
size_t rr_pages_total(void) { return FAKE_TOTAL_PAGES; }
long fake_pages_in_use(void) { return pages_in_use; }

/* Time moves only when a test or a wait moves it. */
static uint64_t now_ns = 1000;
#define EPOCH_AT_BOOT 1700000000ULL

uint64_t rr_monotonic_ns(void) { return now_ns; }
uint64_t rr_realtime_ns(void) { return EPOCH_AT_BOOT * 1000000000ULL + now_ns; }
uint64_t rr_realtime_ns_coarse(void) { return rr_realtime_ns(); }
void fake_time_advance(uint64_t ns) { now_ns += ns; }

void rr_random_bytes(void *buf, size_t n)
{
    static uint32_t x = 0x12345678;
    unsigned char *b = buf;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b[i] = (unsigned char)x;
    }
}

/* console */
static bool console_tty = true;
static unsigned char in_buf[65536];
static size_t in_len, in_pos;
static unsigned char later_buf[4096];
static size_t later_len;
static uint64_t later_at;
static bool in_eof;
static char *out_buf;
static size_t out_len;

void fake_console_reset(bool tty)
{
    console_tty = tty;
    in_len = in_pos = later_len = 0;
    in_eof = false;
    free(out_buf);
    out_buf = NULL;
    out_len = 0;
}

void fake_console_input(const void *data, size_t n)
{
    if (in_len + n > sizeof(in_buf))
        FAIL("fake console input overflow");
    memcpy(in_buf + in_len, data, n);
    in_len += n;
}

void fake_console_input_later(const void *data, size_t n, uint64_t after_ns)
{
    if (n > sizeof(later_buf))
        FAIL("fake console later-input overflow");
    memcpy(later_buf, data, n);
    later_len = n;
    later_at = now_ns + after_ns;
}

void fake_console_eof(void) { in_eof = true; }

const char *fake_console_output(size_t *len)
{
    if (len)
        *len = out_len;
    return out_buf ? out_buf : "";
}

static void deliver_due_input(void)
{
    if (later_len && now_ns >= later_at) {
        fake_console_input(later_buf, later_len);
        later_len = 0;
    }
}

bool rr_console_readable(void)
{
    deliver_due_input();
    return in_pos < in_len || in_eof;
}

bool rr_console_is_tty(void) { return console_tty; }

long rr_console_write(const void *buf, size_t n)
{
    out_buf = realloc(out_buf, out_len + n + 1);
    memcpy(out_buf + out_len, buf, n);
    out_len += n;
    out_buf[out_len] = 0;
    return (long)n;
}

static uint64_t waits;
uint64_t fake_waits(void) { return waits; }

static bool input_ready(void *arg)
{
    (void)arg;
    return rr_console_readable();
}

/* Emulates halting: time advances in 1 ms steps, delivering scheduled input. */
int rr_wait_until(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    waits++;
    for (long step = 0; step < 100000000L; step++) {
        deliver_due_input();
        if (cond(arg))
            return 0;
        if (deadline_ns && now_ns >= deadline_ns)
            return -ETIMEDOUT;
        if (!deadline_ns && !later_len)
            FAIL("rr_wait_until would wait forever");
        now_ns += 1000000;
    }
    FAIL("rr_wait_until did not finish");
}

long rr_console_read(void *buf, size_t n, bool nonblock)
{
    if (!rr_console_readable()) {
        if (nonblock)
            return -EAGAIN;
        rr_wait_until(input_ready, NULL, 0);
    }
    if (in_pos == in_len)
        return 0;   /* end of input */
    size_t k = in_len - in_pos < n ? in_len - in_pos : n;
    memcpy(buf, in_buf + in_pos, k);
    in_pos += k;
    return (long)k;
}
