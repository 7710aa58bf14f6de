/* CSV records, for the extras: comma separated, RFC 4180 quoting (a quoted
 * cell may hold commas, line breaks and doubled quotes), blanks around a
 * cell dropped.  Each cell keeps the line and column it starts at, in
 * code points as everywhere else.  What RFC 4180 does not allow is an
 * error at its place, not guessed at: a quote left open, anything after a
 * closing quote but blanks and then a comma or a line break, a quote inside
 * an unquoted cell; and a NUL byte, which no text of the extras holds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import/import.h"

void bclint_import_csv_init(struct bclint_import_csv *c, const char *text, size_t len,
                            struct bclint_arena *arena)
{
	memset(c, 0, sizeof(*c));
	c->p = text;
	c->end = text + len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		c->p += 3; /* takes no column */
	c->bol = c->p;
	c->line = 1;
	c->arena = arena;
}

static const char junk[] = "a quoted field must be followed by a comma or a line break";
static const char stray[] = "a quote inside an unquoted field: quote the whole field and double "
                            "the quote";
static const char nul[] = "a NUL byte in the text";

/* The column of s on the line that starts at bol. */
static uint32_t column(const char *bol, const char *s)
{
	uint32_t col = 1;
	for (; bol < s; bol++)
		col += ((unsigned char)*bol & 0xc0) != 0x80;
	return col;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int fail(struct bclint_import_csv *c, const char *why, uint32_t line, uint32_t col)
{
	c->error = why;
	c->err_line = line;
	c->err_col = col;
	return -1;
}

/* A quoted cell from s (at its opening quote) into b: the byte after it,
 * or NULL after failing at the end of the text or at a NUL byte. */
static const char *quoted(struct bclint_import_csv *c, const char *s, struct bclint_buf *b,
                          uint32_t *line)
{
	uint32_t qline = *line, qcol = column(c->bol, s);
	for (s++;;) {
		if (s >= c->end) {
			fail(c, "unterminated quoted field", qline, qcol);
			return NULL;
		}
		if (*s == '\0') {
			fail(c, nul, *line, column(c->bol, s));
			return NULL;
		}
		if (*s == '"' && s + 1 < c->end && s[1] == '"') {
			bclint_buf_putc(b, '"');
			s += 2;
		} else if (*s == '"') {
			return s + 1;
		} else {
			if (*s == '\n') {
				++*line;
				c->bol = s + 1;
			}
			bclint_buf_putc(b, *s++);
		}
	}
}

int bclint_import_csv_next(struct bclint_import_csv *c, struct bclint_import_cell *cells, int max,
                           int *n, uint32_t *line)
{
	const char *s = c->p;
	uint32_t at = c->line;
	uint32_t cur = at;
	*n = 0;
	*line = at;
	if (s >= c->end)
		return 0;
	for (;;) {
		struct bclint_buf b = {0};
		while (s < c->end && blank(*s))
			s++;
		struct bclint_import_cell cell = {NULL, cur, column(c->bol, s)};
		if (s < c->end && *s == '"') {
			s = quoted(c, s, &b, &cur);
			if (s == NULL) {
				free(b.data);
				return -1;
			}
			while (s < c->end && blank(*s))
				s++;
			if (s < c->end && *s != ',' && *s != '\n' && *s != '\r') {
				free(b.data);
				return fail(c, junk, cur, column(c->bol, s));
			}
		} else {
			const char *e = s;
			while (e < c->end && *e != ',' && *e != '\n' && *e != '\r' && *e != '"' &&
			       *e != '\0')
				e++;
			if (e < c->end && (*e == '"' || *e == '\0')) {
				free(b.data);
				return fail(c, *e == '"' ? stray : nul, cur, column(c->bol, e));
			}
			const char *t = e;
			while (t > s && blank(t[-1]))
				t--;
			bclint_buf_add(&b, s, (size_t)(t - s));
			s = e;
		}
		cell.s = b.oom ? NULL : bclint_arena_strdup(c->arena, b.data ? b.data : "");
		free(b.data);
		if (cell.s == NULL)
			return fail(c, "out of memory", at, 1);
		if (*n < max)
			cells[*n] = cell;
		++*n;
		if (s < c->end && *s == ',') {
			s++;
			continue;
		}
		if (s < c->end && *s == '\r')
			s++;
		if (s < c->end && *s == '\n')
			s++;
		c->p = s;
		c->bol = s;
		c->line = cur + 1;
		return 1;
	}
}
