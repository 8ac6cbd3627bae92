/* Two threads over one socketpair(AF_UNIX, SOCK_STREAM): 20,000 requests and answers of
 * varying sizes, then 4 MB one way while the receiver reads in odd pieces. Blocking on both
 * sides: a lost wake-up hangs (and the run times out), lost or reordered bytes change the sums. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ROUNDS 20000
#define BULK (4 << 20)

static int sv[2];

/* FNV-1a: every byte and its place count */
static uint64_t fnv(uint64_t h, unsigned char c)
{
    return (h ^ c) * 0x100000001b3ull;
}

static int full_read(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static void *server(void *arg)
{
    (void)arg;
    char buf[512];
    for (int i = 0; i < ROUNDS; i++) {
        uint16_t len;
        if (full_read(sv[1], &len, sizeof len) || full_read(sv[1], buf, len))
            return (void *)1;
        for (int k = 0; k < len; k++)
            buf[k] = (char)(buf[k] + 1);
        if (write(sv[1], buf, len) != len)
            return (void *)2;
    }
    /* the bulk transfer, in pieces of 1 to 7919 bytes */
    static char chunk[8192];
    uint64_t sum = 0xcbf29ce484222325ull;
    size_t total = 0, piece = 1;
    while (total < BULK) {
        ssize_t r = read(sv[1], chunk, piece);
        if (r <= 0)
            return (void *)3;
        for (ssize_t k = 0; k < r; k++)
            sum = fnv(sum, (unsigned char)chunk[k]);
        total += (size_t)r;
        piece = piece % 7919 + 1;
    }
    printf("server: bulk %zu bytes, sum %llx\n", total, (unsigned long long)sum);
    return NULL;
}

int main(void)
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
        perror("socketpair");
        return 1;
    }
    pthread_t t;
    pthread_create(&t, NULL, server, NULL);
    char out[512], in[512];
    uint64_t sum = 0xcbf29ce484222325ull;
    for (int i = 0; i < ROUNDS; i++) {
        uint16_t len = (uint16_t)(1 + (i * 37) % 500);
        for (int k = 0; k < len; k++)
            out[k] = (char)(i + k);
        if (write(sv[0], &len, sizeof len) != sizeof len || write(sv[0], out, len) != len || full_read(sv[0], in, len)) {
            printf("round %d failed\n", i);
            return 1;
        }
        for (int k = 0; k < len; k++)
            sum = fnv(sum, (unsigned char)in[k]);
    }
    printf("client: %d rounds, sum %llx\n", ROUNDS, (unsigned long long)sum);
    static char bulk[BULK];
    uint64_t expect = 0xcbf29ce484222325ull;
    for (size_t k = 0; k < BULK; k++) {
        bulk[k] = (char)(k * 7 + k / 4096);
        expect = fnv(expect, (unsigned char)bulk[k]);
    }
    if (write(sv[0], bulk, BULK) != BULK)
        printf("bulk write short\n");
    void *r;
    pthread_join(t, &r);
    printf("client: bulk sum %llx, server status %ld\n", (unsigned long long)expect, (long)r);
    return r != NULL;
}
