/*
 * The Linux x86-64 signal frame, so that musl's sa_restorer (__restore_rt:
 * rt_sigreturn) and handlers that read siginfo_t or ucontext_t work as on
 * Linux. Below the interrupted rsp, past its 128-byte red zone (the program
 * runs in ring 0 and leaf functions keep data there), or at the top of the
 * alternate stack: the FPU/SSE image (fxsave format, 64-aligned), then
 *
 *   rt_sigframe { return address = sa_restorer; ucontext; siginfo }
 *
 * placed so that rsp at the handler's first instruction is 8 modulo 16, as
 * after a call. rt_sigreturn finds the ucontext at its rsp (the handler's
 * ret popped the return address) and restores every register, the FPU
 * state and the signal mask.
 */
#include <rr/kern.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/program.h>
#include <rr/paging.h>
#include <rr/layout.h>
#include <rr/vm.h>
#include <rr/x86.h>

#define RED_ZONE 128
#define FXSAVE_SIZE 512
#define MXCSR_DEFAULT 0x1f80u

struct sigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;
    uint64_t reserved1[8];
};

struct kucontext {
    uint64_t flags;
    uint64_t link;
    struct { uint64_t sp; int32_t flags; int32_t pad; uint64_t size; } stack;
    struct sigcontext mcontext;
    uint64_t sigmask;
};

struct siginfo {
    struct rr_ksiginfo head;
    uint8_t rest[128 - sizeof(struct rr_ksiginfo)];
};

struct rt_sigframe {
    uint64_t pretcode;
    struct kucontext uc;
    struct siginfo info;
};

_Static_assert(sizeof(struct sigcontext) == 256, "Linux sigcontext");
_Static_assert(__builtin_offsetof(struct kucontext, mcontext) == 40, "Linux ucontext");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 8 + 304, "Linux rt_sigframe");

/* Flags the program may change through rt_sigreturn (CF PF AF ZF SF TF DF OF AC ID, RF). */
#define USER_FLAGS 0x254dd5UL

static bool writable(uintptr_t lo, uintptr_t hi)
{
    if (lo >= hi || lo < RR_PAGE_SIZE)
        return false;
    for (uintptr_t p = lo & ~(RR_PAGE_SIZE - 1); p < hi; p += RR_PAGE_SIZE) {
        if (p >= RR_PROG_BASE && p < RR_PROG_END) {
            struct rr_vma *v = rr_vm_find(p);
            if (!v || v->kind == RR_VMA_GUARD || !(v->prot & RR_PROT_WRITE))
                return false;
        } else if (p >= RR_PROG_BASE || !rr_is_mapped(p)) {
            return false;
        }
    }
    return true;
}

static bool on_altstack(const struct rr_thread *t, uintptr_t sp)
{
    return !(t->altstack.flags & RR_SS_DISABLE) && sp > t->altstack.sp && sp <= t->altstack.sp + t->altstack.size;
}

bool rr_sigframe_build(struct rr_trap_frame *f, int sig, const struct rr_ksiginfo *info,
                       const struct rr_sigaction *act, uint64_t saved_mask)
{
    struct rr_thread *t = rr_current;
    uintptr_t sp = f->rsp;
    bool onstack = on_altstack(t, sp);
    if ((act->flags & RR_SA_ONSTACK) && !(t->altstack.flags & RR_SS_DISABLE) && !onstack)
        sp = t->altstack.sp + t->altstack.size;
    else
        sp -= RED_ZONE;
    uintptr_t fx = (sp - FXSAVE_SIZE) & ~63UL;
    uintptr_t frame_at = ((fx - sizeof(struct rt_sigframe)) & ~15UL) - 8;
    if (!writable(frame_at, sp))
        return false;

    struct rt_sigframe *frame = (struct rt_sigframe *)frame_at;
    rr_fpu_save((void *)fx);
    rr_memset(frame, 0, sizeof(*frame));
    frame->pretcode = act->restorer;
    frame->uc.stack.sp = t->altstack.sp;
    frame->uc.stack.flags = (t->altstack.flags & RR_SS_DISABLE) ? RR_SS_DISABLE : on_altstack(t, frame_at) ? RR_SS_ONSTACK : 0;
    frame->uc.stack.size = t->altstack.size;
    struct sigcontext *mc = &frame->uc.mcontext;
    *mc = (struct sigcontext){
        .r8 = f->r8, .r9 = f->r9, .r10 = f->r10, .r11 = f->r11, .r12 = f->r12, .r13 = f->r13,
        .r14 = f->r14, .r15 = f->r15, .rdi = f->rdi, .rsi = f->rsi, .rbp = f->rbp, .rbx = f->rbx,
        .rdx = f->rdx, .rax = f->rax, .rcx = f->rcx, .rsp = f->rsp, .rip = f->rip, .eflags = f->rflags,
        .cs = (uint16_t)f->cs, .ss = (uint16_t)f->ss,
        .err = info->code > 0 && f->vector < 32 ? f->error : 0,
        .trapno = info->code > 0 && f->vector < 32 ? f->vector : 0,
        .oldmask = saved_mask,
        .cr2 = info->code > 0 && f->vector == 14 ? info->fault.addr : 0,
        .fpstate = fx,
    };
    frame->uc.sigmask = saved_mask;
    frame->info.head = *info;
    frame->info.head.signo = sig;

    f->rip = act->handler;
    f->rsp = frame_at;
    f->rdi = (uint64_t)sig;
    f->rsi = (uint64_t)&frame->info;
    f->rdx = (uint64_t)&frame->uc;
    f->rax = 0;
    f->cs = 0x08;
    f->ss = 0x10;
    f->rflags = (f->rflags & ~(RR_RFLAGS_DF | RR_RFLAGS_TF | RR_RFLAGS_AC)) | RR_RFLAGS_IF;

    /* the handler starts with a clean x87/SSE state, as on Linux */
    uint32_t mxcsr = MXCSR_DEFAULT;
    __asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr) : "memory");
    return true;
}

/* rt_sigreturn: the ucontext is at the program's rsp. Fills the thread's
 * full-return frame; false when the frame cannot be read. */
bool rr_sigframe_restore(uintptr_t user_rsp)
{
    struct rr_thread *t = rr_current;
    const struct kucontext *uc = (const struct kucontext *)user_rsp;
    if (!rr_user_range_ok(uc, sizeof(*uc)))
        return false;
    const struct sigcontext *mc = &uc->mcontext;
    struct rr_trap_frame *f = &t->iret;
    *f = (struct rr_trap_frame){
        .r15 = mc->r15, .r14 = mc->r14, .r13 = mc->r13, .r12 = mc->r12, .r11 = mc->r11,
        .r10 = mc->r10, .r9 = mc->r9, .r8 = mc->r8, .rbp = mc->rbp, .rdi = mc->rdi, .rsi = mc->rsi,
        .rdx = mc->rdx, .rcx = mc->rcx, .rbx = mc->rbx, .rax = mc->rax,
        .rip = mc->rip, .cs = 0x08, .rflags = (mc->eflags & USER_FLAGS) | RR_RFLAGS_IF | 2,
        .rsp = mc->rsp, .ss = 0x10,
    };
    if (mc->fpstate && !(mc->fpstate & 15) && rr_user_range_ok((void *)mc->fpstate, FXSAVE_SIZE)) {
        uint8_t image[FXSAVE_SIZE] __attribute__((aligned(16)));
        rr_memcpy(image, (const void *)mc->fpstate, FXSAVE_SIZE);
        uint32_t *mxcsr = (uint32_t *)(image + 24);
        *mxcsr &= 0xffff;      /* reserved bits would fault fxrstor */
        rr_fpu_restore(image);
    }
    t->blocked = uc->sigmask & ~(rr_sigbit(RR_SIGKILL) | rr_sigbit(RR_SIGSTOP));
    t->iret_pending = true;
    return true;
}
