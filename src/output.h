/* Writing the report: standard output, or a file replaced atomically. */
#ifndef BCLINT_OUTPUT_H
#define BCLINT_OUTPUT_H 1

#include <stddef.h>

/* Write data to path (NULL or "-" = standard output).  A file is written
 * to a temporary beside it and renamed over it only when complete, so a
 * failed run leaves any previous report intact.  Returns 0, or -1 after
 * printing why on standard error. */
int bclint_write_output(const char *path, const char *data, size_t len);

#endif
