/* Offsets to line and column.  Positions are resolved late, in one sorted
 * sweep, so the loader stores only offsets: the sweep reads the text, or,
 * for a snapshot, walks the table of line feeds its parser noted. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "position.h"

/* Code points in n bytes of UTF-8: the bytes that are not continuation
 * bytes (10xxxxxx), eight at a time. */
static uint32_t code_points(const unsigned char *p, size_t n)
{
	uint32_t count = 0;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		/* a continuation byte has bit 7 set and bit 6 clear */
		uint64_t cont = v & ~(v << 1) & 0x8080808080808080ull;
		/* one bit per byte at most: the multiply adds the bytes up in
		 * the top byte (a popcount is a library call without -mpopcnt) */
		count += 8 - (uint32_t)((cont >> 7) * 0x0101010101010101ull >> 56);
	}
	for (; n > 0; p++, n--)
		count += (*p & 0xc0) != 0x80;
	return count;
}

static int by_offset(const void *a, const void *b)
{
	const struct bclint_textpos *x = *(const struct bclint_textpos *const *)a;
	const struct bclint_textpos *y = *(const struct bclint_textpos *const *)b;
	return (x->off > y->off) - (x->off < y->off);
}

uint64_t *bclint_radix_sort(uint64_t *keys, uint64_t *tmp, size_t n)
{
	uint32_t count[4][256] = {{0}};
	for (size_t i = 0; i < n; i++) {
		uint32_t off = (uint32_t)(keys[i] >> 32);
		count[0][off & 0xff]++;
		count[1][off >> 8 & 0xff]++;
		count[2][off >> 16 & 0xff]++;
		count[3][off >> 24]++;
	}
	for (unsigned b = 0; b < 4; b++) {
		unsigned shift = 32 + 8 * b;
		/* a byte every key shares would leave the order as it is */
		if (count[b][keys[0] >> shift & 0xff] == n)
			continue;
		uint32_t at = 0;
		for (unsigned v = 0; v < 256; v++) {
			uint32_t c = count[b][v];
			count[b][v] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[b][keys[i] >> shift & 0xff]++] = keys[i];
		uint64_t *t = keys;
		keys = tmp;
		tmp = t;
	}
	return keys;
}

/* One forward pass over the text: where it is, and the line and column
 * there. */
struct sweep {
	const unsigned char *t;
	size_t len, i, at;
	uint32_t line, col;
};

/* sweep_to with the table of line feeds: the line is the number of line
 * feeds before the position, plus one; only the line itself is read, for
 * the column, and only when it is not marked ASCII (json.h). */
static void table_to(struct sweep *s, const uint32_t *lines, size_t n_lines,
                     struct bclint_textpos *p)
{
	size_t target = p->off < s->len ? p->off : s->len;
	size_t j = s->line - 1; /* line feeds passed so far */
	/* the first line feed at or after target, from j on: a binary
	 * search, so that a few positions far apart cost a few steps each */
	size_t hi = n_lines;
	while (j < hi) {
		size_t mid = j + (hi - j) / 2;
		if ((lines[mid] & ~BCLINT_LINE_ASCII) < target)
			j = mid + 1;
		else
			hi = mid;
	}
	if (j != s->line - 1) {
		s->line = (uint32_t)j + 1;
		s->col = 1;
		s->at = (size_t)(lines[j - 1] & ~BCLINT_LINE_ASCII) + 1;
	}
	if (target < s->at)
		target = s->at;
	if (j < n_lines && (lines[j] & BCLINT_LINE_ASCII))
		s->col += (uint32_t)(target - s->at);
	else
		s->col += code_points(s->t + s->at, target - s->at);
	s->at = target;
	p->line = s->line;
	p->col = s->col;
}

static void sweep_to(struct sweep *s, struct bclint_textpos *p)
{
	size_t target = p->off < s->len ? p->off : s->len;
	if (target < s->at)
		target = s->at;
	while (s->i < target) {
		const unsigned char *nl = memchr(s->t + s->i, '\n', target - s->i);
		if (nl == NULL)
			break;
		s->i = (size_t)(nl - s->t) + 1;
		s->line++;
		s->col = 1;
		s->at = s->i;
	}
	s->col += code_points(s->t + s->at, target - s->at);
	s->at = target;
	s->i = target;
	p->line = s->line;
	p->col = s->col;
}

/* Below this many positions qsort costs less than the radix sort's
 * counting. */
#define RADIX_MIN 64

void bclint_positions_resolve(const char *text, size_t len, struct bclint_textpos **pos, size_t n)
{
	bclint_positions_resolve_lines(text, len, NULL, 0, pos, n);
}

void bclint_positions_resolve_lines(const char *text, size_t len, const uint32_t *lines,
                                    size_t n_lines, struct bclint_textpos **pos, size_t n)
{
	struct sweep s = {(const unsigned char *)text, len, 0, 0, 1, 1};
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s.at = 3;
	uint64_t *keys = NULL;
	/* the index must fit in a key's low half */
	if (n >= RADIX_MIN && (uint64_t)n <= UINT32_MAX && n <= SIZE_MAX / (2 * sizeof(*keys)))
		keys = bclint_big_alloc(2 * n * sizeof(*keys));
	if (keys == NULL) {
		qsort(pos, n, sizeof(*pos), by_offset);
		for (size_t k = 0; k < n; k++) {
			if (lines != NULL)
				table_to(&s, lines, n_lines, pos[k]);
			else
				sweep_to(&s, pos[k]);
		}
		return;
	}
	for (size_t k = 0; k < n; k++)
		keys[k] = (uint64_t)pos[k]->off << 32 | k;
	const uint64_t *order = bclint_radix_sort(keys, keys + n, n);
	for (size_t k = 0; k < n; k++) {
		if (lines != NULL)
			table_to(&s, lines, n_lines, pos[order[k] & 0xffffffffu]);
		else
			sweep_to(&s, pos[order[k] & 0xffffffffu]);
	}
	free(keys);
}

void bclint_position_of(const char *text, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
	struct bclint_textpos p = {(uint32_t)off, 0, 0}, *pp = &p;
	bclint_positions_resolve(text, len, &pp, 1);
	*line = p.line;
	*col = p.col;
}
