/*
 * Bringing up the Xen layer, in two steps because of what each needs: the
 * rings lie outside RAM and need the real page tables; event delivery needs
 * the final IDT. Without Xen neither step is reached (rr/xen/xen.h).
 */
#include <rr/kern.h>
#include <rr/xen/xen.h>
#include <rr/xen/shared_info.h>
#include <rr/xen/event.h>
#include <rr/xen/xenstore.h>

void rr_xen_init(void)
{
    rr_xen_shared_info_map();
    rr_xen_clock_setup();
    rr_xen_console_setup();
    if (!rr_xs_init())
        rr_printk("xen: no xenstore ring: no configuration from rumprun/cfg, no data/rr-exit");
}

void rr_xen_start_events(void)
{
    rr_xen_events_init();
}
