/*
 * procfs: /proc for the one process there is (pid 1). The tree is a fixed
 * table except /proc/1/fd, which lists the open descriptors as magic links.
 * A vnode is made per lookup and freed with its last reference; the inode
 * numbers come from the table, so two lookups of one name agree. A file's text
 * is generated when it is opened, so one open file reads one consistent snapshot.
 */
#include <rr/vfs_proc.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define FD_INO_BASE 0x10000

enum proc_kind { P_DIR, P_FILE, P_LINK, P_FD_DIR, P_FD_LINK, P_CWD };

struct proc_entry {
    const char *name;
    enum proc_kind kind;
    uint32_t perm;
    uint64_t ino;
    rr_proc_gen gen;                      /* a file's contents, a link's text */
    const struct proc_entry *children;    /* P_DIR: terminated by a NULL name */
    const struct proc_entry *parent;      /* directories: what ".." is; NULL: the root */
};

struct proc_node {
    struct rr_vnode vn;
    const struct proc_entry *ent;
    int fd;                               /* P_FD_LINK */
};

static void link_self(struct rr_proc_text *t) { rr_proc_put(t, "1", 1); }
static void link_mounts(struct rr_proc_text *t) { rr_proc_put(t, "self/mounts", 11); }
static void link_thread_self(struct rr_proc_text *t) { rr_proc_put(t, "1/task/1", 8); }
static void link_root(struct rr_proc_text *t) { rr_proc_put(t, "/", 1); }

static const struct proc_entry root_dir, pid_dir;

static const struct proc_entry pid_entries[] = {
    { "cmdline", P_FILE, 0444, 101, rr_proc_cmdline, NULL, NULL },
    { "comm", P_FILE, 0644, 102, rr_proc_comm, NULL, NULL },
    { "cwd", P_CWD, 0777, 103, NULL, NULL, NULL },
    { "environ", P_FILE, 0400, 104, rr_proc_environ, NULL, NULL },
    { "exe", P_LINK, 0777, 105, rr_proc_exe, NULL, NULL },
    { "fd", P_FD_DIR, 0500, 106, NULL, NULL, &pid_dir },
    { "maps", P_FILE, 0444, 107, rr_proc_maps, NULL, NULL },
    { "mounts", P_FILE, 0444, 108, rr_proc_mounts, NULL, NULL },
    { "root", P_LINK, 0777, 109, link_root, NULL, NULL },
    { "stat", P_FILE, 0444, 110, rr_proc_stat, NULL, NULL },
    { "status", P_FILE, 0444, 111, rr_proc_status, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
};

static const struct proc_entry root_entries[] = {
    { "1", P_DIR, 0555, 2, NULL, pid_entries, &root_dir },
    { "cpuinfo", P_FILE, 0444, 3, rr_proc_cpuinfo, NULL, NULL },
    { "filesystems", P_FILE, 0444, 4, rr_proc_filesystems, NULL, NULL },
    { "loadavg", P_FILE, 0444, 5, rr_proc_loadavg, NULL, NULL },
    { "meminfo", P_FILE, 0444, 6, rr_proc_meminfo, NULL, NULL },
    { "mounts", P_LINK, 0777, 7, link_mounts, NULL, NULL },
    { "self", P_LINK, 0777, 8, link_self, NULL, NULL },
    { "thread-self", P_LINK, 0777, 9, link_thread_self, NULL, NULL },
    { "uptime", P_FILE, 0444, 10, rr_proc_uptime, NULL, NULL },
    { "version", P_FILE, 0444, 11, rr_proc_version, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
};

static const struct proc_entry root_dir = { "", P_DIR, 0555, 1, NULL, root_entries, NULL };
static const struct proc_entry pid_dir = { "1", P_DIR, 0555, 2, NULL, pid_entries, &root_dir };

static const struct rr_vnode_ops proc_ops, proc_magic_ops;

static struct proc_node *node_of(struct rr_vnode *vn)
{
    return (struct proc_node *)vn;
}

static uint32_t type_of(enum proc_kind k)
{
    switch (k) {
    case P_DIR:
    case P_FD_DIR:
        return RR_S_IFDIR;
    case P_FILE:
        return RR_S_IFREG;
    default:
        return RR_S_IFLNK;
    }
}

/* /proc/1/fd/N shows the access the descriptor has, as Linux does. */
static uint32_t fd_link_perm(int fd)
{
    struct rr_file *f = rr_fd_get(fd);
    uint32_t perm = 0;
    if (f) {
        if (rr_file_readable(f))
            perm |= 0500;
        if (rr_file_writable(f))
            perm |= 0300;
        rr_file_unref(f);
    }
    return perm;
}

static int make_node(struct rr_mount *m, const struct proc_entry *ent, int fd, struct rr_vnode **out)
{
    if (ent == &root_dir) {
        *out = rr_vnode_ref(m->root);
        return 0;
    }
    struct proc_node *n = rr_zalloc(sizeof(*n));
    if (!n)
        return -ENOMEM;
    uint32_t perm = ent->kind == P_FD_LINK ? fd_link_perm(fd) : ent->perm;
    uint64_t ino = ent->kind == P_FD_LINK ? FD_INO_BASE + (uint64_t)fd : ent->ino;
    bool magic = ent->kind == P_FD_LINK || ent->kind == P_CWD;
    rr_vnode_init(&n->vn, magic ? &proc_magic_ops : &proc_ops, m, type_of(ent->kind) | perm, ino);
    n->ent = ent;
    n->fd = fd;
    *out = &n->vn;
    return 0;
}

/* the one entry that describes every /proc/1/fd/N */
static const struct proc_entry fd_link = { "", P_FD_LINK, 0, 0, NULL, NULL, NULL };

static bool parse_fd(const char *name, size_t len, int *fd)
{
    if (len == 0 || len > 4 || (len > 1 && name[0] == '0'))
        return false;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        v = v * 10 + (name[i] - '0');
    }
    *fd = v;
    return v < RR_FD_MAX;
}

static int proc_lookup(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out)
{
    const struct proc_entry *ent = node_of(dir)->ent;
    if (len == 2 && name[0] == '.' && name[1] == '.')
        return make_node(dir->mount, ent->parent ? ent->parent : &root_dir, -1, out);
    if (ent->kind == P_FD_DIR) {
        int fd;
        if (!parse_fd(name, len, &fd) || rr_fd_next_open(fd) != fd)
            return -ENOENT;
        return make_node(dir->mount, &fd_link, fd, out);
    }
    for (const struct proc_entry *c = ent->children; c && c->name; c++)
        if (rr_strlen(c->name) == len && rr_memcmp(c->name, name, len) == 0)
            return make_node(dir->mount, c, -1, out);
    return -ENOENT;
}

static int proc_readdir(struct rr_vnode *dir, uint64_t *cookie, rr_filldir_fn fill, void *ctx)
{
    const struct proc_entry *ent = node_of(dir)->ent;
    if (*cookie == 0) {
        if (fill(ctx, ".", 1, dir->ino, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = 1;
    }
    if (*cookie == 1) {
        uint64_t up = ent->parent ? ent->parent->ino : dir->ino;
        if (fill(ctx, "..", 2, up, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = 2;
    }
    if (ent->kind == P_FD_DIR) {
        /* cookie = 2 + the next descriptor to list */
        for (int fd = rr_fd_next_open((int)(*cookie - 2)); fd >= 0; fd = rr_fd_next_open(fd + 1)) {
            char name[8];
            int n = rr_snprintf(name, sizeof(name), "%d", fd);
            if (fill(ctx, name, (size_t)n, FD_INO_BASE + (uint64_t)fd, RR_DT_FROM_MODE(RR_S_IFLNK)))
                return 0;
            *cookie = 3 + (uint64_t)fd;
        }
        *cookie = 2 + RR_FD_MAX;
        return 0;
    }
    uint64_t i = 0;
    for (const struct proc_entry *c = ent->children; c && c->name; c++, i++) {
        if (i + 2 < *cookie)
            continue;
        if (fill(ctx, c->name, rr_strlen(c->name), c->ino, RR_DT_FROM_MODE(type_of(c->kind))))
            return 0;
        *cookie = i + 3;
    }
    return 0;
}

static int proc_getattr(struct rr_vnode *vn, struct rr_vattr *va)
{
    uint64_t ns = rr_realtime_ns_coarse();
    struct rr_timespec now = { (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
    va->atime = va->mtime = va->ctime = va->btime = now;
    va->blksize = 1024;
    if (RR_S_ISDIR(vn->mode))
        va->nlink = 2;
    else if (node_of(vn)->ent->kind == P_FD_LINK)
        va->size = 64;   /* as Linux: the size of a descriptor link is not its text's */
    return 0;
}

/* The text of a file or link; NULL when out of memory. */
static char *generate(struct proc_node *n, size_t *len)
{
    struct rr_proc_text t = {0};
    n->ent->gen(&t);
    if (t.failed || (!t.buf && !(t.buf = rr_zalloc(1)))) {
        rr_free(t.buf);
        return NULL;
    }
    *len = t.len;
    return t.buf;
}

static long copy_link(const char *text, size_t len, char *buf, size_t size)
{
    size_t n = len < size ? len : size;
    rr_memcpy(buf, text, n);
    return (long)n;
}

static long proc_readlink(struct rr_vnode *vn, char *buf, size_t size)
{
    struct proc_node *n = node_of(vn);
    if (n->ent->kind == P_FD_LINK) {
        struct rr_file *f = rr_fd_get(n->fd);
        if (!f)
            return -ENOENT;
        char *tmp = rr_malloc(RR_PATH_MAX);
        long r = tmp ? rr_file_path(f, tmp, RR_PATH_MAX) : -ENOMEM;
        if (r >= 0)
            r = copy_link(tmp, (size_t)r, buf, size);
        rr_free(tmp);
        rr_file_unref(f);
        return r;
    }
    if (n->ent->kind == P_CWD) {
        char *tmp = rr_malloc(RR_PATH_MAX);
        long r = tmp ? rr_vfs_path_of(rr_vfs_cwd(), tmp, RR_PATH_MAX) : -ENOMEM;
        if (r > 0)
            r = copy_link(tmp, (size_t)r - 1, buf, size);
        rr_free(tmp);
        return r;
    }
    if (n->ent->kind != P_LINK)
        return -EINVAL;
    size_t len;
    char *text = generate(n, &len);
    if (!text)
        return -ENOMEM;
    long r = copy_link(text, len, buf, size);
    rr_free(text);
    return r;
}

static int proc_follow(struct rr_vnode *vn, struct rr_vnode **out)
{
    struct proc_node *n = node_of(vn);
    if (n->ent->kind == P_CWD) {
        *out = rr_vnode_ref(rr_vfs_cwd());
        return 0;
    }
    struct rr_file *f = rr_fd_get(n->fd);
    if (!f)
        return -ENOENT;
    *out = rr_vnode_ref(f->vn);
    rr_file_unref(f);
    return 0;
}

struct proc_open_text {
    char *buf;
    size_t len;
};

static int proc_open(struct rr_file *f)
{
    struct proc_node *n = node_of(f->vn);
    if (n->ent->kind != P_FILE)
        return 0;
    if (rr_file_writable(f))
        return -EACCES;
    struct proc_open_text *t = rr_malloc(sizeof(*t));
    if (!t)
        return -ENOMEM;
    t->buf = generate(n, &t->len);
    if (!t->buf) {
        rr_free(t);
        return -ENOMEM;
    }
    f->priv = t;
    return 0;
}

static void proc_release(struct rr_file *f)
{
    struct proc_open_text *t = f->priv;
    if (t) {
        rr_free(t->buf);
        rr_free(t);
    }
}

static long proc_read(struct rr_file *f, void *buf, size_t count, uint64_t off)
{
    struct proc_open_text *t = f->priv;
    if (!t)
        return -EINVAL;
    if (off >= t->len)
        return 0;
    size_t n = t->len - off < count ? t->len - off : count;
    rr_memcpy(buf, t->buf + off, n);
    return (long)n;
}

static void proc_inactive(struct rr_vnode *vn)
{
    if (vn != vn->mount->root)
        rr_free(node_of(vn));
}

/* Only descriptor and cwd links are magic; the rest resolve by their text. */
static const struct rr_vnode_ops proc_ops = {
    .lookup = proc_lookup,
    .readdir = proc_readdir,
    .getattr = proc_getattr,
    .readlink = proc_readlink,
    .open = proc_open,
    .release = proc_release,
    .read = proc_read,
    .inactive = proc_inactive,
};

static const struct rr_vnode_ops proc_magic_ops = {
    .getattr = proc_getattr,
    .readlink = proc_readlink,
    .follow = proc_follow,
    .inactive = proc_inactive,
};

static int proc_statfs(struct rr_mount *m, struct rr_statfs *st)
{
    (void)m;
    st->f_type = PROC_SUPER_MAGIC;
    st->f_bsize = RR_PAGE_SIZE;
    st->f_namelen = RR_NAME_MAX;
    return 0;
}

struct rr_mount *rr_procfs_new(void)
{
    struct rr_mount *m = rr_zalloc(sizeof(*m));
    struct proc_node *root = rr_zalloc(sizeof(*root));
    if (!m || !root) {
        rr_free(m);
        rr_free(root);
        return NULL;
    }
    m->fstype = "proc";
    m->dev = rr_vfs_new_dev();
    m->statfs = proc_statfs;
    rr_vnode_init(&root->vn, &proc_ops, m, RR_S_IFDIR | root_dir.perm, root_dir.ino);
    root->ent = &root_dir;
    root->fd = -1;
    m->root = &root->vn;
    return m;
}
