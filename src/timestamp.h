/* Timestamps: RFC 3339, as snapshots, configuration files and --now give
 * them. */
#ifndef BCLINT_TIMESTAMP_H
#define BCLINT_TIMESTAMP_H 1

#include <bclint/model.h>

/* Parse an RFC 3339 timestamp (also a bare date, "2027-01-31", taken as
 * midnight UTC).  Returns 0 and sets *t, or -1. */
int bclint_parse_time(const char *s, bclint_time *t);

#endif
