/* Naming the entities of a model: their JSON Pointers, their identities
 * (the IDs that fingerprints are made of), and the texts a suppression's
 * pattern is tried against.  Needs only the model. */
#ifndef BCLINT_ENTITY_H
#define BCLINT_ENTITY_H 1

#include <stdint.h>

#include <bclint/model.h>

/* Room for any entity's pointer, NUL included. */
#define BCLINT_POINTER_MAX 48

/* The entity's JSON Pointer, written into buf unless it is a constant one
 * ("/bc"); "" for an unknown kind. */
const char *bclint_entity_pointer(const struct bclint_entity *e, char *buf);

/* An entity's place (kind, index, parent) in 64 bits, so that a finding
 * can keep it instead of its pointer's text; 0 when it does not fit
 * (a parent index of 2^24 or more). */
uint64_t bclint_entity_code(const struct bclint_entity *e);
/* The JSON Pointer of a code from bclint_entity_code. */
const char *bclint_entity_code_pointer(uint64_t code, char *buf);

/* A hash of the entity's identity: its IDs, not its place in the file. */
uint64_t bclint_entity_identity(const struct bclint_model *m, const struct bclint_entity *e);

/* Do two entities, each of its own model, have the same identity (the
 * IDs bclint_entity_identity hashes)? */
int bclint_entity_same(const struct bclint_model *ma, const struct bclint_entity *a,
                       const struct bclint_model *mb, const struct bclint_entity *b);

/* Who and what an entity is about, for scripts that read a report:
 * the member (user_id, email) and the asset (type as the API spells
 * it, ID) where there is one; NULL where there is not.  The strings are
 * the model's. */
struct bclint_about {
	const char *user_id, *user_email;
	const char *asset_type, *asset_id;
};
void bclint_entity_about(const struct bclint_model *m, const struct bclint_entity *e,
                         struct bclint_about *about);

/* What a suppression's "match" is tried against: the entity's emails, IDs
 * and names, NULL-terminated (room for five and the NULL). */
#define BCLINT_SUBJECTS_MAX 6
void bclint_entity_subjects(const struct bclint_model *m, const struct bclint_entity *e,
                            const char **subjects);

#endif
