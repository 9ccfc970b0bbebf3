/*
 * fmt.c — formatted output into a bounded buffer (see fmt.h).
 *
 * Integers only: the kernel is built without floating-point registers, so
 * there is no %f and nothing here may touch a double.
 *
 * Every byte goes through fmt_put, which stores it only while room remains
 * and always counts it, so the return value is the untruncated length and
 * the terminator lands at min(len, size - 1).
 *
 * Choices where C leaves room or we differ on purpose:
 *   %p prints "0x" and lowercase hex, "0x0" for NULL.
 *   %n is not supported; an unknown conversion is copied out verbatim, and
 *   a lone '%' at the end of the format prints as '%'.
 *   A precision on %s also limits "(null)".
 *   A length modifier on %c or %s is accepted and ignored (no wide chars).
 */
#include <stdbool.h>
#include <stdint.h>

#include "fmt.h"

#define FMT_INT_MAX ((int)(~0u >> 1))   /* no <limits.h> in the kernel */

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;       /* bytes produced so far, stored or not */
};

struct fmt_spec {
	bool minus, zero, space, plus, alt;
	int width;        /* 0 when absent */
	int prec;         /* -1 when absent */
	int length;       /* FMT_LEN_* */
};

enum { FMT_LEN_INT, FMT_LEN_HH, FMT_LEN_H, FMT_LEN_L, FMT_LEN_LL, FMT_LEN_Z };

static void fmt_put(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* n copies of c; stores only what fits, so a huge width costs no time. */
static void fmt_pad(struct fmt_out *o, char c, size_t n)
{
	while (n && o->len + 1 < o->size) {
		o->buf[o->len++] = c;
		n--;
	}
	o->len += n;
}

static void fmt_str(struct fmt_out *o, const char *s, size_t n)
{
	while (n--)
		fmt_put(o, *s++);
}

/* Width padding around a body of n bytes: before it unless '-' was given. */
static size_t fmt_fill(const struct fmt_spec *sp, size_t n)
{
	return (size_t)sp->width > n ? (size_t)sp->width - n : 0;
}

static void fmt_string(struct fmt_out *o, const struct fmt_spec *sp, const char *s)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	/* Bounded scan: with a precision, s need not be NUL-terminated. */
	while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n])
		n++;
	if (!sp->minus)
		fmt_pad(o, ' ', fmt_fill(sp, n));
	fmt_str(o, s, n);
	if (sp->minus)
		fmt_pad(o, ' ', fmt_fill(sp, n));
}

/*
 * One integer: [spaces] prefix [zeros] digits [spaces].  The prefix is a
 * sign or "0x"; zeros come from the precision, from '#' with %o, or from
 * the '0' flag, which C ignores when a precision or '-' is given.
 */
static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp, uint64_t mag,
			const char *prefix, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];                 /* 64 bits in octal take 22 digits */
	size_t n = 0, zeros = 0, plen = 0, total;

	if (!(mag == 0 && sp->prec == 0)) {
		do {
			tmp[n++] = digits[mag % base];
			mag /= base;
		} while (mag);
	}
	if (sp->prec >= 0 && (size_t)sp->prec > n)
		zeros = (size_t)sp->prec - n;
	if (base == 8 && sp->alt && zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	while (prefix[plen])
		plen++;
	total = plen + zeros + n;
	if (sp->zero && !sp->minus && sp->prec < 0) {
		zeros += fmt_fill(sp, total);
		total = plen + zeros + n;
	}
	if (!sp->minus)
		fmt_pad(o, ' ', fmt_fill(sp, total));
	fmt_str(o, prefix, plen);
	fmt_pad(o, '0', zeros);
	while (n)
		fmt_put(o, tmp[--n]);
	if (sp->minus)
		fmt_pad(o, ' ', fmt_fill(sp, total));
}

/* Flags, width, precision and length after a '%'; returns where the conversion letter is. */
static const char *fmt_parse_spec(const char *f, struct fmt_spec *sp, va_list *ap)
{
	*sp = (struct fmt_spec){ .prec = -1, .length = FMT_LEN_INT };

	for (;; f++) {
		if (*f == '-') sp->minus = true;
		else if (*f == '0') sp->zero = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == '#') sp->alt = true;
		else break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);
		f++;
		/* C: a negative '*' width is the '-' flag and its magnitude. */
		if (w < 0) {
			sp->minus = true;
			w = w == (-FMT_INT_MAX - 1) ? FMT_INT_MAX : -w;
		}
		sp->width = w;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			sp->width = sp->width > (FMT_INT_MAX - 9) / 10 ? FMT_INT_MAX
				  : sp->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			int p = va_arg(*ap, int);
			f++;
			sp->prec = p < 0 ? -1 : p;   /* negative: as if absent */
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				sp->prec = sp->prec > (FMT_INT_MAX - 9) / 10 ? FMT_INT_MAX
					 : sp->prec * 10 + (*f - '0');
		}
	}
	if (*f == 'h') {
		f++;
		sp->length = FMT_LEN_H;
		if (*f == 'h') {
			f++;
			sp->length = FMT_LEN_HH;
		}
	} else if (*f == 'l') {
		f++;
		sp->length = FMT_LEN_L;
		if (*f == 'l') {
			f++;
			sp->length = FMT_LEN_LL;
		}
	} else if (*f == 'z') {
		f++;
		sp->length = FMT_LEN_Z;
	}
	return f;
}

/* Arguments narrower than int arrive promoted; the casts undo that. */
static int64_t fmt_arg_signed(int length, va_list *ap)
{
	switch (length) {
	case FMT_LEN_HH: return (signed char)va_arg(*ap, int);
	case FMT_LEN_H:  return (short)va_arg(*ap, int);
	case FMT_LEN_L:  return va_arg(*ap, long);
	case FMT_LEN_LL: return va_arg(*ap, long long);
	case FMT_LEN_Z:  return va_arg(*ap, ptrdiff_t);  /* the signed size_t */
	default:         return va_arg(*ap, int);
	}
}

static uint64_t fmt_arg_unsigned(int length, va_list *ap)
{
	switch (length) {
	case FMT_LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case FMT_LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case FMT_LEN_L:  return va_arg(*ap, unsigned long);
	case FMT_LEN_LL: return va_arg(*ap, unsigned long long);
	case FMT_LEN_Z:  return va_arg(*ap, size_t);
	default:         return va_arg(*ap, unsigned int);
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };
	struct fmt_spec sp;
	va_list args;

	/* A copy, because only a va_list object (not a parameter) may be passed by address. */
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		char conv;

		if (*fmt != '%') {
			fmt_put(&o, *fmt++);
			continue;
		}
		fmt = fmt_parse_spec(fmt + 1, &sp, &args);
		conv = *fmt;
		if (conv)
			fmt++;
		switch (conv) {
		case 'd':
		case 'i': {
			int64_t v = fmt_arg_signed(sp.length, &args);
			/* Negate in unsigned arithmetic: -INT64_MIN does not fit in int64_t. */
			uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
			const char *sign = v < 0 ? "-" : sp.plus ? "+" : sp.space ? " " : "";
			fmt_integer(&o, &sp, mag, sign, 10, false);
			break;
		}
		case 'u':
			fmt_integer(&o, &sp, fmt_arg_unsigned(sp.length, &args), "", 10, false);
			break;
		case 'o':
			fmt_integer(&o, &sp, fmt_arg_unsigned(sp.length, &args), "", 8, false);
			break;
		case 'x':
		case 'X': {
			uint64_t v = fmt_arg_unsigned(sp.length, &args);
			const char *pfx = sp.alt && v ? (conv == 'x' ? "0x" : "0X") : "";
			fmt_integer(&o, &sp, v, pfx, 16, conv == 'X');
			break;
		}
		case 'p':
			fmt_integer(&o, &sp, (uintptr_t)va_arg(args, void *), "0x", 16, false);
			break;
		case 'c': {
			char c = (char)va_arg(args, int);
			if (!sp.minus)
				fmt_pad(&o, ' ', fmt_fill(&sp, 1));
			fmt_put(&o, c);
			if (sp.minus)
				fmt_pad(&o, ' ', fmt_fill(&sp, 1));
			break;
		}
		case 's':
			fmt_string(&o, &sp, va_arg(args, const char *));
			break;
		case '%':
			fmt_put(&o, '%');
			break;
		default:
			/* Unknown or missing conversion: show the text as written. */
			fmt_str(&o, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	/* C reports an unrepresentable length as an error. */
	return o.len > FMT_INT_MAX ? -1 : (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
