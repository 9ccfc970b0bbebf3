/* string.h — the freestanding subset of <string.h> the kernel uses. */
#ifndef PROTEUS_LIB_STRING_H
#define PROTEUS_LIB_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strncpy(char *dst, const char *src, size_t n);
char *strcpy(char *dst, const char *src);
char *strstr(const char *hay, const char *needle);

#endif
