/* printf for messages: the conversions rules use most (%s %c %% %d %i %u,
 * with l, ll or z) written without the C library's machinery; any other
 * format goes to vsnprintf whole, so the result is always vsnprintf's. */
#ifndef BCLINT_FORMAT_H
#define BCLINT_FORMAT_H 1

#include <stdarg.h>
#include <stddef.h>

/* vsnprintf's contract: writes at most size bytes (NUL included) and
 * returns the length the whole text needs, or -1. */
int bclint_vformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif
