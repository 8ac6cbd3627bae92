/*
 * The platform's string functions. The build renames memcpy/memset/memmove/
 * memcmp to the rr_ names in platform.o, so the compiler's own calls to them
 * (struct copies, zeroing) land here and never in the program's libc.
 */
#include <rr/kern.h>

/*
 * Bulk moves go 64 bytes per loop turn in plain moves rather than `rep movsb`
 * / `rep stosb`: under an emulator (QEMU's TCG) every turn of a rep prefix is
 * one dispatch, so zeroing a page byte by byte cost more than the rest of
 * boot. The loops are assembly because a C loop may be recognised and turned
 * back into a call to this very function.
 */
void *rr_memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;
    size_t blocks = n / 64;
    if (blocks) {
        uint64_t t0, t1, t2, t3;
        __asm__ volatile(
            "1:\n\t"
            "movq (%[s]), %[t0]\n\t movq 8(%[s]), %[t1]\n\t movq 16(%[s]), %[t2]\n\t movq 24(%[s]), %[t3]\n\t"
            "movq %[t0], (%[d])\n\t movq %[t1], 8(%[d])\n\t movq %[t2], 16(%[d])\n\t movq %[t3], 24(%[d])\n\t"
            "movq 32(%[s]), %[t0]\n\t movq 40(%[s]), %[t1]\n\t movq 48(%[s]), %[t2]\n\t movq 56(%[s]), %[t3]\n\t"
            "movq %[t0], 32(%[d])\n\t movq %[t1], 40(%[d])\n\t movq %[t2], 48(%[d])\n\t movq %[t3], 56(%[d])\n\t"
            "addq $64, %[s]\n\t addq $64, %[d]\n\t decq %[n]\n\t jnz 1b"
            : [d] "+r"(d), [s] "+r"(src), [n] "+r"(blocks),
              [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3)
            : : "memory");
        n &= 63;
    }
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dst;
}

void *rr_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n || n == 0)
        return rr_memcpy(dst, src, n);
    /* Backwards, in assembly: a C loop here could be turned back into a
     * call to memmove, which is this function. */
    d += n - 1;
    s += n - 1;
    __asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    return dst;
}

void *rr_memset(void *dst, int c, size_t n)
{
    void *d = dst;
    size_t blocks = n / 64;
    if (blocks) {
        uint64_t v = 0x0101010101010101ULL * (unsigned char)c;
        __asm__ volatile(
            "1:\n\t"
            "movq %[v], (%[d])\n\t movq %[v], 8(%[d])\n\t movq %[v], 16(%[d])\n\t movq %[v], 24(%[d])\n\t"
            "movq %[v], 32(%[d])\n\t movq %[v], 40(%[d])\n\t movq %[v], 48(%[d])\n\t movq %[v], 56(%[d])\n\t"
            "addq $64, %[d]\n\t decq %[n]\n\t jnz 1b"
            : [d] "+r"(d), [n] "+r"(blocks) : [v] "r"(v) : "memory");
        n &= 63;
    }
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

int rr_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t rr_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t rr_strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int rr_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int rr_strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

char *rr_strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

size_t rr_strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = rr_strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        rr_memcpy(dst, src, n);
        dst[n] = 0;
    }
    return len;
}
