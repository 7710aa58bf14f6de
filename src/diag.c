/* Handing diagnostics to the caller. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

void bclint_diagf(const struct bclint_diag_sink *sink, int level, const char *file, uint32_t line,
                  uint32_t col, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	if (sink == NULL || sink->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct bclint_diag d = {level, file, line, col, msg};
	sink->fn(sink->arg, &d);
}
