/* Strict JSON parser (see rr/json.h): recursive descent over a byte buffer. */
#include <rr/json.h>

struct parser {
    const char *s;
    size_t len, pos;
    int depth;
    int error;           /* 0, -EINVAL or -ENOMEM */
    char *err;
    size_t errlen;
};

static void fail_at(struct parser *p, size_t at, const char *what)
{
    if (p->error)
        return;
    p->error = -EINVAL;
    if (p->err && p->errlen)
        rr_snprintf(p->err, p->errlen, "%s at byte %zu", what, at);
}

/* "expected X", or the plainer truth when the input simply stopped */
static void fail_expected(struct parser *p, const char *what)
{
    fail_at(p, p->pos, p->pos >= p->len ? "unexpected end of input" : what);
}

static void fail_nomem(struct parser *p)
{
    if (p->error)
        return;
    p->error = -ENOMEM;
    if (p->err && p->errlen)
        rr_snprintf(p->err, p->errlen, "out of memory");
}

static void skip_ws(struct parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int peek(struct parser *p)
{
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static struct rr_json *new_value(struct parser *p, enum rr_json_type t)
{
    struct rr_json *v = rr_zalloc(sizeof(*v));
    if (!v) {
        fail_nomem(p);
        return NULL;
    }
    v->type = t;
    v->offset = p->pos;
    return v;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need;
    uint32_t min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        min = 0x80;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        min = 0x800;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        min = 0x10000;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Parses a string at p->pos (which is '"'); returns the decoded text. */
static char *parse_string(struct parser *p, size_t *out_len)
{
    size_t start = p->pos++;
    /* decoding never grows the text: the raw remainder bounds the result */
    char *buf = rr_malloc(p->len - start + 1);
    if (!buf) {
        fail_nomem(p);
        return NULL;
    }
    size_t n = 0;
    for (;;) {
        if (p->pos >= p->len) {
            fail_at(p, start, "unterminated string starting");
            break;
        }
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            buf[n] = 0;
            *out_len = n;
            return buf;
        }
        if (c < 0x20) {
            fail_at(p, p->pos, "control character in string");
            break;
        }
        if (c != '\\') {
            size_t k = utf8_seq((const unsigned char *)p->s + p->pos, p->len - p->pos);
            if (!k) {
                fail_at(p, p->pos, "invalid UTF-8");
                break;
            }
            rr_memcpy(buf + n, p->s + p->pos, k);
            n += k;
            p->pos += k;
            continue;
        }
        size_t esc = p->pos;
        if (p->pos + 1 >= p->len) {
            fail_at(p, start, "unterminated string starting");
            break;
        }
        char e = p->s[p->pos + 1];
        p->pos += 2;
        switch (e) {
        case '"': buf[n++] = '"'; continue;
        case '\\': buf[n++] = '\\'; continue;
        case '/': buf[n++] = '/'; continue;
        case 'b': buf[n++] = '\b'; continue;
        case 'f': buf[n++] = '\f'; continue;
        case 'n': buf[n++] = '\n'; continue;
        case 'r': buf[n++] = '\r'; continue;
        case 't': buf[n++] = '\t'; continue;
        case 'u': break;
        default:
            fail_at(p, esc, "invalid escape in string");
            goto out;
        }
        uint32_t cp;
        if (p->pos + 4 > p->len || hex4(p->s + p->pos, &cp)) {
            fail_at(p, esc, "invalid \\u escape");
            break;
        }
        p->pos += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail_at(p, esc, "unpaired surrogate in \\u escape");
            break;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (p->pos + 6 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u'
                || hex4(p->s + p->pos + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                fail_at(p, esc, "unpaired surrogate in \\u escape");
                break;
            }
            p->pos += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        n += put_utf8(buf + n, cp);
    }
out:
    rr_free(buf);
    return NULL;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static struct rr_json *parse_number(struct parser *p)
{
    size_t start = p->pos;
    if (peek(p) == '-')
        p->pos++;
    if (peek(p) == '0') {
        p->pos++;
    } else if (is_digit(peek(p))) {
        while (is_digit(peek(p)))
            p->pos++;
    } else {
        fail_at(p, start, "invalid number");
        return NULL;
    }
    if (peek(p) == '.') {
        p->pos++;
        if (!is_digit(peek(p))) {
            fail_at(p, start, "invalid number");
            return NULL;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        p->pos++;
        if (peek(p) == '+' || peek(p) == '-')
            p->pos++;
        if (!is_digit(peek(p))) {
            fail_at(p, start, "invalid number");
            return NULL;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    /* "01" or "1x": a number runs into something that cannot follow it */
    if (is_digit(peek(p))) {
        fail_at(p, start, "invalid number");
        return NULL;
    }
    size_t save = p->pos;
    p->pos = start;
    struct rr_json *v = new_value(p, RR_JSON_NUMBER);
    p->pos = save;
    if (!v)
        return NULL;
    v->len = p->pos - start;
    v->str = rr_malloc(v->len + 1);
    if (!v->str) {
        rr_free(v);
        fail_nomem(p);
        return NULL;
    }
    rr_memcpy(v->str, p->s + start, v->len);
    v->str[v->len] = 0;
    return v;
}

static struct rr_json *parse_value(struct parser *p);

static struct rr_json *parse_container(struct parser *p, bool object)
{
    struct rr_json *v = new_value(p, object ? RR_JSON_OBJECT : RR_JSON_ARRAY);
    if (!v)
        return NULL;
    if (++p->depth > RR_JSON_MAX_DEPTH) {
        fail_at(p, p->pos, "nesting too deep");
        rr_free(v);
        return NULL;
    }
    char close = object ? '}' : ']';
    p->pos++;
    skip_ws(p);
    struct rr_json **tail = &v->child;
    if (peek(p) == close) {
        p->pos++;
        p->depth--;
        return v;
    }
    for (;;) {
        char *key = NULL;
        size_t key_len = 0, key_offset = 0;
        if (object) {
            skip_ws(p);
            if (peek(p) != '"') {
                fail_expected(p, "expected a string (member name)");
                break;
            }
            key_offset = p->pos;
            key = parse_string(p, &key_len);
            if (!key)
                break;
            skip_ws(p);
            if (peek(p) != ':') {
                rr_free(key);
                fail_expected(p, "expected ':'");
                break;
            }
            p->pos++;
        }
        struct rr_json *item = parse_value(p);
        if (!item) {
            rr_free(key);
            break;
        }
        item->key = key;
        item->key_len = key_len;
        item->key_offset = key_offset;
        *tail = item;
        tail = &item->next;
        skip_ws(p);
        int c = peek(p);
        if (c == ',') {
            p->pos++;
            continue;
        }
        if (c == close) {
            p->pos++;
            p->depth--;
            return v;
        }
        fail_expected(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
        break;
    }
    rr_json_free(v);
    return NULL;
}

static bool match_word(struct parser *p, const char *w)
{
    size_t n = rr_strlen(w);
    if (p->len - p->pos < n || rr_memcmp(p->s + p->pos, w, n) != 0)
        return false;
    p->pos += n;
    return true;
}

static struct rr_json *parse_value(struct parser *p)
{
    skip_ws(p);
    int c = peek(p);
    struct rr_json *v;
    switch (c) {
    case -1:
        fail_at(p, p->pos, "unexpected end of input");
        return NULL;
    case '{':
        return parse_container(p, true);
    case '[':
        return parse_container(p, false);
    case '"':
        v = new_value(p, RR_JSON_STRING);
        if (!v)
            return NULL;
        v->str = parse_string(p, &v->len);
        if (!v->str) {
            rr_free(v);
            return NULL;
        }
        return v;
    case 't':
    case 'f':
    case 'n': {
        size_t at = p->pos;
        enum rr_json_type t = c == 't' ? RR_JSON_TRUE : c == 'f' ? RR_JSON_FALSE : RR_JSON_NULL;
        const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (!match_word(p, word) || (peek(p) >= 'a' && peek(p) <= 'z')) {
            fail_at(p, at, "invalid literal");
            return NULL;
        }
        size_t end = p->pos;
        p->pos = at;
        v = new_value(p, t);
        p->pos = end;
        return v;
    }
    default:
        if (c == '-' || is_digit(c))
            return parse_number(p);
        fail_at(p, p->pos, "expected a value");
        return NULL;
    }
}

int rr_json_parse(const char *text, size_t len, struct rr_json **out, char *err, size_t errlen)
{
    struct parser p = { .s = text, .len = len, .err = err, .errlen = errlen };
    *out = NULL;
    if (err && errlen)
        err[0] = 0;
    struct rr_json *v = parse_value(&p);
    if (v) {
        skip_ws(&p);
        if (p.pos != p.len)
            fail_at(&p, p.pos, "unexpected data after the value");
    }
    if (p.error) {
        rr_json_free(v);
        return p.error;
    }
    *out = v;
    return 0;
}

void rr_json_free(struct rr_json *v)
{
    while (v) {
        struct rr_json *next = v->next;
        rr_json_free(v->child);
        rr_free(v->str);
        rr_free(v->key);
        rr_free(v);
        v = next;
    }
}

bool rr_json_int(const struct rr_json *v, int64_t *out)
{
    if (!v || v->type != RR_JSON_NUMBER)
        return false;
    const char *s = v->str;
    bool neg = *s == '-';
    if (neg)
        s++;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t acc = 0;
    for (; *s; s++) {
        if (!is_digit(*s))
            return false;
        uint64_t d = (uint64_t)(*s - '0');
        if (acc > (limit - d) / 10)
            return false;
        acc = acc * 10 + d;
    }
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return true;
}

const struct rr_json *rr_json_member(const struct rr_json *obj, const char *key)
{
    if (!obj || obj->type != RR_JSON_OBJECT)
        return NULL;
    size_t n = rr_strlen(key);
    for (const struct rr_json *m = obj->child; m; m = m->next)
        if (m->key_len == n && rr_memcmp(m->key, key, n) == 0)
            return m;
    return NULL;
}

const char *rr_json_type_name(enum rr_json_type t)
{
    switch (t) {
    case RR_JSON_NULL: return "null";
    case RR_JSON_FALSE:
    case RR_JSON_TRUE: return "a boolean";
    case RR_JSON_NUMBER: return "a number";
    case RR_JSON_STRING: return "a string";
    case RR_JSON_ARRAY: return "an array";
    case RR_JSON_OBJECT: return "an object";
    }
    return "a value";
}
