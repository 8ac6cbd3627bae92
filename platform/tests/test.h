/*
 * A tiny unit-test framework for the platform's host tests. Each TEST runs in its
 * own forked process (see main.c), so tests cannot disturb each other and a crash
 * fails one test only. Checks stop the test at the first mismatch.
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdbool.h>

struct rr_test {
    const char *name;
    void (*fn)(void);
    struct rr_test *next;
};
void rr_test_register(struct rr_test *t);
__attribute__((noreturn, format(printf, 3, 4))) void rr_test_fail(const char *file, int line, const char *fmt, ...);

#define TEST(name)                                                                 \
    static void test_##name(void);                                                 \
    static struct rr_test test_rec_##name = { #name, test_##name, NULL };          \
    __attribute__((constructor)) static void test_reg_##name(void)                 \
    {                                                                              \
        rr_test_register(&test_rec_##name);                                        \
    }                                                                              \
    static void test_##name(void)

#define FAIL(...) rr_test_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c))                                                                  \
            FAIL("%s is false", #c);                                               \
    } while (0)

#define CHECK_EQ(a, b)                                                             \
    do {                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                      \
        if (va_ != vb_)                                                            \
            FAIL("%s == %lld, expected %s == %lld", #a, va_, #b, vb_);             \
    } while (0)

#define CHECK_STR(a, b)                                                            \
    do {                                                                           \
        const char *sa_ = (a), *sb_ = (b);                                         \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0)                                 \
            FAIL("%s is \"%s\", expected \"%s\"", #a, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); \
    } while (0)

#define CHECK_MEM(a, b, n)                                                         \
    do {                                                                           \
        if (memcmp((a), (b), (n)) != 0)                                            \
            FAIL("%s differs from %s in its first %zu bytes", #a, #b, (size_t)(n)); \
    } while (0)
