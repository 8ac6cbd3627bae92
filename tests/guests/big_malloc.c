/* Allocates, fills and checks 32 MiB, then frees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    size_t size = 32u << 20;
    unsigned char *p = malloc(size);
    if (!p) {
        printf("malloc failed\n");
        return 1;
    }
    for (size_t i = 0; i < size; i++)
        p[i] = (unsigned char)(i * 7);
    unsigned long sum = 0;
    for (size_t i = 0; i < size; i += 4096)
        sum += p[i] + p[i + 4095];
    free(p);
    printf("allocated %zu MiB, checksum %lu\n", size >> 20, sum);
    return 0;
}
