/*
 * ISO 9660 dates to Unix times. Both formats carry local time and its offset
 * from UTC in 15-minute steps. A date that is not a calendar date (a damaged
 * record, or the all-zero "not specified") becomes the epoch, not an error:
 * a wrong time is no reason to refuse a file.
 */
#include "iso9660_fs.h"

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Leap days in the years 1 .. y-1. */
static int64_t leaps_before(int64_t y)
{
    return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
}

static struct rr_timespec make(int64_t year, int month, int day, int hour, int minute, int second,
                               int64_t nsec, int8_t offset)
{
    static const int before_month[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return (struct rr_timespec){ 0, 0 };
    int64_t days = 365 * (year - 1970) + leaps_before(year) - leaps_before(1970) + before_month[month - 1]
                   + (month > 2 && leap(year)) + day - 1;
    int64_t t = days * 86400 + hour * 3600 + minute * 60 + second - (int64_t)offset * 15 * 60;
    return (struct rr_timespec){ t, nsec };
}

struct rr_timespec iso_time_short(const uint8_t *p)
{
    return make(1900 + p[0], p[1], p[2], p[3], p[4], p[5], 0, (int8_t)p[6]);
}

static int digits(const uint8_t *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

struct rr_timespec iso_time_long(const uint8_t *p)
{
    int year = digits(p, 4), month = digits(p + 4, 2), day = digits(p + 6, 2);
    int hour = digits(p + 8, 2), minute = digits(p + 10, 2), second = digits(p + 12, 2);
    int hundredths = digits(p + 14, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || hundredths < 0)
        return (struct rr_timespec){ 0, 0 };
    return make(year, month, day, hour, minute, second, (int64_t)hundredths * 10000000, (int8_t)p[16]);
}
