/*
 * Memory system calls: checks of the Linux ABI, then mm/vm.c. A private file
 * mapping is an anonymous one filled from the file (through the file layer's
 * rr_vfs_pread); writes to it are never written back, so a writable shared
 * file mapping is refused. A private mapping of /dev/zero is anonymous memory.
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
 * (MAP_FIXED must not lose the old mapping to a bad descriptor). 1: map /dev/zero as
 * anonymous memory; 0: a regular file; negative: the error. */
static int check_file(long fd, long prot, bool shared)
{
    struct rr_file *f = rr_fd_get((int)fd);
    if (!f)
        return -EBADF;
    int r = 0;
    struct rr_vattr va;
    if (f->flags & RR_O_PATH)
        r = -EBADF;
    else if (!rr_file_readable(f))
        r = -EACCES;
    else if (shared && (prot & RR_PROT_WRITE) && !rr_file_writable(f))
        r = -EACCES;
    else if (RR_S_ISCHR(f->vn->mode) && rr_vnode_getattr(f->vn, &va) == 0 && va.rdev == RR_DEV_ZERO)
        r = 1;
    else if (!RR_S_ISREG(f->vn->mode))
        r = -ENODEV;
    else if (shared && (prot & RR_PROT_WRITE))
        r = -ENODEV;   /* written pages would never reach the file */
    rr_file_unref(f);
    return r;
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

    int kind = check_file(fd, prot, type != RR_MAP_PRIVATE);
    if (kind < 0)
        return kind;
    if (kind == 1)
        return rr_vm_mmap(addr, len, (int)prot, (int)flags);
    long a = rr_vm_mmap(addr, len, (int)prot | RR_PROT_WRITE, (int)flags);
    if (a < 0)
        return a;
    long n = rr_vfs_pread((int)fd, (void *)a, len, (uint64_t)off);
    if (n < 0) {
        rr_vm_munmap(a, len);
        return n;
    }
    if (!(prot & RR_PROT_WRITE))
        rr_vm_mprotect(a, len, (int)prot);
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
