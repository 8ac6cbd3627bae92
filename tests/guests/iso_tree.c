/*
 * Lists the tree under argv[1] (default /data) depth first, names in byte
 * order, one line per entry:
 *   d MODE PATH
 *   f MODE SIZE SHA256 PATH
 *   l TARGET PATH
 * then "entries N". MODE is the permission bits in octal, PATH is relative to
 * the top. A failing call prints "CALL PATH: ERRNO-NAME" and ends with status 1.
 * Iso9660Tests.cs builds the same listing from the host tree, with .NET's SHA-256.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SHA-256 as FIPS 180-4 §6.2 defines it. */
struct sha256 {
    uint32_t h[8];
    uint8_t block[64];
    size_t used;
    uint64_t bytes;
};

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n)
{
    return x >> n | x << (32 - n);
}

static void sha256_block(struct sha256 *s, const uint8_t *p)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
    static const uint32_t init[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(s->h, init, sizeof(init));
    s->used = 0;
    s->bytes = 0;
}

static void sha256_add(struct sha256 *s, const uint8_t *p, size_t n)
{
    s->bytes += n;
    while (n) {
        size_t take = 64 - s->used < n ? 64 - s->used : n;
        memcpy(s->block + s->used, p, take);
        s->used += take;
        p += take;
        n -= take;
        if (s->used == 64) {
            sha256_block(s, s->block);
            s->used = 0;
        }
    }
}

static void sha256_hex(struct sha256 *s, char out[65])
{
    uint64_t bits = s->bytes * 8;
    uint8_t pad = 0x80, zero = 0;
    sha256_add(s, &pad, 1);
    while (s->used != 56)
        sha256_add(s, &zero, 1);
    uint8_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_add(s, len, 8);
    for (int i = 0; i < 8; i++)
        sprintf(out + 8 * i, "%08x", s->h[i]);
}

static size_t top_len;
static int entries;

static const char *errname(int e)
{
    switch (e) {
    case EIO: return "EIO";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EROFS: return "EROFS";
    case ELOOP: return "ELOOP";
    default: return strerror(e);
    }
}

static void fail(const char *call, const char *path)
{
    printf("%s %s: %s\n", call, path, errname(errno));
    fflush(stdout);
    exit(1);
}

static const char *relative(const char *path)
{
    return path[top_len] == '/' ? path + top_len + 1 : path + top_len;
}

static void file_line(const char *path, const struct stat *st)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        fail("open", path);
    static uint8_t buf[65536];
    struct sha256 s;
    sha256_init(&s);
    long long size = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        sha256_add(&s, buf, (size_t)n);
        size += n;
    }
    if (n < 0)
        fail("read", path);
    close(fd);
    if (size != (long long)st->st_size) {
        printf("size %s: stat says %lld, read gave %lld\n", path, (long long)st->st_size, size);
        exit(1);
    }
    char hex[65];
    sha256_hex(&s, hex);
    printf("f %04o %lld %s %s\n", (unsigned)(st->st_mode & 07777), size, hex, relative(path));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        fail("opendir", dir);
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        names = realloc(names, (count + 1) * sizeof(*names));
        names[count++] = strdup(e->d_name);
        errno = 0;
    }
    if (errno)
        fail("readdir", dir);
    closedir(d);
    qsort(names, count, sizeof(*names), by_name);
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        snprintf(path, len, "%s/%s", dir, names[i]);
        struct stat st;
        if (lstat(path, &st) != 0)
            fail("lstat", path);
        entries++;
        if (S_ISDIR(st.st_mode)) {
            printf("d %04o %s\n", (unsigned)(st.st_mode & 07777), relative(path));
            walk(path);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(path, target, sizeof(target) - 1);
            if (n < 0)
                fail("readlink", path);
            target[n] = 0;
            printf("l %s %s\n", target, relative(path));
        } else if (S_ISREG(st.st_mode)) {
            file_line(path, &st);
        } else {
            printf("? %o %s\n", (unsigned)st.st_mode, relative(path));
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *top = argc > 1 ? argv[1] : "/data";
    top_len = strlen(top);
    walk(top);
    printf("entries %d\n", entries);
    return 0;
}
