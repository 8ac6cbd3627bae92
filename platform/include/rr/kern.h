/*
 * rr/kern.h — the platform's internal services, the one header platform and
 * component sources include first. Each group names the file that implements it.
 *
 * Error policy: functions that can fail return a negative errno value (-ENOMEM,
 * -ENOENT, ...) and 0 or a positive result on success; pointer-returning
 * functions return NULL on failure. Broken invariants are not errors: they are
 * RR_ASSERT failures, which stop the guest through rr_panic() with file:line.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <rr/errno.h>

#define RR_PAGE_SIZE 4096UL
#define RR_ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define RR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define RR_NORETURN __attribute__((noreturn))
#define RR_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* --- lib/string.c: the kernel's own string functions (never the program's libc) --- */
void *rr_memcpy(void *dst, const void *src, size_t n);
void *rr_memmove(void *dst, const void *src, size_t n);
void *rr_memset(void *dst, int c, size_t n);
int rr_memcmp(const void *a, const void *b, size_t n);
size_t rr_strlen(const char *s);
size_t rr_strnlen(const char *s, size_t max);
int rr_strcmp(const char *a, const char *b);
int rr_strncmp(const char *a, const char *b, size_t n);
char *rr_strchr(const char *s, int c);
size_t rr_strlcpy(char *dst, const char *src, size_t size);

/* --- lib/printf.c: formatting (%d %i %u %x %lx %lu %ld %zu %zx %p %s %c %%, width, 0-pad, '-') --- */
int rr_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rr_snprintf(char *buf, size_t size, const char *fmt, ...) RR_PRINTF(3, 4);

/* --- kern/printk.c: messages from the platform, written to the console, prefixed "rumprun: " --- */
void rr_printk(const char *fmt, ...) RR_PRINTF(1, 2);
void rr_printk_raw(const char *fmt, ...) RR_PRINTF(1, 2);   /* no prefix, no added newline */

/* --- kern/panic.c --- */
RR_NORETURN void rr_panic(const char *fmt, ...) RR_PRINTF(1, 2);
#define RR_ASSERT(c) \
    do { if (!(c)) rr_panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

/* --- kern/control.c: one line on the control channel (newlines inside become spaces) --- */
void rr_control_write_line(const char *line);

/* --- kern/exit.c: ends the guest, reporting on the control channel (docs/contracts.md §6) --- */
RR_NORETURN void rr_exit_program(int status);                  /* rr:exit N */
RR_NORETURN void rr_exit_fault(int status, const char *what);  /* rr:fault N WHAT */
RR_NORETURN void rr_exit_config(const char *message);          /* rr:config 78 MESSAGE */
RR_NORETURN void rr_exit_panic(const char *message);           /* rr:panic 134 MESSAGE (after rr_panic's report) */

/* --- kern/backtrace.c, kern/symtab.c: symbolised stack scans for fault and panic reports --- */
void rr_backtrace_print(uintptr_t rip, uintptr_t rsp);
const char *rr_symtab_lookup(uintptr_t addr, uintptr_t *offset);   /* function name, or NULL */

/* --- kern/user_access.c: program pointers are used directly (one address space); this
 * rejects only what cannot be a buffer (NULL page, wrap-around, non-canonical) -> -EFAULT.
 * Touching unbacked program memory is fine: the page-fault path backs it. --- */
bool rr_user_range_ok(const void *p, size_t n);

/* --- mm/kmalloc.c: kernel heap; memory is zeroed by rr_zalloc only --- */
void *rr_malloc(size_t size);
void *rr_zalloc(size_t size);
void *rr_realloc(void *p, size_t size);
void rr_free(void *p);

/* --- mm/page.c: physical pages (identity mapped, so a page's address is usable directly) --- */
void *rr_page_alloc(void);          /* one zeroed 4 KiB page, or NULL */
void rr_page_free(void *page);
size_t rr_pages_free(void);
size_t rr_pages_total(void);

/* --- time/clock.c --- */
uint64_t rr_monotonic_ns(void);     /* since boot */
uint64_t rr_realtime_ns(void);      /* since the epoch, from the RTC at boot + monotonic */
uint64_t rr_realtime_ns_coarse(void); /* the same once the clock is measured; before, the RTC's second */

/* --- sched/wait.c: blocking without busy waiting ---
 * rr_wait_until() halts the CPU (interrupts on) until cond(arg) is true or the
 * monotonic deadline passes (deadline 0 = none). Returns 0 when cond became true,
 * -ETIMEDOUT on deadline. Interrupt handlers that change what cond looks at need
 * not do anything else: every interrupt re-evaluates the waiting condition. */
int rr_wait_until(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns);

/* --- kern/random.c: the platform's random generator (RDRAND/RDSEED, config seed, ChaCha20) --- */
void rr_random_bytes(void *buf, size_t n);

/* --- drivers/console.c: the console (docs/contracts.md §6) ---
 * rr_console_read blocks until at least one byte (or end of input) is there unless
 * nonblock; returns bytes read, 0 at end of input, -EAGAIN if nonblock and nothing.
 * In tty mode it implements the line discipline (canonical, echo, erase, ^C, ^D). */
long rr_console_read(void *buf, size_t n, bool nonblock);
long rr_console_write(const void *buf, size_t n);
bool rr_console_is_tty(void);
bool rr_console_readable(void);     /* a read would not block */

/* --- kern/config.c: the guest configuration (docs/contracts.md §5) --- */
/* One entry of the "mounts" key (docs/contracts.md §8). */
struct rr_mount_spec {
    char device[24];                /* the block device's serial (or platform name) */
    char *path;                     /* absolute mount point, heap allocated */
    char fstype[16];                /* "auto", "ext2" or "iso9660" */
    bool readonly;
    bool required;
};
/* One entry of the "net" key (docs/contracts.md §9). Addresses are in network byte
 * order (a[0] is the first number of the dotted quad). */
#define RR_NET_MAX_DNS 3
enum rr_net_method { RR_NET_DHCP, RR_NET_STATIC };
struct rr_net_spec {
    char tag[24];                   /* the host's name for the interface ("net0") */
    uint8_t mac[6];                 /* how the platform finds the interface */
    enum rr_net_method method;
    uint8_t addr[4];                /* static only */
    uint8_t prefix;                 /* static only: 0..32 */
    bool has_gateway;
    uint8_t gateway[4];
    uint8_t dns[RR_NET_MAX_DNS][4]; /* servers for /etc/resolv.conf, in order */
    size_t ndns;
};
struct rr_config {
    int argc;
    char **argv;                    /* NULL-terminated, heap allocated */
    int envc;
    char **envp;                    /* NULL-terminated */
    char hostname[65];
    bool console_tty;
    uint8_t seed[32];
    size_t seed_len;
    struct rr_mount_spec *mounts;   /* in configuration order */
    size_t nmounts;
    struct rr_net_spec *net;        /* in configuration order */
    size_t nnet;
};
/* Parses JSON text (len bytes, not necessarily NUL-terminated). On error returns
 * a negative errno and writes a one-line message (naming the key or the byte
 * offset) into err. */
int rr_config_parse(const char *json, size_t len, struct rr_config *out, char *err, size_t errlen);
extern struct rr_config rr_config;  /* the parsed configuration of this boot */

/* --- syscall/dispatch.c: the system-call table ---
 * Handlers take the six Linux argument registers and return the Linux result
 * (negative errno on failure). Register one with RR_SYSCALL(__NR_x, fn) at file
 * scope; numbers come from <rr/syscall_nr.h> (generated from musl's headers). A handler
 * may declare fewer or typed parameters (the x86-64 ABI passes them in the same
 * registers); the cast through void (*)(void) says so to -Wcast-function-type. */
typedef long (*rr_syscall_fn)(long a0, long a1, long a2, long a3, long a4, long a5);
struct rr_syscall_entry { long nr; rr_syscall_fn fn; const char *name; };
#define RR_SYSCALL(nr, fn) \
    static const struct rr_syscall_entry __rr_sc_##fn \
    __attribute__((used, section(".rr_syscalls"), aligned(8))) = { nr, (rr_syscall_fn)(void (*)(void))(fn), #fn }

/* --- component initialisers, run in order 0..9 before the program starts --- */
typedef int (*rr_init_fn)(void);
/* The order may be a macro (RR_FSTYPE_ORDER): it is expanded before it names the section. */
#define RR_INIT(order, fn) RR_INIT_EXPANDED(order, fn)
#define RR_INIT_EXPANDED(order, fn) \
    static const rr_init_fn __rr_init_##fn \
    __attribute__((used, section(".rr_init." #order), aligned(8))) = (fn)

/* --- vfs/: the file layer (vfs/vfs.c, vfs/fd.c, vfs/ramfs.c, vfs/devfs.c, vfs/etc.c) ---
 * rr_vfs_init() builds the root: a writable ramfs at /, /tmp (mode 1777),
 * /dev/{null,zero,random,urandom,console,tty,stdin,stdout,stderr}, /etc/{hostname,hosts,
 * passwd,group,resolv.conf} from rr_config, and opens fds 0, 1, 2 on the console.
 * The file system calls themselves register with RR_SYSCALL in syscall/fs*.c. */
int rr_vfs_init(void);

/* For mmap(2) of a file (syscall/mm.c): read n bytes at offset off of open file fd into
 * buf without moving the file position; returns bytes read (short at end of file) or a
 * negative errno (-EBADF, -EACCES, -ENODEV). Provided by vfs/; syscall/mm.c refers to it
 * weakly, so file mappings answer -ENODEV until it exists. */
long rr_vfs_pread(int fd, void *buf, size_t n, uint64_t off);

/* --- syscall/mm.c ↔ mm/vm.c: the program's address space (brk, mmap regions, the main
 * stack); interface in rr/vm.h, layout in rr/layout.h --- */
