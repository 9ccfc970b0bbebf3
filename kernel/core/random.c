/*
 * random.c — unpredictable-enough bytes without a hardware source the
 * kernel may use everywhere (rdrand is not emulated on every platform
 * here): a xorshift64* generator whose state absorbs the TSC at every
 * call, so values differ between boots and between calls.  Good for
 * AT_RANDOM's stack canary seed and getrandom(2) in tests; not for keys.
 */
#include "random.h"
#include "syscall.h"
#include "uaccess.h"
#include "pv/ops.h"

static u64 state = 0x9e3779b97f4a7c15ull;

static u64 random_next(void)
{
	state ^= read_tsc();
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

void random_fill(void *buf, size_t n)
{
	u8 *b = buf;

	while (n) {
		u64 r = random_next();
		size_t i;

		for (i = 0; i < 8 && n; i++, n--, r >>= 8)
			*b++ = (u8)r;
	}
}

SYSCALL_DEFINE3(getrandom, u64, ubuf, u64, len, unsigned, flags)
{
	u8 chunk[256];
	u64 done = 0;

	if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM))
		return -EINVAL;
	if (len > (1u << 25))
		len = 1u << 25;             /* Linux returns at most 32 MiB per call */
	while (done < len) {
		size_t n = (size_t)MIN(len - done, (u64)sizeof(chunk));

		random_fill(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}
