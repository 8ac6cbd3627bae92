/* A write to a pipe nobody reads, with SIGPIPE left at its default: the program ends as
 * if killed by SIGPIPE (status 141). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    if (pipe(p) != 0)
        return 1;
    close(p[0]);
    printf("writing to a pipe without readers\n");
    fflush(stdout);
    write(p[1], "x", 1);
    printf("still running\n");
    return 0;
}
