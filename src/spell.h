/* Near misses of a known word, for "did you mean" in messages. */
#ifndef BCLINT_SPELL_H
#define BCLINT_SPELL_H 1

#include <stddef.h>

/* The longest word compared; longer ones are never near anything. */
#define BCLINT_SPELL_MAX 64

/* The edit distance (insertions, deletions, substitutions) between a and
 * b, letters compared without case; SIZE_MAX when either is longer than
 * BCLINT_SPELL_MAX bytes. */
size_t bclint_spell_distance(const char *a, const char *b);

/* The word of words (NULL-terminated) nearest to word, when it is at most
 * max edits away (the first of equals); else NULL. */
const char *bclint_spell_nearest(const char *word, const char *const *words, size_t max);

#endif
