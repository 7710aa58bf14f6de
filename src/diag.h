/* Diagnostics: what the library has to say about a run itself (a file it
 * cannot read, a plugin it refused, an error in a configuration file),
 * handed to the caller's callback instead of printed.  Findings about a
 * snapshot go into the report instead (report.h). */
#ifndef BCLINT_DIAG_H
#define BCLINT_DIAG_H 1

#include <stdint.h>

struct bclint_diag {
	int level;           /* enum bclint_level: error, warning or note */
	const char *file;    /* the file it is about when line is set, or NULL */
	uint32_t line, col;  /* 1-based; 0 when the message has no position */
	const char *message; /* one line, no final newline */
};

/* Called once per diagnostic; d and its strings live only for the call. */
typedef void bclint_diag_fn(void *arg, const struct bclint_diag *d);

/* A callback and its argument; fn may be NULL (diagnostics dropped). */
struct bclint_diag_sink {
	bclint_diag_fn *fn;
	void *arg;
};

/* Format a message and hand it to the sink (no position when line is 0). */
void bclint_diagf(const struct bclint_diag_sink *sink, int level, const char *file, uint32_t line,
                  uint32_t col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
