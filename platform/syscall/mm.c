/*
 * Memory system calls: checks of the Linux ABI, then mm/vm.c. A private file
 * mapping is an anonymous one filled from the file (through the file layer's
 * rr_vfs_pread). A shared one maps the file's own pages (ramfs), so writes
 * through it and write(2) see each other at once. A private mapping of
 * /dev/zero is anonymous memory.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/vm.h>
#include <rr/vfs.h>
#include <rr/vfs_tty.h>

#define MAP_TYPE 0x0f
#define MAP_SHARED_VALIDATE 0x03

static long sys_brk(unsigned long addr)
{
    return rr_vm_brk(addr);
}

/* What a file mapping needs from the descriptor, checked before anything is mapped
 * (MAP_FIXED must not lose the old mapping to a bad descriptor): the file, referenced. */
static long file_for_mapping(long fd, long prot, bool shared, struct rr_file **out)
{
    struct rr_file *f = rr_fd_get((int)fd);
    if (!f)
        return -EBADF;
    long r = 0;
    if (f->flags & RR_O_PATH)
        r = -EBADF;
    else if (!rr_file_readable(f))
        r = -EACCES;
    else if (shared && (prot & RR_PROT_WRITE) && !rr_file_writable(f))
        r = -EACCES;
    else if (!RR_S_ISREG(f->vn->mode) && !RR_S_ISCHR(f->vn->mode))
        r = -ENODEV;
    else if (shared && RR_S_ISREG(f->vn->mode) && !f->vn->ops->map_page && (prot & RR_PROT_WRITE))
        r = -ENODEV;   /* written pages could never reach the file */
    if (r) {
        rr_file_unref(f);
        return r;
    }
    *out = f;
    return 0;
}

static bool is_dev_zero(struct rr_file *f)
{
    struct rr_vattr va;
    return RR_S_ISCHR(f->vn->mode) && rr_vnode_getattr(f->vn, &va) == 0 && va.rdev == RR_DEV_ZERO;
}

static long sys_mmap(unsigned long addr, unsigned long len, long prot, long flags, long fd, long off)
{
    if (prot & ~(RR_PROT_READ | RR_PROT_WRITE | RR_PROT_EXEC))
        return -EINVAL;
    long type = flags & MAP_TYPE;
    if (type != RR_MAP_PRIVATE && type != RR_MAP_SHARED && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (off & (RR_PAGE_SIZE - 1))
        return -EINVAL;
    if (!len)
        return -EINVAL;
    if (flags & RR_MAP_ANONYMOUS)
        return rr_vm_mmap(addr, len, (int)prot, (int)flags);

    bool shared = type != RR_MAP_PRIVATE;
    struct rr_file *f;
    long a = file_for_mapping(fd, prot, shared, &f);
    if (a < 0)
        return a;
    if (is_dev_zero(f)) {
        a = rr_vm_mmap(addr, len, (int)prot, (int)flags);
    } else if (!RR_S_ISREG(f->vn->mode)) {
        a = -ENODEV;
    } else if (shared && f->vn->ops->map_page) {
        a = rr_vm_mmap_shared(addr, len, (int)prot, (int)flags, f->vn, (uint64_t)off / RR_PAGE_SIZE);
    } else {
        /* private (or read-only shared without page access): a copy of the file */
        a = rr_vm_mmap(addr, len, (int)prot | RR_PROT_WRITE, (int)flags);
        long n = a < 0 ? 0 : rr_vfs_pread((int)fd, (void *)a, len, (uint64_t)off);
        if (n < 0) {
            rr_vm_munmap((uintptr_t)a, len);
            a = n;
        } else if (a >= 0 && !(prot & RR_PROT_WRITE)) {
            rr_vm_mprotect((uintptr_t)a, len, (int)prot);
        }
    }
    rr_file_unref(f);
    return a;
}

static long sys_munmap(unsigned long addr, unsigned long len)
{
    return rr_vm_munmap(addr, len);
}

static long sys_mprotect(unsigned long addr, unsigned long len, long prot)
{
    if (prot & ~(RR_PROT_READ | RR_PROT_WRITE | RR_PROT_EXEC))
        return -EINVAL;
    return rr_vm_mprotect(addr, len, (int)prot);
}

static long sys_madvise(unsigned long addr, unsigned long len, long advice)
{
    if (addr & (RR_PAGE_SIZE - 1))
        return -EINVAL;
    if (advice == RR_MADV_DONTNEED || advice == RR_MADV_FREE)
        return rr_vm_dontneed(addr, len);
    return 0;     /* hints */
}

static long sys_mremap(unsigned long old, unsigned long oldlen, unsigned long newlen, long flags,
                       unsigned long newaddr)
{
    if (flags & ~(RR_MREMAP_MAYMOVE | RR_MREMAP_FIXED))
        return -EINVAL;
    return rr_vm_mremap(old, oldlen, newlen, (int)flags, newaddr);
}

/* msync, mlock and friends: one address space, nothing is ever swapped or shared */
static long sys_msync(void) { return 0; }
static long sys_mlock(void) { return 0; }
static long sys_munlock(void) { return 0; }
static long sys_mlockall(void) { return 0; }
static long sys_munlockall(void) { return 0; }

RR_SYSCALL(__NR_brk, sys_brk);
RR_SYSCALL(__NR_mmap, sys_mmap);
RR_SYSCALL(__NR_munmap, sys_munmap);
RR_SYSCALL(__NR_mprotect, sys_mprotect);
RR_SYSCALL(__NR_madvise, sys_madvise);
RR_SYSCALL(__NR_mremap, sys_mremap);
RR_SYSCALL(__NR_msync, sys_msync);
RR_SYSCALL(__NR_mlock, sys_mlock);
RR_SYSCALL(__NR_munlock, sys_munlock);
RR_SYSCALL(__NR_mlockall, sys_mlockall);
RR_SYSCALL(__NR_munlockall, sys_munlockall);
