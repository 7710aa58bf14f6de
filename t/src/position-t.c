/* Unit tests of src/position.c and src/json.c: offsets to line and column
 * in code points, and where parsing failures are placed. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "position.h"
#include "tap.h"
#include "timestamp.h"

static void at(const char *text, size_t off, unsigned line, unsigned col, const char *what)
{
	uint32_t l, c;
	bclint_position_of(text, strlen(text), off, &l, &c);
	is_int(l, line, "%s: line", what);
	is_int(c, col, "%s: column", what);
}

static void parse_fails(const char *text, size_t off, const char *msg, const char *what)
{
	struct bclint_jdoc d;
	ok(bclint_jdoc_parse(&d, text, strlen(text)) < 0, "%s: refused", what);
	is_int((long long)d.err.offset, (long long)off, "%s: offset", what);
	is_string(d.err.message, msg, "%s: message", what);
	bclint_jdoc_free(&d);
}

/* Line and column of off counted directly, byte by byte. */
static void count_at(const unsigned char *t, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
	size_t bom = len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t end = off < len ? off : len, start = bom;
	if (end < bom)
		end = bom;
	*line = 1;
	for (size_t i = 0; i < end; i++) {
		if (t[i] == '\n') {
			++*line;
			start = i + 1;
		}
	}
	*col = 1;
	for (size_t i = start; i < end; i++)
		*col += (t[i] & 0xc0) != 0x80;
}

/* Enough positions for the radix sort, in scrambled order, some repeated
 * and some past the end, over a text longer than 64 KiB (three offset
 * bytes): each against a direct count. */
static void many(int bom, const char *what)
{
	size_t len = 200000, n = 5000;
	unsigned char *t = malloc(len + 1);
	struct bclint_textpos *p = malloc(n * sizeof(*p));
	struct bclint_textpos **v = malloc(n * sizeof(*v));
	static const unsigned char pick[] = "ab \n\xc3\xa9\xe2\x82\xac";
	uint32_t x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		t[i] = pick[(x >> 16) % (sizeof(pick) - 1)];
	}
	t[len] = '\0';
	/* every other line plain ASCII, for the table's ASCII marks */
	for (size_t i = 0, line = 0; i < len; i++) {
		if (t[i] == '\n')
			line++;
		else if (line % 2 == 0 && t[i] >= 0x80)
			t[i] = 'a';
	}
	if (bom)
		memcpy(t, "\xef\xbb\xbf", 3);
	for (size_t k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		if (k % 11 == 0)
			p[k].off = (uint32_t)(k % 5);
		else if (k % 7 == 0)
			p[k].off = p[k / 2].off;
		else
			p[k].off = (uint32_t)((x >> 8) % (len + 100));
		v[k] = &p[k];
	}
	bclint_positions_resolve((const char *)t, len, v, n);
	size_t bad = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t line, col;
		count_at(t, len, p[k].off, &line, &col);
		bad += p[k].line != line || p[k].col != col;
	}
	is_int((long long)bad, 0, "%s: positions that differ from a direct count", what);
	/* again with the table of line feeds instead of the sweep */
	uint32_t *lines = malloc((len + 1) * sizeof(*lines));
	size_t n_lines = 0, marked = 0;
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\n')
			lines[n_lines++] = (uint32_t)i;
	for (size_t k = 0; k < n; k++) {
		p[k].line = p[k].col = 0;
		v[k] = &p[(k * 7919) % n]; /* in another order */
	}
	bclint_positions_resolve_lines((const char *)t, len, lines, n_lines, v, n);
	bad = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t line, col;
		count_at(t, len, p[k].off, &line, &col);
		bad += p[k].line != line || p[k].col != col;
	}
	is_int((long long)bad, 0, "%s, with a line table: positions that differ", what);
	/* again with the lines of ASCII only marked, as the parser marks them
	 * (the byte-order mark, skipped before parsing, marks nothing) */
	for (size_t i = 0, j = bom ? 3 : 0, m = 0; i < len; i++) {
		if (t[i] != '\n')
			continue;
		int ascii = 1;
		for (; j < i; j++)
			ascii &= t[j] < 0x80;
		lines[m++] |= ascii ? BCLINT_LINE_ASCII : 0;
		marked += ascii;
		j = i + 1;
	}
	for (size_t k = 0; k < n; k++)
		p[k].line = p[k].col = 0;
	bclint_positions_resolve_lines((const char *)t, len, lines, n_lines, v, n);
	bad = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t line, col;
		count_at(t, len, p[k].off, &line, &col);
		bad += p[k].line != line || p[k].col != col;
	}
	ok(marked > n_lines / 3, "%s: a third of the lines or more are marked ASCII", what);
	is_int((long long)bad, 0, "%s, with ASCII lines marked: positions that differ", what);
	free(lines);
	free(v);
	free(p);
	free(t);
}

int main(void)
{
	plan(64);
	at("abc", 0, 1, 1, "start");
	at("abc\ndef", 5, 2, 2, "second line");
	at("\xc3\xa9t\xc3\xa9", 5, 1, 4, "two-byte characters count once");
	at("\xf0\x9f\x9a\x80x", 4, 1, 2, "a four-byte character counts once");
	at("\xef\xbb\xbf{}", 3, 1, 1, "a byte-order mark takes no column");
	at("a\r\nb", 3, 2, 1, "CRLF ends a line");

	struct bclint_textpos a = {9, 0, 0}, b = {1, 0, 0}, c = {5, 0, 0};
	struct bclint_textpos *v[] = {&a, &b, &c};
	bclint_positions_resolve("ab\ncd\nef\ngh", 11, v, 3);
	ok(a.line == 4 && a.col == 1 && b.line == 1 && b.col == 2 && c.line == 2 && c.col == 3,
	   "many positions in one sweep, any order");
	static const uint32_t few_lines[] = {2, 5, 8};
	a.line = b.line = c.line = 0;
	bclint_positions_resolve_lines("ab\ncd\nef\ngh", 11, few_lines, 3, v, 3);
	ok(a.line == 4 && a.col == 1 && b.line == 1 && b.col == 2 && c.line == 2 && c.col == 3,
	   "the same with a line table");
	struct bclint_textpos d = {2, 0, 0}, e = {3, 0, 0}, f = {40, 0, 0};
	struct bclint_textpos *w[] = {&f, &e, &d};
	bclint_positions_resolve_lines("ab\ncd\nef\ngh", 11, few_lines, 3, w, 3);
	ok(d.line == 1 && d.col == 3 && e.line == 2 && e.col == 1 && f.line == 4 && f.col == 3,
	   "line table: a line feed is on its own line, past the end is the end");
	/* a line marked ASCII is not read: its columns are bytes */
	static const uint32_t marked_lines[] = {3 | BCLINT_LINE_ASCII, 7};
	struct bclint_textpos g = {2, 0, 0}, h = {6, 0, 0};
	struct bclint_textpos *u[] = {&g, &h};
	bclint_positions_resolve_lines("\xc3\xa9x\n\xc3\xa9x\n", 8, marked_lines, 2, u, 2);
	ok(g.line == 1 && g.col == 3 && h.line == 2 && h.col == 2,
	   "line table: a line marked ASCII is not read, one that is not is");
	many(0, "5,000 positions");
	many(1, "5,000 positions after a byte-order mark");

	const char *doc = "{\"a\": [1, {\"b\": \"x\"}], \"c\": true}";
	struct bclint_jdoc jd;
	ok(bclint_jdoc_parse(&jd, doc, strlen(doc)) == 0, "a valid document parses");
	const struct bclint_jv *root = jd.root, *arr = bclint_jv_member(doc, root, "a");
	long long one = 0;
	is_int(root->start, 0, "root starts at 0");
	is_int(root->end, (long long)strlen(doc), "root ends at the end");
	is_int(arr->start, 6, "array value start");
	is_int(arr->end, 21, "array value end");
	is_int(arr->child->start, 7, "number start");
	is_int(arr->child->end, 8, "number end");
	ok(bclint_jv_integer(doc, arr->child, 0, 9, &one) == 0 && one == 1, "number value kept");
	is_int(arr->child->next->start, 10, "nested object start");
	is_int(bclint_jv_member(doc, root, "c")->start, 28, "boolean start");
	uint32_t line, col;
	bclint_jdoc_position(&jd, 28, &line, &col);
	ok(line == 1 && col == 29, "a document's positions: line and column");
	bclint_jdoc_free(&jd);

	parse_fails("{\"a\": 1", 7, "unexpected end of file", "truncated");
	parse_fails("{\"a\" 1}", 5, "unexpected character", "missing colon");
	parse_fails("{} x", 3, "unexpected text after the JSON value", "trailing text");
	parse_fails("  ", 2, "empty document: expected a JSON object", "blank");
	parse_fails("{\"a\": \"\xff\"}", 7, "invalid UTF-8", "bad UTF-8");
	parse_fails("{\"a\": \"\xed\xa0\x80\"}", 7, "invalid UTF-8", "UTF-8 surrogate");
	parse_fails("{\"a\": \"x\ty\"}", 8, "unescaped control character in a string",
	            "raw tab in a string");

	char *deep = malloc(4003);
	memset(deep, '[', 2000);
	memset(deep + 2000, ']', 2000);
	deep[4000] = '\0';
	ok(bclint_jdoc_parse(&jd, deep, 4000) < 0 &&
	           strcmp(jd.err.message, "nesting too deep") == 0,
	   "nesting deeper than the parser allows");
	bclint_jdoc_free(&jd);
	free(deep);

	bclint_time t;
	ok(bclint_parse_time("2026-01-31T12:00:00Z", &t) == 0 && t == 1769860800,
	   "RFC 3339 UTC timestamp");
	ok(bclint_parse_time("2026-01-31T13:00:00+01:00", &t) == 0 && t == 1769860800,
	   "timestamp with an offset");
	ok(bclint_parse_time("2026-01-31", &t) == 0 && t == 1769817600, "bare date is midnight");
	ok(bclint_parse_time("2024-02-29", &t) == 0, "leap day");
	ok(bclint_parse_time("2026-02-29", &t) < 0, "not a leap year");
	ok(bclint_parse_time("2026-01-31T25:00:00Z", &t) < 0, "hour out of range");
	ok(bclint_parse_time("2026-01-31T12:00:00", &t) < 0, "time without a zone");
	return done_testing();
}
