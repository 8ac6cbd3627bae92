/*
 * The console as a character device. In tty mode it answers terminal ioctls so
 * that the C library treats it as a terminal (line-buffered stdout, isatty); in
 * raw mode it is a plain byte stream and terminal requests fail with ENOTTY, as
 * they do on a pipe.
 */
#include <rr/vfs_tty.h>

static struct rr_termios termios;
static bool termios_set;
static struct rr_winsize winsize = { 24, 80, 0, 0 };

void rr_tty_default_termios(struct rr_termios *t)
{
    rr_memset(t, 0, sizeof(*t));
    t->c_iflag = RR_ICRNL | RR_IXON;
    t->c_oflag = RR_OPOST | RR_ONLCR;
    t->c_cflag = RR_B115200 | RR_CS8 | RR_CREAD | RR_HUPCL | RR_CLOCAL;
    t->c_lflag = RR_ISIG | RR_ICANON | RR_ECHO | RR_ECHOE | RR_ECHOK | RR_ECHOCTL | RR_ECHOKE | RR_IEXTEN;
    t->c_cc[RR_VINTR] = 003;
    t->c_cc[RR_VQUIT] = 034;
    t->c_cc[RR_VERASE] = 0177;
    t->c_cc[RR_VKILL] = 025;
    t->c_cc[RR_VEOF] = 004;
    t->c_cc[RR_VMIN] = 1;
    t->c_cc[RR_VSTART] = 021;
    t->c_cc[RR_VSTOP] = 023;
    t->c_cc[RR_VSUSP] = 032;
    t->c_cc[RR_VREPRINT] = 022;
    t->c_cc[RR_VDISCARD] = 017;
    t->c_cc[RR_VWERASE] = 027;
    t->c_cc[RR_VLNEXT] = 026;
}

static struct rr_termios *current_termios(void)
{
    if (!termios_set) {
        rr_tty_default_termios(&termios);
        termios_set = true;
    }
    return &termios;
}

static long console_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    if (n == 0)
        return 0;
    return rr_console_read(buf, n, (f->flags & RR_O_NONBLOCK) != 0);
}

static long console_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)f;
    (void)off;
    if (n == 0)
        return 0;
    return rr_console_write(buf, n);
}

static int console_poll(struct rr_file *f, int events)
{
    (void)f;
    int ready = RR_POLLOUT | RR_POLLWRNORM;
    if (rr_console_readable())
        ready |= RR_POLLIN | RR_POLLRDNORM;
    return ready & events;
}

static long console_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    (void)f;
    void *p = (void *)arg;
    if (cmd == RR_FIONREAD) {
        if (!rr_vfs_user_ok(p, sizeof(int)))
            return -EFAULT;
        /* the driver tells only whether input is waiting, not how much */
        *(int *)p = rr_console_readable() ? 1 : 0;
        return 0;
    }
    if (!rr_console_is_tty())
        return -ENOTTY;
    switch (cmd) {
    case RR_TCGETS:
        if (!rr_vfs_user_ok(p, sizeof(struct rr_termios)))
            return -EFAULT;
        rr_memcpy(p, current_termios(), sizeof(struct rr_termios));
        return 0;
    case RR_TCSETS:
    case RR_TCSETSW:
    case RR_TCSETSF:
        if (!rr_vfs_user_ok(p, sizeof(struct rr_termios)))
            return -EFAULT;
        rr_memcpy(current_termios(), p, sizeof(struct rr_termios));
        if (rr_console_set_termios)
            rr_console_set_termios(&termios);
        return 0;
    case RR_TIOCGWINSZ:
        if (!rr_vfs_user_ok(p, sizeof(struct rr_winsize)))
            return -EFAULT;
        rr_memcpy(p, &winsize, sizeof(winsize));
        return 0;
    case RR_TIOCSWINSZ:
        if (!rr_vfs_user_ok(p, sizeof(struct rr_winsize)))
            return -EFAULT;
        rr_memcpy(&winsize, p, sizeof(winsize));
        return 0;
    case RR_TIOCGPGRP:
    case RR_TIOCGSID:
        if (!rr_vfs_user_ok(p, sizeof(int)))
            return -EFAULT;
        *(int *)p = 1;   /* the program is process 1, alone in its session */
        return 0;
    case RR_TIOCOUTQ:
        if (!rr_vfs_user_ok(p, sizeof(int)))
            return -EFAULT;
        *(int *)p = 0;
        return 0;
    case RR_TIOCSPGRP:
    case RR_TIOCSCTTY:
    case RR_TIOCNOTTY:
    case RR_TCSBRK:
    case RR_TCXONC:
    case RR_TCFLSH:
        return 0;
    default:
        return -ENOTTY;
    }
}

static const struct rr_vnode_ops console_ops = {
    .read = console_read,
    .write = console_write,
    .poll = console_poll,
    .ioctl = console_ioctl,
    .stream = true,
};

/* /dev/tty is the controlling terminal: there is none when the console is raw */
static int tty_open(struct rr_file *f)
{
    (void)f;
    return rr_console_is_tty() ? 0 : -ENXIO;
}

static const struct rr_vnode_ops tty_ops = {
    .open = tty_open,
    .read = console_read,
    .write = console_write,
    .poll = console_poll,
    .ioctl = console_ioctl,
    .stream = true,
};

int rr_console_dev_register(void)
{
    int e = rr_chrdev_register(RR_TTY_MAJOR, 1, &console_ops);
    if (!e)
        e = rr_chrdev_register(RR_TTY_MAJOR, 0, &tty_ops);
    return e;
}
