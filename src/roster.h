/* The roster of current staff (--roster FILE, the configuration's
 * "roster"): who should be in a Business Center, by email or by pattern,
 * with an optional end date and kind.  Read from CSV (a header row of
 * email, name, end_date, kind) or JSON (an array of objects with those
 * keys); every error in the file goes to the caller's diagnostics as
 * FILE:LINE:COLUMN.
 *
 * Ownership: the roster owns its entries and compiled patterns;
 * bclint_roster_free releases them (safe on a zeroed struct). */
#ifndef BCLINT_ROSTER_H
#define BCLINT_ROSTER_H 1

#include <stddef.h>

#include <bclint/plugin.h>

#include "arena.h"
#include "diag.h"
#include "map.h"

struct bclint_roster {
	char *path;                          /* as given */
	struct bclint_roster_entry *entries; /* in file order */
	size_t n, cap;
	struct bclint_map emails;            /* lower-cased email -> entry */
	struct pcre2_real_code_8 **patterns; /* per entry: compiled, or NULL (an email) */
	struct bclint_arena arena;
};

/* Read path into r.  0, or -1 after every error of the file went to diag
 * (exit status 2). */
int bclint_roster_read(struct bclint_roster *r, const char *path,
                       const struct bclint_diag_sink *diag);

/* The entry for email: the same email ignoring case, else the first
 * pattern (in file order) that matches it; NULL when none does. */
const struct bclint_roster_entry *bclint_roster_find(const struct bclint_roster *r,
                                                     const char *email);

void bclint_roster_free(struct bclint_roster *r);

#endif
