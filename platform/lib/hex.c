/* Hexadecimal text, shared by the configuration parser and the network drivers. */
#include <rr/hex.h>

int rr_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool rr_mac_parse(const char *text, uint8_t mac[6])
{
    for (int b = 0; b < 6; b++) {
        const char *p = text + 3 * b;
        int hi = rr_hex_digit(p[0]), lo = hi < 0 ? -1 : rr_hex_digit(p[1]);
        if (hi < 0 || lo < 0 || p[2] != (b < 5 ? ':' : '\0'))
            return false;
        mac[b] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}
