/* Prints its argument vector and the environment variables it is asked about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    const char *names[] = {"GREETING", "EMPTY", "UNSET"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *value = getenv(names[i]);
        printf("%s=%s%s%s\n", names[i], value ? "[" : "", value ? value : "(unset)", value ? "]" : "");
    }
    return 0;
}
