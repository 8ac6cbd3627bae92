/*
 * The end of the guest on Xen (docs/contracts.md §10). The host cannot read
 * debugcon there, so the control line goes to the xenstore key data/rr-exit
 * in the domain's home (without the "rr:" prefix), and the domain shuts down
 * with poweroff, or crash for a fault or a platform bug, so that xl's
 * on_poweroff/on_crash actions tell the two apart even without the key.
 * The console is drained first: after shutdown nobody reads the ring.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/xenstore.h>

#define SCHEDOP_SHUTDOWN  2
#define SHUTDOWN_POWEROFF 0
#define SHUTDOWN_CRASH    3

static bool stopping;

void rr_xen_stop(const char *kind, int status, const char *what)
{
    rr_cli();
    rr_xen_console_flush();
    /* A failure inside the xenstore write must not recurse into it. */
    if (!stopping) {
        stopping = true;
        char line[256];
        int n = what ? rr_snprintf(line, sizeof(line), "%s %d %s", kind, status, what)
                     : rr_snprintf(line, sizeof(line), "%s %d", kind, status);
        if (n > (int)sizeof(line) - 1)
            n = sizeof(line) - 1;
        for (int i = 0; i < n; i++)
            if (line[i] == '\n')
                line[i] = ' ';
        char path[96];
        const char *home = rr_xs_home();
        rr_snprintf(path, sizeof(path), "%s%sdata/rr-exit", home, home[0] ? "/" : "");
        int r = rr_xs_write(path, line, (size_t)n);
        if (r < 0)
            rr_printk("xen: could not write %s (error %d)", path, -r);
        rr_xen_console_flush();
    }
    bool crash = !rr_strcmp(kind, "fault") || !rr_strcmp(kind, "panic");
    uint32_t reason = crash ? SHUTDOWN_CRASH : SHUTDOWN_POWEROFF;
    rr_xen_hypercall2(RR_XEN_HC_SCHED_OP, SCHEDOP_SHUTDOWN, (uintptr_t)&reason);
    for (;;)
        __asm__ volatile("cli; hlt");
}
