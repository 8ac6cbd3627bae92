/*
 * The program shares the platform's address space, so its pointers are used
 * directly; this only rejects what cannot be a buffer (NULL page, wrap-around,
 * non-canonical). Unbacked program pages are filled in by the page-fault
 * path when touched; a wild pointer is reported as the program's fault.
 */
#include <rr/kern.h>

bool rr_user_range_ok(const void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    return a >= RR_PAGE_SIZE && a + n >= a && a + n <= 0x0000800000000000UL;
}
