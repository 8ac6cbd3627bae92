/* The multiboot2 boot information parser: memory map, configuration module, command line, bad tag lists. */
#include <rr/multiboot2.h>
#include "test.h"

/* A tag list built in 8-aligned steps, as a loader lays it out. */
struct info {
    _Alignas(8) uint8_t bytes[1024];
    uint32_t len;
};

static void info_start(struct info *in)
{
    memset(in, 0, sizeof(*in));
    in->len = 8;
}

static uint8_t *info_tag(struct info *in, uint32_t type, uint32_t size)
{
    uint8_t *t = in->bytes + in->len;
    memcpy(t, &type, 4);
    memcpy(t + 4, &size, 4);
    in->len += (size + 7) & ~7u;
    return t;
}

static void info_end(struct info *in)
{
    info_tag(in, 0, 8);
    memcpy(in->bytes, &in->len, 4);
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void add_mmap(struct info *in, const uint64_t (*entries)[3], int n)
{
    uint8_t *t = info_tag(in, 6, 16 + 24 * (uint32_t)n);
    put32(t + 8, 24);
    for (int i = 0; i < n; i++) {
        put64(t + 16 + 24 * i, entries[i][0]);
        put64(t + 24 + 24 * i, entries[i][1]);
        put32(t + 32 + 24 * i, (uint32_t)entries[i][2]);
    }
}

static void add_string_tag(struct info *in, uint32_t type, const char *s)
{
    uint8_t *t = info_tag(in, type, 8 + (uint32_t)strlen(s) + 1);
    memcpy(t + 8, s, strlen(s) + 1);
}

static void add_module(struct info *in, uint32_t start, uint32_t end, const char *name)
{
    uint8_t *t = info_tag(in, 3, 16 + (uint32_t)strlen(name) + 1);
    put32(t + 8, start);
    put32(t + 12, end);
    memcpy(t + 16, name, strlen(name) + 1);
}

static const uint64_t pc_map[][3] = {
    { 0x0, 0x9fc00, 1 },
    { 0x9fc00, 0x400, 2 },
    { 0xf0000, 0x10000, 2 },
    { 0x100000, 0x3ee0000, 1 },
    { 0x3fe0000, 0x20000, 2 },
    { 0xfffc0000, 0x40000, 2 },
};

static int parse(struct info *in, struct rr_boot_info *boot, char *err)
{
    memset(boot, 0x5a, sizeof(*boot));
    err[0] = 0;
    return rr_multiboot2_parse(in->bytes, boot, err, 200);
}

TEST(multiboot2_memory_map_and_config_module)
{
    struct info in;
    info_start(&in);
    add_string_tag(&in, 1, "");
    add_string_tag(&in, 2, "GRUB 2.06");
    add_module(&in, 0x1234000, 0x1234020, "rr-config");
    add_mmap(&in, pc_map, 6);
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_EQ(boot.nram, 2);
    CHECK_EQ(boot.ram[0].start, 0);
    CHECK_EQ(boot.ram[0].end, 0x9f000);
    CHECK_EQ(boot.ram[1].start, 0x100000);
    CHECK_EQ(boot.ram[1].end, 0x3fe0000);
    CHECK_EQ(boot.cmdline_pa, 0x1234000);
    CHECK_EQ(boot.cmdline_len, 0x20);
}

TEST(multiboot2_module_with_file_name_and_other_modules)
{
    struct info in;
    info_start(&in);
    add_module(&in, 0x2000000, 0x2001000, "/boot/initrd");
    add_module(&in, 0x3000000, 0x3000011, "/boot/rr-config.json rr-config");
    add_module(&in, 0x4000000, 0x4000010, "rr-config-old");
    add_mmap(&in, pc_map, 6);
    add_string_tag(&in, 1, "{\"cmdline\":\"ignored\"}");
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_EQ(boot.cmdline_pa, 0x3000000);
    CHECK_EQ(boot.cmdline_len, 0x11);
}

TEST(multiboot2_command_line_without_module)
{
    struct info in;
    info_start(&in);
    add_string_tag(&in, 1, "{\"env\":[\"A=1\"]}");
    add_mmap(&in, pc_map, 6);
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_STR((const char *)(uintptr_t)boot.cmdline_pa, "{\"env\":[\"A=1\"]}");
    CHECK_EQ(boot.cmdline_len, strlen("{\"env\":[\"A=1\"]}"));
}

TEST(multiboot2_empty_command_line_means_none)
{
    struct info in;
    info_start(&in);
    add_string_tag(&in, 1, "");
    add_mmap(&in, pc_map, 6);
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_EQ(boot.cmdline_pa, 0);
    CHECK_EQ(boot.cmdline_len, 0);
}

TEST(multiboot2_basic_memory_when_no_map)
{
    struct info in;
    info_start(&in);
    uint8_t *t = info_tag(&in, 4, 16);
    put32(t + 8, 639);
    put32(t + 12, 64512);
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_EQ(boot.nram, 2);
    CHECK_EQ(boot.ram[0].end, 0x9f000);
    CHECK_EQ(boot.ram[1].start, 0x100000);
    CHECK_EQ(boot.ram[1].end, 0x100000 + 64512ull * 1024);
}

TEST(multiboot2_map_entries_sorted_and_unaligned_edges_trimmed)
{
    static const uint64_t map[][3] = {
        { 0x8000000, 0x1000800, 1 },
        { 0x100800, 0x2000, 1 },
        { 0x200000, 0x800, 1 },
    };
    struct info in;
    info_start(&in);
    add_mmap(&in, map, 3);
    info_end(&in);
    struct rr_boot_info boot;
    char err[200];
    CHECK_EQ(parse(&in, &boot, err), 0);
    CHECK_EQ(boot.nram, 2);
    CHECK_EQ(boot.ram[0].start, 0x101000);
    CHECK_EQ(boot.ram[0].end, 0x102000);
    CHECK_EQ(boot.ram[1].start, 0x8000000);
    CHECK_EQ(boot.ram[1].end, 0x9000000);
}

TEST(multiboot2_refuses_bad_lists)
{
    struct info in;
    struct rr_boot_info boot;
    char err[200];

    info_start(&in);
    add_mmap(&in, pc_map, 6);
    memcpy(in.bytes, &in.len, 4);          /* no end tag */
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "without an end tag"));

    info_start(&in);
    uint8_t *t = info_tag(&in, 6, 16);
    put32(t + 4, 4000);                    /* a size past the total */
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "tag 6 at byte 8 is 4000 bytes long"));

    info_start(&in);
    t = info_tag(&in, 6, 16);
    put32(t + 8, 20);                      /* entries of an impossible size */
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "20-byte entries"));

    info_start(&in);
    add_string_tag(&in, 1, "x");
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "no memory map"));

    info_start(&in);
    add_mmap(&in, pc_map, 6);
    add_module(&in, 0x3000, 0x2000, "rr-config");
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "ends (0x2000) before it starts (0x3000)"));

    info_start(&in);
    add_mmap(&in, pc_map, 6);
    add_module(&in, 0x3000, 0x4000, "rr-config");
    add_module(&in, 0x5000, 0x6000, "rr-config");
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "two modules"));

    info_start(&in);
    t = info_tag(&in, 1, 12);
    memcpy(t + 8, "abcd", 4);              /* no NUL inside the tag */
    add_mmap(&in, pc_map, 6);
    info_end(&in);
    CHECK_EQ(parse(&in, &boot, err), -1);
    CHECK(strstr(err, "no terminating NUL"));

    uint32_t huge[4] = { 0x7fffffff, 0, 0, 8 };
    memset(&boot, 0, sizeof(boot));
    CHECK_EQ(rr_multiboot2_parse(huge, &boot, err, 200), -1);
    CHECK(strstr(err, "claims 2147483647 bytes"));
}
