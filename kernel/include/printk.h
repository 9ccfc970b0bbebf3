/* printk.h — leveled kernel logging with boot-relative timestamps. */
#ifndef PROTEUS_PRINTK_H
#define PROTEUS_PRINTK_H

#include "types.h"
#include <stdarg.h>

enum log_level { LOG_ERR = 3, LOG_WARN = 4, LOG_INFO = 6, LOG_DEBUG = 7 };

/* Messages above this level are dropped (boot option loglevel=N). */
extern int printk_level;

void printk(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vprintk(int level, const char *fmt, va_list ap);
/* Unadorned output: no timestamp, no level filtering (panic, ktest). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define pr_err(...) printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...) printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) printk(LOG_DEBUG, __VA_ARGS__)

#endif
