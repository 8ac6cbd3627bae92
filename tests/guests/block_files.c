/* Reads a file from a mounted disk and tries to create one beside it:
 * block_files DIR FILE prints the file's first line and what creating
 * DIR/new.txt did. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char path[512], line[256] = "";
    snprintf(path, sizeof(path), "%s/%s", argv[1], argv[2]);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(line, sizeof(line), f)) {
        printf("read %s: %s\n", path, strerror(errno));
        return 1;
    }
    fclose(f);
    printf("%s: %s", argv[2], line);
    snprintf(path, sizeof(path), "%s/new.txt", argv[1]);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        printf("create new.txt: %s\n", errno == EROFS ? "EROFS" : strerror(errno));
    else
        printf("create new.txt: done\n");
    return 0;
}
