/* /proc as a program sees it: self, exe, fd links (files, renamed and deleted ones, pipes,
 * reopening through them), cmdline, cwd, mounts, and the machine files. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show_link(const char *path)
{
    char buf[256];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0) {
        printf("%s -> error\n", path);
        return;
    }
    buf[n] = 0;
    printf("%s -> %s\n", path, buf);
}

/* the whole file, NULs shown as '|' */
static void show_file(const char *path, int max_lines)
{
    char buf[4096];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("%s: cannot open\n", path);
        return;
    }
    ssize_t n, total = 0;
    while (total < (ssize_t)sizeof buf - 1 && (n = read(fd, buf + total, sizeof buf - 1 - total)) > 0)
        total += n;
    close(fd);
    buf[total] = 0;
    for (ssize_t i = 0; i < total; i++)
        if (!buf[i])
            buf[i] = '|';
    int lines = 0;
    printf("%s:\n", path);
    for (char *line = strtok(buf, "\n"); line && lines < max_lines; line = strtok(NULL, "\n"), lines++)
        printf("  %s\n", line);
}

static int starts_with(const char *path, const char *prefix)
{
    char buf[256] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    return n > 0 && strncmp(buf, prefix, strlen(prefix)) == 0;
}

static int contains(const char *path, const char *needle)
{
    static char buf[8192];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    return strstr(buf, needle) != NULL;
}

static int cmp(const void *a, const void *b)
{
    return atoi(*(char *const *)a) - atoi(*(char *const *)b);
}

int main(int argc, char **argv)
{
    (void)argc, (void)argv;
    show_link("/proc/self");
    show_link("/proc/self/exe");
    show_link("/proc/1/root");
    show_link("/proc/mounts");
    show_file("/proc/self/cmdline", 5);
    show_file("/proc/self/comm", 5);
    show_file("/proc/mounts", 5);

    mkdir("/tmp/rr-proc", 0755);
    int f = open("/tmp/rr-proc/file", O_CREAT | O_RDWR, 0644);
    write(f, "0123456789", 10);
    int p[2];
    pipe(p);
    printf("fds %d %d %d\n", f, p[0], p[1]);
    show_link("/proc/self/fd/0");
    show_link("/proc/self/fd/3");
    show_link("/proc/self/fd/4");
    show_link("/proc/self/fd/5");
    struct stat st;
    if (stat("/proc/self/fd/3", &st) == 0)
        printf("stat through the link: size %ld regular %d\n", (long)st.st_size, S_ISREG(st.st_mode));
    if (lstat("/proc/self/fd/3", &st) == 0)
        printf("lstat: link %d mode %o\n", S_ISLNK(st.st_mode), (unsigned)(st.st_mode & 0777));
    rename("/tmp/rr-proc/file", "/tmp/rr-proc/renamed");
    show_link("/proc/self/fd/3");
    unlink("/tmp/rr-proc/renamed");
    show_link("/proc/self/fd/3");
    show_link("/proc/self/fd/9");

    /* listing */
    DIR *d = opendir("/proc/self/fd");
    char *names[32];
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 32)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    qsort(names, n, sizeof names[0], cmp);
    printf("fd:");
    for (int i = 0; i < n; i++)
        printf(" %s", names[i]);
    printf("\n");
    closedir(d);

    /* reopening a pipe end through its link gives another reader of the same pipe */
    int again = open("/proc/self/fd/4", O_RDONLY);
    char buf[32] = {0};
    write(p[1], "via the pipe", 12);
    printf("reopened read %ld: %s\n", (long)read(again, buf, sizeof buf - 1), buf);
    /* a deleted file stays readable through its link */
    int old = open("/proc/self/fd/3", O_RDONLY);
    memset(buf, 0, sizeof buf);
    printf("deleted file read %ld: %s\n", (long)read(old, buf, sizeof buf - 1), buf);
    /* /dev/stdout is the program's descriptor 1 */
    int out = open("/dev/stdout", O_WRONLY);
    fflush(stdout);
    write(out, "written to /dev/stdout\n", 23);
    show_link("/dev/fd/1");

    chdir("/tmp/rr-proc");
    show_link("/proc/self/cwd");
    chdir("/proc/self/cwd/..");
    printf("cwd after .. through the link: %s\n", getcwd(buf, sizeof buf));
    rmdir("/tmp/rr-proc");

    printf("meminfo starts with MemTotal: %d\n", starts_with("/proc/meminfo", "MemTotal:"));
    printf("cpuinfo starts with processor: %d\n", starts_with("/proc/cpuinfo", "processor\t: 0"));
    printf("status starts with Name: %d\n", starts_with("/proc/self/status", "Name:\tproc_self.bin"));
    printf("stat starts with 1 (: %d\n", starts_with("/proc/self/stat", "1 (proc_self.bin) R"));
    double up = -1;
    FILE *u = fopen("/proc/uptime", "r");
    if (u && fscanf(u, "%lf", &up) == 1)
        printf("uptime positive: %d\n", up > 0);
    if (u)
        fclose(u);
    printf("write to meminfo: %d\n", open("/proc/meminfo", O_WRONLY) < 0);
    printf("create in /proc: %d\n", open("/proc/new", O_CREAT | O_WRONLY, 0644) < 0);
    printf("maps shows the stack: %d\n", contains("/proc/self/maps", "[stack]\n"));
    return 0;
}
