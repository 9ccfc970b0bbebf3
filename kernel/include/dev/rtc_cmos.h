/* rtc_cmos.h — the CMOS real-time clock's date, for the wall clock. */
#ifndef PROTEUS_DEV_RTC_CMOS_H
#define PROTEUS_DEV_RTC_CMOS_H
#include "types.h"
/* Seconds since 1970-01-01 UTC now; false if there is no usable RTC. */
bool rtc_cmos_read_epoch(u64 *secs);
/* Give the wall clock its date from the RTC (after the clock runs). */
void rtc_cmos_set_wallclock(void);
#endif
