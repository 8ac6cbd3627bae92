/*
 * rr/vfs_abi.h — the Linux x86-64 user ABI of the file system calls: flag values
 * and structure layouts exactly as the program's C library (musl) passes them.
 * Everything carries an RR_ / rr_ prefix so that host unit tests can include this
 * next to the host C library's own headers.
 */
#pragma once

#include <stdint.h>

/* open(2) flags (octal, as in the Linux x86-64 ABI) */
#define RR_O_ACCMODE     0003
#define RR_O_RDONLY      00
#define RR_O_WRONLY      01
#define RR_O_RDWR        02
#define RR_O_CREAT       0100
#define RR_O_EXCL        0200
#define RR_O_NOCTTY      0400
#define RR_O_TRUNC       01000
#define RR_O_APPEND      02000
#define RR_O_NONBLOCK    04000
#define RR_O_DSYNC       010000
#define RR_O_ASYNC       020000
#define RR_O_DIRECT      040000
#define RR_O_LARGEFILE   0100000
#define RR_O_DIRECTORY   0200000
#define RR_O_NOFOLLOW    0400000
#define RR_O_NOATIME     01000000
#define RR_O_CLOEXEC     02000000
#define RR_O_SYNC        04010000
#define RR_O_PATH        010000000
#define RR_O_TMPFILE     020200000
/* flags F_SETFL may change; the rest of the status flags are fixed at open */
#define RR_O_SETFL_MASK  (RR_O_APPEND | RR_O_NONBLOCK | RR_O_ASYNC | RR_O_DIRECT | RR_O_NOATIME)

/* *at() conventions */
#define RR_AT_FDCWD            (-100)
#define RR_AT_SYMLINK_NOFOLLOW 0x100
#define RR_AT_REMOVEDIR        0x200
#define RR_AT_EACCESS          0x200
#define RR_AT_SYMLINK_FOLLOW   0x400
#define RR_AT_NO_AUTOMOUNT     0x800
#define RR_AT_EMPTY_PATH       0x1000
#define RR_AT_STATX_SYNC_TYPE  0x6000

#define RR_RENAME_NOREPLACE 1
#define RR_RENAME_EXCHANGE  2
#define RR_RENAME_WHITEOUT  4

/* access(2) */
#define RR_F_OK 0
#define RR_X_OK 1
#define RR_W_OK 2
#define RR_R_OK 4

/* file types and permission bits */
#define RR_S_IFMT   0170000
#define RR_S_IFSOCK 0140000
#define RR_S_IFLNK  0120000
#define RR_S_IFREG  0100000
#define RR_S_IFBLK  0060000
#define RR_S_IFDIR  0040000
#define RR_S_IFCHR  0020000
#define RR_S_IFIFO  0010000
#define RR_S_ISUID  04000
#define RR_S_ISGID  02000
#define RR_S_ISVTX  01000
#define RR_S_IALLUGO 07777
#define RR_S_ISTYPE(m, t) (((m) & RR_S_IFMT) == (t))
#define RR_S_ISDIR(m)  RR_S_ISTYPE(m, RR_S_IFDIR)
#define RR_S_ISREG(m)  RR_S_ISTYPE(m, RR_S_IFREG)
#define RR_S_ISLNK(m)  RR_S_ISTYPE(m, RR_S_IFLNK)
#define RR_S_ISCHR(m)  RR_S_ISTYPE(m, RR_S_IFCHR)
#define RR_S_ISBLK(m)  RR_S_ISTYPE(m, RR_S_IFBLK)
#define RR_S_ISFIFO(m) RR_S_ISTYPE(m, RR_S_IFIFO)
#define RR_S_ISSOCK(m) RR_S_ISTYPE(m, RR_S_IFSOCK)

/* directory entry types: the file type bits shifted down */
#define RR_DT_UNKNOWN 0
#define RR_DT_FROM_MODE(m) (((m) & RR_S_IFMT) >> 12)

/* device numbers in the glibc/musl encoding of dev_t */
#define RR_MKDEV(ma, mi) \
    ((((uint64_t)(ma) & 0xfffff000ULL) << 32) | (((uint64_t)(ma) & 0xfffULL) << 8) | \
     (((uint64_t)(mi) & 0xffffff00ULL) << 12) | ((uint64_t)(mi) & 0xffULL))
#define RR_DEV_MAJOR(d) ((uint32_t)((((d) >> 32) & 0xfffff000ULL) | (((d) >> 8) & 0xfffULL)))
#define RR_DEV_MINOR(d) ((uint32_t)((((d) >> 12) & 0xffffff00ULL) | ((d) & 0xffULL)))

/* lseek whence */
#define RR_SEEK_SET  0
#define RR_SEEK_CUR  1
#define RR_SEEK_END  2
#define RR_SEEK_DATA 3
#define RR_SEEK_HOLE 4

/* fcntl */
#define RR_F_DUPFD         0
#define RR_F_GETFD         1
#define RR_F_SETFD         2
#define RR_F_GETFL         3
#define RR_F_SETFL         4
#define RR_F_GETLK         5
#define RR_F_SETLK         6
#define RR_F_SETLKW        7
#define RR_F_SETOWN        8
#define RR_F_GETOWN        9
#define RR_F_SETSIG        10
#define RR_F_GETSIG        11
#define RR_F_SETOWN_EX     15
#define RR_F_GETOWN_EX     16
#define RR_F_OFD_GETLK     36
#define RR_F_OFD_SETLK     37
#define RR_F_OFD_SETLKW    38
#define RR_F_SETLEASE      1024
#define RR_F_GETLEASE      1025
#define RR_F_NOTIFY        1026
#define RR_F_DUPFD_CLOEXEC 1030
#define RR_F_SETPIPE_SZ    1031
#define RR_F_GETPIPE_SZ    1032
#define RR_F_ADD_SEALS     1033
#define RR_F_GET_SEALS     1034
#define RR_FD_CLOEXEC      1
#define RR_F_RDLCK 0
#define RR_F_WRLCK 1
#define RR_F_UNLCK 2

/* ioctl requests */
#define RR_TCGETS     0x5401
#define RR_TCSETS     0x5402
#define RR_TCSETSW    0x5403
#define RR_TCSETSF    0x5404
#define RR_TCSBRK     0x5409
#define RR_TCXONC     0x540A
#define RR_TCFLSH     0x540B
#define RR_TIOCSCTTY  0x540E
#define RR_TIOCGPGRP  0x540F
#define RR_TIOCSPGRP  0x5410
#define RR_TIOCOUTQ   0x5411
#define RR_TIOCGWINSZ 0x5413
#define RR_TIOCSWINSZ 0x5414
#define RR_FIONREAD   0x541B
#define RR_TIOCNOTTY  0x5422
#define RR_FIONBIO    0x5421
#define RR_TIOCGSID   0x5429
#define RR_TIOCGPTN   0x80045430
#define RR_FIONCLEX   0x5450
#define RR_FIOCLEX    0x5451
#define RR_FIOASYNC   0x5452

/* termios flags the console honours or reports */
#define RR_ICRNL   0000400
#define RR_IXON    0002000
#define RR_OPOST   0000001
#define RR_ONLCR   0000004
#define RR_CS8     0000060
#define RR_CREAD   0000200
#define RR_HUPCL   0002000
#define RR_CLOCAL  0004000
#define RR_B115200 0010002
#define RR_ISIG    0000001
#define RR_ICANON  0000002
#define RR_ECHO    0000010
#define RR_ECHOE   0000020
#define RR_ECHOK   0000040
#define RR_ECHOCTL 0001000
#define RR_ECHOKE  0004000
#define RR_IEXTEN  0100000
#define RR_VINTR 0
#define RR_VQUIT 1
#define RR_VERASE 2
#define RR_VKILL 3
#define RR_VEOF 4
#define RR_VTIME 5
#define RR_VMIN 6
#define RR_VSTART 8
#define RR_VSTOP 9
#define RR_VSUSP 10
#define RR_VREPRINT 12
#define RR_VDISCARD 13
#define RR_VWERASE 14
#define RR_VLNEXT 15
#define RR_NCCS 19

/* poll events */
#define RR_POLLIN     0x001
#define RR_POLLPRI    0x002
#define RR_POLLOUT    0x004
#define RR_POLLERR    0x008
#define RR_POLLHUP    0x010
#define RR_POLLNVAL   0x020
#define RR_POLLRDNORM 0x040
#define RR_POLLRDBAND 0x080
#define RR_POLLWRNORM 0x100
#define RR_POLLWRBAND 0x200
#define RR_POLLRDHUP  0x2000

/* statx mask bits */
#define RR_STATX_TYPE        0x001
#define RR_STATX_MODE        0x002
#define RR_STATX_NLINK       0x004
#define RR_STATX_UID         0x008
#define RR_STATX_GID         0x010
#define RR_STATX_ATIME       0x020
#define RR_STATX_MTIME       0x040
#define RR_STATX_CTIME       0x080
#define RR_STATX_INO         0x100
#define RR_STATX_SIZE        0x200
#define RR_STATX_BLOCKS      0x400
#define RR_STATX_BASIC_STATS 0x7ff
#define RR_STATX_BTIME       0x800
#define RR_STATX__RESERVED   0x80000000U

/* utimensat special nanosecond values */
#define RR_UTIME_NOW  ((1L << 30) - 1)
#define RR_UTIME_OMIT ((1L << 30) - 2)

struct rr_timespec { int64_t tv_sec; int64_t tv_nsec; };
struct rr_timeval { int64_t tv_sec; int64_t tv_usec; };
struct rr_iovec { void *iov_base; uint64_t iov_len; };

struct rr_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    int32_t __pad0;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    struct rr_timespec st_atim;
    struct rr_timespec st_mtim;
    struct rr_timespec st_ctim;
    int64_t __unused[3];
};
_Static_assert(sizeof(struct rr_stat) == 144, "struct stat is 144 bytes on x86-64");

struct rr_statx_timestamp { int64_t tv_sec; uint32_t tv_nsec; int32_t __reserved; };
struct rr_statx {
    uint32_t stx_mask;
    uint32_t stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink;
    uint32_t stx_uid;
    uint32_t stx_gid;
    uint16_t stx_mode;
    uint16_t __spare0;
    uint64_t stx_ino;
    uint64_t stx_size;
    uint64_t stx_blocks;
    uint64_t stx_attributes_mask;
    struct rr_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor;
    uint32_t stx_dev_major, stx_dev_minor;
    uint64_t __spare2[14];
};
_Static_assert(sizeof(struct rr_statx) == 256, "struct statx is 256 bytes");

struct rr_statfs {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct rr_statfs) == 120, "struct statfs is 120 bytes on x86-64");
#define RR_TMPFS_MAGIC 0x01021994
#define RR_ST_RDONLY   1
#define RR_ST_NOSUID   2

struct rr_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};

/* the kernel's struct termios (what TCGETS/TCSETS copy; no speed fields) */
struct rr_termios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[RR_NCCS];
};
_Static_assert(sizeof(struct rr_termios) == 36, "kernel termios is 36 bytes");

struct rr_winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };

struct rr_pollfd { int32_t fd; int16_t events; int16_t revents; };

struct rr_flock {
    int16_t l_type;
    int16_t l_whence;
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
};

#define RR_FD_SETSIZE 1024
