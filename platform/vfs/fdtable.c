/* The descriptor table: small integers naming open file descriptions. */
#include <rr/vfs.h>

static struct rr_file *fds[RR_FD_MAX];
static bool cloexec[RR_FD_MAX];

static bool valid_fd(int fd)
{
    return fd >= 0 && fd < RR_FD_MAX;
}

int rr_fd_install(struct rr_file *f, int min, bool close_on_exec)
{
    if (min < 0)
        return -EINVAL;
    for (int fd = min; fd < RR_FD_MAX; fd++) {
        if (!fds[fd]) {
            fds[fd] = rr_file_ref(f);
            cloexec[fd] = close_on_exec;
            return fd;
        }
    }
    return -EMFILE;
}

int rr_fd_lowest_free(int min)
{
    for (int fd = min < 0 ? 0 : min; fd < RR_FD_MAX; fd++)
        if (!fds[fd])
            return fd;
    return -EMFILE;
}

int rr_fd_install_at(struct rr_file *f, int fd, bool close_on_exec)
{
    if (!valid_fd(fd))
        return -EBADF;
    struct rr_file *old = fds[fd];
    fds[fd] = rr_file_ref(f);
    cloexec[fd] = close_on_exec;
    rr_file_unref(old);
    return fd;
}

struct rr_file *rr_fd_get(int fd)
{
    if (!valid_fd(fd) || !fds[fd])
        return NULL;
    return rr_file_ref(fds[fd]);
}

int rr_fd_close(int fd)
{
    if (!valid_fd(fd) || !fds[fd])
        return -EBADF;
    struct rr_file *f = fds[fd];
    fds[fd] = NULL;
    cloexec[fd] = false;
    rr_file_unref(f);
    return 0;
}

bool rr_fd_cloexec(int fd)
{
    return valid_fd(fd) && fds[fd] && cloexec[fd];
}

int rr_fd_set_cloexec(int fd, bool on)
{
    if (!valid_fd(fd) || !fds[fd])
        return -EBADF;
    cloexec[fd] = on;
    return 0;
}

void rr_fd_close_all(void)
{
    for (int fd = 0; fd < RR_FD_MAX; fd++)
        if (fds[fd])
            rr_fd_close(fd);
}

int rr_fd_next_open(int from)
{
    for (int fd = from < 0 ? 0 : from; fd < RR_FD_MAX; fd++)
        if (fds[fd])
            return fd;
    return -1;
}
