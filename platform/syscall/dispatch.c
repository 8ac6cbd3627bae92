/*
 * The system-call table, built at boot from the RR_SYSCALL entries that the
 * linker collects in .rr_syscalls (every file registers its own calls; two
 * registrations of one number are a build mistake and stop the boot). An
 * unknown call returns -ENOSYS and is named once on the console.
 */
#include <rr/kern.h>
#include <rr/syscall.h>

#define MAX_NR 512
#define MAX_ODD 32

extern const struct rr_syscall_entry __rr_syscalls_start[], __rr_syscalls_end[];

static const struct rr_syscall_entry *table[MAX_NR];
static uint64_t reported[MAX_NR / 64];
static long odd_reported[MAX_ODD];
static int nodd;

uintptr_t rr_syscall_stack_top;
long rr_syscall_current = -1;
struct rr_syscall_frame *rr_syscall_current_frame;

void rr_syscall_init(void)
{
    for (const struct rr_syscall_entry *e = __rr_syscalls_start; e < __rr_syscalls_end; e++) {
        if (e->nr < 0 || e->nr >= MAX_NR)
            rr_panic("system call handler %s has number %ld, outside the table", e->name, e->nr);
        if (table[e->nr])
            rr_panic("system call %ld registered twice: %s and %s", e->nr, table[e->nr]->name, e->name);
        table[e->nr] = e;
    }
}

static bool first_report(long nr)
{
    if (nr >= 0 && nr < MAX_NR) {
        uint64_t bit = 1ULL << (nr % 64);
        bool first = !(reported[nr / 64] & bit);
        reported[nr / 64] |= bit;
        return first;
    }
    for (int i = 0; i < nodd; i++)
        if (odd_reported[i] == nr)
            return false;
    if (nodd < MAX_ODD)
        odd_reported[nodd++] = nr;
    return true;
}

static long unsupported(long nr)
{
    if (first_report(nr)) {
        const char *name = rr_syscall_name(nr);
        rr_printk("unsupported system call %s (%ld), returning ENOSYS", name ? name : "unknown", nr);
    }
    return -ENOSYS;
}

long rr_syscall_dispatch(struct rr_syscall_frame *f)
{
    long nr = (long)f->rax;
    rr_syscall_current = nr;
    rr_syscall_current_frame = f;
    long r;
    if (nr >= 0 && nr < MAX_NR && table[nr])
        r = table[nr]->fn(f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
    else
        r = unsupported(nr);
    rr_syscall_current = -1;
    rr_syscall_current_frame = NULL;
    return r;
}
