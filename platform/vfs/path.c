/*
 * Path resolution: components, ".", "..", mount points, symbolic links (at most
 * RR_SYMLOOP_MAX followed per resolution, as Linux), trailing slashes.
 */
#include <rr/vfs.h>

static bool is_dot_name(const char *s, size_t len)
{
    return (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.');
}

int rr_vfs_step(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out)
{
    if (len == 1 && name[0] == '.') {
        *out = rr_vnode_ref(dir);
        return 0;
    }
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        struct rr_vnode *root = rr_vfs_root();
        /* ".." of a mounted file system's root is ".." of the directory it covers */
        while (dir != root && dir->mount && dir == dir->mount->root && dir->mount->covered)
            dir = dir->mount->covered;
        if (dir == root) {
            *out = rr_vnode_ref(dir);
            return 0;
        }
        if (!dir->ops->lookup)
            return -ENOENT;
        return dir->ops->lookup(dir, "..", 2, out);
    }
    if (!dir->ops->lookup)
        return -ENOENT;
    int e = dir->ops->lookup(dir, name, len, out);
    if (e)
        return e;
    while ((*out)->covered_by) {
        struct rr_vnode *top = rr_vnode_ref((*out)->covered_by->root);
        rr_vnode_unref(*out);
        *out = top;
    }
    return 0;
}

static int walk(int *links, struct rr_vnode *base, const char *path, unsigned flags, struct rr_lookup *lk);

/* Resolves the target of symbolic link `link` found in `dir`. */
static int follow_link(int *links, struct rr_vnode *dir, struct rr_vnode *link, unsigned flags,
                       struct rr_lookup *lk)
{
    if (++*links > RR_SYMLOOP_MAX)
        return -ELOOP;
    if (!link->ops->readlink)
        return -EINVAL;
    char *target = rr_malloc(RR_PATH_MAX);
    if (!target)
        return -ENOMEM;
    long n = link->ops->readlink(link, target, RR_PATH_MAX - 1);
    int e;
    if (n < 0)
        e = (int)n;
    else if (n == 0)
        e = -ENOENT;
    else {
        target[n] = 0;
        e = walk(links, dir, target, flags, lk);
    }
    rr_free(target);
    return e;
}

/* A magic link leads straight to an object; it still counts against the link limit. */
static int follow_magic(int *links, struct rr_vnode *link, struct rr_vnode **out)
{
    if (++*links > RR_SYMLOOP_MAX)
        return -ELOOP;
    return link->ops->follow(link, out);
}

static void set_name(struct rr_lookup *lk, const char *s, size_t len)
{
    rr_memcpy(lk->name, s, len);
    lk->name[len] = 0;
    lk->len = len;
}

static int walk(int *links, struct rr_vnode *base, const char *path, unsigned flags, struct rr_lookup *lk)
{
    const char *p = path;
    if (!*p)
        return -ENOENT;
    struct rr_vnode *dir = rr_vnode_ref(*p == '/' ? rr_vfs_root() : base);
    while (*p == '/')
        p++;
    if (!*p) {
        /* the root itself: it has no name in any directory */
        lk->parent = dir;
        lk->vn = rr_vnode_ref(dir);
        set_name(lk, ".", 1);
        lk->dot = true;
        lk->trailing_slash = true;
        return 0;
    }
    int e;
    for (;;) {
        const char *s = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - s);
        bool slash = *p == '/';
        while (*p == '/')
            p++;
        bool last = !*p;
        if (len > RR_NAME_MAX) {
            e = -ENAMETOOLONG;
            goto fail;
        }
        if (!RR_S_ISDIR(dir->mode)) {
            e = -ENOTDIR;
            goto fail;
        }
        struct rr_vnode *child = NULL;
        e = rr_vfs_step(dir, s, len, &child);
        if (!last) {
            if (e)
                goto fail;
            if (RR_S_ISLNK(child->mode) && child->ops->follow) {
                struct rr_vnode *target;
                e = follow_magic(links, child, &target);
                rr_vnode_unref(child);
                if (e)
                    goto fail;
                child = target;
            } else if (RR_S_ISLNK(child->mode)) {
                struct rr_lookup sub = {0};
                e = follow_link(links, dir, child, RR_LOOKUP_FOLLOW, &sub);
                rr_vnode_unref(child);
                if (e)
                    goto fail;
                child = rr_vnode_ref(sub.vn);
                rr_lookup_done(&sub);
            }
            rr_vnode_unref(dir);
            dir = child;
            continue;
        }
        if (e == -ENOENT && (flags & RR_LOOKUP_PARENT)) {
            child = NULL;
            e = 0;
        }
        if (e)
            goto fail;
        /* "link/" means the directory behind the link, except to the calls that
         * remove or rename the name itself (RR_LOOKUP_PARENT without FOLLOW) */
        bool follow = (flags & RR_LOOKUP_FOLLOW) || (slash && !(flags & RR_LOOKUP_PARENT));
        if (child && RR_S_ISLNK(child->mode) && follow && child->ops->follow) {
            struct rr_vnode *target;
            e = follow_magic(links, child, &target);
            rr_vnode_unref(child);
            if (e)
                goto fail;
            if (slash && !RR_S_ISDIR(target->mode) && !(flags & RR_LOOKUP_PARENT)) {
                rr_vnode_unref(target);
                e = -ENOTDIR;
                goto fail;
            }
            lk->parent = dir;
            lk->vn = target;
            set_name(lk, s, len);
            lk->trailing_slash = slash;
            lk->magic = true;
            return 0;
        }
        if (child && RR_S_ISLNK(child->mode) && follow) {
            e = follow_link(links, dir, child, flags | RR_LOOKUP_FOLLOW, lk);
            rr_vnode_unref(child);
            rr_vnode_unref(dir);
            if (e)
                return e;
            if (slash) {
                lk->trailing_slash = true;
                if (lk->vn && !RR_S_ISDIR(lk->vn->mode) && !(flags & RR_LOOKUP_PARENT)) {
                    rr_lookup_done(lk);
                    return -ENOTDIR;
                }
            }
            return 0;
        }
        if (slash && child && !RR_S_ISDIR(child->mode) && !(flags & RR_LOOKUP_PARENT)) {
            rr_vnode_unref(child);
            e = -ENOTDIR;
            goto fail;
        }
        lk->parent = dir;
        lk->vn = child;
        set_name(lk, s, len);
        lk->trailing_slash = slash;
        lk->dot = is_dot_name(s, len);
        return 0;
    }
fail:
    rr_vnode_unref(dir);
    return e;
}

int rr_vfs_lookup(struct rr_vnode *base, const char *path, unsigned flags, struct rr_lookup *lk)
{
    rr_memset(lk, 0, sizeof(*lk));
    int links = 0;
    return walk(&links, base, path, flags, lk);
}

void rr_lookup_done(struct rr_lookup *lk)
{
    rr_vnode_unref(lk->vn);
    rr_vnode_unref(lk->parent);
    lk->vn = NULL;
    lk->parent = NULL;
}

char *rr_vfs_copy_path(const char *upath, int *err)
{
    if (!rr_user_range_ok(upath, 1)) {
        *err = -EFAULT;
        return NULL;
    }
    size_t n = rr_strnlen(upath, RR_PATH_MAX);
    if (n >= RR_PATH_MAX) {
        *err = -ENAMETOOLONG;
        return NULL;
    }
    char *s = rr_malloc(n + 1);
    if (!s) {
        *err = -ENOMEM;
        return NULL;
    }
    rr_memcpy(s, upath, n + 1);
    *err = 0;
    return s;
}

int rr_vfs_dirfd_base(int dirfd, struct rr_vnode **out)
{
    if (dirfd == RR_AT_FDCWD) {
        *out = rr_vnode_ref(rr_vfs_cwd());
        return 0;
    }
    struct rr_file *f = rr_fd_get(dirfd);
    if (!f)
        return -EBADF;
    int e = 0;
    if (RR_S_ISDIR(f->vn->mode))
        *out = rr_vnode_ref(f->vn);
    else
        e = -ENOTDIR;
    rr_file_unref(f);
    return e;
}

/* Looks up an already copied, non-empty path for the *at() calls. */
static int lookup_copied_at(int dirfd, const char *path, unsigned flags, struct rr_lookup *lk)
{
    struct rr_vnode *base = NULL;
    if (path[0] != '/') {
        int e = rr_vfs_dirfd_base(dirfd, &base);
        if (e)
            return e;
    }
    int e = rr_vfs_lookup(base ? base : rr_vfs_root(), path, flags, lk);
    rr_vnode_unref(base);
    return e;
}

int rr_vfs_lookup_at(int dirfd, const char *upath, unsigned flags, struct rr_lookup *lk)
{
    rr_memset(lk, 0, sizeof(*lk));
    int e;
    char *path = rr_vfs_copy_path(upath, &e);
    if (!path)
        return e;
    e = path[0] ? lookup_copied_at(dirfd, path, flags, lk) : -ENOENT;
    rr_free(path);
    return e;
}

int rr_vfs_resolve_at(int dirfd, const char *upath, int flags, struct rr_vnode **out)
{
    int e = 0;
    /* Only AT_EMPTY_PATH makes NULL mean "dirfd itself"; otherwise NULL is EFAULT from the copy. */
    char *path = (upath || !(flags & RR_AT_EMPTY_PATH)) ? rr_vfs_copy_path(upath, &e) : NULL;
    if (e)
        return e;
    if (!path || !path[0]) {
        rr_free(path);
        if (!(flags & RR_AT_EMPTY_PATH))
            return -ENOENT;
        if (dirfd == RR_AT_FDCWD) {
            *out = rr_vnode_ref(rr_vfs_cwd());
            return 0;
        }
        struct rr_file *f = rr_fd_get(dirfd);
        if (!f)
            return -EBADF;
        *out = rr_vnode_ref(f->vn);
        rr_file_unref(f);
        return 0;
    }
    struct rr_lookup lk;
    rr_memset(&lk, 0, sizeof(lk));
    e = lookup_copied_at(dirfd, path, (flags & RR_AT_SYMLINK_NOFOLLOW) ? 0 : RR_LOOKUP_FOLLOW, &lk);
    rr_free(path);
    if (e)
        return e;
    *out = rr_vnode_ref(lk.vn);
    rr_lookup_done(&lk);
    return 0;
}

struct find_name {
    uint64_t ino;
    char *name;
    size_t len;
    bool found;
};

static int find_name_fill(void *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype)
{
    (void)dtype;
    struct find_name *fn = ctx;
    if (ino != fn->ino || is_dot_name(name, len))
        return 0;
    rr_memcpy(fn->name, name, len);
    fn->len = len;
    fn->found = true;
    return 1;
}

long rr_vfs_path_of(struct rr_vnode *vn, char *buf, size_t size)
{
    char *tmp = rr_malloc(RR_PATH_MAX + RR_NAME_MAX + 1);
    if (!tmp)
        return -ENOMEM;
    char *name = tmp + RR_PATH_MAX;
    size_t pos = RR_PATH_MAX - 1;
    tmp[pos] = 0;
    struct rr_vnode *root = rr_vfs_root();
    struct rr_vnode *cur = rr_vnode_ref(vn);
    long e = 0;
    for (;;) {
        while (cur != root && cur->mount && cur == cur->mount->root && cur->mount->covered) {
            struct rr_vnode *under = rr_vnode_ref(cur->mount->covered);
            rr_vnode_unref(cur);
            cur = under;
        }
        if (cur == root)
            break;
        struct rr_vnode *parent;
        if (!cur->ops->lookup || cur->ops->lookup(cur, "..", 2, &parent) != 0) {
            e = -ENOENT;
            break;
        }
        struct find_name fn = { .ino = cur->ino, .name = name };
        uint64_t cookie = 0;
        if (parent->ops->readdir)
            parent->ops->readdir(parent, &cookie, find_name_fill, &fn);
        rr_vnode_unref(cur);
        cur = parent;
        if (!fn.found) {
            e = -ENOENT;
            break;
        }
        if (fn.len + 1 > pos) {
            e = -ENAMETOOLONG;
            break;
        }
        pos -= fn.len;
        rr_memcpy(tmp + pos, name, fn.len);
        tmp[--pos] = '/';
    }
    rr_vnode_unref(cur);
    if (!e) {
        if (pos == RR_PATH_MAX - 1)
            tmp[--pos] = '/';
        size_t n = RR_PATH_MAX - pos;   /* including the NUL */
        if (n > size)
            e = -ERANGE;
        else {
            rr_memcpy(buf, tmp + pos, n);
            e = (long)n;
        }
    }
    rr_free(tmp);
    return e;
}
