/* /proc/1: the one program, its arguments, environment, memory map and mounts. */
#include <rr/vfs_proc.h>
#include <rr/vm.h>

/* mm/vm.c's region list; absent where the file layer runs without it (host tests) */
__attribute__((weak)) const struct rr_vma *rr_vm_regions(void);

static void nul_separated(struct rr_proc_text *t, char **v, int n)
{
    for (int i = 0; i < n && v && v[i]; i++)
        rr_proc_put(t, v[i], rr_strlen(v[i]) + 1);
}

void rr_proc_cmdline(struct rr_proc_text *t)
{
    nul_separated(t, rr_config.argv, rr_config.argc);
}

void rr_proc_environ(struct rr_proc_text *t)
{
    nul_separated(t, rr_config.envp, rr_config.envc);
}

/* argv[0] without its directories: the program's name */
static const char *base_name(void)
{
    const char *a0 = rr_config.argc > 0 && rr_config.argv[0][0] ? rr_config.argv[0] : "program";
    const char *b = a0;
    for (const char *p = a0; *p; p++)
        if (*p == '/' && p[1])
            b = p + 1;
    return b;
}

void rr_proc_comm(struct rr_proc_text *t)
{
    const char *b = base_name();
    size_t n = 0;
    while (b[n] && b[n] != '/' && n < 15)   /* TASK_COMM_LEN - 1 */
        n++;
    rr_proc_put(t, b, n);
    rr_proc_put(t, "\n", 1);
}

/* The image has no path of its own; it is presented as a file in the root named after the program. */
void rr_proc_exe(struct rr_proc_text *t)
{
    const char *b = base_name();
    size_t n = 0;
    while (b[n] && b[n] != '/')
        n++;
    rr_proc_put(t, "/", 1);
    rr_proc_put(t, b, n);
}

static unsigned long mapped_kib(void)
{
    unsigned long kib = 0;
    if (rr_vm_regions)
        for (const struct rr_vma *v = rr_vm_regions(); v; v = v->next)
            if (v->kind != RR_VMA_GUARD)
                kib += (v->end - v->start) / 1024;
    return kib;
}

static unsigned long used_kib(void)
{
    return (unsigned long)(rr_pages_total() - rr_pages_free()) * (RR_PAGE_SIZE / 1024);
}

void rr_proc_status(struct rr_proc_text *t)
{
    struct rr_proc_text name = {0};
    rr_proc_comm(&name);
    uint32_t um = rr_vfs_umask();
    rr_proc_printf(t, "Name:\t%s", name.failed ? "program\n" : name.buf);
    rr_free(name.buf);
    rr_proc_printf(t, "Umask:\t0%c%c%c\n", '0' + ((um >> 6) & 7), '0' + ((um >> 3) & 7), '0' + (um & 7));
    rr_proc_printf(t, "State:\tR (running)\nTgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n");
    rr_proc_printf(t, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n", RR_FD_MAX);
    rr_proc_printf(t, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\nThreads:\t1\n", mapped_kib(), used_kib());
}

/* The fields of proc(5)'s /proc/pid/stat, in order; times in clock ticks (100 Hz). */
void rr_proc_stat(struct rr_proc_text *t)
{
    struct rr_proc_text name = {0};
    rr_proc_comm(&name);
    if (!name.failed && name.len)
        name.buf[name.len - 1] = 0;   /* no newline inside the parentheses */
    unsigned long ticks = (unsigned long)(rr_monotonic_ns() / 10000000ULL);
    rr_proc_printf(t, "1 (%s) R 0 1 1 0 -1 4194560 0 0 0 0 %lu 0 0 0 20 0 1 0 0 %lu %lu",
                   name.failed ? "program" : name.buf, ticks, mapped_kib() * 1024, used_kib() / 4);
    rr_proc_printf(t, " 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    rr_free(name.buf);
}

void rr_proc_maps(struct rr_proc_text *t)
{
    if (!rr_vm_regions)
        return;
    for (const struct rr_vma *v = rr_vm_regions(); v; v = v->next) {
        size_t start = t->len;
        rr_proc_printf(t, "%lx-%lx %c%c%c%c %08lx 00:00 0", (unsigned long)v->start, (unsigned long)v->end,
                       (v->prot & RR_PROT_READ) ? 'r' : '-', (v->prot & RR_PROT_WRITE) ? 'w' : '-',
                       (v->prot & RR_PROT_EXEC) ? 'x' : '-', v->vn ? 's' : 'p',
                       (unsigned long)(v->pgoff * RR_PAGE_SIZE));
        const char *name = v->kind == RR_VMA_BRK ? "[heap]" : v->kind == RR_VMA_STACK ? "[stack]" : NULL;
        if (name) {
            while (!t->failed && t->len - start < 73)
                rr_proc_put(t, " ", 1);
            rr_proc_printf(t, "%s", name);
        }
        rr_proc_put(t, "\n", 1);
    }
}

void rr_proc_mounts(struct rr_proc_text *t)
{
    char *path = rr_malloc(RR_PATH_MAX);
    if (!path) {
        t->failed = true;
        return;
    }
    struct rr_mount *m;
    for (size_t i = 0; (m = rr_vfs_mount_nth(i)) != NULL; i++) {
        if (!m->covered)
            rr_strlcpy(path, "/", RR_PATH_MAX);
        else if (rr_vfs_path_of(m->covered, path, RR_PATH_MAX) < 0)
            continue;
        const char *type = m->fstype ? m->fstype : "none";
        rr_proc_printf(t, "%s %s %s %s 0 0\n", type, path, type, (m->flags & RR_MNT_RDONLY) ? "ro" : "rw");
    }
    rr_free(path);
}
