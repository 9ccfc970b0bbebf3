/*
 * rtc_cmos.c — the date from the PC's CMOS real-time clock (the MC146818
 * at ports 0x70/0x71), read once at boot to give CLOCK_REALTIME its
 * epoch.  Registers are read while no update is in progress, twice until
 * two readings agree (an update may land between the bytes), in BCD or
 * binary and 12- or 24-hour form as status register B says.  A machine
 * without the chip reads 0xff everywhere: then there is no date.
 */
#include "dev/rtc_cmos.h"
#include "x86/io.h"
#include "clock.h"
#include "printk.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32           /* the ACPI FADT's usual century register */
#define STATUS_A_UIP 0x80
#define STATUS_B_24H 0x02
#define STATUS_B_BINARY 0x04

struct rtc_time {
	unsigned sec, min, hour, day, month, year, century;
};

static unsigned cmos_read(unsigned reg)
{
	outb(CMOS_INDEX, (u8)reg);       /* bit 7 clear: NMIs stay enabled */
	return inb(CMOS_DATA);
}

static void rtc_sample(struct rtc_time *t)
{
	unsigned spins = 0;

	while ((cmos_read(RTC_STATUS_A) & STATUS_A_UIP) && spins++ < 100000)
		;
	t->sec = cmos_read(RTC_SEC);
	t->min = cmos_read(RTC_MIN);
	t->hour = cmos_read(RTC_HOUR);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static unsigned bcd(unsigned v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static u64 days_from_civil(u64 y, unsigned m, unsigned d)
{
	u64 era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool rtc_cmos_read_epoch(u64 *secs)
{
	struct rtc_time a, b;
	unsigned status, tries = 0, pm;
	u64 year;

	do {
		rtc_sample(&a);
		rtc_sample(&b);
	} while ((a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day) &&
		 ++tries < 5);
	status = cmos_read(RTC_STATUS_B);
	if (status == 0xff && a.sec == 0xff)
		return false;                    /* nothing there */
	pm = !(status & STATUS_B_24H) && (a.hour & 0x80);
	a.hour &= 0x7f;
	if (!(status & STATUS_B_BINARY)) {
		a.sec = bcd(a.sec);
		a.min = bcd(a.min);
		a.hour = bcd(a.hour);
		a.day = bcd(a.day);
		a.month = bcd(a.month);
		a.year = bcd(a.year);
		a.century = bcd(a.century);
	}
	if (!(status & STATUS_B_24H))
		a.hour = a.hour % 12 + (pm ? 12 : 0);
	year = (a.century >= 19 && a.century <= 30) ? a.century * 100u + a.year :
	       a.year + (a.year < 70 ? 2000u : 1900u);
	if (a.sec > 59 || a.min > 59 || a.hour > 23 || a.day < 1 || a.day > 31 ||
	    a.month < 1 || a.month > 12)
		return false;
	*secs = days_from_civil(year, a.month, a.day) * 86400 + a.hour * 3600u + a.min * 60u + a.sec;
	return true;
}

void rtc_cmos_set_wallclock(void)
{
	u64 secs;

	if (rtc_cmos_read_epoch(&secs))
		clock_set_epoch(secs * NSEC_PER_SEC);
	else
		pr_info("time: no CMOS clock: the date starts at 1970\n");
}
