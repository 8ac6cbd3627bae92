/*
 * Memory system calls: checks of the Linux ABI, then mm/vm.c. A private file
 * mapping is an anonymous one filled from the file (through the file layer's
 * rr_vfs_pread); writes to it are never written back, so a writable shared
 * file mapping is refused.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/vm.h>

#define MAP_TYPE 0x0f
#define MAP_SHARED_VALIDATE 0x03

__attribute__((weak)) long rr_vfs_pread(int fd, void *buf, size_t n, uint64_t off);

static long sys_brk(unsigned long addr)
{
    return rr_vm_brk(addr);
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
    if (flags & RR_MAP_ANONYMOUS)
        return rr_vm_mmap(addr, len, (int)prot, (int)flags);

    if (type != RR_MAP_PRIVATE && (prot & RR_PROT_WRITE))
        return -ENODEV;
    if (!rr_vfs_pread)
        return -ENODEV;
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
