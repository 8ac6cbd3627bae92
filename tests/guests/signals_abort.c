/* abort() ends the program with SIGABRT (status 134) even when a SIGABRT
 * handler runs and returns. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void on_abort(int sig)
{
    (void)sig;
    static const char msg[] = "SIGABRT handler ran\n";
    write(1, msg, sizeof(msg) - 1);
}

int main(void)
{
    signal(SIGABRT, on_abort);
    printf("calling abort\n");
    fflush(stdout);
    abort();
    printf("abort returned\n");
    return 0;
}
