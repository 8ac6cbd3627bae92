/*
 * The guest configuration (docs/contracts.md §5): one strict JSON object on the
 * kernel command line. Anything unexpected is an error the host user must see, so
 * every message names the key or the byte offset.
 */
#include <rr/kern.h>
#include <rr/json.h>
#include <rr/hex.h>

#define PREFIX "guest configuration: "
#define DEFAULT_HOSTNAME "rumprun"
#define DEFAULT_ARGV0 "program"

struct rr_config rr_config;

static void set_error(char *err, size_t errlen, const char *fmt, ...) RR_PRINTF(3, 4);
static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    rr_vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* A key as it may appear in a one-line message: printable ASCII, at most 40 bytes. */
static void printable_key(const char *key, size_t len, char *out, size_t outlen)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < outlen; i++) {
        if (i == 40) {
            out[n++] = '.';
            out[n++] = '.';
            out[n++] = '.';
            break;
        }
        unsigned char c = (unsigned char)key[i];
        out[n++] = (c >= 0x20 && c < 0x7F && c != '"') ? (char)c : '?';
    }
    out[n] = 0;
}

static void free_vector(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        rr_free(*p);
    rr_free(v);
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = rr_malloc(n + 1);
    if (d) {
        rr_memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

/* A growable NULL-terminated vector of strings. */
struct strvec {
    char **v;
    int n, cap;
};

static int strvec_push(struct strvec *sv, const char *s, size_t len)
{
    if (sv->n + 2 > sv->cap) {
        int cap = sv->cap ? sv->cap * 2 : 8;
        char **nv = rr_realloc(sv->v, (size_t)cap * sizeof(char *));
        if (!nv)
            return -ENOMEM;
        sv->v = nv;
        sv->cap = cap;
    }
    char *d = dup_bytes(s, len);
    if (!d)
        return -ENOMEM;
    sv->v[sv->n++] = d;
    sv->v[sv->n] = NULL;
    return 0;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Splits like a POSIX shell word list without expansions: blanks separate words;
 * '...' is literal; in "..." a backslash escapes only " \ $ ` and newline; outside
 * quotes a backslash escapes any character; backslash-newline joins lines.
 * Returns 0, -ENOMEM, or -EINVAL with *why set.
 */
static int split_words(const char *s, size_t n, struct strvec *out, const char **why)
{
    char *word = rr_malloc(n + 1);
    if (!word)
        return -ENOMEM;
    int e = 0;
    size_t i = 0;
    for (;;) {
        while (i < n && is_blank(s[i]))
            i++;
        if (i >= n)
            break;
        size_t len = 0;
        bool have = false;
        while (i < n && !is_blank(s[i])) {
            char c = s[i];
            if (c == '\'') {
                size_t j = i + 1;
                while (j < n && s[j] != '\'')
                    j++;
                if (j >= n) {
                    *why = "unterminated single quote";
                    e = -EINVAL;
                    goto out;
                }
                rr_memcpy(word + len, s + i + 1, j - i - 1);
                len += j - i - 1;
                i = j + 1;
                have = true;
            } else if (c == '"') {
                i++;
                for (;;) {
                    if (i >= n) {
                        *why = "unterminated double quote";
                        e = -EINVAL;
                        goto out;
                    }
                    char d = s[i];
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && rr_strchr("\"\\$`\n", s[i + 1])) {
                        if (s[i + 1] != '\n')
                            word[len++] = s[i + 1];
                        i += 2;
                        continue;
                    }
                    word[len++] = d;
                    i++;
                }
                have = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    *why = "backslash at the end";
                    e = -EINVAL;
                    goto out;
                }
                if (s[i + 1] != '\n') {
                    word[len++] = s[i + 1];
                    have = true;
                }
                i += 2;
            } else {
                word[len++] = c;
                have = true;
                i++;
            }
        }
        if (have && (e = strvec_push(out, word, len)) != 0)
            goto out;
    }
out:
    rr_free(word);
    return e;
}

static bool has_nul(const struct rr_json *v)
{
    return rr_strlen(v->str) != v->len;
}

struct parse_state {
    struct rr_config *out;
    struct strvec argv, env;
    char *err;
    size_t errlen;
};

static int type_error(struct parse_state *st, const char *key, const char *wanted)
{
    set_error(st->err, st->errlen, PREFIX "\"%s\" must be %s", key, wanted);
    return -EINVAL;
}

static int take_cmdline(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_STRING)
        return type_error(st, "cmdline", "a string");
    if (has_nul(v)) {
        set_error(st->err, st->errlen, PREFIX "\"cmdline\" contains a NUL character");
        return -EINVAL;
    }
    const char *why = NULL;
    int e = split_words(v->str, v->len, &st->argv, &why);
    if (e == -EINVAL)
        set_error(st->err, st->errlen, PREFIX "%s in \"cmdline\"", why);
    return e;
}

static int take_env(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_ARRAY)
        return type_error(st, "env", "an array of \"VAR=VALUE\" strings");
    int i = 0;
    for (const struct rr_json *item = v->child; item; item = item->next, i++) {
        if (item->type != RR_JSON_STRING) {
            set_error(st->err, st->errlen, PREFIX "\"env\" entry %d must be a string, not %s", i,
                      rr_json_type_name(item->type));
            return -EINVAL;
        }
        const char *eq = rr_strchr(item->str, '=');
        if (has_nul(item) || !eq || eq == item->str) {
            set_error(st->err, st->errlen, PREFIX "\"env\" entry %d must look like \"VAR=VALUE\"", i);
            return -EINVAL;
        }
        int e = strvec_push(&st->env, item->str, item->len);
        if (e)
            return e;
    }
    return 0;
}

static int take_hostname(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_STRING)
        return type_error(st, "hostname", "a string");
    if (v->len == 0 || v->len >= sizeof(st->out->hostname) || has_nul(v)) {
        set_error(st->err, st->errlen, PREFIX "\"hostname\" must be 1 to %zu bytes long",
                  sizeof(st->out->hostname) - 1);
        return -EINVAL;
    }
    rr_memcpy(st->out->hostname, v->str, v->len + 1);
    return 0;
}

static int take_console(struct parse_state *st, const struct rr_json *v)
{
    if (v->type == RR_JSON_STRING && rr_strcmp(v->str, "tty") == 0 && v->len == 3)
        st->out->console_tty = true;
    else if (v->type == RR_JSON_STRING && rr_strcmp(v->str, "raw") == 0 && v->len == 3)
        st->out->console_tty = false;
    else
        return type_error(st, "console", "\"tty\" or \"raw\"");
    return 0;
}

static int take_seed(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_STRING)
        return type_error(st, "seed", "a string of hex digits");
    size_t max = sizeof(st->out->seed);
    bool ok = v->len % 2 == 0 && v->len / 2 <= max;
    for (size_t i = 0; ok && i < v->len; i++)
        ok = rr_hex_digit(v->str[i]) >= 0;
    if (!ok) {
        set_error(st->err, st->errlen, PREFIX "\"seed\" must be an even number of hex digits, at most %zu",
                  2 * max);
        return -EINVAL;
    }
    for (size_t i = 0; i < v->len / 2; i++)
        st->out->seed[i] = (uint8_t)(rr_hex_digit(v->str[2 * i]) << 4 | rr_hex_digit(v->str[2 * i + 1]));
    st->out->seed_len = v->len / 2;
    return 0;
}

static bool is_key(const struct rr_json *m, const char *key)
{
    return rr_strlen(key) == m->key_len && rr_memcmp(key, m->key, m->key_len) == 0;
}

static int mount_error(struct parse_state *st, size_t i, const char *what)
{
    set_error(st->err, st->errlen, PREFIX "\"mounts\" entry %zu: %s", i, what);
    return -EINVAL;
}

static int take_mount(struct parse_state *st, const struct rr_json *obj, size_t i, struct rr_mount_spec *spec)
{
    char shown[48], msg[96];
    if (obj->type != RR_JSON_OBJECT)
        return mount_error(st, i, "must be an object");
    spec->required = true;
    rr_strlcpy(spec->fstype, "auto", sizeof(spec->fstype));
    bool have_device = false;
    for (const struct rr_json *m = obj->child; m; m = m->next) {
        for (const struct rr_json *o = obj->child; o != m; o = o->next) {
            if (o->key_len == m->key_len && rr_memcmp(o->key, m->key, m->key_len) == 0) {
                printable_key(m->key, m->key_len, shown, sizeof(shown));
                rr_snprintf(msg, sizeof(msg), "duplicate key \"%s\"", shown);
                return mount_error(st, i, msg);
            }
        }
        if (is_key(m, "device")) {
            if (m->type != RR_JSON_STRING || m->len == 0 || m->len >= sizeof(spec->device) || has_nul(m))
                return mount_error(st, i, "\"device\" must be a string of 1 to 23 bytes");
            rr_memcpy(spec->device, m->str, m->len + 1);
            have_device = true;
        } else if (is_key(m, "path")) {
            if (m->type != RR_JSON_STRING || m->len < 2 || m->str[0] != '/' || m->len >= 4096 || has_nul(m))
                return mount_error(st, i, "\"path\" must be an absolute path other than /");
            spec->path = dup_bytes(m->str, m->len);
            if (!spec->path)
                return -ENOMEM;
        } else if (is_key(m, "fstype")) {
            if (m->type != RR_JSON_STRING ||
                (rr_strcmp(m->str, "auto") != 0 && rr_strcmp(m->str, "ext2") != 0 && rr_strcmp(m->str, "iso9660") != 0) ||
                has_nul(m))
                return mount_error(st, i, "\"fstype\" must be \"auto\", \"ext2\" or \"iso9660\"");
            rr_strlcpy(spec->fstype, m->str, sizeof(spec->fstype));
        } else if (is_key(m, "readonly") || is_key(m, "required")) {
            if (m->type != RR_JSON_TRUE && m->type != RR_JSON_FALSE) {
                rr_snprintf(msg, sizeof(msg), "\"%s\" must be true or false", m->key);
                return mount_error(st, i, msg);
            }
            *(is_key(m, "readonly") ? &spec->readonly : &spec->required) = m->type == RR_JSON_TRUE;
        } else {
            printable_key(m->key, m->key_len, shown, sizeof(shown));
            rr_snprintf(msg, sizeof(msg), "unknown key \"%s\"", shown);
            return mount_error(st, i, msg);
        }
    }
    if (!have_device)
        return mount_error(st, i, "\"device\" is missing");
    if (!spec->path)
        return mount_error(st, i, "\"path\" is missing");
    return 0;
}

static int take_mounts(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_ARRAY)
        return type_error(st, "mounts", "an array of mount objects");
    size_t n = 0;
    for (const struct rr_json *item = v->child; item; item = item->next)
        n++;
    if (n == 0)
        return 0;
    struct rr_mount_spec *specs = rr_zalloc(n * sizeof(*specs));
    if (!specs)
        return -ENOMEM;
    st->out->mounts = specs;
    st->out->nmounts = n;
    size_t i = 0;
    for (const struct rr_json *item = v->child; item; item = item->next, i++) {
        int e = take_mount(st, item, i, &specs[i]);
        if (e)
            return e;
    }
    return 0;
}

static void free_mounts(struct rr_config *c)
{
    for (size_t i = 0; i < c->nmounts; i++)
        rr_free(c->mounts[i].path);
    rr_free(c->mounts);
    c->mounts = NULL;
    c->nmounts = 0;
}

static int net_error(struct parse_state *st, size_t i, const char *what)
{
    set_error(st->err, st->errlen, PREFIX "\"net\" entry %zu: %s", i, what);
    return -EINVAL;
}

/* "52:54:00:72:72:01": six two-digit hex bytes, either case. */
static bool parse_mac(const struct rr_json *v, uint8_t mac[6])
{
    return v->type == RR_JSON_STRING && !has_nul(v) && rr_mac_parse(v->str, mac);
}

/* A dotted quad of decimal numbers 0..255; leading zeros are refused, since other
 * tools read them as octal and the user would not get the address they meant. */
static bool parse_ipv4(const struct rr_json *v, uint8_t out[4])
{
    if (v->type != RR_JSON_STRING || has_nul(v))
        return false;
    const char *p = v->str, *end = v->str + v->len;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (p == end || *p != '.')
                return false;
            p++;
        }
        const char *start = p;
        unsigned n = 0;
        while (p < end && *p >= '0' && *p <= '9' && p - start < 3)
            n = n * 10 + (unsigned)(*p++ - '0');
        if (p == start || n > 255 || (p - start > 1 && *start == '0'))
            return false;
        out[part] = (uint8_t)n;
    }
    return p == end;
}

static int take_net_entry(struct parse_state *st, const struct rr_json *obj, size_t i, struct rr_net_spec *spec)
{
    char shown[48], msg[96];
    if (obj->type != RR_JSON_OBJECT)
        return net_error(st, i, "must be an object");
    bool have_tag = false, have_mac = false, have_method = false, have_addr = false, have_prefix = false;
    for (const struct rr_json *m = obj->child; m; m = m->next) {
        for (const struct rr_json *o = obj->child; o != m; o = o->next) {
            if (o->key_len == m->key_len && rr_memcmp(o->key, m->key, m->key_len) == 0) {
                printable_key(m->key, m->key_len, shown, sizeof(shown));
                rr_snprintf(msg, sizeof(msg), "duplicate key \"%s\"", shown);
                return net_error(st, i, msg);
            }
        }
        if (is_key(m, "tag")) {
            if (m->type != RR_JSON_STRING || m->len == 0 || m->len >= sizeof(spec->tag) || has_nul(m))
                return net_error(st, i, "\"tag\" must be a string of 1 to 23 bytes");
            rr_memcpy(spec->tag, m->str, m->len + 1);
            have_tag = true;
        } else if (is_key(m, "mac")) {
            if (!parse_mac(m, spec->mac))
                return net_error(st, i, "\"mac\" must look like \"52:54:00:72:72:01\"");
            have_mac = true;
        } else if (is_key(m, "method")) {
            if (m->type == RR_JSON_STRING && m->len == 4 && rr_strcmp(m->str, "dhcp") == 0)
                spec->method = RR_NET_DHCP;
            else if (m->type == RR_JSON_STRING && m->len == 6 && rr_strcmp(m->str, "static") == 0)
                spec->method = RR_NET_STATIC;
            else
                return net_error(st, i, "\"method\" must be \"dhcp\" or \"static\"");
            have_method = true;
        } else if (is_key(m, "addr")) {
            if (!parse_ipv4(m, spec->addr))
                return net_error(st, i, "\"addr\" must be an IPv4 address like \"10.0.2.15\"");
            have_addr = true;
        } else if (is_key(m, "gateway")) {
            if (!parse_ipv4(m, spec->gateway))
                return net_error(st, i, "\"gateway\" must be an IPv4 address like \"10.0.2.2\"");
            spec->has_gateway = true;
        } else if (is_key(m, "prefix")) {
            int64_t prefix;
            if (m->type != RR_JSON_NUMBER || !rr_json_int(m, &prefix) || prefix < 0 || prefix > 32)
                return net_error(st, i, "\"prefix\" must be an integer from 0 to 32");
            spec->prefix = (uint8_t)prefix;
            have_prefix = true;
        } else if (is_key(m, "dns")) {
            if (m->type != RR_JSON_ARRAY)
                return net_error(st, i, "\"dns\" must be an array of IPv4 addresses");
            for (const struct rr_json *d = m->child; d; d = d->next) {
                if (spec->ndns == RR_NET_MAX_DNS) {
                    rr_snprintf(msg, sizeof(msg), "\"dns\" lists more than %d servers", RR_NET_MAX_DNS);
                    return net_error(st, i, msg);
                }
                if (!parse_ipv4(d, spec->dns[spec->ndns]))
                    return net_error(st, i, "\"dns\" must be an array of IPv4 addresses");
                spec->ndns++;
            }
        } else {
            printable_key(m->key, m->key_len, shown, sizeof(shown));
            rr_snprintf(msg, sizeof(msg), "unknown key \"%s\"", shown);
            return net_error(st, i, msg);
        }
    }
    if (!have_tag)
        return net_error(st, i, "\"tag\" is missing");
    if (!have_mac)
        return net_error(st, i, "\"mac\" is missing");
    if (!have_method)
        return net_error(st, i, "\"method\" is missing");
    if (spec->method == RR_NET_STATIC && !have_addr)
        return net_error(st, i, "\"addr\" is missing (method \"static\")");
    if (spec->method == RR_NET_STATIC && !have_prefix)
        return net_error(st, i, "\"prefix\" is missing (method \"static\")");
    /* With DHCP the server chooses these; a value here would be silently ignored. */
    if (spec->method == RR_NET_DHCP && (have_addr || have_prefix || spec->has_gateway))
        return net_error(st, i, "\"addr\", \"prefix\" and \"gateway\" belong to method \"static\"");
    return 0;
}

static int take_net(struct parse_state *st, const struct rr_json *v)
{
    if (v->type != RR_JSON_ARRAY)
        return type_error(st, "net", "an array of interface objects");
    size_t n = 0;
    for (const struct rr_json *item = v->child; item; item = item->next)
        n++;
    if (n == 0)
        return 0;
    struct rr_net_spec *specs = rr_zalloc(n * sizeof(*specs));
    if (!specs)
        return -ENOMEM;
    st->out->net = specs;
    st->out->nnet = n;
    size_t i = 0;
    for (const struct rr_json *item = v->child; item; item = item->next, i++) {
        int e = take_net_entry(st, item, i, &specs[i]);
        if (e)
            return e;
        for (size_t j = 0; j < i; j++) {
            if (rr_strcmp(specs[j].tag, specs[i].tag) == 0)
                return net_error(st, i, "\"tag\" repeats an earlier entry's");
            if (rr_memcmp(specs[j].mac, specs[i].mac, 6) == 0)
                return net_error(st, i, "\"mac\" repeats an earlier entry's");
        }
    }
    return 0;
}

static void free_net(struct rr_config *c)
{
    rr_free(c->net);
    c->net = NULL;
    c->nnet = 0;
}

static const struct {
    const char *key;
    int (*take)(struct parse_state *, const struct rr_json *);
} keys[] = {
    { "cmdline", take_cmdline },
    { "env", take_env },
    { "hostname", take_hostname },
    { "console", take_console },
    { "seed", take_seed },
    { "mounts", take_mounts },
    { "net", take_net },
};

static int take_members(struct parse_state *st, const struct rr_json *root)
{
    char shown[48];
    for (const struct rr_json *m = root->child; m; m = m->next) {
        for (const struct rr_json *o = root->child; o != m; o = o->next) {
            if (o->key_len == m->key_len && rr_memcmp(o->key, m->key, m->key_len) == 0) {
                printable_key(m->key, m->key_len, shown, sizeof(shown));
                set_error(st->err, st->errlen, "duplicate key \"%s\" in the guest configuration (byte %zu)",
                          shown, m->key_offset);
                return -EINVAL;
            }
        }
        size_t k = 0;
        while (k < RR_ARRAY_SIZE(keys)
               && !(rr_strlen(keys[k].key) == m->key_len && rr_memcmp(keys[k].key, m->key, m->key_len) == 0))
            k++;
        if (k == RR_ARRAY_SIZE(keys)) {
            printable_key(m->key, m->key_len, shown, sizeof(shown));
            set_error(st->err, st->errlen, "unknown key \"%s\" in the guest configuration", shown);
            return -EINVAL;
        }
        int e = keys[k].take(st, m);
        if (e)
            return e;
    }
    return 0;
}

static bool all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

int rr_config_parse(const char *json, size_t len, struct rr_config *out, char *err, size_t errlen)
{
    rr_memset(out, 0, sizeof(*out));
    rr_strlcpy(out->hostname, DEFAULT_HOSTNAME, sizeof(out->hostname));
    out->console_tty = true;
    if (err && errlen)
        err[0] = 0;
    struct parse_state st = { .out = out, .err = err, .errlen = errlen };
    int e = 0;
    if (json && !all_blank(json, len)) {
        struct rr_json *root = NULL;
        char jerr[96];
        e = rr_json_parse(json, len, &root, jerr, sizeof(jerr));
        if (e == -EINVAL)
            set_error(err, errlen, PREFIX "%s", jerr);
        else if (!e && root->type != RR_JSON_OBJECT) {
            set_error(err, errlen, PREFIX "expected an object at byte %zu, found %s", root->offset,
                      rr_json_type_name(root->type));
            e = -EINVAL;
        } else if (!e) {
            e = take_members(&st, root);
        }
        rr_json_free(root);
    }
    if (!e && st.argv.n == 0)
        e = strvec_push(&st.argv, DEFAULT_ARGV0, sizeof(DEFAULT_ARGV0) - 1);
    if (!e && !st.env.v) {
        st.env.v = rr_zalloc(sizeof(char *));
        if (!st.env.v)
            e = -ENOMEM;
    }
    if (e) {
        if (e == -ENOMEM)
            set_error(err, errlen, PREFIX "out of memory");
        free_vector(st.argv.v);
        free_vector(st.env.v);
        free_mounts(out);
        free_net(out);
        out->argc = 0;
        out->argv = NULL;
        return e;
    }
    out->argc = st.argv.n;
    out->argv = st.argv.v;
    out->envc = st.env.n;
    out->envp = st.env.v;
    return 0;
}
