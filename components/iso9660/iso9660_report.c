/*
 * Corruption reports. A damaged image can fail the same way on every access;
 * a few lines say what is wrong without flooding the console.
 */
#include "iso9660_fs.h"

#define MAX_COMPLAINTS 8

int iso_corrupt(struct iso_fs *fs, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_vsnprintf(fs->last_error, sizeof(fs->last_error), fmt, ap);
    va_end(ap);
    if (fs->quiet || fs->complaints >= MAX_COMPLAINTS)
        return -EIO;
    fs->complaints++;
    rr_printk("iso9660 %s: %s (I/O error)%s", fs->devname, fs->last_error,
              fs->complaints == MAX_COMPLAINTS ? "; further errors are not reported" : "");
    return -EIO;
}
