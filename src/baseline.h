/* Baselines: the fingerprints of a report written earlier (json or sarif
 * format), so that a run reports only what is new. */
#ifndef BCLINT_BASELINE_H
#define BCLINT_BASELINE_H 1

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "report.h"

/* The fingerprints of a baseline, sorted; a fingerprint may repeat. */
struct bclint_baseline {
	uint64_t *fps;
	size_t n;
};

/* Read a json or sarif report.  Returns 0, or -1 after saying why through
 * diag (with the position, when the problem has one); on failure b holds
 * nothing. */
int bclint_baseline_load(struct bclint_baseline *b, const char *path,
                         const struct bclint_diag_sink *diag);

/* Drop from a finished report every finding whose fingerprint is in the
 * baseline (each baseline entry matches one finding) and recount levels.
 * *baselined is the number dropped, *gone the baseline entries that
 * matched nothing (fixed since).  Returns -1 if out of memory. */
int bclint_baseline_apply(const struct bclint_baseline *b, struct bclint_report *r,
                          size_t *baselined, size_t *gone);

/* Free the fingerprints (NULL is safe). */
void bclint_baseline_free(struct bclint_baseline *b);

#endif
