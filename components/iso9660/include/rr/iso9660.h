/*
 * rr/iso9660.h — the read-only ISO 9660 file system (components/iso9660).
 *
 * The component registers this type with the block file-system registry at
 * RR_INIT(RR_FSTYPE_ORDER); mounting code finds it there by name or by probe.
 * The declaration is public so host tests can mount an image without the
 * registry's initialisers.
 */
#pragma once

#include <rr/fstype.h>

/* statfs f_type, as Linux reports for isofs */
#define RR_ISO9660_MAGIC 0x9660

extern const struct rr_fstype rr_iso9660_fstype;
