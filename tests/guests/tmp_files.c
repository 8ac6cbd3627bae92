/* Writes a file in a fresh directory under /tmp, reads it back, lists the directory and removes both. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    const char *dir = "/tmp/rr-tmp-files";
    const char *path = "/tmp/rr-tmp-files/notes.txt";
    if (mkdir(dir, 0755) != 0) {
        perror("mkdir");
        return 1;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        perror("fopen for writing");
        return 1;
    }
    for (int i = 1; i <= 3; i++)
        fprintf(f, "line %d\n", i);
    fclose(f);

    struct stat st;
    if (stat(path, &st) != 0) {
        perror("stat");
        return 1;
    }
    printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    f = fopen(path, "r");
    char line[64];
    while (f && fgets(line, sizeof line, f))
        printf("read: %s", line);
    if (f)
        fclose(f);

    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.')
            printf("entry: %s\n", e->d_name);
    if (d)
        closedir(d);

    if (unlink(path) != 0) {
        perror("unlink");
        return 1;
    }
    printf("after unlink: %s\n", access(path, F_OK) == 0 ? "exists" : "gone");
    if (rmdir(dir) != 0) {
        perror("rmdir");
        return 1;
    }
    return 0;
}
