/* Pipes in one thread: flags, capacity, non-blocking ends, atomic writes, end of file,
 * EPIPE with SIGPIPE ignored, FIONREAD, vectors, named FIFOs. Prints one line per check. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *errname(int e)
{
    switch (e) {
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENXIO: return "ENXIO";
    case EPIPE: return "EPIPE";
    case ESPIPE: return "ESPIPE";
    default: return "other";
    }
}

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errname(errno));
    else
        printf("%s = %ld\n", what, r);
}
#define SHOW(expr) report(#expr, (long)(expr))

static char big[70000];

int main(void)
{
    int p[2], q[2];
    char buf[8192];
    SHOW(pipe(p));
    SHOW(fcntl(p[0], F_GETFL) & O_ACCMODE);
    SHOW(fcntl(p[1], F_GETFL) & O_ACCMODE);
    SHOW(fcntl(p[0], F_GETFD));
    struct stat st;
    SHOW(fstat(p[0], &st));
    printf("fifo=%d size=%ld\n", S_ISFIFO(st.st_mode), (long)st.st_size);
    SHOW(write(p[1], "hello", 5));
    int avail = -1;
    SHOW(ioctl(p[0], FIONREAD, &avail));
    printf("FIONREAD=%d\n", avail);
    SHOW(read(p[0], buf, sizeof buf));
    printf("got [%.5s]\n", buf);
    SHOW(lseek(p[0], 0, SEEK_CUR));
    SHOW(pread(p[0], buf, 1, 0));
    SHOW(write(p[0], "x", 1));
    SHOW(read(p[1], buf, 1));
    SHOW(write(p[1], "", 0));

    /* capacity */
    SHOW(fcntl(p[1], F_GETPIPE_SZ));
    SHOW(fcntl(p[1], F_SETPIPE_SZ, 100000));
    SHOW(fcntl(p[0], F_GETPIPE_SZ));
    SHOW(fcntl(p[1], F_SETPIPE_SZ, 0));
    SHOW(fcntl(p[1], F_SETPIPE_SZ, 65536));
    SHOW(fcntl(open("/dev/null", O_RDONLY), F_GETPIPE_SZ));

    /* non-blocking: fill it to the brim */
    SHOW(fcntl(p[1], F_SETFL, O_NONBLOCK));
    SHOW(fcntl(p[1], F_GETFL) & O_NONBLOCK ? 1 : 0);
    long total = 0, r;
    memset(big, 'a', sizeof big);
    while ((r = write(p[1], big, 4096)) > 0)
        total += r;
    printf("filled=%ld then %s\n", total, errname(errno));
    SHOW(write(p[1], "z", 1));
    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    SHOW(poll(pf, 2, 0));
    printf("revents %x %x\n", pf[0].revents, pf[1].revents);
    SHOW(fcntl(p[1], F_SETPIPE_SZ, 4096));
    SHOW(read(p[0], buf, 4096));
    SHOW(poll(pf, 2, 0));
    printf("revents %x %x\n", pf[0].revents, pf[1].revents);
    SHOW(write(p[1], big, 4096));
    SHOW(write(p[1], big, 1));
    /* drain */
    SHOW(fcntl(p[0], F_SETFL, O_NONBLOCK));
    total = 0;
    while ((r = read(p[0], buf, sizeof buf)) > 0)
        total += r;
    printf("drained=%ld then %s\n", total, errname(errno));

    /* a large write goes in pieces; a small one that does not fit waits (here: EAGAIN) */
    SHOW(write(p[1], big, 65536 - 100));
    SHOW(write(p[1], big, 200));
    SHOW(write(p[1], big, 100));
    SHOW(write(p[1], big, 1));
    total = 0;
    while ((r = read(p[0], buf, sizeof buf)) > 0)
        total += r;
    printf("drained=%ld\n", total);

    /* vectors */
    struct iovec iov[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
    SHOW(writev(p[1], iov, 3));
    char x[2], y[10];
    struct iovec in[2] = { { x, 2 }, { y, sizeof y } };
    SHOW(readv(p[0], in, 2));
    printf("readv [%.2s][%.3s]\n", x, y);

    /* end of file once every writer is gone, a dup keeps the end open */
    int w2 = dup(p[1]);
    SHOW(close(p[1]));
    SHOW(write(w2, "tail", 4));
    SHOW(close(w2));
    SHOW(read(p[0], buf, sizeof buf));
    SHOW(read(p[0], buf, sizeof buf));
    pf[0] = (struct pollfd){ p[0], POLLIN, 0 };
    SHOW(poll(pf, 1, 0));
    printf("revents %x\n", pf[0].revents);
    SHOW(fcntl(p[0], F_SETFL, 0));
    SHOW(read(p[0], buf, sizeof buf));
    SHOW(close(p[0]));

    /* no reader: EPIPE when SIGPIPE is ignored */
    SHOW(pipe2(q, O_CLOEXEC | O_NONBLOCK));
    SHOW(fcntl(q[0], F_GETFD));
    SHOW(fcntl(q[1], F_GETFL) & (O_NONBLOCK | O_ACCMODE));
    SHOW(pipe2(p, 0x1));
    SHOW(close(q[0]));
    signal(SIGPIPE, SIG_IGN);
    SHOW(write(q[1], "x", 1));
    pf[0] = (struct pollfd){ q[1], POLLOUT, 0 };
    SHOW(poll(pf, 1, 0));
    printf("revents %x\n", pf[0].revents);
    SHOW(close(q[1]));

    /* named FIFOs */
    char dir[64], path[80];
    snprintf(dir, sizeof dir, "/tmp/rr-pipes-%d", (int)getpid());
    snprintf(path, sizeof path, "%s/fifo", dir);
    SHOW(mkdir(dir, 0700));
    SHOW(mkfifo(path, 0600));
    SHOW(mkfifo(path, 0600));
    SHOW(stat(path, &st));
    printf("fifo=%d mode=%o\n", S_ISFIFO(st.st_mode), (unsigned)(st.st_mode & 07777));
    SHOW(open(path, O_WRONLY | O_NONBLOCK));
    int rd = open(path, O_RDONLY | O_NONBLOCK);
    printf("reader open %s\n", rd >= 0 ? "ok" : errname(errno));
    pf[0] = (struct pollfd){ rd, POLLIN, 0 };
    SHOW(poll(pf, 1, 0));
    SHOW(read(rd, buf, sizeof buf));
    int wr = open(path, O_WRONLY | O_NONBLOCK);
    printf("writer open %s\n", wr >= 0 ? "ok" : errname(errno));
    SHOW(write(wr, "through the fifo", 16));
    SHOW(read(rd, buf, sizeof buf));
    printf("got [%.16s]\n", buf);
    SHOW(close(wr));
    SHOW(poll(pf, 1, 0));
    printf("revents %x\n", pf[0].revents);
    SHOW(read(rd, buf, sizeof buf));
    int rw = open(path, O_RDWR);
    printf("rdwr open %s\n", rw >= 0 ? "ok" : errname(errno));
    SHOW(write(rw, "loop", 4));
    SHOW(read(rd, buf, sizeof buf));
    SHOW(close(rw));
    SHOW(close(rd));
    SHOW(lseek(open(path, O_RDWR), 0, SEEK_SET));
    SHOW(unlink(path));
    SHOW(rmdir(dir));
    return 0;
}
