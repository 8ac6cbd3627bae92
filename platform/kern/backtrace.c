/*
 * Backtraces without frame pointers or unwind tables (the program's libc has
 * neither): scan the stack for words that point just after a call
 * instruction in the image's text. Stale return addresses can show up; the
 * real callers always do. Only mapped memory is read, so a report about a
 * wild stack pointer cannot fault again.
 */
#include <rr/kern.h>
#include <rr/boot.h>
#include <rr/paging.h>

#define MAX_FRAMES 24
#define MAX_SCAN   (32 * 1024)

static bool in_text(uintptr_t a)
{
    return a >= (uintptr_t)__text_start && a < (uintptr_t)__text_end;
}

/* Whether the bytes before ret encode a call (direct, or indirect through a
 * register or memory operand) that returns to ret. */
static bool follows_call(uintptr_t ret)
{
    uintptr_t ts = (uintptr_t)__text_start;
    if (!in_text(ret) || ret < ts + 7)
        return false;
    const uint8_t *p = (const uint8_t *)ret;
    if (p[-5] == 0xE8) {
        int32_t rel;
        rr_memcpy(&rel, p - 4, 4);
        return in_text(ret + (intptr_t)rel);
    }
    if (p[-2] == 0xFF && ((p[-1] & 0xF8) == 0xD0 || ((p[-1] & 0xF8) == 0x10 && p[-1] != 0x14 && p[-1] != 0x15)))
        return true;                                     /* call *%reg, call *(%reg) */
    if (p[-3] == 0xFF && ((p[-2] & 0xF8) == 0x50 || p[-2] == 0x14))
        return true;                                     /* call *d8(%reg), call *(sib) */
    if (p[-4] == 0xFF && p[-3] == 0x54)
        return true;                                     /* call *d8(sib) */
    if (p[-6] == 0xFF && (p[-5] == 0x15 || (p[-5] & 0xF8) == 0x90))
        return true;                                     /* call *d32(%rip), call *d32(%reg) */
    if (p[-7] == 0xFF && p[-6] == 0x94)
        return true;                                     /* call *d32(sib) */
    return false;
}

static void print_frame(int i, uintptr_t addr)
{
    uintptr_t off;
    /* a return address may sit just past its caller's end (a call to a noreturn
     * function is often the last instruction), so callers are looked up at addr - 1 */
    const char *name = rr_symtab_lookup(i ? addr - 1 : addr, &off);
    if (name)
        rr_printk_raw("  #%d 0x%016lx %s+0x%lx\n", i, (unsigned long)addr, name, (unsigned long)(off + (i ? 1 : 0)));
    else
        rr_printk_raw("  #%d 0x%016lx\n", i, (unsigned long)addr);
}

void rr_backtrace_print(uintptr_t rip, uintptr_t rsp)
{
    int n = 0;
    print_frame(n++, rip);
    uintptr_t a = rsp & ~7UL;
    if (!rr_is_mapped(a))
        a = (a | (RR_PAGE_SIZE - 1)) + 1;    /* an overflowed stack: rsp is in the guard page */
    uintptr_t end = a + MAX_SCAN, checked = 1, last = 0;
    int repeats = 0;
    while (a < end && n < MAX_FRAMES) {
        uintptr_t page = a & ~(RR_PAGE_SIZE - 1);
        if (page != checked) {
            if (!rr_is_mapped(page))
                break;
            checked = page;
        }
        uintptr_t w = *(const uintptr_t *)a;
        if (follows_call(w)) {
            if (w == last) {
                repeats++;      /* deep recursion: one line, not a screenful */
            } else {
                if (repeats)
                    rr_printk_raw("  ... the frame above %d more times\n", repeats);
                repeats = 0;
                print_frame(n++, w);
                last = w;
            }
        }
        a += 8;
    }
    if (repeats)
        rr_printk_raw("  ... the frame above %d more times\n", repeats);
}
