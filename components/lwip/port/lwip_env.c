/* What lwIP asks of its environment: memory, time and random numbers. */
#include <rr/kern.h>
#include "lwip/opt.h"
#include "lwip/sys.h"

void *rr_lwip_malloc(size_t size)
{
    return rr_malloc(size);
}

void rr_lwip_free(void *p)
{
    rr_free(p);
}

void *rr_lwip_calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        return NULL;
    return rr_zalloc(n * size);
}

uint32_t rr_lwip_rand(void)
{
    uint32_t v;
    rr_random_bytes(&v, sizeof(v));
    return v;
}

u32_t sys_now(void)
{
    return (u32_t)(rr_monotonic_ns() / 1000000u);
}

int rr_lwip_atoi(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}
