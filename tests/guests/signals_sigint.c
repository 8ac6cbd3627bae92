/* A SIGINT handler runs when ^C is typed; the interrupted read goes on
 * (signal() sets SA_RESTART); "quit" ends the program with status 0. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_int(int sig)
{
    (void)sig;
    static const char msg[] = "[got SIGINT]\n";
    write(1, msg, sizeof(msg) - 1);
}

int main(void)
{
    signal(SIGINT, on_int);
    char line[256];
    for (;;) {
        ssize_t n = read(0, line, sizeof(line) - 1);
        if (n <= 0)
            return 1;
        line[n] = 0;
        if (strncmp(line, "quit", 4) == 0)
            return 0;
        printf("[line %s]\n", strtok(line, "\n"));
        fflush(stdout);
    }
}
