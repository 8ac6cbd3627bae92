/*
 * rr/vfs_proc.h — the pieces of /proc (vfs/procfs.c): a growing text buffer that
 * a file's contents are generated into when it is opened (vfs/proc_text.c), and
 * the generators (vfs/proc_system.c for the machine, vfs/proc_process.c for
 * /proc/1). A generator that runs out of memory leaves failed set.
 */
#pragma once

#include <rr/vfs.h>

struct rr_proc_text {
    char *buf;
    size_t len, cap;
    bool failed;
};

void rr_proc_put(struct rr_proc_text *t, const char *s, size_t n);
void rr_proc_printf(struct rr_proc_text *t, const char *fmt, ...) RR_PRINTF(2, 3);

typedef void (*rr_proc_gen)(struct rr_proc_text *t);

/* the machine */
void rr_proc_meminfo(struct rr_proc_text *t);
void rr_proc_cpuinfo(struct rr_proc_text *t);
void rr_proc_uptime(struct rr_proc_text *t);
void rr_proc_loadavg(struct rr_proc_text *t);
void rr_proc_version(struct rr_proc_text *t);
void rr_proc_filesystems(struct rr_proc_text *t);
/* the program, process 1 */
void rr_proc_cmdline(struct rr_proc_text *t);
void rr_proc_environ(struct rr_proc_text *t);
void rr_proc_comm(struct rr_proc_text *t);
void rr_proc_exe(struct rr_proc_text *t);       /* the link text of /proc/1/exe */
void rr_proc_status(struct rr_proc_text *t);
void rr_proc_stat(struct rr_proc_text *t);
void rr_proc_maps(struct rr_proc_text *t);
void rr_proc_mounts(struct rr_proc_text *t);
