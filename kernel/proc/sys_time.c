/*
 * sys_time.c — clocks and sleeping from the pv clock.
 *
 * CLOCK_MONOTONIC (and BOOTTIME, RAW, COARSE) is clock_ns(), the pv
 * clocksource's time since boot.  CLOCK_REALTIME follows it from the date
 * the backend found at boot (the CMOS clock, Xen's shared_info), or from
 * 1970 where there was none.  The CPU-time clocks count the process's
 * time since it started.
 */
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "uaccess.h"
#include "clock.h"
#include "pv/ops.h"

static int clock_read(int id, u64 *ns)
{
	switch (id) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		*ns = clock_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = clock_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		*ns = clock_ns() - proc_current()->start_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

static struct linux_timespec ns_to_ts(u64 ns)
{
	return (struct linux_timespec){ (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) };
}

SYSCALL_DEFINE2(clock_gettime, int, id, u64, uts)
{
	struct linux_timespec ts;
	u64 ns;
	int rc = clock_read(id, &ns);

	if (rc)
		return rc;
	ts = ns_to_ts(ns);
	return copy_to_user(uts, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_getres, int, id, u64, uts)
{
	struct linux_timespec ts = { 0, 1 };
	u64 ns;
	int rc = clock_read(id, &ns);

	if (rc)
		return rc;
	return uts ? copy_to_user(uts, &ts, sizeof(ts)) : 0;
}

SYSCALL_DEFINE2(gettimeofday, u64, utv, u64, utz)
{
	u64 ns = clock_realtime_ns();
	struct linux_timeval tv = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC / 1000) };
	u64 tz[1] = { 0 };

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, 8))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, u64, ut)
{
	s64 t = (s64)(clock_realtime_ns() / NSEC_PER_SEC);

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

/* Sleep until the clock reads deadline; on a signal, the time left. */
static long sleep_until(u64 deadline, u64 urem)
{
	u64 fl = irq_save();
	long rc = 0;

	while (clock_ns() < deadline) {
		if (sched_sleep_until(&sleep_until, deadline)) {
			rc = -EINTR;
			break;
		}
	}
	irq_restore(fl);
	if (rc && urem) {
		u64 now = clock_ns();
		struct linux_timespec left = ns_to_ts(deadline > now ? deadline - now : 0);

		if (copy_to_user(urem, &left, sizeof(left)))
			return -EFAULT;
	}
	return rc;
}

static int ts_read(u64 uts, u64 *ns)
{
	struct linux_timespec ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)ts.tv_sec > (~0ull / 2) / NSEC_PER_SEC)
		*ns = ~0ull / 2;
	else
		*ns = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(nanosleep, u64, ureq, u64, urem)
{
	u64 ns;
	int rc = ts_read(ureq, &ns);

	return rc ? rc : sleep_until(clock_ns() + ns, urem);
}

SYSCALL_DEFINE4(clock_nanosleep, int, id, int, flags, u64, ureq, u64, urem)
{
	u64 ns, now;
	int rc = clock_read(id, &now);

	if (rc)
		return rc;
	if ((rc = ts_read(ureq, &ns)))
		return rc;
	if (flags & TIMER_ABSTIME) {
		/* An absolute realtime deadline, on the monotonic clock. */
		u64 base = (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE) ?
			   clock_realtime_ns() - clock_ns() : 0;

		return sleep_until(ns > base ? ns - base : 0, 0);
	}
	return sleep_until(clock_ns() + ns, urem);
}

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield_cpu();
	return 0;
}

SYSCALL_DEFINE1(times, u64, ubuf)
{
	struct proc *p = proc_current();
	u64 ticks = clock_ns() / (NSEC_PER_SEC / CLOCK_HZ);
	struct linux_tms t = {
		(s64)((clock_ns() - p->start_ns) / (NSEC_PER_SEC / CLOCK_HZ)), 0,
		(s64)p->cutime_ticks, (s64)p->cstime_ticks,
	};

	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	return (long)ticks;
}
