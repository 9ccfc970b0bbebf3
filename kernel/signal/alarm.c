/*
 * alarm.c — ITIMER_REAL: alarm, setitimer, getitimer.  The deadline is
 * p->alarm_at (clock_ns(), 0 when unarmed), which the scheduler's clock
 * watches; when it passes, signal_alarm_fire re-arms a periodic timer and
 * sends SIGALRM.  The virtual and profiling timers do not exist here.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "uaccess.h"
#include "pv/ops.h"
#include <string.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_USEC 1000ull
#define USEC_PER_SEC 1000000ll
/* Longer than any machine runs: taken as forever rather than overflowing. */
#define ALARM_MAX_SEC (100ull * 365 * 24 * 3600)

void signal_alarm_fire(struct proc *p)
{
	u64 now = clock_ns(), period = p->sig.itimer_interval_ns;

	if (period) {
		p->alarm_at += period;
		if (p->alarm_at <= now)          /* late: no burst of catch-up signals */
			p->alarm_at = now + period;
	} else {
		p->alarm_at = 0;
	}
	signal_send(p, SIGALRM, NULL);
}

static u64 timeval_to_ns(const struct linux_timeval *tv)
{
	if ((u64)tv->tv_sec > ALARM_MAX_SEC)
		return ALARM_MAX_SEC * NSEC_PER_SEC;
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

static struct linux_timeval ns_to_timeval(u64 ns)
{
	/* Round up, so an armed timer never reads as 0 (disarmed). */
	u64 us = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	return (struct linux_timeval){ .tv_sec = (s64)(us / USEC_PER_SEC),
				       .tv_usec = (s64)(us % USEC_PER_SEC) };
}

static bool timeval_ok(const struct linux_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

/* The timer as getitimer reports it. */
static void itimer_get(struct proc *p, struct linux_itimerval *out)
{
	u64 at = READ_ONCE(p->alarm_at), now = clock_ns();

	out->it_interval = ns_to_timeval(p->sig.itimer_interval_ns);
	out->it_value = ns_to_timeval(at > now ? at - now : (at ? 1 : 0));
}

/* Arm (value_ns > 0) or disarm the timer; interrupts off so the clock
 * never sees a deadline without its period. */
static void itimer_set(struct proc *p, u64 value_ns, u64 interval_ns)
{
	u64 flags = irq_save();

	p->sig.itimer_interval_ns = value_ns ? interval_ns : 0;
	p->alarm_at = value_ns ? clock_ns() + value_ns : 0;
	irq_restore(flags);
}

SYSCALL_DEFINE2(getitimer, int, which, u64, ucur)
{
	struct linux_itimerval cur;

	if (which != ITIMER_REAL)
		return -EINVAL;
	itimer_get(proc_current(), &cur);
	return copy_to_user(ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, u64, unew, u64, uold)
{
	struct proc *p = proc_current();
	struct linux_itimerval next, old;

	if (which != ITIMER_REAL)
		return -EINVAL;
	memset(&next, 0, sizeof(next));           /* NULL: disarm, as Linux does */
	if (unew && copy_from_user(&next, unew, sizeof(next)))
		return -EFAULT;
	if (!timeval_ok(&next.it_value) || !timeval_ok(&next.it_interval))
		return -EINVAL;
	itimer_get(p, &old);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	itimer_set(p, timeval_to_ns(&next.it_value), timeval_to_ns(&next.it_interval));
	return 0;
}

/* alarm(2): a one-shot in whole seconds; returns what was left of the
 * previous one, rounded to the nearest second but never 0 if armed. */
SYSCALL_DEFINE1(alarm, unsigned, seconds)
{
	struct proc *p = proc_current();
	struct linux_itimerval old;
	long left;

	itimer_get(p, &old);
	left = (long)old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 || (!left && old.it_value.tv_usec))
		left++;
	itimer_set(p, (u64)seconds * NSEC_PER_SEC, 0);
	return left;
}
