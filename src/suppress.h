/* Suppressions: findings a configuration file says not to report, by rule
 * and JSON Pointer or by a pattern matched against the entity's emails,
 * IDs and names.  An expired suppression suppresses nothing; expired and
 * unused ones are themselves reported.
 *
 * Ownership: the strings and patterns of a suppression belong to the
 * configuration it came from (config.h), which frees them. */
#ifndef BCLINT_SUPPRESS_H
#define BCLINT_SUPPRESS_H 1

#include <stddef.h>
#include <stdint.h>

#include <bclint/model.h>

#include "report.h"

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

struct bclint_suppression {
	const char *rule;                /* a rule ID, or "*" */
	const char *pointer;             /* match by JSON Pointer, or NULL */
	struct pcre2_real_code_8 *match; /* match by pattern, or NULL */
	const char *reason;
	const char *expires_text;
	bclint_time expires; /* BCLINT_NO_TIME: never */
	int expired;
	uint32_t start, end; /* where it is in the configuration file */
	uint32_t rule_at;    /* where its "rule" is */
	size_t used;         /* findings it suppressed */
};

struct bclint_suppressions {
	struct bclint_suppression *v;
	size_t n;
	struct pcre2_real_match_data_8 *md; /* made on first use */
};

/* The suppression that applies to a finding of rule about the entity
 * with this pointer and these subjects (NULL-terminated), counted as
 * used; NULL when none does (or memory ran out for the match). */
struct bclint_suppression *bclint_suppression_find(struct bclint_suppressions *s, const char *rule,
                                                   const char *pointer,
                                                   const char *const *subjects);

/* Mark the suppressions that expired before now. */
void bclint_suppressions_expire(struct bclint_suppressions *s, bclint_time now);

/* Report expired suppressions (warning, suppression-expired) and unused
 * ones (note, suppression-unused) as findings of source file. */
void bclint_suppressions_report(const struct bclint_suppressions *s, struct bclint_report *r,
                                uint32_t file);

/* Free the match data (the suppressions are the configuration's). */
void bclint_suppressions_release(struct bclint_suppressions *s);

#endif
