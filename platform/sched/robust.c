/*
 * Robust futexes (Linux ABI, set_robust_list): at thread exit, every lock on
 * the thread's list whose futex word still names it as owner gets
 * FUTEX_OWNER_DIED, and one waiter is woken to find that out. The list is in
 * program memory and may be garbage: it is walked with range checks and a
 * bound, as the kernel does.
 *
 *   head: { next, futex_offset, list_op_pending }; entry: { next }; the
 *   futex word is at entry + futex_offset; bit 0 of a pointer marks a PI lock.
 */
#include <rr/kern.h>
#include <rr/thread.h>

#define FUTEX_WAITERS     0x80000000u
#define FUTEX_OWNER_DIED  0x40000000u
#define FUTEX_TID_MASK    0x3fffffffu
#define MAX_ENTRIES       2048

struct robust_head {
    uintptr_t next;
    long futex_offset;
    uintptr_t list_op_pending;
};

static void release(uintptr_t entry, long offset, int tid)
{
    uint32_t *word = (uint32_t *)((entry & ~1UL) + offset);
    if (!rr_user_range_ok(word, sizeof(*word)) || ((uintptr_t)word & 3))
        return;
    uint32_t v = *word;
    if ((v & FUTEX_TID_MASK) != (uint32_t)tid)
        return;
    *word = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (v & FUTEX_WAITERS)
        rr_futex_wake(word, 1, 0xffffffffu);
}

void rr_robust_list_release(struct rr_thread *t)
{
    const struct robust_head *head = (const struct robust_head *)t->robust_list;
    if (!head || !rr_user_range_ok(head, sizeof(*head)))
        return;
    long offset = head->futex_offset;
    uintptr_t pending = head->list_op_pending;
    uintptr_t entry = head->next;
    for (int n = 0; entry != (uintptr_t)head && n < MAX_ENTRIES; n++) {
        if (!rr_user_range_ok((void *)(entry & ~1UL), sizeof(uintptr_t)))
            break;
        uintptr_t next = *(const uintptr_t *)(entry & ~1UL);
        if (entry != pending)
            release(entry, offset, t->tid);
        entry = next;
    }
    if (pending)
        release(pending, offset, t->tid);
}
