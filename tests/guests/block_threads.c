/* Several threads read one disk at once through /dev/vblk0 (each its own
 * region, many times) after the main thread wrote a pattern across it;
 * each thread checks what it read. Prints one summary line. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 6
#define REGION (24 * 1024)
#define ROUNDS 8

static int fd;
static int failures;

static unsigned char expected(long off)
{
    return (unsigned char)(off / 512 * 7 + off % 512);
}

static void *reader(void *arg)
{
    long base = (long)(intptr_t)arg * REGION;
    unsigned char *buf = malloc(REGION);
    for (int r = 0; r < ROUNDS; r++) {
        /* odd sizes and offsets: whole sectors, partial ones, page crossings */
        long off = base + (r * 1000) % 4096;
        size_t n = REGION - 4096 - (size_t)r * 300;
        if (pread(fd, buf, n, off) != (ssize_t)n) {
            __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
            break;
        }
        for (size_t i = 0; i < n; i++)
            if (buf[i] != expected(off + (long)i)) {
                __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
                break;
            }
    }
    free(buf);
    return NULL;
}

int main(void)
{
    fd = open("/dev/vblk0", O_RDWR);
    if (fd < 0) {
        printf("open: %s\n", strerror(errno));
        return 1;
    }
    size_t total = (size_t)THREADS * REGION;
    unsigned char *all = malloc(total);
    for (size_t i = 0; i < total; i++)
        all[i] = expected((long)i);
    if (pwrite(fd, all, total, 0) != (ssize_t)total) {
        printf("write: %s\n", strerror(errno));
        return 1;
    }
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, reader, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("%d threads, %d rounds each: %d failures\n", THREADS, ROUNDS, failures);
    return failures != 0;
}
