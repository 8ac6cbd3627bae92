/*
 * rr/vfs.h — the file layer: vnodes and their operations, mounts, path lookup,
 * open file descriptions and the descriptor table.
 *
 * Ownership rules (the whole layer relies on them):
 *  - a vnode carries an in-memory reference count. Whoever holds a pointer beyond
 *    the current call holds a reference (rr_vnode_ref/rr_vnode_unref). Directory
 *    entries are not references: a file system keeps its own link count and frees
 *    a node once it is both unlinked and unreferenced (ops->inactive).
 *  - every function that hands out a vnode or a file hands out a new reference.
 *  - the platform is one address space with cooperative scheduling: an operation
 *    is atomic unless it blocks, so the layer takes no locks. Blocking calls keep a
 *    reference on the file they use, so a concurrent close cannot free it.
 */
#pragma once

#include <rr/kern.h>
#include <rr/vfs_abi.h>

#define RR_PATH_MAX    4096
#define RR_NAME_MAX    255
#define RR_SYMLOOP_MAX 40
#define RR_FD_MAX      1024

struct rr_vnode;
struct rr_file;
struct rr_mount;
struct rr_pipe;

/* Everything stat(2) reports. */
struct rr_vattr {
    uint64_t dev, ino, nlink, rdev, size, blocks;
    uint32_t mode, uid, gid, blksize;
    struct rr_timespec atime, mtime, ctime, btime;
};

/* which rr_vattr fields a setattr call changes */
#define RR_VA_MODE  0x01
#define RR_VA_UID   0x02
#define RR_VA_GID   0x04
#define RR_VA_ATIME 0x08
#define RR_VA_MTIME 0x10
#define RR_VA_CTIME 0x20

/* readdir callback: returns non-zero to stop (the caller's buffer is full); the
 * entry is then not consumed and *cookie stays before it. A file system advances
 * *cookie past each accepted entry before it offers the next one. */
typedef int (*rr_filldir_fn)(void *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype);

/*
 * Operations of a vnode. Any member may be NULL: the generic layer then answers
 * with the Linux error for "not supported here" (EPERM for namespace changes in a
 * directory, EINVAL/ENOTDIR/EISDIR as the call's man page says) or a sensible
 * default (getattr from the vnode, files always ready for poll, ENOTTY for ioctl).
 *
 * Namespace operations receive a directory, a name (not NUL-terminated, never "."
 * or "..", at most RR_NAME_MAX bytes) and are called only after the generic layer
 * has checked existence and file types, except where noted.
 */
struct rr_vnode_ops {
    /* directories */
    int (*lookup)(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out); /* "..": the parent; -ENOENT if absent */
    int (*create)(struct rr_vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                  struct rr_vnode **out); /* regular files, devices, fifos, sockets; mode includes the type */
    int (*mkdir)(struct rr_vnode *dir, const char *name, size_t len, uint32_t mode, struct rr_vnode **out);
    int (*symlink)(struct rr_vnode *dir, const char *name, size_t len, const char *target, struct rr_vnode **out);
    int (*link)(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode *vn);
    int (*unlink)(struct rr_vnode *dir, const char *name, size_t len);
    int (*rmdir)(struct rr_vnode *dir, const char *name, size_t len);  /* checks emptiness itself */
    /* replaces an existing target (types already checked; an existing target directory
     * must be checked for emptiness by the file system); flags as renameat2 */
    int (*rename)(struct rr_vnode *olddir, const char *oldname, size_t oldlen,
                  struct rr_vnode *newdir, const char *newname, size_t newlen, unsigned flags);
    /* *cookie: 0 at the start, advanced past every entry accepted by fill */
    int (*readdir)(struct rr_vnode *dir, uint64_t *cookie, rr_filldir_fn fill, void *ctx);
    /* attributes */
    int (*getattr)(struct rr_vnode *vn, struct rr_vattr *va);
    int (*setattr)(struct rr_vnode *vn, const struct rr_vattr *va, unsigned mask);
    int (*truncate)(struct rr_vnode *vn, uint64_t size);
    long (*readlink)(struct rr_vnode *vn, char *buf, size_t size);  /* bytes copied, no NUL */
    int (*fsync)(struct rr_vnode *vn);
    /* data, through an open file */
    int (*open)(struct rr_file *f);
    void (*release)(struct rr_file *f);
    long (*read)(struct rr_file *f, void *buf, size_t n, uint64_t off);
    long (*write)(struct rr_file *f, const void *buf, size_t n, uint64_t off);
    /* optional, for streams that must take a vector whole (a socket: one segment or
     * datagram, as on Linux); without it writev is one write per piece */
    long (*writev)(struct rr_file *f, const struct rr_iovec *iov, int cnt);
    int (*poll)(struct rr_file *f, int events);  /* returns the ready subset of events (+ERR/HUP) */
    long (*ioctl)(struct rr_file *f, unsigned long cmd, unsigned long arg);
    long (*seek_data)(struct rr_vnode *vn, uint64_t off, bool hole); /* SEEK_DATA/SEEK_HOLE */
    /* a "magic" symbolic link (/proc/self/fd/N): path resolution goes straight to the
     * object it returns (referenced) instead of resolving the readlink text */
    int (*follow)(struct rr_vnode *link, struct rr_vnode **out);
    /* the name of an object outside every file system, as /proc/self/fd shows it
     * ("pipe:[12]"); bytes written, NUL-terminated */
    long (*dname)(struct rr_vnode *vn, char *buf, size_t size);
    /* MAP_SHARED: the page holding file page idx (allocated if need be), or NULL past
     * the end of the file; it must stay put while vn->shared_maps is non-zero */
    void *(*map_page)(struct rr_vnode *vn, uint64_t idx);
    bool stream;   /* no file position (ttys, pipes, sockets): lseek and pread fail with ESPIPE */
    /* sockets: the calls that take a socket descriptor (rr/socket.h); others get ENOTSOCK */
    const struct rr_socket_ops *socket;
    /* lifetime: the last reference went away */
    void (*inactive)(struct rr_vnode *vn);
};

struct rr_vnode {
    const struct rr_vnode_ops *ops;
    struct rr_mount *mount;       /* the file system it belongs to (NULL for anonymous vnodes) */
    struct rr_mount *covered_by;  /* a file system mounted on this directory */
    uint32_t refs;
    uint32_t mode;                /* type and permissions, kept current by the file system */
    uint64_t ino;
    void *fs_data;
    struct rr_pipe *fifo;         /* the pipe behind a named FIFO while it is open (vfs/pipe.c) */
    uint32_t shared_maps;         /* MAP_SHARED regions of the program on it (mm/vm.c) */
    uint64_t poll_seq;            /* when its readiness last may have changed, on rr_poll_clock */
};

void rr_vnode_init(struct rr_vnode *vn, const struct rr_vnode_ops *ops, struct rr_mount *mnt,
                   uint32_t mode, uint64_t ino);
struct rr_vnode *rr_vnode_ref(struct rr_vnode *vn);
void rr_vnode_unref(struct rr_vnode *vn);
int rr_vnode_getattr(struct rr_vnode *vn, struct rr_vattr *va);
/* A vnode outside every file system (pipes, sockets): ops->inactive releases fs_data,
 * then this layer frees the vnode itself. */
struct rr_vnode *rr_vnode_anon(const struct rr_vnode_ops *ops, uint32_t mode, void *fs_data);

/* Pollable objects call this when their readiness may have changed other than by a
 * read, write or last close through the file layer (which calls it itself): data or a
 * connection arriving from a device, a peer going away. Edge-triggered epoll watches
 * then report again. Safe in interrupt context. */
extern uint64_t rr_poll_clock;   /* counts such changes everywhere: epoll reports in their order */
static inline void rr_vnode_poll_changed(struct rr_vnode *vn)
{
    vn->poll_seq = ++rr_poll_clock;
}

/* A program buffer usable for n bytes (NULL only when n is 0): the -EFAULT test. */
static inline bool rr_vfs_user_ok(const void *p, size_t n)
{
    return n == 0 || rr_user_range_ok(p, n);
}

/* --- vfs/mount.c --- */
#define RR_MNT_RDONLY 1
struct rr_mount {
    struct rr_vnode *root;        /* holds a reference */
    struct rr_vnode *covered;     /* the directory it hides (holds a reference), NULL for / */
    const char *fstype;
    uint64_t dev;                 /* st_dev of every vnode in it */
    unsigned flags;
    int (*statfs)(struct rr_mount *m, struct rr_statfs *st);
    void *fs_data;
};
/* A new device number for a file system instance (major 0, like Linux's anonymous devices). */
uint64_t rr_vfs_new_dev(void);
/* Mounts m at path ("/" makes it the root). m must live as long as the mount. */
int rr_vfs_mount(const char *path, struct rr_mount *m);
struct rr_vnode *rr_vfs_root(void);   /* borrowed, not referenced */
/* The i-th mount in mounting order (the root first), or NULL past the last. */
struct rr_mount *rr_vfs_mount_nth(size_t i);

/* --- vfs/path.c: path resolution --- */
#define RR_LOOKUP_FOLLOW 1   /* follow a symbolic link in the last component */
#define RR_LOOKUP_PARENT 2   /* the last component may be missing: report its directory and name */
struct rr_lookup {
    struct rr_vnode *parent;      /* directory holding the last component (referenced) */
    struct rr_vnode *vn;          /* the object itself (referenced), NULL if it does not exist */
    size_t len;
    bool trailing_slash;          /* the path ended in '/' */
    bool dot;                     /* the last component was "." or "..", or the path was "/" */
    bool magic;                   /* vn came through a magic link: name and parent say nothing about it */
    char name[RR_NAME_MAX + 1];   /* the last component, NUL-terminated */
};
/* Resolves path relative to base (absolute paths start at the root). */
int rr_vfs_lookup(struct rr_vnode *base, const char *path, unsigned flags, struct rr_lookup *lk);
/* The same for a program's (dirfd, path) pair: AT_FDCWD, EBADF/ENOTDIR for dirfd, path
 * copied and checked (NULL -> EFAULT, too long -> ENAMETOOLONG, "" -> ENOENT). */
int rr_vfs_lookup_at(int dirfd, const char *upath, unsigned flags, struct rr_lookup *lk);
void rr_lookup_done(struct rr_lookup *lk);
/* The vnode (dirfd, path) names for the calls that act on it (stat, chmod, utimensat…), referenced:
 * AT_SYMLINK_NOFOLLOW, and AT_EMPTY_PATH letting "" or NULL name dirfd itself (AT_FDCWD: the cwd). */
int rr_vfs_resolve_at(int dirfd, const char *upath, int flags, struct rr_vnode **out);
/* Copies a path from the program: returns a heap copy or NULL with *err set. */
char *rr_vfs_copy_path(const char *upath, int *err);
/* The vnode a relative path starts from for dirfd (referenced). */
int rr_vfs_dirfd_base(int dirfd, struct rr_vnode **out);
/* One step: "." / ".." / a name inside dir, crossing mount points. */
int rr_vfs_step(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out);
/* Writes the absolute path of directory vn into buf (NUL-terminated); returns its
 * length including the NUL, -ERANGE if it does not fit, -ENOENT if vn was removed. */
long rr_vfs_path_of(struct rr_vnode *vn, char *buf, size_t size);

/* --- vfs/cwd.c: the program's working directory and umask --- */
struct rr_vnode *rr_vfs_cwd(void);    /* borrowed */
void rr_vfs_set_cwd(struct rr_vnode *vn);  /* takes a new reference */
uint32_t rr_vfs_umask(void);
uint32_t rr_vfs_set_umask(uint32_t mask);  /* returns the old mask */

/* --- vfs/file.c: open file descriptions --- */
struct rr_file {
    struct rr_vnode *vn;                 /* referenced */
    const struct rr_vnode_ops *io;       /* vn->ops, or a character device's operations */
    uint64_t off;
    int flags;                           /* access mode and status flags (O_APPEND, O_NONBLOCK, ...) */
    uint32_t refs;
    void *priv;                          /* the device's or file system's per-open state */
    struct rr_vnode *dir;                /* the directory it was opened in (referenced), or NULL */
    char *name;                          /* its name there (heap), for /proc/self/fd */
};
/* Makes an open file description for vn (takes its own vnode reference) and runs the
 * open operation. Checks nothing about permissions or types. */
int rr_file_open_vnode(struct rr_vnode *vn, int flags, struct rr_file **out);
/* Opens vn with flags and installs it at the lowest free descriptor: the descriptor,
 * or a negative errno. Takes over the caller's reference to vn either way. */
long rr_fd_open_vnode(struct rr_vnode *vn, int flags, bool cloexec);
struct rr_file *rr_file_ref(struct rr_file *f);
void rr_file_unref(struct rr_file *f);
bool rr_file_readable(const struct rr_file *f);
bool rr_file_writable(const struct rr_file *f);
/* Reads/writes at off without touching f->off (the pread/pwrite core). */
long rr_file_pread(struct rr_file *f, void *buf, size_t n, uint64_t off);
long rr_file_pwrite(struct rr_file *f, const void *buf, size_t n, uint64_t off);
/* Reads/writes at the file offset and advances it (O_APPEND honoured). */
long rr_file_read(struct rr_file *f, void *buf, size_t n);
long rr_file_write(struct rr_file *f, const void *buf, size_t n);
int rr_file_poll(struct rr_file *f, int events);
/* The open(2) core: resolves (dirfd, upath), creates, checks and truncates as flags say. */
int rr_vfs_open(int dirfd, const char *upath, int flags, uint32_t mode, struct rr_file **out);

/* --- vfs/file_path.c --- */
/* What readlink(/proc/self/fd/N) shows for f: its absolute path (with " (deleted)" once
 * unlinked), or the object's own name ("pipe:[N]"). Length without the NUL, or -errno. */
long rr_file_path(struct rr_file *f, char *buf, size_t size);

/* --- vfs/fdtable.c: descriptors 0..RR_FD_MAX-1 --- */
/* Installs f at the lowest free descriptor >= min (takes a new reference to f). */
int rr_fd_install(struct rr_file *f, int min, bool cloexec);
/* Installs f exactly at fd, closing what was there. */
int rr_fd_install_at(struct rr_file *f, int fd, bool cloexec);
struct rr_file *rr_fd_get(int fd);    /* referenced, or NULL if fd is not open */
int rr_fd_lowest_free(int min);       /* the descriptor rr_fd_install would use, or -EMFILE */
int rr_fd_close(int fd);
bool rr_fd_cloexec(int fd);
int rr_fd_set_cloexec(int fd, bool on);
void rr_fd_close_all(void);
/* The lowest open descriptor >= from, or -1: a way to walk the table. */
int rr_fd_next_open(int from);

/* --- vfs/chrdev.c: character devices behind S_IFCHR nodes --- */
int rr_chrdev_register(uint32_t major, uint32_t minor, const struct rr_vnode_ops *ops);
const struct rr_vnode_ops *rr_chrdev_lookup(uint64_t rdev);

/* --- vfs/ramfs.c: the writable in-memory file system --- */
struct rr_mount *rr_ramfs_new(uint32_t root_mode);

/* --- vfs/procfs.c: /proc --- */
struct rr_mount *rr_procfs_new(void);
