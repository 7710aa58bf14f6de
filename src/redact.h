/* --redact: personal data (members' emails and names) replaced by
 * pseudonyms, in every message and note, whoever wrote it.  A pseudonym
 * is a keyed hash (BLAKE2b, libsodium's crypto_generichash) of the text:
 * without the key, nobody can tell which email it stands for, not even by
 * hashing guessed addresses.
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

/* The key's size, and the least a secret it is derived from may have. */
#define BCLINT_REDACT_KEY_BYTES  32
#define BCLINT_REDACT_SECRET_MIN 16

/* A fresh random key: pseudonyms the same within one report and
 * unlinkable across reports.  0, or -1 when libsodium cannot start. */
int bclint_redact_key_random(unsigned char key[BCLINT_REDACT_KEY_BYTES]);

/* The key derived from a secret of len bytes (a key file's contents,
 * BCLINT_REDACT_KEY): the same secret gives the same pseudonyms in every
 * run.  0, or -1 when the secret is shorter than BCLINT_REDACT_SECRET_MIN
 * bytes or libsodium cannot start. */
int bclint_redact_key_derive(unsigned char key[BCLINT_REDACT_KEY_BYTES], const void *secret,
                             size_t len);

struct bclint_redactor {
	unsigned char key[BCLINT_REDACT_KEY_BYTES];
	struct bclint_arena arena; /* the index's keys and entries */
	struct bclint_map secrets; /* emails and names, by a key they contain */
	int oom;                   /* the index is incomplete */
};

/* Index every member's email and name, for pseudonyms under key.  0, or
 * -1 when memory ran out (nothing may then be reported: an unindexed
 * secret would pass). */
int bclint_redactor_init(struct bclint_redactor *rd, const struct bclint_model *m,
                         const unsigned char key[BCLINT_REDACT_KEY_BYTES]);
/* Index the members of one more model (the previous snapshot's) too; 0,
 * or -1 as bclint_redactor_init. */
int bclint_redactor_add(struct bclint_redactor *rd, const struct bclint_model *m);

/* The pseudonym of s under rd's key: prefix, '-' and the first 48 bits of
 * its keyed hash as twelve hexadecimal digits ("user-1a2b3c4d5e6f"), in
 * arena; NULL when memory runs out. */
const char *bclint_pseudonym(const struct bclint_redactor *rd, struct bclint_arena *arena,
                             const char *prefix, const char *s);

/* msg with every member's email (anywhere) and name (as whole words)
 * replaced by its pseudonym: msg itself when it has none, else a copy in
 * scratch, with *len set to its length; NULL when memory runs out. */
const char *bclint_redact(struct bclint_redactor *rd, struct bclint_arena *scratch, const char *msg,
                          size_t *len);

void bclint_redactor_free(struct bclint_redactor *rd);

#endif
