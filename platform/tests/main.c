/* Runs every registered test in a child process and reports one line per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <rr/kern.h>
#include "test.h"
#include "harness.h"

int rr_vfs_init(void);

static struct rr_test *tests, **tests_tail = &tests;
static int report_fd = -1;

void rr_test_register(struct rr_test *t)
{
    *tests_tail = t;
    tests_tail = &t->next;
}

void rr_test_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[1024];
    int n = snprintf(msg, sizeof(msg), "%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
    va_end(ap);
    if (report_fd >= 0 && write(report_fd, msg, strlen(msg)) < 0)
        perror("write");
    _exit(1);
}

void fake_boot(void)
{
    char err[256];
    int e = rr_config_parse("", 0, &rr_config, err, sizeof(err));
    if (e)
        FAIL("rr_config_parse: %s", err);
    e = rr_vfs_init();
    if (e)
        FAIL("rr_vfs_init returned %d", e);
}

/* The most telling line of a crashed child's stderr (a sanitizer's ERROR or SUMMARY). */
static void summarise_stderr(int fd, char *msg, size_t size)
{
    msg[0] = 0;
    FILE *f = fdopen(dup(fd), "r");
    if (!f)
        return;
    rewind(f);
    char line[1024];
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        if (strstr(line, "SUMMARY:") || (!msg[0] && (strstr(line, "ERROR:") || strstr(line, "runtime error"))))
            snprintf(msg, size, "%s", line);
    }
    fclose(f);
}

static bool selected(const char *name, int argc, char **argv)
{
    if (argc < 2)
        return true;
    for (int i = 1; i < argc; i++)
        if (strstr(name, argv[i]))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (struct rr_test *t = tests; t; t = t->next) {
        if (!selected(t->name, argc, argv))
            continue;
        int pfd[2];
        if (pipe(pfd) != 0) {
            perror("pipe");
            return 2;
        }
        fflush(stdout);
        /* the child's stderr (sanitizer reports) is kept aside and summarised on failure */
        char errpath[] = "/tmp/rr-test-stderr.XXXXXX";
        int errfd = mkstemp(errpath);
        if (errfd < 0) {
            perror("mkstemp");
            return 2;
        }
        unlink(errpath);
        pid_t pid = fork();
        if (pid == 0) {
            close(pfd[0]);
            if (!getenv("RR_TEST_VERBOSE"))
                dup2(errfd, 2);
            report_fd = pfd[1];
            alarm(20);
            fake_console_reset(true);
            t->fn();
            _exit(0);
        }
        close(pfd[1]);
        char msg[1024];
        size_t len = 0;
        ssize_t r;
        while ((r = read(pfd[0], msg + len, sizeof(msg) - 1 - len)) > 0)
            len += (size_t)r;
        msg[len] = 0;
        close(pfd[0]);
        int status;
        waitpid(pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            printf("ok %s\n", t->name);
            passed++;
        } else {
            if (!len)
                summarise_stderr(errfd, msg, sizeof(msg));
            if (!msg[0]) {
                if (WIFSIGNALED(status))
                    snprintf(msg, sizeof(msg), "killed by signal %d", WTERMSIG(status));
                else
                    snprintf(msg, sizeof(msg), "exit status %d", WEXITSTATUS(status));
            }
            printf("FAIL %s: %s\n", t->name, msg);
            failed++;
        }
        close(errfd);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
