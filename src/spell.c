/* Edit distance by the classic two-row dynamic programme: O(|a| |b|) time
 * for words of at most BCLINT_SPELL_MAX bytes, no allocation. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "spell.h"

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t bclint_spell_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > BCLINT_SPELL_MAX || nb > BCLINT_SPELL_MAX)
		return SIZE_MAX;
	size_t row[BCLINT_SPELL_MAX + 1], prev[BCLINT_SPELL_MAX + 1];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (fold((unsigned char)a[i - 1]) !=
			                            fold((unsigned char)b[j - 1]));
			size_t del = prev[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, row, (nb + 1) * sizeof(row[0]));
	}
	return prev[nb];
}

const char *bclint_spell_nearest(const char *word, const char *const *words, size_t max)
{
	const char *best = NULL;
	size_t best_d = max + 1;
	for (size_t i = 0; words[i] != NULL; i++) {
		size_t d = bclint_spell_distance(word, words[i]);
		if (d < best_d) {
			best = words[i];
			best_d = d;
		}
	}
	return best;
}
