/*
 * The boot sequence after boot32.S: read the loader's information, take over
 * memory and build the real page tables, move to a guarded stack, then bring
 * up interrupts, time, system calls, the configuration, the console, the
 * components and the file system, and start the program.
 */
#include <rr/kern.h>
#include <rr/boot.h>
#include <rr/paging.h>
#include <rr/kva.h>
#include <rr/trap.h>
#include <rr/apic.h>
#include <rr/timekeeping.h>
#include <rr/syscall.h>
#include <rr/console_internal.h>
#include <rr/random.h>
#include <rr/vm.h>
#include <rr/program.h>
#include <rr/mount.h>
#include <rr/xen/xen.h>

#define SYSCALL_STACK_PAGES 8

void rr_kernel_main(uint32_t boot_info, uint32_t protocol);
void rr_page_init(void);
void rr_page_release_cmdline(void);
RR_NORETURN void rr_run_on_stack(uintptr_t top, void (*fn)(void));

extern const rr_init_fn __rr_init_start[], __rr_init_end[];

static void parse_configuration(void)
{
    const char *text = (const char *)(uintptr_t)rr_boot.cmdline_pa;
    size_t len = rr_boot.cmdline_len;
    size_t xen_len = 0;
    const char *xen_text = rr_xen_present() ? rr_xen_config_text(&xen_len) : NULL;
    if (xen_text) {
        text = xen_text;
        len = xen_len;
    }
    while (len && (*text == ' ' || *text == '\t' || *text == '\n')) {
        text++;
        len--;
    }
    if (!text || !len) {
        text = "{}";
        len = 2;
    }
    char err[200] = "";
    if (rr_config_parse(text, len, &rr_config, err, sizeof(err)) < 0)
        rr_exit_config(err[0] ? err : "invalid guest configuration");
    rr_page_release_cmdline();
}

static void run_initialisers(void)
{
    for (const rr_init_fn *fn = __rr_init_start; fn < __rr_init_end; fn++) {
        int r = (*fn)();
        if (r < 0) {
            uintptr_t off;
            const char *name = rr_symtab_lookup((uintptr_t)*fn, &off);
            rr_panic("initialiser %s (%p) failed with error %d", name ? name : "?", (void *)*fn, -r);
        }
    }
}

static RR_NORETURN void boot_on_kernel_stack(void)
{
    /* The Xen rings lie outside RAM: they need the real page tables, which exist from here. */
    if (rr_xen_present())
        rr_xen_init();
    rr_gdt_init();
    rr_idt_init(true);
    /* A PVH domain on Xen has neither 8259s nor an IOAPIC: its events come through one vector. */
    if (rr_xen_present())
        rr_xen_start_events();
    else
        rr_pic8259_disable();
    rr_lapic_init();
    if (!rr_xen_present())
        rr_ioapic_init();
    rr_clock_init();
    rr_timer_init();
    rr_syscall_msr_init();
    rr_syscall_init();
    parse_configuration();
    rr_random_init(rr_config.seed, rr_config.seed_len);
    rr_console_start(rr_config.console_tty);
    rr_vm_init();
    run_initialisers();
    int r = rr_vfs_init();
    if (r < 0)
        rr_panic("the file system could not be set up (error %d)", -r);
    rr_block_mount_all();
    /* The network stack's /etc/resolv.conf and /etc/hosts line need both the
     * configured interfaces (initialisers) and the file system; absent without it. */
    extern int rr_net_write_etc(void) __attribute__((weak));
    if (rr_net_write_etc && (r = rr_net_write_etc()) < 0)
        rr_printk("could not write the network's /etc files (error %d)", -r);
    rr_program_start();
}

void rr_kernel_main(uint32_t boot_info, uint32_t protocol)
{
    rr_console_init();
    rr_idt_init(false);
    if (protocol == RR_BOOT_MULTIBOOT2)
        rr_multiboot2_read(boot_info);
    else
        rr_pvh_read(boot_info);
    rr_page_init();
    rr_paging_init();
    uintptr_t stack = rr_kstack_alloc(SYSCALL_STACK_PAGES);
    if (!stack)
        rr_panic("no memory for the kernel stack");
    rr_syscall_stack_top = stack;
    rr_run_on_stack(stack, boot_on_kernel_stack);
}
