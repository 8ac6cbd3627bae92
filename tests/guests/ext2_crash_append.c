/*
 * Appends numbered 64-byte records to argv[1] (default /data/log), calling
 * fsync after each, and prints each record's number once fsync has returned:
 * a number on the console promises that record is on the disk. Runs until
 * argv[2] records (default 1000000) or until the machine is killed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECORD 64

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/data/log";
    long count = argc > 2 ? atol(argv[2]) : 1000000;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    for (long i = 0; i < count; i++) {
        char rec[RECORD];
        memset(rec, '.', sizeof(rec));
        int n = snprintf(rec, sizeof(rec), "record %08ld ", i);
        rec[n] = '.';
        rec[RECORD - 1] = '\n';
        if (write(fd, rec, RECORD) != RECORD || fsync(fd) != 0) {
            perror("append");
            return 1;
        }
        printf("%ld\n", i);
    }
    return 0;
}
