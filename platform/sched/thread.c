/*
 * Thread records: one zeroed page each (the FPU image at its start gets the
 * 16-byte alignment fxsave needs), a kernel stack from slot 2 with a guard
 * page, the circular list of live threads, and a thread's own exit. A dead
 * thread's page and stack are freed by the scheduler once it runs on
 * another stack (sched/scheduler.c), never while the dead thread's stack is
 * still under the CPU.
 */
#include <rr/kern.h>
#include <rr/kva.h>
#include <rr/thread.h>
#include <rr/sched.h>
#include <rr/x86.h>

#define KSTACK_PAGES 8

_Static_assert(sizeof(struct rr_thread) <= RR_PAGE_SIZE, "a thread record fits in one page");
_Static_assert(__builtin_offsetof(struct rr_thread, fpu) == 0, "the FPU image starts the page");

struct rr_thread *rr_current;
int rr_thread_count;
static int last_tid = 1;

struct rr_thread *rr_thread_alloc(void)
{
    struct rr_thread *t = rr_page_alloc();
    if (!t)
        return NULL;
    uintptr_t top = rr_kstack_alloc(KSTACK_PAGES);
    if (!top) {
        rr_page_free(t);
        return NULL;
    }
    t->kstack_top = top;
    t->kstack_pages = KSTACK_PAGES;
    t->syscall_nr = -1;
    t->altstack.flags = 2 /* SS_DISABLE */;
    return t;
}

void rr_thread_free(struct rr_thread *t)
{
    if (t->kstack_pages)
        rr_kva_free((void *)(t->kstack_top - (t->kstack_pages + 1) * RR_PAGE_SIZE), t->kstack_pages + 1);
    rr_page_free(t);
}

int rr_thread_new_tid(void)
{
    /* tids are not reused while a thread holds one; wrap far away from 1 */
    for (;;) {
        if (++last_tid > 0x3fffffff)
            last_tid = 2;
        if (!rr_thread_by_tid(last_tid))
            return last_tid;
    }
}

struct rr_thread *rr_thread_by_tid(int tid)
{
    struct rr_thread *t = rr_current;
    if (t && t->state == RR_THREAD_DEAD)
        t = t->next;
    for (int i = 0; t && i < rr_thread_count; i++, t = t->next)
        if (t->tid == tid && t->state != RR_THREAD_DEAD)
            return t;
    return NULL;
}

void rr_thread_link(struct rr_thread *t)
{
    if (!rr_current) {
        t->next = t;
    } else {
        t->next = rr_current->next;
        rr_current->next = t;
    }
    rr_thread_count++;
}

void rr_thread_unlink(struct rr_thread *t)
{
    struct rr_thread *p = t;
    while (p->next != t)
        p = p->next;
    p->next = t->next;
    /* t->next stays valid: the scheduler starts its search from there */
    rr_thread_count--;
}

void rr_thread_exit(int status)
{
    struct rr_thread *self = rr_current;
    if (rr_thread_count == 1)
        rr_exit_program(status);
    rr_robust_list_release(self);
    int *ctid = self->clear_child_tid;
    if (ctid && rr_user_range_ok(ctid, sizeof(*ctid))) {
        *ctid = 0;
        rr_futex_wake((uint32_t *)ctid, 1, 0xffffffffu);
    }
    rr_cli();
    rr_thread_unlink(self);
    self->state = RR_THREAD_DEAD;
    rr_schedule();
    rr_panic("a dead thread was scheduled");
}
