/* The strict JSON parser: values, escapes, UTF-8, numbers, errors with byte offsets. */
#include <stdlib.h>
#include <rr/json.h>
#include "test.h"

static struct rr_json *parse_ok(const char *text)
{
    struct rr_json *v;
    char err[128];
    int e = rr_json_parse(text, strlen(text), &v, err, sizeof(err));
    if (e)
        FAIL("parsing %s failed: %d %s", text, e, err);
    return v;
}

static const char *parse_err(const char *text, size_t len)
{
    static char err[128];
    struct rr_json *v = (struct rr_json *)1;
    int e = rr_json_parse(text, len, &v, err, sizeof(err));
    if (e != -EINVAL)
        FAIL("parsing \"%s\" returned %d, expected -EINVAL", text, e);
    if (v)
        FAIL("a failed parse left a value");
    return err;
}
#define ERR(text) parse_err(text, strlen(text))

TEST(json_scalars)
{
    struct rr_json *v = parse_ok(" true ");
    CHECK_EQ(v->type, RR_JSON_TRUE);
    CHECK_EQ(v->offset, 1);
    rr_json_free(v);
    v = parse_ok("false");
    CHECK_EQ(v->type, RR_JSON_FALSE);
    rr_json_free(v);
    v = parse_ok("\tnull\r\n");
    CHECK_EQ(v->type, RR_JSON_NULL);
    rr_json_free(v);
    v = parse_ok("\"abc\"");
    CHECK_EQ(v->type, RR_JSON_STRING);
    CHECK_STR(v->str, "abc");
    CHECK_EQ(v->len, 3);
    rr_json_free(v);
}

TEST(json_containers)
{
    struct rr_json *v = parse_ok("{\"a\": [1, 2, {\"b\": null}], \"c\": {}, \"d\": []}");
    CHECK_EQ(v->type, RR_JSON_OBJECT);
    const struct rr_json *a = rr_json_member(v, "a");
    CHECK(a && a->type == RR_JSON_ARRAY);
    CHECK_EQ(a->key_offset, 1);
    CHECK_EQ(a->offset, 6);
    CHECK_STR(a->child->str, "1");
    CHECK_STR(a->child->next->str, "2");
    CHECK_EQ(a->child->next->next->type, RR_JSON_OBJECT);
    CHECK_EQ(rr_json_member(a->child->next->next, "b")->type, RR_JSON_NULL);
    CHECK(a->child->next->next->next == NULL);
    CHECK(rr_json_member(v, "c")->child == NULL);
    CHECK_EQ(rr_json_member(v, "d")->type, RR_JSON_ARRAY);
    CHECK(rr_json_member(v, "e") == NULL);
    rr_json_free(v);
}

TEST(json_escapes)
{
    struct rr_json *v = parse_ok("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"");
    CHECK_STR(v->str, "q\" b\\ s/ \b\f\n\r\t");
    rr_json_free(v);
    v = parse_ok("\"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\"");
    CHECK_STR(v->str, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    rr_json_free(v);
    v = parse_ok("\"a\\u0000b\"");
    CHECK_EQ(v->len, 3);
    CHECK_MEM(v->str, "a\0b", 3);
    rr_json_free(v);
    v = parse_ok("\"raw \xc3\xa9 \xf0\x9f\x98\x80\"");
    CHECK_STR(v->str, "raw \xc3\xa9 \xf0\x9f\x98\x80");
    rr_json_free(v);
}

TEST(json_string_errors)
{
    CHECK_STR(ERR("\"abc"), "unterminated string starting at byte 0");
    CHECK_STR(ERR("[\"a\\"), "unterminated string starting at byte 1");
    CHECK_STR(ERR("\"a\\x\""), "invalid escape in string at byte 2");
    CHECK_STR(ERR("\"a\\u12G4\""), "invalid \\u escape at byte 2");
    CHECK_STR(ERR("\"\\u12\""), "invalid \\u escape at byte 1");
    CHECK_STR(ERR("\"\\ud83d\""), "unpaired surrogate in \\u escape at byte 1");
    CHECK_STR(ERR("\"\\ud83d\\u0041\""), "unpaired surrogate in \\u escape at byte 1");
    CHECK_STR(ERR("\"\\ude00\""), "unpaired surrogate in \\u escape at byte 1");
    CHECK_STR(ERR("\"a\tb\""), "control character in string at byte 2");
    CHECK_STR(ERR("\"a\nb\""), "control character in string at byte 2");
    CHECK_STR(ERR("\"\xff\""), "invalid UTF-8 at byte 1");
    CHECK_STR(ERR("\"\xc0\xaf\""), "invalid UTF-8 at byte 1");           /* overlong */
    CHECK_STR(ERR("\"\xed\xa0\x80\""), "invalid UTF-8 at byte 1");       /* encoded surrogate */
    CHECK_STR(ERR("\"\xf4\x90\x80\x80\""), "invalid UTF-8 at byte 1");   /* above U+10FFFF */
    CHECK_STR(ERR("\"\xe2\x82\""), "invalid UTF-8 at byte 1");           /* truncated */
    CHECK_STR(parse_err("\"a\0b\"", 5), "control character in string at byte 2");
}

TEST(json_numbers)
{
    static const char *good[] = { "0", "-0", "7", "-12", "3.25", "1e5", "1E+5", "2.5e-3", "123456789012345678901234" };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        struct rr_json *v = parse_ok(good[i]);
        CHECK_EQ(v->type, RR_JSON_NUMBER);
        CHECK_STR(v->str, good[i]);
        rr_json_free(v);
    }
    static const char *bad[] = { "01", "-", "+1", ".5", "1.", "1e", "1e+", "-a", "0x10", "1.5.2" };
    static const char *why[] = {
        "invalid number at byte 0", "invalid number at byte 0", "expected a value at byte 0",
        "expected a value at byte 0", "invalid number at byte 0", "invalid number at byte 0",
        "invalid number at byte 0", "invalid number at byte 0", "unexpected data after the value at byte 1",
        "unexpected data after the value at byte 3",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_STR(ERR(bad[i]), why[i]);
    int64_t n;
    struct rr_json *v = parse_ok("[9223372036854775807, -9223372036854775808, 9223372036854775808, 1.0, -5]");
    const struct rr_json *e = v->child;
    CHECK(rr_json_int(e, &n) && n == INT64_MAX);
    e = e->next;
    CHECK(rr_json_int(e, &n) && n == INT64_MIN);
    e = e->next;
    CHECK(!rr_json_int(e, &n));
    e = e->next;
    CHECK(!rr_json_int(e, &n));
    e = e->next;
    CHECK(rr_json_int(e, &n) && n == -5);
    rr_json_free(v);
}

TEST(json_syntax_errors)
{
    CHECK_STR(ERR(""), "unexpected end of input at byte 0");
    CHECK_STR(ERR("   "), "unexpected end of input at byte 3");
    CHECK_STR(ERR("{\"cmdline\": \"x\" \"env\": []}"), "expected ',' or '}' at byte 16");
    CHECK_STR(ERR("{\"a\":1,}"), "expected a string (member name) at byte 7");
    CHECK_STR(ERR("[1,]"), "expected a value at byte 3");
    CHECK_STR(ERR("[1 2]"), "expected ',' or ']' at byte 3");
    CHECK_STR(ERR("{\"a\" 1}"), "expected ':' at byte 5");
    CHECK_STR(ERR("{a:1}"), "expected a string (member name) at byte 1");
    CHECK_STR(ERR("{\"a\":1"), "unexpected end of input at byte 6");
    CHECK_STR(ERR("[1"), "unexpected end of input at byte 2");
    CHECK_STR(ERR("{\"a\""), "unexpected end of input at byte 4");
    CHECK_STR(ERR("tru"), "invalid literal at byte 0");
    CHECK_STR(ERR("nulll"), "invalid literal at byte 0");
    CHECK_STR(ERR("True"), "expected a value at byte 0");
    CHECK_STR(ERR("{} {}"), "unexpected data after the value at byte 3");
    CHECK_STR(ERR("// c\n{}"), "expected a value at byte 0");
    CHECK_STR(ERR("\xef\xbb\xbf{}"), "expected a value at byte 0");
    CHECK_STR(ERR("{'a':1}"), "expected a string (member name) at byte 1");
    CHECK_STR(ERR("[\v]"), "expected a value at byte 1");
}

TEST(json_depth_limit)
{
    char deep[2 * RR_JSON_MAX_DEPTH + 3];
    size_t n = 0;
    for (int i = 0; i < RR_JSON_MAX_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i < RR_JSON_MAX_DEPTH; i++)
        deep[n++] = ']';
    deep[n] = 0;
    rr_json_free(parse_ok(deep));
    char deeper[2 * RR_JSON_MAX_DEPTH + 3];
    n = 0;
    for (int i = 0; i <= RR_JSON_MAX_DEPTH; i++)
        deeper[n++] = '[';
    for (int i = 0; i <= RR_JSON_MAX_DEPTH; i++)
        deeper[n++] = ']';
    deeper[n] = 0;
    CHECK_STR(ERR(deeper), "nesting too deep at byte 64");
}

TEST(json_not_nul_terminated)
{
    const char text[] = "[1,2]garbage";
    struct rr_json *v;
    CHECK_EQ(rr_json_parse(text, 5, &v, NULL, 0), 0);
    CHECK_EQ(v->type, RR_JSON_ARRAY);
    rr_json_free(v);
}
