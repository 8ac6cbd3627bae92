/*
 * Writes a tree on the ext2 file system mounted at argv[1] (default /data):
 * nested directories, a large file (into double-indirect blocks on 1 KiB
 * blocks), a sparse file, fast and slow symbolic links, a directory of 2000
 * entries thinned out, renames of every kind, unlinks, a hard link, an append,
 * a truncation and a chmod. Ext2Tests.cs builds the same tree's description
 * and compares it with what debugfs reads from the image after the guest ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];

static const char *at(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *p = bufs[next++ % 4];
    snprintf(p, sizeof(bufs[0]), "%s/tree/%s", root, rel);
    return p;
}

static void check(int ok, const char *what, const char *path)
{
    if (!ok) {
        printf("%s %s: %s\n", what, path, strerror(errno));
        exit(1);
    }
}

/* The bytes Ext2Tests.Pattern makes: a linear congruential generator's high bytes. */
static void pattern(unsigned char *buf, size_t n, unsigned seed)
{
    unsigned x = seed;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 24);
    }
}

static void write_at(const char *path, int flags, const void *data, size_t n, off_t off)
{
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
    check(fd >= 0, "open", path);
    size_t done = 0;
    while (done < n) {
        ssize_t w = pwrite(fd, (const char *)data + done, n - done, off + (off_t)done);
        check(w > 0, "write", path);
        done += (size_t)w;
    }
    check(close(fd) == 0, "close", path);
}

static void write_pattern(const char *path, unsigned seed, size_t n)
{
    unsigned char *buf = malloc(n);
    pattern(buf, n, seed);
    write_at(path, O_TRUNC, buf, n, 0);
    free(buf);
}

int main(int argc, char **argv)
{
    snprintf(root, sizeof(root), "%s", argc > 1 ? argv[1] : "/data");
    check(mkdir(at(""), 0755) == 0, "mkdir", at(""));
    check(mkdir(at("a"), 0755) == 0, "mkdir", at("a"));
    check(mkdir(at("a/b"), 0755) == 0, "mkdir", at("a/b"));
    check(mkdir(at("a/b/c"), 0755) == 0, "mkdir", at("a/b/c"));
    write_at(at("a/b/c/deep.txt"), O_TRUNC, "deep\n", 5, 0);
    write_pattern(at("a/small.bin"), 1, 1000);
    write_pattern(at("a/b/large.bin"), 2, 3000000);

    /* sparse: a head, a hole of about 40 MB, a tail */
    write_at(at("sparse.bin"), O_TRUNC, "head", 4, 0);
    unsigned char tail[5000];
    pattern(tail, sizeof(tail), 3);
    write_at(at("sparse.bin"), 0, tail, sizeof(tail), 40000000);

    check(symlink("a/small.bin", at("link-fast")) == 0, "symlink", at("link-fast"));
    char slow[300] = "a/b/";
    memset(slow + 4, 'x', 200);
    strcpy(slow + 204, "/target");
    check(symlink(slow, at("link-slow")) == 0, "symlink", at("link-slow"));

    /* 2000 entries, then every third one removed */
    check(mkdir(at("many"), 0755) == 0, "mkdir", at("many"));
    for (int i = 0; i < 2000; i++) {
        char rel[64];
        snprintf(rel, sizeof(rel), "many/f%04d", i);
        int fd = open(at(rel), O_WRONLY | O_CREAT | O_EXCL, 0644);
        check(fd >= 0, "create", at(rel));
        close(fd);
    }
    for (int i = 0; i < 2000; i += 3) {
        char rel[64];
        snprintf(rel, sizeof(rel), "many/f%04d", i);
        check(unlink(at(rel)) == 0, "unlink", at(rel));
    }

    /* renames: same directory, a directory to another parent, over an existing file, out of the big directory */
    check(rename(at("a/small.bin"), at("a/small-renamed.bin")) == 0, "rename", at("a/small.bin"));
    check(rename(at("a/b/c"), at("c-moved")) == 0, "rename", at("a/b/c"));
    write_at(at("victim.txt"), O_TRUNC, "victim\n", 7, 0);
    write_pattern(at("a/replacer.txt"), 4, 777);
    check(rename(at("a/replacer.txt"), at("victim.txt")) == 0, "rename", at("a/replacer.txt"));
    check(rename(at("many/f0001"), at("moved-from-many")) == 0, "rename", at("many/f0001"));

    /* things that come and go */
    write_at(at("gone.txt"), O_TRUNC, "gone\n", 5, 0);
    check(unlink(at("gone.txt")) == 0, "unlink", at("gone.txt"));
    check(mkdir(at("gone-dir"), 0755) == 0, "mkdir", at("gone-dir"));
    check(rmdir(at("gone-dir")) == 0, "rmdir", at("gone-dir"));
    check(mkdir(at("full-dir"), 0755) == 0, "mkdir", at("full-dir"));
    write_at(at("full-dir/x"), O_TRUNC, "x", 1, 0);
    check(rmdir(at("full-dir")) == -1 && errno == ENOTEMPTY, "rmdir (must fail with ENOTEMPTY)", at("full-dir"));
    check(unlink(at("full-dir/x")) == 0 && rmdir(at("full-dir")) == 0, "remove", at("full-dir"));

    check(link(at("a/small-renamed.bin"), at("hard.bin")) == 0, "link", at("hard.bin"));
    check(chmod(at("a/small-renamed.bin"), 0600) == 0, "chmod", at("a/small-renamed.bin"));

    write_at(at("log.txt"), O_TRUNC, "line 1\n", 7, 0);
    int fd = open(at("log.txt"), O_WRONLY | O_APPEND);
    check(fd >= 0 && write(fd, "line 2\n", 7) == 7 && close(fd) == 0, "append", at("log.txt"));

    check(truncate(at("a/b/large.bin"), 2500000) == 0, "truncate", at("a/b/large.bin"));

    struct stat st;
    check(stat(at("sparse.bin"), &st) == 0, "stat", at("sparse.bin"));
    printf("sparse.bin: %lld bytes in %lld blocks\n", (long long)st.st_size, (long long)st.st_blocks);
    printf("written\n");
    return 0;
}
