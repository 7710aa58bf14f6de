/* Reading the roster of current staff, CSV or JSON, and finding a member
 * on it.  Emails are looked up in a hash index; only a member no email
 * names is tried against the patterns, which a roster has few of. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "import/import.h"
#include "json.h"
#include "roster.h"
#include "text.h"
#include "timestamp.h"

enum { COL_EMAIL, COL_NAME, COL_END, COL_KIND, N_COLS };
static const char *const columns[N_COLS] = {"email", "name", "end_date", "kind"};
static const char *const kinds[] = {"employee", "contractor", "agency"};

struct reader {
	struct bclint_roster *r;
	const struct bclint_diag_sink *diag;
	int errors;
	int oom;
};

static void error_at(struct reader *rd, uint32_t line, uint32_t col, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void error_at(struct reader *rd, uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bclint_diagf(rd->diag, 3, rd->r->path, line, col, "%s", msg);
	rd->errors++;
}

/* Code points in the first n bytes of s. */
static uint32_t code_points(const char *s, size_t n)
{
	uint32_t k = 0;
	for (size_t i = 0; i < n && s[i] != '\0'; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* A pattern compiled to match whole emails ignoring case, or NULL after
 * an error at the place in it that PCRE2 names. */
static pcre2_code *compile(struct reader *rd, const char *s, uint32_t line, uint32_t col)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_CASELESS, &code, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof(msg));
		error_at(rd, line, col + code_points(s, off), "bad pattern '%s': %s", s,
		         (const char *)msg);
	}
	return re;
}

/* The value of one field, checked, into e (and the pattern into *re). */
static void take(struct reader *rd, struct bclint_roster_entry *e, pcre2_code **re, int field,
                 const char *s, uint32_t line, uint32_t col)
{
	struct bclint_arena *a = &rd->r->arena;
	size_t i = 0;
	if (field == COL_EMAIL) {
		if (*s == '\0')
			error_at(rd, line, col, "an empty email: give an email or a pattern");
		else if (*s == '^')
			*re = compile(rd, s, line, col);
		else if (strchr(s, '@') == NULL)
			error_at(rd, line, col,
			         "'%s' is neither an email nor a pattern (a pattern "
			         "starts with '^')",
			         s);
		e->email = bclint_arena_strdup(a, s);
	} else if (*s == '\0') {
		return; /* the other fields are optional */
	} else if (field == COL_NAME) {
		e->name = bclint_arena_strdup(a, s);
	} else if (field == COL_END) {
		if (bclint_parse_time(s, &e->end) < 0)
			error_at(rd, line, col,
			         "bad end date '%s' (YYYY-MM-DD, or an RFC 3339 "
			         "timestamp)",
			         s);
		else if (strlen(s) == 10)
			e->end += 86400; /* a date: the whole day is still in */
		e->end_date = bclint_arena_strdup(a, s);
	} else {
		while (i < 3 && strcmp(s, kinds[i]) != 0)
			i++;
		if (i == 3)
			error_at(rd, line, col,
			         "unknown kind '%s' (employee, contractor or agency)", s);
		else
			e->kind = kinds[i];
	}
}

/* Add the entry read on line (its email at col), indexing its email. */
static void add(struct reader *rd, const struct bclint_roster_entry *e, pcre2_code *re,
                uint32_t col)
{
	struct bclint_roster *r = rd->r;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		void *p = realloc(r->entries, cap * sizeof(*r->entries));
		void *q = p ? realloc(r->patterns, cap * sizeof(*r->patterns)) : NULL;
		if (p != NULL)
			r->entries = p;
		if (q == NULL) {
			pcre2_code_free(re);
			rd->oom = 1;
			return;
		}
		r->patterns = q;
		r->cap = cap;
	}
	r->entries[r->n] = *e;
	r->patterns[r->n] = re;
	r->n++;
	if (e->email == NULL || e->email[0] == '^')
		return;
	char *key = bclint_arena_strdup(&r->arena, e->email);
	if (key == NULL) {
		rd->oom = 1;
		return;
	}
	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	void *had = bclint_map_put(&r->emails, 0, key, (void *)(uintptr_t)r->n);
	if (had == &r->emails)
		rd->oom = 1;
	else if (had != NULL)
		error_at(rd, e->line, col, "'%s' is on the roster twice (first on line %u)",
		         e->email, r->entries[(uintptr_t)had - 1].line);
}

/* -- CSV ----------------------------------------------------------------- */

#define MAX_CELLS 16

/* The header row: which field each column holds; -1 after an error. */
static int csv_header(struct reader *rd, const struct bclint_import_cell *cells, int n, int *fields)
{
	int seen[N_COLS] = {0}, bad = 0;
	for (int c = 0; c < n; c++) {
		int f = 0;
		while (f < N_COLS && strcmp(cells[c].s, columns[f]) != 0)
			f++;
		if (f == N_COLS) {
			error_at(rd, cells[c].line, cells[c].col,
			         "unknown column '%s' (email, name, "
			         "end_date, kind)",
			         cells[c].s);
			bad = 1;
		} else if (seen[f]++) {
			error_at(rd, cells[c].line, cells[c].col, "column '%s' twice", columns[f]);
			bad = 1;
		}
		fields[c] = f;
	}
	if (!bad && !seen[COL_EMAIL]) {
		error_at(rd, cells[0].line, cells[0].col,
		         "no 'email' column (email, name, end_date, "
		         "kind)");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static void csv_row(struct reader *rd, const struct bclint_import_cell *cells, int n,
                    const int *fields, int n_fields, uint32_t line)
{
	struct bclint_roster_entry e = {NULL, NULL, BCLINT_NO_TIME, NULL, NULL, line};
	pcre2_code *re = NULL;
	uint32_t email_col = 1;
	if (n > n_fields) {
		error_at(rd, cells[n_fields].line, cells[n_fields].col,
		         "%d cells, more than the "
		         "header's %d",
		         n, n_fields);
		return;
	}
	for (int c = 0; c < n; c++) {
		if (fields[c] == COL_EMAIL)
			email_col = cells[c].col;
		take(rd, &e, &re, fields[c], cells[c].s, cells[c].line, cells[c].col);
	}
	if (e.email == NULL) {
		error_at(rd, line, cells[n - 1].col, "no email in this row");
		return;
	}
	add(rd, &e, re, email_col);
}

static void read_csv(struct reader *rd, const struct bclint_text *t)
{
	struct bclint_import_csv csv;
	struct bclint_import_cell cells[MAX_CELLS];
	int fields[MAX_CELLS], n, n_fields = -1, rc;
	uint32_t line;
	bclint_import_csv_init(&csv, t->data, t->len, &rd->r->arena);
	while ((rc = bclint_import_csv_next(&csv, cells, MAX_CELLS, &n, &line)) > 0) {
		if (n == 1 && cells[0].s[0] == '\0')
			continue; /* a blank line */
		if (n > MAX_CELLS) {
			error_at(rd, line, 1, "more than %d cells in a row", MAX_CELLS);
			return;
		}
		if (n_fields >= 0)
			csv_row(rd, cells, n, fields, n_fields, line);
		else if (csv_header(rd, cells, n, fields) < 0)
			return;
		else
			n_fields = n;
	}
	if (rc < 0 && strcmp(csv.error, "out of memory") == 0)
		rd->oom = 1;
	else if (rc < 0)
		error_at(rd, csv.err_line, csv.err_col, "%s", csv.error);
}

/* -- JSON ---------------------------------------------------------------- */

static void json_entry(struct reader *rd, struct bclint_jdoc *d, const struct bclint_jv *o)
{
	uint32_t line, col, email_col = 1;
	bclint_jdoc_position(d, o->start, &line, &col);
	struct bclint_roster_entry e = {NULL, NULL, BCLINT_NO_TIME, NULL, NULL, line};
	pcre2_code *re = NULL;
	if (o->type != BCLINT_JOBJECT) {
		error_at(rd, line, col, "a roster entry must be an object, not %s",
		         bclint_jv_type_name(o));
		return;
	}
	for (const struct bclint_jv *v = o->child; v != NULL; v = v->next) {
		uint32_t kl, kc, vl, vc;
		int f = 0;
		bclint_jdoc_position(d, v->key, &kl, &kc);
		bclint_jdoc_position(d, v->start, &vl, &vc);
		while (f < N_COLS && !bclint_jv_key_is(d->text, v, columns[f]))
			f++;
		if (f == N_COLS) {
			error_at(rd, kl, kc, "unknown key '%s' (email, name, end_date, kind)",
			         bclint_jdoc_key(d, v));
			continue;
		}
		if (v->type == BCLINT_JNULL && f != COL_EMAIL)
			continue;
		const char *s = bclint_jdoc_string(d, v);
		if (s == NULL) {
			error_at(rd, vl, vc, "'%s' must be a string, not %s", columns[f],
			         bclint_jv_type_name(v));
			continue;
		}
		if (f == COL_EMAIL)
			email_col = vc + 1;
		take(rd, &e, &re, f, s, vl, vc + 1); /* + 1: inside the quotes */
	}
	if (e.email == NULL) {
		if (bclint_jv_member(d->text, o, "email") == NULL)
			error_at(rd, line, col, "an entry without an 'email'");
		return;
	}
	add(rd, &e, re, email_col);
}

static void read_json(struct reader *rd, const struct bclint_text *t)
{
	struct bclint_jdoc d;
	uint32_t line, col;
	if (bclint_jdoc_parse(&d, t->data, t->len) < 0) {
		char msg[160];
		bclint_json_error_text(&d.err, msg, sizeof(msg));
		bclint_jdoc_position(&d, d.err.offset, &line, &col);
		error_at(rd, line, col, "%s", msg);
	} else if (d.root->type != BCLINT_JARRAY) {
		bclint_jdoc_position(&d, d.root->start, &line, &col);
		error_at(rd, line, col, "the roster must be an array of entries, not %s",
		         bclint_jv_type_name(d.root));
	} else {
		for (const struct bclint_jv *o = d.root->child; o != NULL; o = o->next)
			json_entry(rd, &d, o);
	}
	bclint_jdoc_free(&d);
}

/* JSON when the first character past a byte-order mark and blanks opens
 * an array or an object, else CSV. */
static int is_json(const struct bclint_text *t)
{
	const char *p = t->data, *end = t->data + t->len;
	if (t->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p < end && (*p == '[' || *p == '{');
}

int bclint_roster_read(struct bclint_roster *r, const char *path,
                       const struct bclint_diag_sink *diag)
{
	struct reader rd = {r, diag, 0, 0};
	struct bclint_text t;
	memset(r, 0, sizeof(*r));
	r->path = strdup(path);
	if (r->path == NULL) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: out of memory", path);
		return -1;
	}
	if (bclint_text_read(path, &t) < 0) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: cannot read roster: %s", path,
		             strerror(errno));
		return -1;
	}
	if (is_json(&t))
		read_json(&rd, &t);
	else
		read_csv(&rd, &t);
	bclint_text_free(&t);
	if (rd.oom)
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: out of memory", path);
	return rd.errors || rd.oom ? -1 : 0;
}

const struct bclint_roster_entry *bclint_roster_find(const struct bclint_roster *r,
                                                     const char *email)
{
	char key[320];
	size_t n = strlen(email);
	if (n < sizeof(key)) {
		for (size_t i = 0; i <= n; i++)
			key[i] = (char)tolower((unsigned char)email[i]);
		uintptr_t at = (uintptr_t)bclint_map_get(&r->emails, 0, key);
		if (at != 0)
			return &r->entries[at - 1];
	}
	pcre2_match_data *md = NULL;
	const struct bclint_roster_entry *found = NULL;
	for (size_t i = 0; i < r->n && found == NULL; i++) {
		if (r->patterns[i] == NULL)
			continue;
		if (md == NULL && (md = pcre2_match_data_create(1, NULL)) == NULL)
			break;
		if (pcre2_match(r->patterns[i], (PCRE2_SPTR)email, n, 0, 0, md, NULL) >= 0)
			found = &r->entries[i];
	}
	pcre2_match_data_free(md);
	return found;
}

void bclint_roster_free(struct bclint_roster *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		pcre2_code_free(r->patterns[i]);
	free(r->patterns);
	free(r->entries);
	bclint_map_free(&r->emails);
	bclint_arena_free(&r->arena);
	free(r->path);
	memset(r, 0, sizeof(*r));
}
