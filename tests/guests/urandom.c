/* Entropy and identity: getrandom, /dev/urandom, /dev/null, /dev/zero, uname, clocks. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    unsigned char a[16] = {0}, b[16] = {0};
    printf("getrandom=%zd\n", getrandom(a, sizeof a, 0));
    int fd = open("/dev/urandom", O_RDONLY);
    printf("urandom read=%zd\n", read(fd, b, sizeof b));
    close(fd);
    printf("differ=%d\n", memcmp(a, b, sizeof a) != 0);

    fd = open("/dev/null", O_WRONLY);
    printf("null write=%zd\n", write(fd, "x", 1));
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    unsigned char z[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    ssize_t got = read(fd, z, sizeof z);
    printf("zero read=%zd first=%d\n", got, z[0] + z[7]);
    close(fd);

    struct utsname u;
    uname(&u);
    printf("sysname=%s machine=%s\n", u.sysname, u.machine);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct timespec d = {0, 50 * 1000 * 1000};
    nanosleep(&d, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("slept_at_least_50ms=%d\n", ms >= 50);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    printf("realtime_after_2020=%d\n", now.tv_sec > 1577836800);
    return 0;
}
