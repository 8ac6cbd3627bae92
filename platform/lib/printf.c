/*
 * Formatting for platform messages: %d %i %u %x %X %o %p %s %c %%, with the
 * h/hh/l/ll/z/t length modifiers, width (also *), '-', '0', '#', and a
 * precision for %s (also .*). No floating point: the platform never
 * touches the SSE registers.
 */
#include <rr/kern.h>

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static void put_number(struct out *o, unsigned long long v, bool neg, int base, bool upper,
                       int width, bool left, bool zero, const char *prefix)
{
    char tmp[24];
    int n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    int plen = (neg ? 1 : 0) + (int)rr_strlen(prefix);
    int fill = width - n - plen;
    if (!left && !zero)
        pad(o, ' ', fill);
    if (neg)
        put(o, '-');
    while (*prefix)
        put(o, *prefix++);
    if (!left && zero)
        pad(o, '0', fill);
    while (n)
        put(o, tmp[--n]);
    if (left)
        pad(o, ' ', fill);
}

int rr_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        bool left = false, zero = false, alt = false;
        int width = 0, prec = -1, lng = 0;
        for (;; fmt++) {
            if (fmt[1] == '-') left = true;
            else if (fmt[1] == '0') zero = true;
            else if (fmt[1] == '#') alt = true;
            else break;
        }
        fmt++;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) { left = true; width = -width; }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    prec = prec * 10 + (*fmt++ - '0');
            }
        }
        for (;; fmt++) {
            if (*fmt == 'l') lng++;
            else if (*fmt == 'z' || *fmt == 't') lng = 2;
            else if (*fmt == 'h') lng = lng > 0 ? 0 : lng - 1;
            else break;
        }
        if (!*fmt)
            break;
        unsigned long long u;
        long long s;
        switch (*fmt) {
        case 'd': case 'i':
            s = lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (lng == -1) s = (short)s;
            if (lng <= -2) s = (signed char)s;
            put_number(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s, s < 0, 10, false,
                       width, left, zero, "");
            break;
        case 'u': case 'x': case 'X': case 'o':
            u = lng >= 2 ? va_arg(ap, unsigned long long) : lng == 1 ? va_arg(ap, unsigned long)
                                                                     : va_arg(ap, unsigned int);
            if (lng == -1) u = (unsigned short)u;
            if (lng <= -2) u = (unsigned char)u;
            put_number(&o, u, false, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X', width, left, zero,
                       alt && u ? (*fmt == 'o' ? "0" : *fmt == 'X' ? "0X" : "0x") : "");
            break;
        case 'p':
            put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, width, left, zero, "0x");
            break;
        case 'c':
            pad(&o, ' ', left ? 0 : width - 1);
            put(&o, (char)va_arg(ap, int));
            pad(&o, ' ', left ? width - 1 : 0);
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int len = (int)(prec >= 0 ? rr_strnlen(str, prec) : rr_strlen(str));
            pad(&o, ' ', left ? 0 : width - len);
            for (int i = 0; i < len; i++)
                put(&o, str[i]);
            pad(&o, ' ', left ? width - len : 0);
            break;
        }
        case '%':
            put(&o, '%');
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int rr_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rr_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
