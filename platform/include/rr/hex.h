/*
 * rr/hex.h — hexadecimal text (lib/hex.c): the guest configuration's seed and
 * MACs, and the MACs Xen's toolstack writes to xenstore.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* The value of one hex digit, either case; -1 for any other character. */
int rr_hex_digit(char c);
/* "52:54:00:72:72:01": six two-digit hex bytes, either case, then the string's end. */
bool rr_mac_parse(const char *text, uint8_t mac[6]);
