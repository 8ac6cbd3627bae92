/*
 * Finding Xen. A hypervisor announces itself in CPUID leaves from 0x40000000;
 * Xen may sit at a higher base (0x40000100, ...) when it also imitates
 * another hypervisor for Windows guests, so every base up to 0x40010000 is
 * tried. Leaf base+2 names the MSR that installs the hypercall page; writing
 * the page's physical address there makes Xen fill it with call stubs. Runs
 * first of all at boot, on the loader's identity mapping: the page is part
 * of the image and the address is its own.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>

bool rr_xen_present_flag;

static bool signature_is_xen(const uint32_t r[4])
{
    /* "XenVMMXenVMM" in ebx, ecx, edx */
    return r[1] == 0x566e6558 && r[2] == 0x65584d4d && r[3] == 0x4d4d566e;
}

void rr_xen_detect(void)
{
    uint32_t r[4];
    rr_cpuid(1, 0, r);
    if (!(r[2] & (1u << 31)))
        return;                     /* no hypervisor at all: bare metal or an emulator without the bit */
    for (uint32_t base = 0x40000000; base <= 0x40010000; base += 0x100) {
        rr_cpuid(base, 0, r);
        if (!signature_is_xen(r))
            continue;
        if (r[0] < base + 2)
            return;                 /* too old to have the hypercall-page leaf */
        rr_cpuid(base + 2, 0, r);
        if (r[0] < 1)
            return;
        rr_wrmsr(r[1], (uint64_t)(uintptr_t)rr_xen_hypercall_page);
        rr_xen_present_flag = true;
        return;
    }
}
