/* Input texts: a whole file (or standard input) in memory, NUL-terminated.
 *
 * Ownership: a struct bclint_text owns its data; bclint_text_free releases
 * it, whether it was read or mapped (a zeroed struct is safe to free). */
#ifndef BCLINT_TEXT_H
#define BCLINT_TEXT_H 1

#include <stddef.h>

struct bclint_text {
	char *data; /* data[len] is NUL */
	size_t len;
	size_t mapped; /* bytes mapped, 0 when data came from malloc */
};

/* Read path ("-" is standard input).  A regular file of 64 KiB or more
 * is mapped read-only instead of copied.  Returns 0, or -1 with errno
 * set (EISDIR for a directory). */
int bclint_text_read(const char *path, struct bclint_text *t);

/* A text of len bytes in data, which came from malloc and has a NUL at
 * data[len]; the text takes it. */
struct bclint_text bclint_text_own(char *data, size_t len);

void bclint_text_free(struct bclint_text *t);

#endif
