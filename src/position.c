/* Offsets to line and column.  Positions are resolved late, in one sorted
 * sweep, so the loader stores only offsets and no line table is kept. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
		count += 8 - (uint32_t)__builtin_popcountll(cont);
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

void bclint_positions_resolve(const char *text, size_t len,
                              struct bclint_textpos **pos, size_t n)
{
	qsort(pos, n, sizeof(*pos), by_offset);
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0, at = 0;
	uint32_t line = 1, col = 1;
	if (len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
		at = 3;
	for (size_t k = 0; k < n; k++) {
		size_t target = pos[k]->off < len ? pos[k]->off : len;
		if (target < at)
			target = at;
		while (i < target) {
			const unsigned char *nl = memchr(t + i, '\n', target - i);
			if (nl == NULL)
				break;
			i = (size_t)(nl - t) + 1;
			line++;
			col = 1;
			at = i;
		}
		col += code_points(t + at, target - at);
		at = target;
		i = target;
		pos[k]->line = line;
		pos[k]->col = col;
	}
}

void bclint_position_of(const char *text, size_t len, size_t off,
                        uint32_t *line, uint32_t *col)
{
	struct bclint_textpos p = {(uint32_t)off, 0, 0}, *pp = &p;
	bclint_positions_resolve(text, len, &pp, 1);
	*line = p.line;
	*col = p.col;
}
