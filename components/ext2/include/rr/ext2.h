/*
 * rr/ext2.h — the ext2 file-system type (components/ext2).
 *
 * The component registers itself with rr_fstype_register() at boot; the mount
 * code reaches it through rr_fstype_find("ext2") or rr_fstype_detect(). This
 * header exists for code that wants the type directly (tests, tools).
 */
#pragma once

#include <rr/fstype.h>

#define RR_EXT2_SUPER_MAGIC 0xEF53

extern const struct rr_fstype rr_ext2_fstype;
