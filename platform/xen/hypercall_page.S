/*
 * The hypercall page. Xen writes its call stubs here when the guest gives
 * this page's address to the MSR that CPUID names (xen/detect.c). It lives in
 * .text because the stubs must be executable, and the platform's page tables
 * never map data as executable. Until Xen fills it, every stub is a ud2, so
 * a call made without Xen faults loudly instead of running zeros.
 */
    .section .text.rr_xen_hypercall_page, "ax", @progbits
    .balign 4096
    .globl rr_xen_hypercall_page
rr_xen_hypercall_page:
    .rept 4096 / 2
    ud2
    .endr
    .section .note.GNU-stack, "", @progbits
