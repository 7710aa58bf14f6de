/* Byte offsets to 1-based line and column (columns count code points). */
#ifndef BCLINT_POSITION_H
#define BCLINT_POSITION_H 1

#include <stddef.h>
#include <stdint.h>

/* A position to resolve: off is the input, line and col the output. */
struct bclint_textpos {
	uint32_t off;
	uint32_t line, col;
};

/* Resolve every position in one forward pass over text.  The array of
 * pointers may be reordered.  A leading byte-order mark takes no column. */
void bclint_positions_resolve(const char *text, size_t len, struct bclint_textpos **pos, size_t n);

/* A line-table entry's flag: the line the line feed ends holds only
 * ASCII, so that a column there is a distance in bytes. */
#define BCLINT_LINE_ASCII 0x80000000u

/* The same, given the offsets of every line feed of text in order (the
 * parser's, struct bclint_lines; each may carry BCLINT_LINE_ASCII): no
 * pass over the whole text; only a position's own line up to it is read,
 * and not even that when the line is marked ASCII. */
void bclint_positions_resolve_lines(const char *text, size_t len, const uint32_t *lines,
                                    size_t n_lines, struct bclint_textpos **pos, size_t n);

/* Sort keys (offset << 32 | index) by their high half, stably, a byte at
 * a time from the lowest; tmp has room for as many keys.  Returns
 * whichever of the two holds the result. */
uint64_t *bclint_radix_sort(uint64_t *keys, uint64_t *tmp, size_t n);

/* Resolve a single offset (a pass over the text up to it). */
void bclint_position_of(const char *text, size_t len, size_t off, uint32_t *line, uint32_t *col);

#endif
