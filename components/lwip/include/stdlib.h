/* lwIP includes <stdlib.h> for atoi (netif names) only. */
#pragma once
#include <stddef.h>

int rr_lwip_atoi(const char *s);
#define atoi rr_lwip_atoi
