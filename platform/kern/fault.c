/*
 * Exceptions. A page fault inside one of the program's regions is demand
 * paging and returns; everything else is reported like a crash on Linux:
 * what happened and where, the registers, a symbolised backtrace, then the
 * guest ends with 128 + the signal Linux would have sent (rr:fault). A fault
 * in the platform itself (during boot or in an interrupt handler) is a panic.
 * A fault inside a system call is the program's bad pointer, reported with
 * both the platform's and the program's stack. With several threads, the
 * report names the one that faulted. A fault for which the program installed
 * a handler (SIGSEGV, SIGFPE, ...) runs that handler instead, as on Linux.
 */
#include <rr/kern.h>
#include <rr/trap.h>
#include <rr/vm.h>
#include <rr/x86.h>
#include <rr/program.h>
#include <rr/syscall.h>
#include <rr/thread.h>
#include <rr/signal.h>

static const char *const exception_names[32] = {
    "divide error", "debug exception", "NMI", "breakpoint", "overflow", "bound range exceeded",
    "invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
    "invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved exception 15", "x87 floating-point error", "alignment check",
    "machine check", "SIMD floating-point exception", "virtualization exception",
    "control protection exception",
};

static int signal_for(uint64_t vector)
{
    switch (vector) {
    case 0: case 16: case 19: return RR_SIGFPE;
    case 1: case 3: return RR_SIGTRAP;
    case 6: case 7: return RR_SIGILL;
    case 11: case 12: case 17: return RR_SIGBUS;
    default: return RR_SIGSEGV;
    }
}

static void dump_registers(const struct rr_trap_frame *f, uintptr_t cr2)
{
    const struct { const char *name; uint64_t v; } r[] = {
        { "rax", f->rax }, { "rbx", f->rbx }, { "rcx", f->rcx }, { "rdx", f->rdx },
        { "rsi", f->rsi }, { "rdi", f->rdi }, { "rbp", f->rbp }, { "rsp", f->rsp },
        { "r8", f->r8 }, { "r9", f->r9 }, { "r10", f->r10 }, { "r11", f->r11 },
        { "r12", f->r12 }, { "r13", f->r13 }, { "r14", f->r14 }, { "r15", f->r15 },
        { "rip", f->rip }, { "rflags", f->rflags }, { "error", f->error }, { "cr2", cr2 },
        { "fsbase", rr_rdmsr(RR_MSR_FS_BASE) }, { "cs", f->cs }, { "ss", f->ss },
    };
    for (size_t i = 0; i < RR_ARRAY_SIZE(r); i++)
        rr_printk_raw("  %-6s 0x%016lx%s", r[i].name, (unsigned long)r[i].v,
                      i % 3 == 2 || i + 1 == RR_ARRAY_SIZE(r) ? "\n" : "");
}

static void describe_access(char *buf, size_t size, uint64_t error, uintptr_t addr, const char *why)
{
    const char *access = (error & 16) ? "executing" : (error & 2) ? "writing" : "reading";
    rr_snprintf(buf, size, "%s 0x%lx: %s", access, (unsigned long)addr, why);
}

/* A fault in program code (not in a system call) for which the program has
 * a handler: the signal is queued with Linux's si_code and address. A stack
 * overflow can reach a handler only on the alternate stack. */
static bool program_handles(const struct rr_trap_frame *f, uintptr_t cr2, bool overflow)
{
    struct rr_thread *t = rr_current;
    if (!rr_program_running || rr_irq_depth > 0 || !t || t->in_kernel)
        return false;
    int sig = signal_for(f->vector);
    if (overflow && ((t->altstack.flags & RR_SS_DISABLE) || !(rr_sigactions[sig].flags & RR_SA_ONSTACK)))
        return false;
    int code = 1;                                   /* SEGV_MAPERR, BUS_ADRALN, FPE_INTDIV, ILL_ILLOPC, TRAP_BRKPT */
    uintptr_t addr = f->rip;
    if (f->vector == 14) {
        code = (f->error & 1) ? 2 : 1;              /* SEGV_ACCERR : SEGV_MAPERR */
        addr = cr2;
    } else if (f->vector == 13) {
        code = RR_SI_KERNEL;
        addr = 0;
    }
    return rr_signal_fault(sig, code, addr);
}

void rr_exception(struct rr_trap_frame *f)
{
    static int depth;
    uintptr_t cr2 = f->vector == 14 ? rr_read_cr2() : 0;
    const char *why = "not mapped";
    bool overflow = false;

    if (f->vector == 14 && depth == 0 && rr_vm_fault(cr2, f->error, &why, &overflow))
        return;
    if (f->vector == 2)
        return;    /* NMIs carry nothing we act on */
    if (depth == 0 && program_handles(f, cr2, overflow))
        return;    /* the handler runs when the trap returns (sched/scheduler.c) */
    if (depth++) {
        rr_printk("fault while reporting a fault: %s at rip 0x%lx (cr2 0x%lx)",
                  f->vector < 32 ? exception_names[f->vector] : "?", (unsigned long)f->rip, (unsigned long)cr2);
        rr_exit_panic("fault while reporting a fault");
    }

    int sig = signal_for(f->vector);
    const char *signame = rr_signal_name(sig);
    bool in_platform = !rr_program_running || rr_irq_depth > 0;
    char detail[160], what[200];
    if (f->vector == 14)
        describe_access(detail, sizeof(detail), f->error, cr2, why);
    else
        rr_snprintf(detail, sizeof(detail), "%s", exception_names[f->vector]);

    if (overflow) {
        rr_printk("%s: stack overflow: %s", signame, detail);
        rr_snprintf(what, sizeof(what), "%s stack overflow at 0x%lx", signame, (unsigned long)cr2);
    } else if (f->vector == 14) {
        rr_printk("%s: page fault %s", signame, detail);
        rr_snprintf(what, sizeof(what), "%s at 0x%lx", signame, (unsigned long)cr2);
    } else {
        uintptr_t off;
        const char *fn = rr_symtab_lookup(f->rip, &off);
        if (fn)
            rr_printk("%s: %s at 0x%lx (%s+0x%lx)", signame, detail, (unsigned long)f->rip, fn, (unsigned long)off);
        else
            rr_printk("%s: %s at 0x%lx", signame, detail, (unsigned long)f->rip);
        rr_snprintf(what, sizeof(what), "%s %s at 0x%lx", signame, detail, (unsigned long)f->rip);
    }
    if (rr_syscall_current >= 0 && !in_platform) {
        const char *name = rr_syscall_name(rr_syscall_current);
        rr_printk("in the platform, serving system call %s (%ld) with an argument from the program",
                  name ? name : "?", rr_syscall_current);
    } else if (in_platform) {
        rr_printk("in the platform (%s)", rr_program_running ? "interrupt handler" : "boot");
    }
    if (rr_current && (rr_thread_count > 1 || rr_current->tid != 1))
        rr_printk("in thread %d (of %d)", rr_current->tid, rr_thread_count);
    rr_printk_raw("registers:\n");
    dump_registers(f, cr2);
    rr_printk_raw("backtrace:\n");
    rr_backtrace_print(f->rip, f->rsp);
    if (rr_syscall_current >= 0 && rr_syscall_current_frame && !in_platform) {
        rr_printk_raw("program backtrace (at the system call):\n");
        rr_backtrace_print(rr_syscall_current_frame->rip, rr_syscall_current_frame->rsp);
    }
    if (in_platform)
        rr_exit_panic(what);
    rr_exit_fault(128 + sig, what);
}
