/* The user and group databases the C library reads from /etc, and the host name. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    struct passwd *pw = getpwuid(0);
    printf("getpwuid(0): %s uid %d gid %d home %s shell %s\n", pw ? pw->pw_name : "-", pw ? (int)pw->pw_uid : -1,
           pw ? (int)pw->pw_gid : -1, pw ? pw->pw_dir : "-", pw ? pw->pw_shell : "-");
    pw = getpwnam("root");
    printf("getpwnam(root): %s\n", pw ? pw->pw_dir : "-");
    pw = getpwnam("nobody");
    printf("getpwnam(nobody): uid %d gid %d\n", pw ? (int)pw->pw_uid : -1, pw ? (int)pw->pw_gid : -1);
    struct group *gr = getgrgid(0);
    printf("getgrgid(0): %s\n", gr ? gr->gr_name : "-");
    gr = getgrnam("root");
    printf("getgrnam(root): %d\n", gr ? (int)gr->gr_gid : -1);
    gr = getgrnam("nogroup");
    printf("getgrnam(nogroup): %d\n", gr ? (int)gr->gr_gid : -1);
    char host[64] = "";
    gethostname(host, sizeof host);
    printf("gethostname: %s\n", host);
    return 0;
}
