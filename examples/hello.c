/* The hello world of the Rumprun workflow: output, a timer, output again, status 0. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("Hello!\n");
    sleep(3);
    printf("Goodbye!\n");
    return 0;
}
