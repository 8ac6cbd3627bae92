/*
 * rr/json.h — a strict JSON (ECMA-404) parser into a small tree (kern/json.c).
 *
 * Strict: no comments, no trailing commas, no leading zeros, no control characters
 * in strings, only the escapes the standard lists, valid UTF-8, paired surrogates,
 * one value followed only by whitespace. Numbers keep their literal text (the
 * kernel does not use floating point); rr_json_int converts exact integers.
 */
#pragma once

#include <rr/kern.h>

#define RR_JSON_MAX_DEPTH 64

enum rr_json_type {
    RR_JSON_NULL,
    RR_JSON_FALSE,
    RR_JSON_TRUE,
    RR_JSON_NUMBER,
    RR_JSON_STRING,
    RR_JSON_ARRAY,
    RR_JSON_OBJECT,
};

struct rr_json {
    enum rr_json_type type;
    size_t offset;              /* byte offset of the value in the input */
    char *str;                  /* STRING: decoded UTF-8, NUMBER: the literal; NUL-terminated */
    size_t len;                 /* bytes in str (a string may contain U+0000) */
    struct rr_json *child;      /* ARRAY/OBJECT: first element or member */
    struct rr_json *next;       /* next element or member of the parent */
    char *key;                  /* member name inside an object (decoded, NUL-terminated) */
    size_t key_len;
    size_t key_offset;
};

/* Parses text[0..len). On success *out is the root (free with rr_json_free). On error
 * returns -EINVAL (or -ENOMEM) and writes e.g. "expected ',' or '}' at byte 17". */
int rr_json_parse(const char *text, size_t len, struct rr_json **out, char *err, size_t errlen);
void rr_json_free(struct rr_json *v);
/* The value of an integer number that fits in int64_t (no fraction or exponent). */
bool rr_json_int(const struct rr_json *v, int64_t *out);
/* The member of an object named key (first match), or NULL. */
const struct rr_json *rr_json_member(const struct rr_json *obj, const char *key);
const char *rr_json_type_name(enum rr_json_type t);
