/* The hash table: open addressing, linear probing, one cache line per
 * slot with a short key kept in the slot itself, so that a lookup in a
 * table too big for the cache costs one miss, not a second one to compare
 * with the key. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "map.h"

/* One cache line per slot: a short key (IDs, most e-mail addresses) is
 * kept in the slot itself, so that a lookup in a table too big for the
 * cache costs one miss, not a second one to compare with the key. */
#define MAP_INLINE 32
struct map_slot {
	uint64_t hash;
	void *value;
	const char *key; /* NULL: empty slot */
	uint32_t tag, len;
	char inl[MAP_INLINE]; /* the key, when len < MAP_INLINE */
};

/* The table's own hash, eight bytes at a step (bclint_hash64, a byte at a
 * time, is kept for what must not change: fingerprints).  The tag is not
 * hashed, only compared. */
static uint64_t key_hash(const char *key, size_t len)
{
	const uint64_t k = 0xbf58476d1ce4e5b9ull;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	uint64_t w = 0;
	if (len >= 8) {
		/* whole words, then the last eight bytes (overlapping the
		 * word before them unless len is a multiple of eight) */
		const char *last = key + len - 8;
		for (; key < last; key += 8) {
			memcpy(&w, key, 8);
			h = (h ^ w) * k;
			h ^= h >> 31;
		}
		memcpy(&w, last, 8);
	} else {
		for (size_t i = 0; i < len; i++)
			w |= (uint64_t)(unsigned char)key[i] << (8 * i);
	}
	h = (h ^ w) * 0x94d049bb133111ebull;
	h ^= h >> 29;
	h *= k;
	return h ^ (h >> 32);
}

static int same_key(const struct map_slot *s, const char *key, size_t len)
{
	if (s->len != len)
		return 0;
	return memcmp(len < MAP_INLINE ? s->inl : s->key, key, len) == 0;
}

static struct map_slot *map_find(const struct bclint_map *m, unsigned tag, const char *key,
                                 size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && s->tag == tag && same_key(s, key, len)))
			return s;
	}
}

void *bclint_map_get(const struct bclint_map *m, unsigned tag, const char *key)
{
	if (m->len == 0)
		return NULL;
	size_t len = strlen(key);
	struct map_slot *s = map_find(m, tag, key, len, key_hash(key, len));
	return s->key ? s->value : NULL;
}

static int map_resize(struct bclint_map *m, size_t cap)
{
	struct map_slot *old = m->slots;
	size_t oldcap = m->cap;
	if (cap > SIZE_MAX / sizeof(*old))
		return -1;
	size_t size = cap * sizeof(*old);
	/* slots on cache-line boundaries, one line each; a big table on
	 * huge pages (arena.h) */
	m->slots = size >= ((size_t)2 << 20) ? bclint_big_alloc(size) : aligned_alloc(64, size);
	if (m->slots == NULL) {
		m->slots = old;
		return -1;
	}
	memset(m->slots, 0, size);
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*map_find(m, old[i].tag, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
	return 0;
}

int bclint_map_reserve(struct bclint_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while ((n + 1) * 4 >= cap * 3) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	return cap == m->cap ? 0 : map_resize(m, cap);
}

void *bclint_map_put(struct bclint_map *m, unsigned tag, const char *key, void *value)
{
	size_t len = strlen(key);
	if (len > UINT32_MAX)
		return m;
	if ((m->len + 1) * 4 >= m->cap * 3 && map_resize(m, m->cap ? m->cap * 2 : 64) < 0)
		return m;
	uint64_t h = key_hash(key, len);
	struct map_slot *s = map_find(m, tag, key, len, h);
	if (s->key != NULL)
		return s->value;
	s->key = key;
	s->tag = tag;
	s->len = (uint32_t)len;
	if (len < MAP_INLINE)
		memcpy(s->inl, key, len);
	s->hash = h;
	s->value = value;
	m->len++;
	return NULL;
}

void bclint_map_free(struct bclint_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}
