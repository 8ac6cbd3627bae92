/*
 * Tries every kind of change under argv[1] (default /data) and prints what
 * each call answered, one line each: "CALL: OK" or "CALL: ERRNO-NAME". A
 * read-only mount must refuse them all with EROFS and still serve reads:
 * argv[2] names an existing file whose first line is printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *call, int result)
{
    if (result >= 0)
        printf("%s: OK\n", call);
    else
        printf("%s: %s\n", call, errno == EROFS ? "EROFS" : strerror(errno));
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/data";
    const char *existing = argc > 2 ? argv[2] : "hello.txt";
    char path[512], other[512], line[256] = "";
    snprintf(path, sizeof(path), "%s/%s", dir, existing);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(line, sizeof(line), f)) {
        printf("read %s: %s\n", path, strerror(errno));
        return 1;
    }
    fclose(f);
    printf("read: %s", line);
    report("open for writing", open(path, O_WRONLY));
    report("truncate", truncate(path, 0));
    report("chmod", chmod(path, 0600));
    report("unlink", unlink(path));
    snprintf(other, sizeof(other), "%s/new", dir);
    report("create", open(other, O_WRONLY | O_CREAT, 0644));
    report("mkdir", mkdir(other, 0755));
    report("symlink", symlink("x", other));
    report("rename", rename(path, other));
    return 0;
}
