/*
 * The multiboot2 boot information: a u32 total size, a reserved u32, then
 * 8-aligned tags {u32 type, u32 size, payload} up to an end tag. Every size is
 * checked against the total before a payload is read, since a wrong loader or
 * a stray jump here would otherwise send the kernel through random memory.
 */
#include <rr/kern.h>
#include <rr/multiboot2.h>

#define TAG_END     0
#define TAG_CMDLINE 1
#define TAG_MODULE  3
#define TAG_BASIC   4
#define TAG_MMAP    6

#define MMAP_RAM 1

/* Larger than any real tag list; a bigger total means this is not one. */
#define MAX_TOTAL (1u << 20)

struct parse {
    struct rr_boot_info *boot;
    char *err;
    size_t errlen;
    bool have_mmap, have_module;
    uint64_t basic_lower, basic_upper;   /* bytes; tag 4 */
    bool have_basic;
    const char *cmdline;                 /* tag 1, when not empty */
};

static uint32_t u32_at(const uint8_t *p)
{
    uint32_t v;
    rr_memcpy(&v, p, sizeof(v));
    return v;
}

static uint64_t u64_at(const uint8_t *p)
{
    uint64_t v;
    rr_memcpy(&v, p, sizeof(v));
    return v;
}

static void add_ram(struct parse *ps, uint64_t addr, uint64_t len)
{
    struct rr_boot_info *b = ps->boot;
    uint64_t start = RR_ALIGN_UP(addr, RR_PAGE_SIZE);
    uint64_t end = (addr + len) & ~(uint64_t)(RR_PAGE_SIZE - 1);
    if (addr + len < addr || end <= start)
        return;
    if (b->nram == RR_BOOT_MAX_RAM) {
        rr_printk("memory map: more than %d RAM ranges, ignoring %#lx-%#lx", RR_BOOT_MAX_RAM,
                  (unsigned long)start, (unsigned long)end);
        return;
    }
    int i = b->nram++;
    while (i > 0 && b->ram[i - 1].start > start) {
        b->ram[i] = b->ram[i - 1];
        i--;
    }
    b->ram[i] = (struct rr_ram_range){ start, end };
}

/* A string payload must end inside its tag. */
static const char *tag_string(const uint8_t *s, uint32_t room)
{
    return room && rr_strnlen((const char *)s, room) < room ? (const char *)s : NULL;
}

/* GRUB may or may not keep the file name in a module's string: the last word names it. */
static bool names_config(const char *s)
{
    size_t n = rr_strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    size_t w = n;
    while (w && s[w - 1] != ' ')
        w--;
    size_t want = sizeof(RR_MB2_CONFIG_MODULE) - 1;
    return n - w == want && rr_memcmp(s + w, RR_MB2_CONFIG_MODULE, want) == 0;
}

static int take_mmap(struct parse *ps, const uint8_t *t, uint32_t size, uint32_t off)
{
    if (size < 16) {
        rr_snprintf(ps->err, ps->errlen, "memory map tag at byte %u is %u bytes long", off, size);
        return -1;
    }
    uint32_t esize = u32_at(t + 8);
    if (esize < 24 || esize % 8) {
        rr_snprintf(ps->err, ps->errlen, "memory map tag at byte %u has %u-byte entries (24 or more, 8-aligned)",
                    off, esize);
        return -1;
    }
    for (uint32_t e = 16; e + esize <= size; e += esize)
        if (u32_at(t + e + 16) == MMAP_RAM)
            add_ram(ps, u64_at(t + e), u64_at(t + e + 8));
    ps->have_mmap = true;
    return 0;
}

static int take_module(struct parse *ps, const uint8_t *t, uint32_t size, uint32_t off)
{
    const char *name = size > 16 ? tag_string(t + 16, size - 16) : NULL;
    if (size < 16 || !name) {
        rr_snprintf(ps->err, ps->errlen, "module tag at byte %u is truncated (%u bytes)", off, size);
        return -1;
    }
    if (!names_config(name))
        return 0;
    uint32_t start = u32_at(t + 8), end = u32_at(t + 12);
    if (ps->have_module) {
        rr_snprintf(ps->err, ps->errlen, "two modules are named %s: give the guest configuration once",
                    RR_MB2_CONFIG_MODULE);
        return -1;
    }
    if (end < start) {
        rr_snprintf(ps->err, ps->errlen, "module %s ends (%#x) before it starts (%#x)", RR_MB2_CONFIG_MODULE,
                    end, start);
        return -1;
    }
    ps->have_module = true;
    ps->boot->cmdline_pa = start;
    ps->boot->cmdline_len = end - start;
    return 0;
}

static int take_tag(struct parse *ps, const uint8_t *t, uint32_t type, uint32_t size, uint32_t off)
{
    switch (type) {
    case TAG_CMDLINE: {
        const char *s = tag_string(t + 8, size - 8);
        if (!s) {
            rr_snprintf(ps->err, ps->errlen, "command line tag at byte %u has no terminating NUL", off);
            return -1;
        }
        ps->cmdline = *s ? s : NULL;
        return 0;
    }
    case TAG_MODULE:
        return take_module(ps, t, size, off);
    case TAG_BASIC:
        if (size < 16) {
            rr_snprintf(ps->err, ps->errlen, "basic memory tag at byte %u is %u bytes long", off, size);
            return -1;
        }
        ps->basic_lower = (uint64_t)u32_at(t + 8) * 1024;
        ps->basic_upper = (uint64_t)u32_at(t + 12) * 1024;
        ps->have_basic = true;
        return 0;
    case TAG_MMAP:
        return take_mmap(ps, t, size, off);
    default:
        return 0;
    }
}

int rr_multiboot2_parse(const void *info, struct rr_boot_info *boot, char *err, size_t errlen)
{
    const uint8_t *p = info;
    struct parse ps = { .boot = boot, .err = err, .errlen = errlen };
    boot->nram = 0;
    boot->cmdline_pa = 0;
    boot->cmdline_len = 0;

    uint32_t total = u32_at(p);
    if (total < 16 || total > MAX_TOTAL) {
        rr_snprintf(err, errlen, "the boot information claims %u bytes (16 to %u expected)", total, MAX_TOTAL);
        return -1;
    }
    uint32_t off = 8;
    bool ended = false;
    while (!ended) {
        if (off > total - 8) {
            rr_snprintf(err, errlen, "the tags run past the boot information's %u bytes without an end tag", total);
            return -1;
        }
        uint32_t type = u32_at(p + off), size = u32_at(p + off + 4);
        if (size < 8 || size > total - off) {
            rr_snprintf(err, errlen, "tag %u at byte %u is %u bytes long, outside the boot information's %u bytes",
                        type, off, size, total);
            return -1;
        }
        if (type == TAG_END)
            ended = true;
        else if (take_tag(&ps, p + off, type, size, off) < 0)
            return -1;
        off += RR_ALIGN_UP(size, 8);
    }

    if (!ps.have_mmap && ps.have_basic) {
        add_ram(&ps, 0, ps.basic_lower);
        add_ram(&ps, 0x100000, ps.basic_upper);
    }
    if (!boot->nram) {
        rr_snprintf(err, errlen, "the boot information has no memory map with RAM in it");
        return -1;
    }
    if (!ps.have_module && ps.cmdline) {
        boot->cmdline_pa = (uintptr_t)ps.cmdline;
        boot->cmdline_len = rr_strlen(ps.cmdline);
    }
    return 0;
}
