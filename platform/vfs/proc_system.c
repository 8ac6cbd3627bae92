/* /proc files about the machine: memory, the processor, time since boot, versions. */
#include <rr/vfs_proc.h>
#include <rr/x86.h>

#define KIB(pages) ((unsigned long)(pages) * (RR_PAGE_SIZE / 1024))

static void meminfo_line(struct rr_proc_text *t, const char *name, unsigned long kib)
{
    rr_proc_printf(t, "%-16s%8lu kB\n", name, kib);
}

/* No swap, no page cache: free memory is all there is to have. */
void rr_proc_meminfo(struct rr_proc_text *t)
{
    unsigned long total = KIB(rr_pages_total()), free = KIB(rr_pages_free());
    meminfo_line(t, "MemTotal:", total);
    meminfo_line(t, "MemFree:", free);
    meminfo_line(t, "MemAvailable:", free);
    meminfo_line(t, "Buffers:", 0);
    meminfo_line(t, "Cached:", 0);
    meminfo_line(t, "SwapCached:", 0);
    meminfo_line(t, "SwapTotal:", 0);
    meminfo_line(t, "SwapFree:", 0);
}

struct cpu_flag {
    uint8_t word;   /* 0: leaf 1 edx, 1: leaf 1 ecx, 2: leaf 7 ebx, 3: 0x80000001 edx, 4: 0x80000001 ecx */
    uint8_t bit;
    const char *name;
};

/* in the order Linux prints them */
static const struct cpu_flag flags[] = {
    { 0, 0, "fpu" }, { 0, 4, "tsc" }, { 0, 5, "msr" }, { 0, 6, "pae" }, { 0, 8, "cx8" }, { 0, 9, "apic" },
    { 0, 15, "cmov" }, { 0, 19, "clflush" }, { 0, 23, "mmx" }, { 0, 24, "fxsr" }, { 0, 25, "sse" },
    { 0, 26, "sse2" }, { 3, 11, "syscall" }, { 3, 20, "nx" }, { 3, 29, "lm" }, { 1, 0, "pni" },
    { 1, 1, "pclmulqdq" }, { 1, 9, "ssse3" }, { 1, 12, "fma" }, { 1, 13, "cx16" }, { 1, 19, "sse4_1" },
    { 1, 20, "sse4_2" }, { 1, 22, "movbe" }, { 1, 23, "popcnt" }, { 1, 25, "aes" }, { 1, 26, "xsave" },
    { 1, 28, "avx" }, { 1, 29, "f16c" }, { 1, 30, "rdrand" }, { 1, 31, "hypervisor" }, { 4, 0, "lahf_lm" },
    { 4, 5, "abm" }, { 2, 3, "bmi1" }, { 2, 5, "avx2" }, { 2, 8, "bmi2" }, { 2, 18, "rdseed" },
    { 2, 19, "adx" }, { 2, 29, "sha_ni" },
};

void rr_proc_cpuinfo(struct rr_proc_text *t)
{
    uint32_t r[4], words[5] = {0};
    char vendor[13], brand[49];
    rr_cpuid(0, 0, r);
    uint32_t max = r[0];
    rr_memcpy(vendor, &r[1], 4);
    rr_memcpy(vendor + 4, &r[3], 4);
    rr_memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
    rr_cpuid(1, 0, r);
    uint32_t sig = r[0];
    words[0] = r[3];
    words[1] = r[2];
    if (max >= 7) {
        rr_cpuid(7, 0, r);
        words[2] = r[1];
    }
    rr_cpuid(0x80000000, 0, r);
    uint32_t ext = r[0];
    brand[0] = 0;
    if (ext >= 0x80000001) {
        rr_cpuid(0x80000001, 0, r);
        words[3] = r[3];
        words[4] = r[2];
    }
    if (ext >= 0x80000004) {
        for (uint32_t i = 0; i < 3; i++) {
            rr_cpuid(0x80000002 + i, 0, r);
            rr_memcpy(brand + 16 * i, r, 16);
        }
        brand[48] = 0;
    }
    const char *name = brand;
    while (*name == ' ')
        name++;
    unsigned family = (sig >> 8) & 0xf, model = (sig >> 4) & 0xf;
    if (family == 0xf)
        family += (sig >> 20) & 0xff;
    if (family >= 6)
        model |= ((sig >> 16) & 0xf) << 4;
    rr_proc_printf(t, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", vendor, family, model);
    rr_proc_printf(t, "model name\t: %s\nstepping\t: %u\n", *name ? name : "unknown", sig & 0xf);
    rr_proc_printf(t, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n");
    rr_proc_printf(t, "fpu\t\t: %s\nflags\t\t:", (words[0] & 1) ? "yes" : "no");
    for (size_t i = 0; i < RR_ARRAY_SIZE(flags); i++)
        if (words[flags[i].word] & (1u << flags[i].bit))
            rr_proc_printf(t, " %s", flags[i].name);
    rr_proc_printf(t, "\n\n");
}

/* seconds with two decimals, as Linux prints them */
static void centiseconds(struct rr_proc_text *t, uint64_t ns)
{
    uint64_t cs = ns / 10000000ULL;
    rr_proc_printf(t, "%lu.%02lu", (unsigned long)(cs / 100), (unsigned long)(cs % 100));
}

/* The one CPU is idle whenever the program waits; that time is not counted, so idle is 0. */
void rr_proc_uptime(struct rr_proc_text *t)
{
    centiseconds(t, rr_monotonic_ns());
    rr_proc_printf(t, " 0.00\n");
}

void rr_proc_loadavg(struct rr_proc_text *t)
{
    rr_proc_printf(t, "0.00 0.00 0.00 1/1 1\n");
}

void rr_proc_version(struct rr_proc_text *t)
{
    rr_proc_printf(t, "Linux version 6.1.0-rumprun (rumprun@rumprun) #1 Rumprun.Net unikernel\n");
}

void rr_proc_filesystems(struct rr_proc_text *t)
{
    rr_proc_printf(t, "nodev\tramfs\nnodev\tproc\n");
}
