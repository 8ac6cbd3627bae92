/*
 * The CMOS real-time clock, read once at boot for the realtime clock's
 * origin. Reads wait out an update in progress and are repeated until two
 * agree; BCD and 12-hour formats are decoded from status register B.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>

static uint8_t cmos(uint8_t reg)
{
    rr_outb(0x70, reg);
    return rr_inb(0x71);
}

struct rtc_time { uint8_t sec, min, hour, day, mon, year, century; };

static void read_raw(struct rtc_time *t)
{
    while (cmos(0x0A) & 0x80)
        rr_pause();
    *t = (struct rtc_time){ cmos(0x00), cmos(0x02), cmos(0x04), cmos(0x07), cmos(0x08), cmos(0x09), cmos(0x32) };
}

static unsigned bcd(uint8_t v)
{
    return (v & 0x0f) + (v >> 4) * 10;
}

/* days from 1970-01-01 to y-m-d (proleptic Gregorian) */
static uint64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (uint64_t)((int64_t)era * 146097 + (int64_t)doe - 719468);
}

uint64_t rr_rtc_read_epoch(void)
{
    struct rtc_time a, b;
    read_raw(&a);
    for (int tries = 0; tries < 5; tries++) {
        read_raw(&b);
        if (rr_memcmp(&a, &b, sizeof(a)) == 0)
            break;
        a = b;
    }
    uint8_t status_b = cmos(0x0B);
    bool binary = status_b & 0x04, h24 = status_b & 0x02;
    bool pm = a.hour & 0x80;
    a.hour &= 0x7f;
    unsigned sec = binary ? a.sec : bcd(a.sec), min = binary ? a.min : bcd(a.min);
    unsigned hour = binary ? a.hour : bcd(a.hour), day = binary ? a.day : bcd(a.day);
    unsigned mon = binary ? a.mon : bcd(a.mon), year = binary ? a.year : bcd(a.year);
    unsigned century = binary ? a.century : bcd(a.century);
    if (!h24)
        hour = (hour % 12) + (pm ? 12 : 0);
    year += (century >= 19 && century <= 30) ? century * 100 : 2000;
    if (mon < 1 || mon > 12 || day < 1 || day > 31)
        return 0;
    return days_from_civil((int)year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}
