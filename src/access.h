/* The access record (bclint access): who can reach what, one row per
 * member and asset they reach, with the effective permission and every
 * source of it, what the plan needs there, the member's standing, the
 * roster's word and the findings about it; and the same record by person
 * across Business Centers.  Built from loaded models and a finished lint
 * report, written into a buffer in one of the formats; nothing here
 * prints or exits.
 *
 * Ownership: a record points into the models, the roster and the report
 * it was built from, which must outlive it; it owns its rows and the
 * strings it made (bclint_access_free, safe on a zeroed struct). */
#ifndef BCLINT_ACCESS_H
#define BCLINT_ACCESS_H 1

#include <stddef.h>

#include <bclint/model.h>

#include "arena.h"
#include "buf.h"
#include "redact.h"
#include "report.h"
#include "roster.h"

enum bclint_via_kind { BCLINT_VIA_DIRECT, BCLINT_VIA_GROUP, BCLINT_VIA_PARTNER };

/* One source of a row's permission. */
struct bclint_access_via {
	uint32_t kind;         /* enum bclint_via_kind */
	const char *id;        /* the assignment's JSON Pointer, the group's or the partner's ID */
	const char *name;      /* the group's or partner's name, or NULL */
	struct bclint_cap cap; /* what it gives (a partner: what it shares, the cap) */
	struct bclint_access_via *next;
};

/* A finding that applies to a row. */
struct bclint_access_finding {
	const struct bclint_finding *f;
	struct bclint_access_finding *next;
};

enum bclint_roster_state {
	BCLINT_ROSTER_UNKNOWN, /* no roster */
	BCLINT_ROSTER_ON,
	BCLINT_ROSTER_OFF,  /* not on it */
	BCLINT_ROSTER_ENDED /* on it, past the end date */
};

struct bclint_access_row {
	size_t snap; /* which model */
	const struct bclint_member *member;
	const struct bclint_asset *asset; /* NULL: the Business Center row */
	const struct bclint_grant *grant; /* NULL: the Business Center row */
	struct bclint_cap cap;            /* effective (the BC row: user_role) */
	struct bclint_access_via *via;    /* in the order direct, groups, partner */
	const struct bclint_need **needs; /* the plan's needs here */
	size_t n_needs;
	struct bclint_access_finding *findings;
	size_t person; /* index of the person (by email, then user_id) */
};

struct bclint_access_person {
	const char *email; /* the first email seen */
};

struct bclint_access {
	const struct bclint_model *const *models;
	size_t n_models;
	int *planned; /* per model: it has needs (else "needed" is unknown) */
	struct bclint_access_finding **bc_findings; /* per model: about no member */
	const struct bclint_roster *roster;         /* or NULL */
	bclint_time now;
	int redact;
	struct bclint_redactor keyed; /* under redact, only its key: for pseudonyms */
	struct bclint_access_row *rows;
	size_t n_rows;
	struct bclint_access_person *people;
	size_t n_people;
	struct bclint_arena arena;
};

/* Formats of bclint_access_write. */
enum {
	BCLINT_ACCESS_TABLE,
	BCLINT_ACCESS_CSV,
	BCLINT_ACCESS_JSON,
	BCLINT_ACCESS_MARKDOWN,
	BCLINT_ACCESS_HTML
};

/* The format by name ("table", "csv", ...), or -1. */
int bclint_access_format(const char *name);

/* Build the record of models (n of them): rows sorted by bc_id, user_id,
 * asset_type, asset_id (with by_person, by person first).  report, when
 * not NULL, is a finished lint report of the same files, whose findings
 * (kept with their about) are attached where they apply: sources are
 * matched to models by path.  roster may be NULL.  With redact_key (else
 * NULL), emails and names are written as pseudonyms under that key, as
 * the lint run's --redact writes them.  0, or -1 when memory ran out. */
int bclint_access_build(struct bclint_access *a, const struct bclint_model *const *models, size_t n,
                        const struct bclint_report *report, const struct bclint_roster *roster,
                        bclint_time now, const unsigned char *redact_key, int by_person);

/* Write the record in format (with by_person: one entry per person). */
void bclint_access_write(struct bclint_buf *out, struct bclint_access *a, int format,
                         int by_person);

/* The roster's word on a row's member. */
int bclint_access_roster(const struct bclint_access *a, const struct bclint_access_row *r,
                         const struct bclint_roster_entry **entry);

void bclint_access_free(struct bclint_access *a);

#endif
