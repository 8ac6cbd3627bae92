/*
 * Starting the program the way Linux execve leaves a static binary: on its
 * main stack, from the top: strings (argv, environment, platform name), the
 * 16 AT_RANDOM bytes, then (16-byte aligned at argc) argc, argv[], NULL,
 * envp[], NULL, auxv pairs ending in AT_NULL. musl finds its TLS image through
 * AT_PHDR, so the image's program headers are part of a loaded segment.
 * The boot's context becomes thread 1, whose kernel stack is the one the
 * boot continued on.
 */
#include <rr/kern.h>
#include <rr/boot.h>
#include <rr/program.h>
#include <rr/vm.h>
#include <rr/x86.h>
#include <rr/sched.h>

enum {
    AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8,
    AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
    AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31,
};

struct elf64_ehdr_head {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum;
};

extern void _start(void);
RR_NORETURN void rr_enter_program(void (*entry)(void), uintptr_t sp);

bool rr_program_running;

static char *push_bytes(char **sp, const void *data, size_t n)
{
    *sp -= n;
    rr_memcpy(*sp, data, n);
    return *sp;
}

void rr_program_start(void)
{
    const struct elf64_ehdr_head *eh = (const void *)__ehdr_start;
    char *sp = (char *)rr_vm_stack_top();
    int argc = rr_config.argc, envc = rr_config.envc;
    char **argv = rr_zalloc((argc + 1) * sizeof(char *));
    char **envp = rr_zalloc((envc + 1) * sizeof(char *));
    if (!argv || !envp)
        rr_panic("no memory for the program's arguments");

    for (int i = envc - 1; i >= 0; i--)
        envp[i] = push_bytes(&sp, rr_config.envp[i], rr_strlen(rr_config.envp[i]) + 1);
    for (int i = argc - 1; i >= 0; i--)
        argv[i] = push_bytes(&sp, rr_config.argv[i], rr_strlen(rr_config.argv[i]) + 1);
    char *platform = push_bytes(&sp, "x86_64", 7);
    sp -= 16;
    rr_random_bytes(sp, 16);
    char *random = sp;

    uint32_t id[4];
    rr_cpuid(1, 0, id);
    const uint64_t auxv[][2] = {
        { AT_PHDR, (uint64_t)(__ehdr_start + eh->phoff) }, { AT_PHENT, eh->phentsize },
        { AT_PHNUM, eh->phnum }, { AT_PAGESZ, RR_PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 },
        { AT_ENTRY, (uint64_t)_start }, { AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 },
        { AT_PLATFORM, (uint64_t)platform }, { AT_HWCAP, id[3] }, { AT_HWCAP2, 0 }, { AT_CLKTCK, 100 },
        { AT_SECURE, 0 }, { AT_RANDOM, (uint64_t)random },
        { AT_EXECFN, (uint64_t)(argc ? argv[0] : platform) }, { AT_NULL, 0 },
    };
    size_t words = 1 + (argc + 1) + (envc + 1) + 2 * RR_ARRAY_SIZE(auxv);
    uintptr_t top = ((uintptr_t)sp & ~15UL) - (words & 1) * 8;
    uint64_t *w = (uint64_t *)(top - words * 8);
    uintptr_t start_sp = (uintptr_t)w;
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++)
        *w++ = (uint64_t)argv[i];
    *w++ = 0;
    for (int i = 0; i < envc; i++)
        *w++ = (uint64_t)envp[i];
    *w++ = 0;
    for (size_t i = 0; i < RR_ARRAY_SIZE(auxv); i++) {
        *w++ = auxv[i][0];
        *w++ = auxv[i][1];
    }
    rr_free(argv);
    rr_free(envp);
    RR_ASSERT((start_sp & 15) == 0);
    rr_sched_init();
    rr_program_running = true;
    rr_enter_program(_start, start_sp);
}
