/* lwIP's compiler and C library glue: the platform is freestanding. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_LIMITS_H   1
#define LWIP_NO_CTYPE_H    1
#define LWIP_NO_UNISTD_H   1
#define X8_F  "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "zu"

#define LWIP_ERR_T int
#define BYTE_ORDER LITTLE_ENDIAN

typedef long ssize_t;
#define SSIZE_MAX LONG_MAX
#ifndef INT_MAX
#define INT_MAX 0x7fffffff
#endif
#ifndef LONG_MAX
#define LONG_MAX 0x7fffffffffffffffL
#endif

void rr_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rr_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void *rr_lwip_malloc(size_t size);
void rr_lwip_free(void *p);
void *rr_lwip_calloc(size_t n, size_t size);
uint32_t rr_lwip_rand(void);

#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) rr_panic("lwIP: %s (%s:%d)", (x), __FILE__, __LINE__)
