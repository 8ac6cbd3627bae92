/*
 * The path of an open file, as /proc/self/fd/N shows it. A file remembers the
 * directory and name it was opened by; the name is checked again when asked,
 * so a rename inside that directory or an unlink is reported as Linux does.
 */
#include <rr/vfs.h>

struct name_search {
    uint64_t ino;
    char *name;
    bool found;
};

static int match_ino(void *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype)
{
    (void)dtype;
    struct name_search *ns = ctx;
    if (ino != ns->ino || (len <= 2 && name[0] == '.' && (len == 1 || name[1] == '.')))
        return 0;
    rr_memcpy(ns->name, name, len);
    ns->name[len] = 0;
    ns->found = true;
    return 1;
}

/* The name vn has in dir now: the remembered one if it still leads to vn, else any. */
static bool current_name(struct rr_file *f, char *name)
{
    struct rr_vnode *found = NULL;
    size_t len = rr_strlen(f->name);
    if (f->dir->ops->lookup && f->dir->ops->lookup(f->dir, f->name, len, &found) == 0) {
        bool same = found == f->vn;
        rr_vnode_unref(found);
        if (same) {
            rr_memcpy(name, f->name, len + 1);
            return true;
        }
    }
    struct name_search ns = { .ino = f->vn->ino, .name = name };
    uint64_t cookie = 0;
    if (f->dir->ops->readdir)
        f->dir->ops->readdir(f->dir, &cookie, match_ino, &ns);
    if (ns.found) {
        /* remembered, so that a later unlink reports the name the file had last */
        size_t nl = rr_strlen(name);
        char *copy = rr_malloc(nl + 1);
        if (copy) {
            rr_memcpy(copy, name, nl + 1);
            rr_free(f->name);
            f->name = copy;
        }
    }
    return ns.found;
}

static long copy_out(const char *text, char *buf, size_t size)
{
    size_t n = rr_strlen(text);
    if (n + 1 > size)
        return -ENAMETOOLONG;
    rr_memcpy(buf, text, n + 1);
    return (long)n;
}

long rr_file_path(struct rr_file *f, char *buf, size_t size)
{
    struct rr_vnode *vn = f->vn;
    if (vn->ops->dname) {
        long n = vn->ops->dname(vn, buf, size);
        return n >= 0 && (size_t)n >= size ? -ENAMETOOLONG : n;
    }
    char *tmp = rr_malloc(RR_PATH_MAX + RR_NAME_MAX + 16);
    if (!tmp)
        return -ENOMEM;
    long r;
    if (RR_S_ISDIR(vn->mode)) {
        r = rr_vfs_path_of(vn, tmp, RR_PATH_MAX);
        r = r > 0 ? copy_out(tmp, buf, size) : copy_out("/ (deleted)", buf, size);
    } else if (!f->dir || !f->name) {
        r = copy_out("anon_inode:[unknown]", buf, size);
    } else {
        struct rr_vattr va;
        bool linked = rr_vnode_getattr(vn, &va) == 0 && va.nlink > 0;
        char *name = tmp + RR_PATH_MAX;
        bool named = linked && current_name(f, name);
        if (!named)
            rr_strlcpy(name, f->name, RR_NAME_MAX + 1);
        r = rr_vfs_path_of(f->dir, tmp, RR_PATH_MAX);
        if (r < 0) {
            tmp[0] = 0;   /* the directory itself is gone: the name alone */
            named = false;
        } else if (r == 2) {
            tmp[0] = 0;   /* "/" plus "/name" would double the slash */
        }
        size_t dl = rr_strlen(tmp), nl = rr_strlen(name);
        const char *tail = named ? "" : " (deleted)";
        size_t tl = rr_strlen(tail);
        if (dl + 1 + nl + tl + 1 > size) {
            r = -ENAMETOOLONG;
        } else {
            rr_memcpy(buf, tmp, dl);
            buf[dl] = '/';
            rr_memcpy(buf + dl + 1, name, nl);
            rr_memcpy(buf + dl + 1 + nl, tail, tl + 1);
            r = (long)(dl + 1 + nl + tl);
        }
    }
    rr_free(tmp);
    return r;
}
