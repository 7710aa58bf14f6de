/* Unit tests of the CSV reader of bclint import's extras
 * (src/import/csv.c): cells, quoting, where each cell starts, and the
 * records it refuses. */
#include <string.h>

#include "import/import.h"
#include "tap.h"

struct rec {
	int rc, n;
	uint32_t line;
	struct bclint_import_cell cells[8];
};

static int next(struct bclint_import_csv *c, struct rec *r)
{
	r->rc = bclint_import_csv_next(c, r->cells, 8, &r->n, &r->line);
	return r->rc;
}

static void plain(void)
{
	struct bclint_arena a = {0};
	struct bclint_import_csv c;
	struct rec r;
	static const char text[] = "user_id, user_email ,x\n1,a@x.example,\n";
	bclint_import_csv_init(&c, text, strlen(text), &a);
	is_int(next(&c, &r), 1, "a header row");
	is_int(r.n, 3, "three cells");
	is_string(r.cells[1].s, "user_email", "blanks around a cell are dropped");
	is_int(r.cells[1].col, 10, "a cell starts where its text does, after the blanks");
	is_int(next(&c, &r), 1, "a second row");
	is_int(r.line, 2, "on line 2");
	is_string(r.cells[2].s, "", "an empty last cell");
	is_int(r.cells[2].col, 15, "the empty cell's column");
	is_int(next(&c, &r), 0, "then the end");
	bclint_arena_free(&a);
}

static void quoting(void)
{
	struct bclint_arena a = {0};
	struct bclint_import_csv c;
	struct rec r;
	static const char text[] = "\"a, \"\"b\"\"\",\"two\nlines\"\r\nnext,\xc3\xa9,x\n";
	bclint_import_csv_init(&c, text, strlen(text), &a);
	is_int(next(&c, &r), 1, "a quoted record");
	is_string(r.cells[0].s, "a, \"b\"", "commas and doubled quotes inside quotes");
	is_string(r.cells[1].s, "two\nlines", "a line break inside quotes");
	is_int(r.cells[1].line, 1, "the quoted cell starts on line 1");
	is_int(next(&c, &r), 1, "the record after it");
	is_int(r.line, 3, "starts on line 3 (CRLF ends the record)");
	is_string(r.cells[0].s, "next", "its first cell");
	is_int(r.cells[2].col, 8, "columns count code points, not bytes");
	bclint_arena_free(&a);
}

static void bom_and_limits(void)
{
	struct bclint_arena a = {0};
	struct bclint_import_csv c;
	struct bclint_import_cell cells[2];
	int n;
	uint32_t line;
	static const char text[] = "\xef\xbb\xbf"
	                           "a,b,c,d\n";
	bclint_import_csv_init(&c, text, strlen(text), &a);
	is_int(bclint_import_csv_next(&c, cells, 2, &n, &line), 1, "a record after a BOM");
	is_int(n, 4, "every cell is counted, past the maximum too");
	is_string(cells[0].s, "a", "the byte-order mark is not part of the first cell");
	is_int(cells[1].col, 3, "the byte-order mark takes no column");
	bclint_import_csv_init(&c, "", 0, &a);
	is_int(bclint_import_csv_next(&c, cells, 2, &n, &line), 0, "an empty text has no record");
	bclint_arena_free(&a);
}

static void refused(void)
{
	struct bclint_arena a = {0};
	struct bclint_import_csv c;
	struct rec r;
	static const char text[] = "a,b\n\"never closed,x\ny\n";
	bclint_import_csv_init(&c, text, strlen(text), &a);
	next(&c, &r);
	is_int(next(&c, &r), -1, "an unterminated quote");
	is_string(c.error, "unterminated quoted field", "says so");
	is_int(c.err_line, 2, "on the line where its record starts");
	is_int(c.err_col, 1, "at the opening quote");
	static const struct {
		const char *text, *error;
		uint32_t line, col;
	} bad[] = {
	        {"a,\"b", "unterminated quoted field", 1, 3},
	        {"a\n\"x\"y,z\n", "a quoted field must be followed by a comma or a line break", 2,
	         4},
	        {"a\n\"two\nlines\"  ;\n",
	         "a quoted field must be followed by a comma or a line break", 3, 9},
	        {"a,O\"Brien\n",
	         "a quote inside an unquoted field: quote the whole field and double the quote", 1,
	         4},
	        {"a,\"x\0y\"", "a NUL byte in the text", 1, 5},
	        {"a,x\0y", "a NUL byte in the text", 1, 4},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = strlen(bad[i].text);
		if (strstr(bad[i].error, "NUL") != NULL)
			len += strlen(bad[i].text + len + 1) + 1;
		bclint_import_csv_init(&c, bad[i].text, len, &a);
		while (next(&c, &r) > 0)
			;
		ok(r.rc == -1 && c.error != NULL && strcmp(c.error, bad[i].error) == 0 &&
		           c.err_line == bad[i].line && c.err_col == bad[i].col,
		   "refused at %u:%u: %s", bad[i].line, bad[i].col, bad[i].error);
		if (c.error != NULL && (c.err_line != bad[i].line || c.err_col != bad[i].col))
			diag("got %s at %u:%u", c.error, c.err_line, c.err_col);
	}
	bclint_arena_free(&a);
}

int main(void)
{
	plan(32);
	plain();
	quoting();
	bom_and_limits();
	refused();
	return done_testing();
}
