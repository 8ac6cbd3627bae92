/*
 * The guest configuration on Xen. The toolstack cannot always pass a long
 * command line (and JSON quoting through xl's config file is fragile), so
 * rr-run xen writes the same JSON (docs/contracts.md §5) to the xenstore key
 * rumprun/cfg under the domain's home; the PVH command line is the fallback.
 */
#include <rr/kern.h>
#include <rr/errno.h>
#include <rr/xen/xen.h>
#include <rr/xen/xenstore.h>
#include <rr/xen/xenstore_wire.h>

static char text[RR_XS_PAYLOAD_MAX + 1];

const char *rr_xen_config_text(size_t *len)
{
    if (!rr_xen_present())
        return NULL;
    char path[96];
    const char *home = rr_xs_home();
    rr_snprintf(path, sizeof(path), "%s%srumprun/cfg", home, home[0] ? "/" : "");
    long n = rr_xs_read(path, text, sizeof(text));
    if (n == -ENOENT || n == -ENODEV)
        return NULL;
    if (n < 0) {
        rr_printk("xen: reading %s failed (error %ld); using the command line", path, -n);
        return NULL;
    }
    *len = (size_t)n < sizeof(text) - 1 ? (size_t)n : sizeof(text) - 1;
    return text;
}
