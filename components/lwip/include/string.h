/* The few string functions lwIP uses, from the platform's library. */
#pragma once
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t rr_strlen(const char *s);
int rr_strcmp(const char *a, const char *b);
int rr_strncmp(const char *a, const char *b, size_t n);
#define strlen rr_strlen
#define strcmp rr_strcmp
#define strncmp rr_strncmp
