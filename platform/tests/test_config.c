/* The guest configuration: schema, defaults, cmdline splitting and error messages. */
#include <stdlib.h>
#include <rr/kern.h>
#include "test.h"

static struct rr_config parse_ok(const char *text)
{
    struct rr_config c;
    char err[256];
    int e = rr_config_parse(text, strlen(text), &c, err, sizeof(err));
    if (e)
        FAIL("config %s failed: %d %s", text, e, err);
    return c;
}

static const char *parse_err(const char *text)
{
    static char err[256];
    struct rr_config c;
    int e = rr_config_parse(text, strlen(text), &c, err, sizeof(err));
    if (e != -EINVAL)
        FAIL("config %s returned %d, expected -EINVAL", text, e);
    if (c.argv)
        FAIL("a failed parse left argv");
    return err;
}

static void check_argv(const char *cmdline_json, const char *const *want, int n)
{
    char text[512];
    snprintf(text, sizeof(text), "{\"cmdline\": %s}", cmdline_json);
    struct rr_config c = parse_ok(text);
    if (c.argc != n)
        FAIL("%s: argc %d, expected %d (argv[0]=%s)", cmdline_json, c.argc, n, c.argv[0]);
    for (int i = 0; i < n; i++)
        if (strcmp(c.argv[i], want[i]) != 0)
            FAIL("%s: argv[%d] is \"%s\", expected \"%s\"", cmdline_json, i, c.argv[i], want[i]);
    CHECK(c.argv[n] == NULL);
}
#define ARGV(json, ...)                                                            \
    do {                                                                           \
        static const char *const w_[] = { __VA_ARGS__ };                           \
        check_argv(json, w_, (int)(sizeof(w_) / sizeof(w_[0])));                   \
    } while (0)

TEST(config_empty_means_defaults)
{
    static const char *inputs[] = { "", "  \n", "{}", " { } " };
    for (size_t i = 0; i < 4; i++) {
        struct rr_config c = parse_ok(inputs[i]);
        CHECK_EQ(c.argc, 1);
        CHECK_STR(c.argv[0], "program");
        CHECK(c.argv[1] == NULL);
        CHECK_EQ(c.envc, 0);
        CHECK(c.envp && c.envp[0] == NULL);
        CHECK_STR(c.hostname, "rumprun");
        CHECK(c.console_tty);
        CHECK_EQ(c.seed_len, 0);
    }
    struct rr_config c;
    char err[64];
    CHECK_EQ(rr_config_parse(NULL, 0, &c, err, sizeof(err)), 0);
    CHECK_STR(c.argv[0], "program");
}

TEST(config_all_keys)
{
    struct rr_config c = parse_ok("{\"cmdline\":\"hello -v 'a b'\",\"env\":[\"HOME=/root\",\"X=\",\"EQ=a=b\"],"
                                  "\"hostname\":\"box1\",\"console\":\"raw\",\"seed\":\"00ff10Ab\"}");
    CHECK_EQ(c.argc, 3);
    CHECK_STR(c.argv[0], "hello");
    CHECK_STR(c.argv[1], "-v");
    CHECK_STR(c.argv[2], "a b");
    CHECK_EQ(c.envc, 3);
    CHECK_STR(c.envp[0], "HOME=/root");
    CHECK_STR(c.envp[1], "X=");
    CHECK_STR(c.envp[2], "EQ=a=b");
    CHECK(c.envp[3] == NULL);
    CHECK_STR(c.hostname, "box1");
    CHECK(!c.console_tty);
    CHECK_EQ(c.seed_len, 4);
    CHECK_MEM(c.seed, "\x00\xff\x10\xab", 4);
    c = parse_ok("{\"console\":\"tty\"}");
    CHECK(c.console_tty);
}

TEST(config_cmdline_splitting)
{
    ARGV("\"prog\"", "prog");
    ARGV("\"  a   b\\tc\\n d  \"", "a", "b", "c", "d");
    ARGV("\"a 'b c' d\"", "a", "b c", "d");
    ARGV("\"'it''s' x\"", "its", "x");
    ARGV("\"'a \\\\\\\" $x'\"", "a \\\" $x");
    ARGV("\"\\\"a b\\\"\"", "a b");
    ARGV("\"\\\"q\\\\\\\"q\\\" \\\"d\\\\$x\\\\`y\\\\\\\\z\\\\n\\\"\"", "q\"q", "d$x`y\\z\\n");
    ARGV("\"a\\\\ b c\\\\\\\\d\"", "a b", "c\\d");
    ARGV("\"x'' '' \\\"\\\"\"", "x", "", "");
    ARGV("\"a\\\"b\\\"'c'd e\"", "abcd", "e");
    ARGV("\"line\\\\\\ncont\"", "linecont");
    ARGV("\"\\u00e9t\\u00e9 \\\"\\u2603\\\"\"", "\xc3\xa9t\xc3\xa9", "\xe2\x98\x83");
    ARGV("\"\"", "program");
    ARGV("\"   \"", "program");
}

TEST(config_errors)
{
    CHECK_STR(parse_err("{\"foo\": 1}"), "unknown key \"foo\" in the guest configuration");
    CHECK_STR(parse_err("{\"cmdline\":\"a\" \"env\":[]}"), "guest configuration: expected ',' or '}' at byte 15");
    CHECK_STR(parse_err("{\"cmdline\": \"x\",}"), "guest configuration: expected a string (member name) at byte 16");
    CHECK_STR(parse_err("[]"), "guest configuration: expected an object at byte 0, found an array");
    CHECK_STR(parse_err(" \"x\""), "guest configuration: expected an object at byte 1, found a string");
    CHECK_STR(parse_err("{\"cmdline\": 5}"), "guest configuration: \"cmdline\" must be a string");
    CHECK_STR(parse_err("{\"cmdline\": \"a 'b\"}"), "guest configuration: unterminated single quote in \"cmdline\"");
    CHECK_STR(parse_err("{\"cmdline\": \"a \\\"b\"}"), "guest configuration: unterminated double quote in \"cmdline\"");
    CHECK_STR(parse_err("{\"cmdline\": \"a\\\\\"}"), "guest configuration: backslash at the end in \"cmdline\"");
    CHECK_STR(parse_err("{\"cmdline\": \"a\\u0000b\"}"), "guest configuration: \"cmdline\" contains a NUL character");
    CHECK_STR(parse_err("{\"env\": \"A=1\"}"), "guest configuration: \"env\" must be an array of \"VAR=VALUE\" strings");
    CHECK_STR(parse_err("{\"env\": [\"A=1\", 2]}"), "guest configuration: \"env\" entry 1 must be a string, not a number");
    CHECK_STR(parse_err("{\"env\": [\"A\"]}"), "guest configuration: \"env\" entry 0 must look like \"VAR=VALUE\"");
    CHECK_STR(parse_err("{\"env\": [\"=x\"]}"), "guest configuration: \"env\" entry 0 must look like \"VAR=VALUE\"");
    CHECK_STR(parse_err("{\"hostname\": true}"), "guest configuration: \"hostname\" must be a string");
    CHECK_STR(parse_err("{\"hostname\": \"\"}"), "guest configuration: \"hostname\" must be 1 to 64 bytes long");
    CHECK_STR(parse_err("{\"hostname\": \"12345678901234567890123456789012345678901234567890123456789012345\"}"),
              "guest configuration: \"hostname\" must be 1 to 64 bytes long");
    CHECK_STR(parse_err("{\"console\": \"vga\"}"), "guest configuration: \"console\" must be \"tty\" or \"raw\"");
    CHECK_STR(parse_err("{\"console\": null}"), "guest configuration: \"console\" must be \"tty\" or \"raw\"");
    CHECK_STR(parse_err("{\"seed\": \"abc\"}"), "guest configuration: \"seed\" must be an even number of hex digits, at most 64");
    CHECK_STR(parse_err("{\"seed\": \"zz\"}"), "guest configuration: \"seed\" must be an even number of hex digits, at most 64");
    CHECK_STR(parse_err("{\"seed\": 12}"), "guest configuration: \"seed\" must be a string of hex digits");
    CHECK_STR(parse_err("{\"env\": [], \"env\": []}"), "duplicate key \"env\" in the guest configuration (byte 12)");
    CHECK_STR(parse_err("{\"a\\nb\": 1}"), "unknown key \"a?b\" in the guest configuration");
    CHECK_STR(parse_err("{\"blk\": {}}"), "unknown key \"blk\" in the guest configuration");
    CHECK_STR(parse_err("{"), "guest configuration: unexpected end of input at byte 1");
}

TEST(config_seed_limits)
{
    struct rr_config c = parse_ok("{\"seed\": \"0102030405060708091011121314151617181920212223242526272829303132\"}");
    CHECK_EQ(c.seed_len, 32);
    CHECK_EQ(c.seed[31], 0x32);
    CHECK_STR(parse_err("{\"seed\": \"010203040506070809101112131415161718192021222324252627282930313233\"}"),
              "guest configuration: \"seed\" must be an even number of hex digits, at most 64");
    c = parse_ok("{\"seed\": \"\"}");
    CHECK_EQ(c.seed_len, 0);
}

TEST(config_error_buffer_small)
{
    struct rr_config c;
    char err[8];
    CHECK_EQ(rr_config_parse("{\"foo\":1}", 9, &c, err, sizeof(err)), -EINVAL);
    CHECK_STR(err, "unknown");
    CHECK_EQ(rr_config_parse("{\"foo\":1}", 9, &c, NULL, 0), -EINVAL);
}
