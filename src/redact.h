/* --redact: personal data (members' emails and names) replaced by
 * pseudonyms, in every message and note, whoever wrote it.
 *
 * Ownership: a redactor belongs to one snapshot's run; it points into
 * that snapshot's model (and the previous one's), which must outlive it.  bclint_redactor_free is
 * safe on a zeroed struct. */
#ifndef BCLINT_REDACT_H
#define BCLINT_REDACT_H 1

#include <stddef.h>

#include <bclint/model.h>

#include "arena.h"
#include "map.h"

struct bclint_redactor {
	struct bclint_arena arena; /* the index's keys and entries */
	struct bclint_map secrets; /* emails and names, by a key they contain */
	int oom;                   /* the index is incomplete */
};

/* Index every member's email and name.  0, or -1 when memory ran out
 * (nothing may then be reported: an unindexed secret would pass). */
int bclint_redactor_init(struct bclint_redactor *rd, const struct bclint_model *m);
/* Index the members of one more model (the previous snapshot's) too; 0,
 * or -1 as bclint_redactor_init. */
int bclint_redactor_add(struct bclint_redactor *rd, const struct bclint_model *m);

/* The pseudonym of s: prefix, '-' and the first 32 bits of its hash as
 * eight hexadecimal digits ("user-1a2b3c4d"), in arena; NULL when memory
 * runs out. */
const char *bclint_pseudonym(struct bclint_arena *arena, const char *prefix, const char *s);

/* msg with every member's email (anywhere) and name (as whole words)
 * replaced by its pseudonym: msg itself when it has none, else a copy in
 * scratch, with *len set to its length; NULL when memory runs out. */
const char *bclint_redact(struct bclint_redactor *rd, struct bclint_arena *scratch,
                          const char *msg, size_t *len);

void bclint_redactor_free(struct bclint_redactor *rd);

#endif
