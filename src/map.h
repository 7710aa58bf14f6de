/* A hash table from (tag, string) to a pointer, for the ID indexes.
 *
 * Ownership: keys are not copied (the caller keeps them alive until
 * bclint_map_free); values belong to the caller.  A zeroed struct is an
 * empty map. */
#ifndef BCLINT_MAP_H
#define BCLINT_MAP_H 1

#include <stddef.h>

struct bclint_map {
	struct map_slot *slots;
	size_t cap, len;
};

/* The value put under (tag, key), or NULL. */
void *bclint_map_get(const struct bclint_map *m, unsigned tag, const char *key);
/* Put value under (tag, key) unless the key is there: returns the value
 * already there (NULL if the key is new), or the map itself when memory
 * runs out. */
void *bclint_map_put(struct bclint_map *m, unsigned tag, const char *key, void *value);
/* Make room for n keys in all, so that adding them never grows the table;
 * -1 when memory runs out (the map is unchanged). */
int bclint_map_reserve(struct bclint_map *m, size_t n);
void bclint_map_free(struct bclint_map *m);

#endif
