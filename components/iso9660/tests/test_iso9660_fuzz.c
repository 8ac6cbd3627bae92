/*
 * Damaged images at random: bytes of the descriptors, directories and Rock
 * Ridge areas are overwritten, then the volume is mounted and walked whole
 * (every directory listed, every file read, every link read). Whatever the
 * damage, the file system must answer or refuse: under ASan and UBSan any
 * out-of-bounds access fails the test, and the harness's alarm any hang.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rr/kern.h>
#include <rr/vfs.h>
#include <rr/iso9660.h>
#include "test.h"
#include "harness.h"
#include "iso_test_support.h"

static unsigned walked;

struct names {
    char name[64][256];
    size_t len[64];
    int count;
};

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype)
{
    (void)ino;
    (void)dtype;
    struct names *n = ctx;
    if (n->count == 64)
        return 1;
    memcpy(n->name[n->count], name, len);
    n->len[n->count++] = len;
    return 0;
}

/* Straight through the vnode operations: the mount table has room for few mounts. */
static void walk(struct rr_vnode *dir, int depth)
{
    if (depth > 12)
        return;
    struct names *n = calloc(1, sizeof(*n));
    uint64_t cookie = 0;
    for (int calls = 0; calls < 16 && n->count < 64; calls++) {
        int before = n->count;
        if (dir->ops->readdir(dir, &cookie, collect, n) != 0 || n->count == before)
            break;
    }
    for (int i = 0; i < n->count; i++) {
        if ((n->len[i] == 1 && n->name[i][0] == '.') || (n->len[i] == 2 && !memcmp(n->name[i], "..", 2)))
            continue;
        walked++;
        struct rr_vnode *vn;
        if (dir->ops->lookup(dir, n->name[i], n->len[i], &vn) != 0)
            continue;
        struct rr_vattr va;
        rr_vnode_getattr(vn, &va);
        char data[4096];
        if (RR_S_ISLNK(vn->mode)) {
            vn->ops->readlink(vn, data, sizeof(data));
        } else if (RR_S_ISDIR(vn->mode)) {
            walk(vn, depth + 1);
        } else {
            struct rr_file *f;
            if (rr_file_open_vnode(vn, RR_O_RDONLY, &f) == 0) {
                for (uint64_t off = 0; off < 64 * sizeof(data) && rr_file_pread(f, data, sizeof(data), off) > 0; off += sizeof(data))
                    ;
                rr_file_unref(f);
            }
        }
        rr_vnode_unref(vn);
    }
    free(n);
}

TEST(iso9660_random_damage_never_crashes)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p z/d/e && printf 'a' > z/f && printf 'bb' > z/d/g && ln -s ../f z/d/l && "
                "printf 'c' > \"z/d/e/$(printf 'N%%.0s' $(seq 1 240))\" && xorriso -as mkisofs -R -o z.iso z");
    char path[512];
    snprintf(path, sizeof(path), "%s/z.iso", iso_test_tmpdir());
    FILE *f = fopen(path, "rb");
    CHECK(f);
    static uint8_t clean[1 << 20], img[1 << 20];
    size_t size = fread(clean, 1, sizeof(clean), f);
    fclose(f);
    CHECK(size > 40 * 2048);
    if (!freopen("/dev/null", "w", stderr))
        FAIL("cannot silence stderr");
    fake_boot();
    srand(12345);
    unsigned mounted = 0;
    for (int round = 0; round < 300; round++) {
        memcpy(img, clean, size);
        int hits = 1 + rand() % 8;
        for (int i = 0; i < hits; i++) {
            /* the metadata: descriptors from block 16, then directories and continuation areas */
            size_t pos = 16 * 2048 + (size_t)rand() % (24 * 2048);
            img[pos] = (rand() % 4 == 0) ? 0xff : (uint8_t)rand();
        }
        struct rr_mount *m = NULL;
        char err[256];
        if (rr_iso9660_fstype.mount(iso_test_memdev(img, size), true, &m, err, sizeof(err)) != 0)
            continue;
        mounted++;
        walk(m->root, 0);
        rr_iso9660_fstype.unmount(m);
    }
    CHECK(mounted > 100);   /* most damage lands past the descriptors */
    CHECK(walked > 300);
}
