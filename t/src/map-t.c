/* Unit tests of the hash table (src/map.c). */
#include <string.h>

#include "map.h"
#include "tap.h"

/* One key under several tags: the tag is not hashed, so the entries share
 * a probe sequence and each is still found by its own tag. */
static void tags(void)
{
	struct bclint_map m = {NULL, 0, 0};
	ok(bclint_map_get(&m, 1, "k") == NULL, "an empty map has nothing");
	static const char key1[] = "7100000000000000001", key2[] = "7100000000000000001";
	int v[40];
	for (unsigned t = 0; t < 40; t++)
		bclint_map_put(&m, t, t % 2 ? key1 : key2, &v[t]);
	int all = 1;
	for (unsigned t = 0; t < 40; t++)
		all &= bclint_map_get(&m, t, "7100000000000000001") == &v[t];
	ok(all && m.len == 40, "forty tags, one key: each found by its tag");
	ok(bclint_map_put(&m, 7, key2, &v[0]) == &v[7], "the same tag and key again is a repeat");
	ok(bclint_map_get(&m, 40, key1) == NULL, "an unknown tag finds nothing");
	ok(bclint_map_reserve(&m, 1000) == 0 && bclint_map_get(&m, 3, key1) == &v[3] && m.len == 40,
	   "reserving room keeps every entry");
	bclint_map_free(&m);
}

/* Keys of every length up to 40 bytes (the hash takes eight at a step,
 * then the last eight), prefixes of one another, and keys that differ
 * only in their last byte: each is found, under its own value. */
static void key_lengths(void)
{
	struct bclint_map m = {NULL, 0, 0};
	static const char text[] = "6900000000000000347-6900000000000000348-x";
	static char keys[41][42], twins[41][42];
	int v[41], w[41], all = 1;
	for (int n = 0; n <= 40; n++) {
		memcpy(keys[n], text, (size_t)n);
		keys[n][n] = '\0';
		memcpy(twins[n], text, (size_t)n);
		twins[n][n] = '\0';
		if (n > 0)
			twins[n][n - 1] = '#';
		bclint_map_put(&m, 0, keys[n], &v[n]);
		if (n > 0)
			bclint_map_put(&m, 0, twins[n], &w[n]);
	}
	for (int n = 0; n <= 40; n++) {
		char probe[42];
		memcpy(probe, keys[n], sizeof(probe));
		all &= bclint_map_get(&m, 0, probe) == &v[n];
		if (n > 0) {
			probe[n - 1] = '#';
			all &= bclint_map_get(&m, 0, probe) == &w[n];
		}
	}
	ok(all && m.len == 81, "keys of 0 to 40 bytes and their twins: each found");
	bclint_map_free(&m);
}

int main(void)
{
	plan(6);
	tags();
	key_lengths();
	return done_testing();
}
