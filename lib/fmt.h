/*
 * fmt.h — freestanding formatted output (a subset of C's printf).
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll z,
 * flags '-' '0' ' ' '+' '#', a width and a precision, each of which may be '*'.
 * %s with a NULL pointer prints "(null)".  Output is always NUL-terminated
 * when size > 0; the return value is the length the full output would have.
 */
#ifndef PROTEUS_LIB_FMT_H
#define PROTEUS_LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
