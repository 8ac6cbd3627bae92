/* Prints each file named on the command line: the network /etc files the platform writes at boot. */
#include <stdio.h>
int main(int argc, char **argv){ for (int i=1;i<argc;i++){ FILE *f=fopen(argv[i],"r"); if(!f){perror(argv[i]); continue;} int c; printf("== %s\n", argv[i]); while((c=fgetc(f))!=EOF) putchar(c); fclose(f);} return 0; }
