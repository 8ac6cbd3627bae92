/*
 * The ext2 on-disk format ("The Second Extended File System", revisions 0 and
 * 1) as C structures: every field is naturally aligned on disk, so no packing
 * is needed (the size checks below prove the layout), and the platform and its
 * host tests run on little-endian x86-64 only, so fields are used as they lie.
 */
#pragma once

#include <stdint.h>

#define EXT2_MAGIC            0xEF53
#define EXT2_SUPER_OFFSET     1024u
#define EXT2_SUPER_SIZE       1024u
#define EXT2_ROOT_INO         2u
#define EXT2_GOOD_OLD_FIRST_INO 11u
#define EXT2_GOOD_OLD_INODE_SIZE 128u
#define EXT2_NDIR_BLOCKS      12u
#define EXT2_IND_BLOCK        12u
#define EXT2_DIND_BLOCK       13u
#define EXT2_TIND_BLOCK       14u
#define EXT2_N_BLOCKS         15u
#define EXT2_FAST_LINK_MAX    60u   /* targets shorter than i_block's 60 bytes live in the inode */
#define EXT2_NAME_LEN         255u
#define EXT2_LINK_MAX         32000u

/* s_state */
#define EXT2_VALID_FS  1u
#define EXT2_ERROR_FS  2u

/* feature bits the implementation knows */
#define EXT2_COMPAT_DIR_PREALLOC   0x0001u
#define EXT2_COMPAT_HAS_JOURNAL    0x0004u
#define EXT2_COMPAT_EXT_ATTR       0x0008u
#define EXT2_COMPAT_RESIZE_INODE   0x0010u
#define EXT2_COMPAT_DIR_INDEX      0x0020u
#define EXT2_INCOMPAT_COMPRESSION  0x0001u
#define EXT2_INCOMPAT_FILETYPE     0x0002u
#define EXT2_INCOMPAT_RECOVER      0x0004u
#define EXT2_INCOMPAT_JOURNAL_DEV  0x0008u
#define EXT2_INCOMPAT_META_BG      0x0010u
#define EXT2_INCOMPAT_EXTENTS      0x0040u
#define EXT2_INCOMPAT_64BIT        0x0080u
#define EXT2_INCOMPAT_MMP          0x0100u
#define EXT2_INCOMPAT_FLEX_BG      0x0200u
#define EXT2_INCOMPAT_INLINE_DATA  0x8000u
#define EXT2_RO_COMPAT_SPARSE_SUPER 0x0001u
#define EXT2_RO_COMPAT_LARGE_FILE  0x0002u
#define EXT2_RO_COMPAT_BTREE_DIR   0x0004u

#define EXT2_INCOMPAT_SUPPORTED  EXT2_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPPORTED (EXT2_RO_COMPAT_SPARSE_SUPER | EXT2_RO_COMPAT_LARGE_FILE | EXT2_RO_COMPAT_BTREE_DIR)

/* i_flags */
#define EXT2_INDEX_FL   0x00001000u   /* hashed directory: its blocks still read as a linear one */
#define EXT2_EXTENTS_FL 0x00080000u
#define EXT2_INLINE_DATA_FL 0x10000000u

/* directory entry file types (with the filetype feature) */
#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

#define EXT2_XATTR_MAGIC 0xEA020000u

struct ext2_super {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count;
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block;
    uint32_t s_log_block_size;
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime;
    uint32_t s_wtime;
    uint16_t s_mnt_count;
    int16_t s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* revision 1 */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t s_uuid[16];
    char s_volume_name[16];
    char s_last_mounted[64];
    uint32_t s_algo_bitmap;
    uint8_t s_prealloc_blocks;
    uint8_t s_prealloc_dir_blocks;
    uint16_t s_reserved_gdt_blocks;
    uint8_t s_journal_uuid[16];
    uint32_t s_journal_inum;
    uint32_t s_journal_dev;
    uint32_t s_last_orphan;
    uint32_t s_hash_seed[4];
    uint8_t s_def_hash_version;
    uint8_t s_jnl_backup_type;
    uint16_t s_desc_size;
    uint32_t s_default_mount_opts;
    uint32_t s_first_meta_bg;
    uint32_t s_mkfs_time;
    uint32_t s_jnl_blocks[17];
    uint32_t s_blocks_count_hi;
    uint32_t s_r_blocks_count_hi;
    uint32_t s_free_blocks_count_hi;
    uint16_t s_min_extra_isize;
    uint16_t s_want_extra_isize;
    uint8_t s_rest[EXT2_SUPER_SIZE - 0x160];
};
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE, "the superblock is 1024 bytes");

struct ext2_group_desc {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_flags;
    uint8_t bg_reserved[12];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32, "a group descriptor is 32 bytes");

struct ext2_inode {
    uint16_t i_mode;
    uint16_t i_uid;
    uint32_t i_size;
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime;
    uint16_t i_gid;
    uint16_t i_links_count;
    uint32_t i_blocks;          /* 512-byte units, indirect blocks included */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl;
    uint32_t i_size_high;       /* i_dir_acl in revision 0 */
    uint32_t i_faddr;
    uint8_t i_frag;
    uint8_t i_fsize;
    uint16_t i_pad1;
    uint16_t i_uid_high;
    uint16_t i_gid_high;
    uint32_t i_reserved2;
    /* present when the inode is larger than 128 bytes, up to 128 + i_extra_isize */
    uint16_t i_extra_isize;
    uint16_t i_checksum_hi;
    uint32_t i_ctime_extra;     /* nanoseconds << 2 | epoch bits */
    uint32_t i_mtime_extra;
    uint32_t i_atime_extra;
    uint32_t i_crtime;
    uint32_t i_crtime_extra;
};
_Static_assert(sizeof(struct ext2_inode) == 152, "inode fields up to i_crtime_extra");

/* offsetof without <stddef.h> in every user */
#define EXT2_INODE_END_OF(field) (__builtin_offsetof(struct ext2_inode, field) + sizeof(((struct ext2_inode *)0)->field))

struct ext2_dirent {
    uint32_t inode;
    uint16_t rec_len;
    uint8_t name_len;
    uint8_t file_type;          /* high byte of a 16-bit name_len without the filetype feature */
    char name[];
};
#define EXT2_DIRENT_HEADER 8u
/* the space an entry with a name of len bytes needs */
#define EXT2_DIRENT_SIZE(len) (((len) + EXT2_DIRENT_HEADER + 3u) & ~3u)
