/* Calls a system call the platform does not provide, twice. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    for (int i = 0; i < 2; i++) {
        long r = syscall(SYS_acct, 0);
        printf("acct returned %ld errno=%s\n", r, r < 0 ? strerror(errno) : "none");
    }
    return 0;
}
