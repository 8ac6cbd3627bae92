/* The file calls real programs use, with the results Linux gives: open flags, names,
 * links, attributes, times, sizes, descriptors, directories. One line per call. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

static const char *errname(int e)
{
    static const struct { int e; const char *n; } names[] = {
        { EACCES, "EACCES" }, { EBADF, "EBADF" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
        { EFAULT, "EFAULT" }, { EINVAL, "EINVAL" }, { EISDIR, "EISDIR" }, { ELOOP, "ELOOP" },
        { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOENT, "ENOENT" }, { ENOTDIR, "ENOTDIR" },
        { ENOTEMPTY, "ENOTEMPTY" }, { ENXIO, "ENXIO" }, { EPERM, "EPERM" }, { ESPIPE, "ESPIPE" },
        { EXDEV, "EXDEV" }, { ERANGE, "ERANGE" }, { EOVERFLOW, "EOVERFLOW" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].e == e)
            return names[i].n;
    return "other";
}

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errname(errno));
    else
        printf("%s = %ld\n", what, r);
}
#define SHOW(expr) report(#expr, (long)(expr))

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the names in a directory, sorted (file systems differ in order), with their types */
static void list(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("list %s: %s\n", path, errname(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : e->d_type == DT_FIFO ? "|" : "");
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("list %s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void show_stat(const char *path, int follow)
{
    struct stat st;
    int r = follow ? stat(path, &st) : lstat(path, &st);
    if (r < 0) {
        printf("stat %s: %s\n", path, errname(errno));
        return;
    }
    const char *type = S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link"
                     : S_ISFIFO(st.st_mode) ? "fifo" : "other";
    printf("stat %s: %s mode %o links %lu", path, type, (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink);
    if (!S_ISDIR(st.st_mode))
        printf(" size %ld", (long)st.st_size);
    printf("\n");
}

static void show_file(const char *path)
{
    char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("read %s: %s\n", path, errname(errno));
        return;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    for (ssize_t i = 0; i < n; i++)
        if (!buf[i])
            buf[i] = '.';
    printf("read %s: [%s]\n", path, buf);
}

int main(void)
{
    char top[64], buf[512];
    snprintf(top, sizeof top, "/tmp/rr-files-%d", (int)getpid());
    SHOW(mkdir(top, 0755));
    SHOW(chdir(top));
    SHOW(umask(022));

    /* open flags */
    SHOW(open("f", O_RDONLY));
    SHOW(open("f", O_WRONLY | O_CREAT | O_EXCL, 0666));
    SHOW(open("f", O_WRONLY | O_CREAT | O_EXCL, 0666));
    show_stat("f", 1);
    SHOW(write(3, "hello world", 11));
    SHOW(close(3));
    SHOW(open("f", O_RDONLY | O_DIRECTORY));
    SHOW(open("f/", O_RDONLY));
    SHOW(open("f", O_RDWR | O_TRUNC));
    show_stat("f", 1);
    SHOW(write(3, "abc", 3));
    SHOW(close(3));
    SHOW(open("f", O_WRONLY | O_APPEND));
    SHOW(lseek(3, 0, SEEK_SET));
    SHOW(write(3, "def", 3));
    SHOW(lseek(3, 0, SEEK_CUR));
    SHOW(pwrite(3, "X", 1, 0));
    SHOW(close(3));
    show_file("f");
    SHOW(open(".", O_RDWR));
    SHOW(open(".", O_WRONLY | O_CREAT, 0644));
    SHOW(open("nodir/x", O_WRONLY | O_CREAT, 0644));
    SHOW(open("newdir/", O_WRONLY | O_CREAT, 0644));
    SHOW(creat("c", 0640));
    SHOW(fcntl(3, F_GETFL) & O_ACCMODE);
    SHOW(close(3));
    show_stat("c", 1);

    /* O_PATH, O_CLOEXEC, O_NOFOLLOW */
    SHOW(symlink("f", "lf"));
    SHOW(symlink("missing", "dangling"));
    SHOW(open("lf", O_RDONLY | O_NOFOLLOW));
    SHOW(open("lf", O_PATH | O_NOFOLLOW));
    SHOW(read(3, buf, 1));
    SHOW(fcntl(3, F_GETFL) & O_PATH ? 1 : 0);
    SHOW(close(3));
    SHOW(open("lf", O_RDONLY | O_CLOEXEC));
    SHOW(fcntl(3, F_GETFD));
    SHOW(fcntl(3, F_SETFD, 0));
    SHOW(fcntl(3, F_GETFD));
    SHOW(close(3));
    SHOW(open("dangling", O_RDONLY));
    SHOW(open("dangling", O_WRONLY | O_CREAT, 0600));
    SHOW(close(3));
    show_stat("missing", 0);

    /* links */
    SHOW(readlink("lf", buf, sizeof buf));
    SHOW(readlink("f", buf, sizeof buf));
    SHOW(readlink("lf", buf, 0));
    SHOW(link("f", "hard"));
    SHOW(link("f", "hard"));
    show_stat("f", 1);
    SHOW(link("lf", "hardlink-to-link"));
    show_stat("hardlink-to-link", 0);
    SHOW(linkat(AT_FDCWD, "lf", AT_FDCWD, "hard2", AT_SYMLINK_FOLLOW));
    show_stat("hard2", 0);
    show_stat("lf", 0);
    show_stat("lf", 1);

    /* directories */
    SHOW(mkdir("d", 0750));
    SHOW(mkdir("d", 0750));
    SHOW(mkdir("d/e/f", 0750));
    SHOW(mkdir("d/e", 0777));
    show_stat("d", 1);
    show_stat("d/e", 1);
    SHOW(rmdir("d"));
    SHOW(rmdir("d/e/."));
    SHOW(rmdir("f"));
    SHOW(unlink("d"));
    SHOW(unlink("lf/"));
    list(".");
    list("d");
    list("f");

    /* rename and renameat2 */
    SHOW(rename("c", "c2"));
    SHOW(rename("c2", "d"));
    SHOW(rename("d", "c2"));
    SHOW(rename("d", "d/e/inside"));
    SHOW(rename("d/e", "e-moved"));
    show_stat("d", 1);
    SHOW(rename("e-moved", "d/e"));
    SHOW(mkdir("full", 0755));
    SHOW(mkdir("full/x", 0755));
    SHOW(rename("d", "full"));
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "c2", RENAME_NOREPLACE));
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "c2", RENAME_EXCHANGE));
    show_stat("f", 1);
    show_stat("c2", 1);
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "nothere", RENAME_EXCHANGE));
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "c2", RENAME_EXCHANGE | RENAME_NOREPLACE));
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "d", AT_FDCWD, "c2", RENAME_EXCHANGE));
    show_stat("d", 1);
    SHOW(syscall(SYS_renameat2, AT_FDCWD, "c2", AT_FDCWD, "d", RENAME_EXCHANGE));
    SHOW(rename("hard", "hard2"));
    SHOW(rename("f", "hard"));
    list(".");

    /* attributes */
    SHOW(chmod("c2", 04751));
    show_stat("c2", 1);
    SHOW(chmod("dangling", 0600));
    show_stat("missing", 1);
    SHOW(fchmodat(AT_FDCWD, "lf", 0600, AT_SYMLINK_NOFOLLOW));
    SHOW(access("c2", F_OK));
    SHOW(access("c2", X_OK));
    SHOW(chmod("c2", 0644));
    SHOW(access("c2", X_OK));
    SHOW(access("c2", R_OK | W_OK));
    SHOW(access("nothere", F_OK));
    SHOW(access("c2", 8));
    SHOW(syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
    SHOW(syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK, 0));
    SHOW(syscall(SYS_faccessat2, AT_FDCWD, "c2", F_OK, 0x8000));

    /* times */
    struct timespec ts[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
    SHOW(utimensat(AT_FDCWD, "c2", ts, 0));
    struct stat st;
    stat("c2", &st);
    printf("atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    ts[0].tv_nsec = UTIME_OMIT;
    ts[1] = (struct timespec){ 1300000000, 0 };
    SHOW(utimensat(AT_FDCWD, "c2", ts, 0));
    stat("c2", &st);
    printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
    ts[0].tv_nsec = UTIME_NOW;
    ts[1].tv_nsec = UTIME_OMIT;
    SHOW(utimensat(AT_FDCWD, "c2", ts, 0));
    stat("c2", &st);
    printf("atime recent %d mtime %ld\n", st.st_atim.tv_sec > 1600000000, (long)st.st_mtim.tv_sec);
    ts[0].tv_nsec = 1000000000;
    SHOW(utimensat(AT_FDCWD, "c2", ts, 0));
    SHOW(utimensat(AT_FDCWD, "nothere", NULL, 0));
    SHOW(utimensat(AT_FDCWD, "c2", NULL, 0));
    stat("c2", &st);
    printf("mtime recent %d\n", st.st_mtim.tv_sec > 1600000000);
    int tfd = open("c2", O_RDONLY);
    ts[0] = (struct timespec){ 1100000000, 0 };
    ts[1] = (struct timespec){ 1150000000, 0 };
    SHOW(futimens(tfd, ts));
    stat("c2", &st);
    printf("futimens atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
    SHOW(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0));
    SHOW(syscall(SYS_fchmodat, AT_FDCWD, NULL, 0644));
    SHOW(syscall(SYS_fchownat, tfd, NULL, 0, 0, 0));
    close(tfd);
    int lfd = open("lf", O_PATH | O_NOFOLLOW);
    ssize_t ln = readlinkat(lfd, "", buf, sizeof buf - 1);
    printf("readlinkat empty path %zd %.*s\n", ln, ln > 0 ? (int)ln : 0, buf);
    close(lfd);

    /* sizes, holes */
    SHOW(truncate("c2", 5000));
    show_stat("c2", 1);
    SHOW(open("c2", O_RDWR));
    SHOW(pread(3, buf, 10, 4990));
    printf("tail zero %d\n", buf[0] == 0 && buf[9] == 0);
    SHOW(ftruncate(3, 2));
    SHOW(ftruncate(3, -1));
    SHOW(lseek(3, 10, SEEK_END));
    SHOW(write(3, "Z", 1));
    SHOW(lseek(3, 0, SEEK_SET));
    SHOW(read(3, buf, sizeof buf));
    printf("zeros between %d\n", buf[2] == 0 && buf[11] == 0 && buf[12] == 'Z');
    SHOW(lseek(3, -100, SEEK_SET));
    SHOW(lseek(3, 0, 99));
    SHOW(lseek(3, 1048576, SEEK_SET));
    SHOW(write(3, "end", 3));
    SHOW(lseek(3, 0, SEEK_DATA));
    SHOW(lseek(3, 0, SEEK_HOLE));
    SHOW(lseek(3, 8192, SEEK_DATA));
    SHOW(lseek(3, 2000000, SEEK_DATA));
    SHOW(fsync(3));
    SHOW(fdatasync(3));
    SHOW(ftruncate(open("c2", O_RDONLY), 0));
    SHOW(close(3));
    SHOW(close(4));
    SHOW(truncate("d", 0));

    /* descriptors */
    SHOW(open("c2", O_RDONLY));
    SHOW(dup(3));
    SHOW(dup2(3, 10));
    SHOW(dup2(3, 3));
    SHOW(dup2(99, 3));
    SHOW(dup3(3, 3, 0));
    SHOW(dup3(3, 11, O_CLOEXEC));
    SHOW(fcntl(11, F_GETFD));
    SHOW(fcntl(3, F_DUPFD, 20));
    SHOW(fcntl(3, F_DUPFD_CLOEXEC, 20));
    SHOW(fcntl(21, F_GETFD));
    SHOW(lseek(3, 7, SEEK_SET));
    SHOW(lseek(10, 0, SEEK_CUR));
    SHOW(fcntl(3, F_SETFL, O_APPEND | O_NONBLOCK));
    SHOW(fcntl(10, F_GETFL) & (O_APPEND | O_NONBLOCK | O_ACCMODE));
    SHOW(fcntl(3, 12345));
    SHOW(fcntl(99, F_GETFD));
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
    SHOW(fcntl(3, F_SETLK, &fl));
    fl.l_type = F_RDLCK;
    SHOW(fcntl(3, F_SETLK, &fl));
    SHOW(open("c2", O_RDWR));
    fl.l_type = F_WRLCK;
    SHOW(fcntl(4, F_SETLKW, &fl));
    SHOW(fcntl(4, F_GETLK, &fl));
    printf("getlk type unlocked %d\n", fl.l_type == F_UNLCK);
    fl.l_type = F_UNLCK;
    SHOW(fcntl(4, F_SETLK, &fl));
    fl.l_type = 7;
    SHOW(fcntl(4, F_SETLK, &fl));
    for (int fd = 3; fd < 32; fd++)
        close(fd);

    /* working directory */
    SHOW(chdir("d/e"));
    printf("cwd ends with /d/e: %d\n", strcmp(getcwd(buf, sizeof buf) + strlen(top), "/d/e") == 0);
    SHOW(getcwd(buf, 3) ? 0 : -1);
    SHOW(chdir("../../c2"));
    SHOW(chdir("nothere"));
    int dfd = open("..", O_RDONLY | O_DIRECTORY);
    SHOW(fchdir(dfd));
    printf("cwd ends with /d: %d\n", strcmp(getcwd(buf, sizeof buf) + strlen(top), "/d") == 0);
    close(dfd);
    SHOW(fchdir(0) < 0 ? -1 : 0);
    SHOW(chdir(top));
    SHOW(mkdir("gone", 0755));
    SHOW(chdir("gone"));
    SHOW(rmdir("../gone"));
    SHOW(open("new", O_CREAT | O_WRONLY, 0644));
    SHOW(getcwd(buf, sizeof buf) ? 0 : -1);
    SHOW(chdir(top));

    /* *at with directory descriptors */
    int at = open("d", O_RDONLY | O_DIRECTORY);
    SHOW(mkdirat(at, "sub", 0700));
    SHOW(openat(at, "sub/file", O_CREAT | O_WRONLY, 0600));
    SHOW(fstatat(at, "sub/file", &st, 0));
    SHOW(unlinkat(at, "sub", 0));
    SHOW(unlinkat(at, "sub", AT_REMOVEDIR));
    SHOW(unlinkat(at, "sub/file", 0));
    SHOW(unlinkat(at, "sub", AT_REMOVEDIR));
    SHOW(mkdirat(3 + 100, "x", 0700));
    SHOW(openat(open("c2", O_RDONLY), "x", O_RDONLY));
    SHOW(fstatat(at, "", &st, AT_EMPTY_PATH));
    printf("empty path is the directory: %d\n", S_ISDIR(st.st_mode));
    SHOW(fstatat(at, "", &st, 0));
    for (int fd = 3; fd < 32; fd++)
        close(fd);

    /* umask */
    SHOW(umask(077));
    SHOW(open("masked", O_CREAT | O_WRONLY, 0666));
    SHOW(mkdir("maskeddir", 0777));
    show_stat("masked", 1);
    show_stat("maskeddir", 1);
    SHOW(umask(022));

    /* names too long, too deep */
    memset(buf, 'n', 300);
    buf[300] = 0;
    SHOW(open(buf, O_CREAT | O_WRONLY, 0644));
    SHOW(symlink("loop2", "loop1"));
    SHOW(symlink("loop1", "loop2"));
    SHOW(open("loop1", O_RDONLY));
    SHOW(stat("loop1/x", &st));
    SHOW(open(NULL, O_RDONLY));
    SHOW(open("", O_RDONLY));
    SHOW(mkdir("f/sub", 0755));
    SHOW(unlink(""));
    SHOW(rmdir("."));
    SHOW(rmdir(".."));

    /* clean up */
    const char *files[] = { "c2", "lf", "dangling", "missing", "hardlink-to-link", "hard2", "hard", "masked",
                            "loop1", "loop2", "d/e/new", "new" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(files[i]);
    const char *dirs[] = { "full/x", "full", "d/e", "d", "maskeddir" };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        rmdir(dirs[i]);
    list(".");
    SHOW(chdir("/"));
    SHOW(rmdir(top));
    return 0;
}
