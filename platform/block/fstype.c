/* The registry of block file-system types, asked in registration order. */
#include <rr/kern.h>
#include <rr/fstype.h>

#define MAX_FSTYPES 8

static const struct rr_fstype *types[MAX_FSTYPES];
static size_t ntypes;

int rr_fstype_register(const struct rr_fstype *type)
{
    if (ntypes == MAX_FSTYPES)
        return -ENOSPC;
    types[ntypes++] = type;
    return 0;
}

const struct rr_fstype *rr_fstype_detect(struct rr_blkdev *dev)
{
    for (size_t i = 0; i < ntypes; i++)
        if (types[i]->probe(dev))
            return types[i];
    return NULL;
}

const struct rr_fstype *rr_fstype_find(const char *name)
{
    for (size_t i = 0; i < ntypes; i++)
        if (rr_strcmp(types[i]->name, name) == 0)
            return types[i];
    return NULL;
}
