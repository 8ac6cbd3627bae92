/*
 * The host side of an unbaked program. The wrapper copies this executable and
 * adds the program itself as section .rr.program; running it on the host can
 * only explain what to do next. Freestanding: no libc, raw Linux system calls.
 */
#define SYS_WRITE 1
#define SYS_EXIT 60
#define EXIT_CANNOT_EXECUTE 126

static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

static unsigned long length(const char *s)
{
    unsigned long n = 0;
    /* The empty asm keeps the compiler from turning this loop into a call to strlen. */
    while (s[n]) {
        n++;
        __asm__("" : "+r"(n));
    }
    return n;
}

static void put(const char *s)
{
    sys3(SYS_WRITE, 2, (long)s, (long)length(s));
}

/* The name as typed, without its directory, for the suggested rr-bake line. */
static const char *base_name(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' && p[1])
            base = p + 1;
    return base;
}

__attribute__((noreturn, used)) void rr_unbaked_main(long *stack)
{
    const char *name = stack[0] > 0 ? (const char *)stack[1] : "program";
    put(name);
    put(": this is an unbaked Rumprun.Net program, not a host executable; make a bootable image with: rr-bake hw_generic ");
    put(base_name(name));
    put(".bin ");
    put(name);
    put("\n");
    sys3(SYS_EXIT, EXIT_CANNOT_EXECUTE, 0, 0);
    __builtin_unreachable();
}

/* The kernel starts us with argc at the stack pointer; keep the stack 16-aligned for the call. */
__asm__(".globl _start\n"
        "_start:\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call rr_unbaked_main\n");
