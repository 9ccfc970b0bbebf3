/*
 * checksum.c — the Internet checksum (RFC 1071): a ones' complement sum
 * of 16-bit big-endian words, the odd last byte padded with zero.  Sums
 * are kept unfolded in 32 bits so a pseudo header and a payload can be
 * added in pieces (pieces other than the last must be of even length).
 */
#include "net.h"

u32 net_csum_add(u32 sum, const void *data, size_t len)
{
	const u8 *p = data;
	u64 s = sum;

	while (len >= 2) {
		s += (u32)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		s += (u32)p[0] << 8;
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (u32)s;
}

u16 net_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((u16)~sum);
}
