/* --extras: what the API does not return (sign-ins, two-step verification,
 * invitation and grant dates, owners of shared-in assets, the email-domain
 * allowlist, the domains partners' staff use), from a JSON object or a CSV
 * table, applied to the merged model.  Each row, from either, becomes an
 * xrow first.  Every key and column must be known: a misspelt one would
 * otherwise be dropped without a word. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"
#include "timestamp.h"

#define E BCLINT_LEVEL_ERROR
#define W BCLINT_LEVEL_WARNING

/* One row of the extras, with where it starts. */
struct xrow {
	uint32_t line, col;
	const char *user_id, *email, *invited, *login, *asset_id, *asset_type, *owner, *granted,
	        *partner;
	int two_step;
};

/* -- applying a row ----------------------------------------------------------- */

static struct bclint_import_member *member_of(struct bclint_import *im, const struct xrow *r)
{
	if (r->user_id != NULL)
		return bclint_import_find_member(im, r->user_id);
	for (size_t i = 0; i < im->n_members; i++)
		if (strcasecmp(im->members[i].email, r->email) == 0)
			return &im->members[i];
	return NULL;
}

static struct bclint_import_partner *partner_of(struct bclint_import *im, const char *id)
{
	size_t lo = 0, hi = im->n_partners;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = bclint_import_id_cmp(id, im->partners[mid].id);
		if (c == 0)
			return &im->partners[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void apply_member(struct bclint_import *im, const char *path, const struct xrow *r,
                         struct bclint_import_member *m)
{
	if (m == NULL) {
		bclint_import_diag(im, W, path, r->line, r->col, "no member has %s '%s'",
		                   r->user_id ? "user_id" : "user_email",
		                   r->user_id ? r->user_id : r->email);
		return;
	}
	if (r->invited != NULL)
		m->invited = r->invited;
	if (r->login != NULL)
		m->login = r->login;
	if (r->two_step >= 0)
		m->two_step = r->two_step;
	if (r->granted == NULL)
		return;
	struct bclint_import_grant *g = bclint_import_member_grants(im, m->id);
	for (; g != NULL && g < im->grants + im->n_grants && strcmp(g->user, m->id) == 0; g++) {
		if (strcmp(g->type, r->asset_type) == 0 &&
		    bclint_import_id_cmp(g->asset, r->asset_id) == 0) {
			g->granted_at = r->granted;
			g->granted_by = NULL; /* the extras' date, not the change log's entry */
			return;
		}
	}
	bclint_import_diag(im, W, path, r->line, r->col,
	                   "member '%s' has no direct assignment on %s asset '%s'", m->id,
	                   r->asset_type, r->asset_id);
}

static void apply_asset(struct bclint_import *im, const char *path, const struct xrow *r)
{
	int found = 0;
	for (size_t i = 0; i < im->n_assets; i++) {
		struct bclint_import_asset *a = &im->assets[i];
		if (bclint_import_id_cmp(a->id, r->asset_id) != 0 ||
		    (r->asset_type != NULL && strcmp(a->type, r->asset_type) != 0))
			continue;
		found = 1;
		if (r->owner != NULL)
			a->owner_id = r->owner;
	}
	if (!found)
		bclint_import_diag(im, W, path, r->line, r->col, "no asset has asset_id '%s'%s%s",
		                   r->asset_id, r->asset_type ? " and asset_type " : "",
		                   r->asset_type ? r->asset_type : "");
}

/* Apply a checked row; the partner it names (NULL: none, or not found). */
static struct bclint_import_partner *apply_row(struct bclint_import *im, const char *path,
                                               const struct xrow *r)
{
	if (r->user_id != NULL || r->email != NULL)
		apply_member(im, path, r, member_of(im, r));
	if (r->asset_id != NULL)
		apply_asset(im, path, r);
	if (r->partner == NULL)
		return NULL;
	struct bclint_import_partner *p = partner_of(im, r->partner);
	if (p == NULL)
		bclint_import_diag(im, W, path, r->line, r->col, "no partner has bc_id '%s'",
		                   r->partner);
	return p;
}

/* Add d to a list of domains unless it is there (ASCII case ignored). */
static void add_domain(struct bclint_import *im, const char ***list, size_t *n, size_t *cap,
                       const char *d)
{
	for (size_t i = 0; i < *n; i++)
		if (strcasecmp((*list)[i], d) == 0)
			return;
	if (bclint_import_grow(im, list, cap, *n, sizeof(**list)) == 0)
		(*list)[(*n)++] = d;
}

static void allowed_domain(struct bclint_import *im, const char *d)
{
	add_domain(im, &im->domains, &im->n_domains, &im->cap_domains, d);
}

static void partner_domain(struct bclint_import *im, struct bclint_import_partner *p, const char *d)
{
	if (p != NULL)
		add_domain(im, &p->domains, &p->n_domains, &p->cap_domains, d);
}

static int bad_time(const char *s)
{
	bclint_time t;
	return s != NULL && bclint_parse_time(s, &t) < 0;
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "1", NULL};
	static const char *const no[] = {"false", "no", "0", NULL};
	for (int i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* -- JSON ------------------------------------------------------------------- */

enum { X_MEMBERS, X_ASSETS, X_ASSIGNMENTS, X_PARTNERS, X_DOMAINS, X_N };
static const char *const top_keys[] = {
        "members", "assets", "assignments", "partners", "x_allowed_email_domains", NULL};
static const char *const row_keys[4][8] = {
        {"user_id", "user_email", "x_invited_at", "x_last_login_at", "x_two_step_enabled", "x_note",
         NULL},
        {"asset_id", "asset_type", "owner_bc_id", "x_note", NULL},
        {"user_id", "user_email", "asset_id", "asset_type", "x_granted_at", "x_note", NULL},
        {"bc_id", "x_email_domains", "x_note", NULL},
};
static const char *const row_names[4] = {"a member row", "an asset row", "an assignment row",
                                         "a partner row"};

/* Every key of o must be one of keys. */
static int known_keys(struct bclint_import *im, struct bclint_import_input *in,
                      const struct bclint_jv *o, const char *const *keys, const char *what)
{
	int bad = 0;
	for (const struct bclint_jv *m = o->child; m != NULL; m = m->next) {
		const char *key = bclint_import_key(im, in, m);
		if (key == NULL)
			return -1;
		if (bclint_import_in_list(key, keys))
			continue;
		char list[256];
		bclint_import_err_key(im, in, m, "unknown key '%s' in %s: expected %s", key, what,
		                      bclint_import_list_names(keys, list, sizeof(list)));
		bad = -1;
	}
	return bad;
}

/* The string fields of a row (all optional; checked as strings). */
static int row_strings(struct bclint_import *im, struct bclint_import_input *in,
                       const struct bclint_jv *o, const char *const *keys, const char ***dst)
{
	int bad = 0;
	for (int j = 0; keys[j] != NULL; j++) {
		bad |= bclint_import_check_str(im, in, o, keys[j], 0, NULL);
		if (dst[j] != NULL)
			*dst[j] = bclint_import_str_field(im, in, o, keys[j]);
	}
	return bad;
}

static int json_time(struct bclint_import *im, struct bclint_import_input *in,
                     const struct bclint_jv *o, const char *key, const char *s)
{
	if (!bad_time(s))
		return 0;
	bclint_import_err(im, in, bclint_import_field(in, o, key),
	                  "'%s' is not an RFC 3339 timestamp: '%s'", key, s);
	return -1;
}

static int json_type(struct bclint_import *im, struct bclint_import_input *in,
                     const struct bclint_jv *o, const char *s)
{
	if (s == NULL ||
	    bclint_import_check_type(im, in, bclint_import_field(in, o, "asset_type"), s) != NULL)
		return 0;
	return -1;
}

static int member_row(struct bclint_import *im, struct bclint_import_input *in,
                      const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"user_id",         "user_email", "x_invited_at",
	                                   "x_last_login_at", "x_note",     NULL};
	const char **dst[] = {&r->user_id, &r->email, &r->invited, &r->login, NULL};
	int bad = row_strings(im, in, o, keys, dst);
	const struct bclint_jv *ts = bclint_import_field(in, o, "x_two_step_enabled");
	if (ts != NULL && !bclint_jv_is_bool(ts)) {
		bclint_import_err(im, in, ts, "'x_two_step_enabled' must be true or false");
		bad = -1;
	}
	r->two_step = ts ? ts->type == BCLINT_JTRUE : -1;
	bad |= json_time(im, in, o, "x_invited_at", r->invited);
	bad |= json_time(im, in, o, "x_last_login_at", r->login);
	if (r->user_id == NULL && r->email == NULL) {
		bclint_import_err(im, in, o, "a member row needs 'user_id' or 'user_email'");
		bad = -1;
	}
	return bad;
}

static int asset_row(struct bclint_import *im, struct bclint_import_input *in,
                     const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"asset_id", "asset_type", "owner_bc_id", "x_note", NULL};
	const char **dst[] = {&r->asset_id, &r->asset_type, &r->owner, NULL};
	int bad = row_strings(im, in, o, keys, dst);
	if (r->asset_id == NULL) {
		bclint_import_err(im, in, o, "an asset row needs 'asset_id'");
		bad = -1;
	} else if (!bad && json_type(im, in, o, r->asset_type) < 0) {
		bad = -1;
	}
	return bad;
}

static int assignment_row(struct bclint_import *im, struct bclint_import_input *in,
                          const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"user_id",      "user_email", "asset_id", "asset_type",
	                                   "x_granted_at", "x_note",     NULL};
	const char **dst[] = {&r->user_id,    &r->email,   &r->asset_id,
	                      &r->asset_type, &r->granted, NULL};
	if (row_strings(im, in, o, keys, dst) < 0)
		return -1;
	if ((r->user_id == NULL && r->email == NULL) || r->asset_id == NULL ||
	    r->asset_type == NULL || r->granted == NULL) {
		bclint_import_err(im, in, o,
		                  "an assignment row needs 'user_id' or 'user_email', "
		                  "'asset_id', 'asset_type' and 'x_granted_at'");
		return -1;
	}
	int bad = json_type(im, in, o, r->asset_type);
	return bad | json_time(im, in, o, "x_granted_at", r->granted);
}

static void partner_row(struct bclint_import *im, struct bclint_import_input *in,
                        const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"bc_id", "x_note", NULL};
	const char **dst[] = {&r->partner, NULL};
	int bad = row_strings(im, in, o, keys, dst);
	const struct bclint_jv *doms = bclint_import_field(in, o, "x_email_domains");
	if (doms != NULL && doms->type != BCLINT_JARRAY) {
		bclint_import_err(im, in, doms, "'x_email_domains' must be an array");
		return;
	}
	if (!bad && r->partner == NULL) {
		bclint_import_err(im, in, o, "a partner row needs 'bc_id'");
		return;
	}
	for (const struct bclint_jv *d = doms ? doms->child : NULL; d != NULL; d = d->next) {
		const char *s = bclint_import_string(im, in, d);
		if (s == NULL || s[0] == '\0') {
			bclint_import_err(im, in, d, "an email domain must be a non-empty string");
			bad = -1;
		}
	}
	struct bclint_import_partner *p = bad ? NULL : apply_row(im, in->path, r);
	if (p != NULL)
		p->has_domains |= doms != NULL;
	for (const struct bclint_jv *d = p && doms ? doms->child : NULL; d != NULL; d = d->next)
		partner_domain(im, p, bclint_import_string(im, in, d));
}

static void json_rows(struct bclint_import *im, struct bclint_import_input *in, int k,
                      const struct bclint_jv *a)
{
	for (const struct bclint_jv *o = a ? a->child : NULL; o != NULL; o = o->next) {
		struct xrow r;
		memset(&r, 0, sizeof(r));
		r.two_step = -1;
		bclint_import_pos(in, o, &r.line, &r.col);
		if (o->type != BCLINT_JOBJECT) {
			bclint_import_err(im, in, o, "an extras row must be an object");
			continue;
		}
		if (known_keys(im, in, o, row_keys[k], row_names[k]) < 0)
			continue;
		if (k == X_PARTNERS) {
			partner_row(im, in, o, &r);
			continue;
		}
		if (k == X_ASSIGNMENTS) { /* about the grant, not the asset */
			if (assignment_row(im, in, o, &r) == 0)
				apply_member(im, in->path, &r, member_of(im, &r));
			continue;
		}
		int bad = k == X_MEMBERS ? member_row(im, in, o, &r) : asset_row(im, in, o, &r);
		if (!bad)
			apply_row(im, in->path, &r);
	}
}

/* {"members": [...], "assets": [...], "assignments": [...], "partners": [...],
 *  "x_allowed_email_domains": [...]} */
static void extras_json(struct bclint_import *im, struct bclint_import_input *in)
{
	const struct bclint_jv *root = in->doc.root, *a[X_N];
	if (root->type != BCLINT_JOBJECT) {
		bclint_import_err(im, in, root, "the extras must be a JSON object");
		return;
	}
	if (known_keys(im, in, root, top_keys, "the extras") < 0)
		return;
	for (int k = 0; k < X_N; k++) {
		a[k] = bclint_import_field(in, root, top_keys[k]);
		if (a[k] != NULL && a[k]->type != BCLINT_JARRAY) {
			bclint_import_err(im, in, a[k], "'%s' must be an array", top_keys[k]);
			return;
		}
	}
	im->has_domains |= a[X_DOMAINS] != NULL;
	for (const struct bclint_jv *d = a[X_DOMAINS] ? a[X_DOMAINS]->child : NULL; d != NULL;
	     d = d->next) {
		const char *s = bclint_import_string(im, in, d);
		if (s == NULL || s[0] == '\0')
			bclint_import_err(im, in, d, "an email domain must be a non-empty string");
		else
			allowed_domain(im, s);
	}
	for (int k = 0; k < X_DOMAINS; k++)
		json_rows(im, in, k, a[k]);
}

/* -- CSV -------------------------------------------------------------------- */

enum {
	C_USER_ID,
	C_EMAIL,
	C_INVITED,
	C_LOGIN,
	C_TWO_STEP,
	C_ASSET_ID,
	C_ASSET_TYPE,
	C_OWNER,
	C_DOMAINS,
	C_GRANTED,
	C_PARTNER,
	C_PDOMAINS,
	C_NOTE,
	C_N
};
static const char *const csv_columns[C_N + 1] = {"user_id",
                                                 "user_email",
                                                 "x_invited_at",
                                                 "x_last_login_at",
                                                 "x_two_step_enabled",
                                                 "asset_id",
                                                 "asset_type",
                                                 "owner_bc_id",
                                                 "x_allowed_email_domains",
                                                 "x_granted_at",
                                                 "partner_bc_id",
                                                 "x_email_domains",
                                                 "x_note",
                                                 NULL};

#define CSV_MAX_CELLS 64

struct csv_table {
	struct bclint_import_input *in;
	int col[C_N], n_cols;
};

/* The cell of column c in a row, NULL when empty or absent. */
static const struct bclint_import_cell *cell(const struct csv_table *t,
                                             const struct bclint_import_cell *cells, int n, int c)
{
	int k = t->col[c];
	return k >= 0 && k < n && cells[k].s[0] ? &cells[k] : NULL;
}

static void cell_error(struct bclint_import *im, const struct csv_table *t,
                       const struct bclint_import_cell *c, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void cell_error(struct bclint_import *im, const struct csv_table *t,
                       const struct bclint_import_cell *c, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bclint_import_diag(im, E, t->in->path, c->line, c->col, "%s", msg);
}

/* Each domain of a cell (separated by spaces, commas or semicolons). */
static void cell_domains(struct bclint_import *im, const struct bclint_import_cell *c,
                         struct bclint_import_partner *p)
{
	char *d = bclint_arena_strdup(&im->arena, c->s), *save = NULL;
	if (d == NULL) {
		im->oom = 1;
		return;
	}
	for (char *s = strtok_r(d, " ;,", &save); s != NULL; s = strtok_r(NULL, " ;,", &save))
		if (p != NULL)
			partner_domain(im, p, s);
		else
			allowed_domain(im, s);
}

static int csv_values(struct bclint_import *im, const struct csv_table *t,
                      const struct bclint_import_cell *const *v, struct xrow *r)
{
	int bad = 0;
	static const int times[] = {C_INVITED, C_LOGIN, C_GRANTED};
	for (int i = 0; i < 3; i++)
		if (v[times[i]] != NULL && bad_time(v[times[i]]->s)) {
			cell_error(im, t, v[times[i]], "'%s' is not an RFC 3339 timestamp: '%s'",
			           csv_columns[times[i]], v[times[i]]->s);
			bad = -1;
		}
	if (v[C_TWO_STEP] != NULL && (r->two_step = parse_bool(v[C_TWO_STEP]->s)) < 0) {
		cell_error(im, t, v[C_TWO_STEP], "'%s' must be true or false, not '%s'",
		           "x_two_step_enabled", v[C_TWO_STEP]->s);
		bad = -1;
	}
	if (v[C_ASSET_TYPE] != NULL && bclint_asset_type_from_name(v[C_ASSET_TYPE]->s) < 0) {
		cell_error(im, t, v[C_ASSET_TYPE], "unknown asset type '%s'", v[C_ASSET_TYPE]->s);
		bad = -1;
	}
	if (v[C_GRANTED] != NULL && ((r->user_id == NULL && r->email == NULL) ||
	                             r->asset_id == NULL || r->asset_type == NULL)) {
		cell_error(im, t, v[C_GRANTED], "x_granted_at needs %s in its row",
		           "user_id or user_email, asset_id and asset_type");
		bad = -1;
	}
	if (v[C_PDOMAINS] != NULL && r->partner == NULL) {
		cell_error(im, t, v[C_PDOMAINS], "x_email_domains needs partner_bc_id in its row");
		bad = -1;
	}
	return bad;
}

static void csv_row(struct bclint_import *im, const struct csv_table *t, uint32_t line,
                    const struct bclint_import_cell *cells, int n)
{
	const struct bclint_import_cell *v[C_N];
	int blank = 1, bad = 0;
	for (int c = 0; c < C_N; c++) {
		v[c] = cell(t, cells, n, c);
		blank &= v[c] == NULL || c == C_NOTE;
	}
	for (int k = t->n_cols; k < n && k < CSV_MAX_CELLS; k++)
		if (cells[k].s[0] != '\0') {
			cell_error(im, t, &cells[k], "a cell past the header's %d columns",
			           t->n_cols);
			return;
		}
	if (blank)
		return;
#define S(c) (v[c] ? v[c]->s : NULL)
	struct xrow r = {line,          1,
	                 S(C_USER_ID),  S(C_EMAIL),
	                 S(C_INVITED),  S(C_LOGIN),
	                 S(C_ASSET_ID), S(C_ASSET_TYPE),
	                 S(C_OWNER),    S(C_GRANTED),
	                 S(C_PARTNER),  -1};
#undef S
	bad = csv_values(im, t, v, &r);
	if (v[C_DOMAINS] != NULL)
		cell_domains(im, v[C_DOMAINS], NULL);
	if (bad)
		return;
	struct bclint_import_partner *p = apply_row(im, t->in->path, &r);
	if (p != NULL && t->col[C_PDOMAINS] >= 0)
		p->has_domains = 1;
	if (p != NULL && v[C_PDOMAINS] != NULL)
		cell_domains(im, v[C_PDOMAINS], p);
}

/* The header row: which cell holds which column; every column known. */
static int csv_header(struct bclint_import *im, struct csv_table *t, uint32_t line,
                      const struct bclint_import_cell *cells, int n)
{
	int bad = 0;
	char list[512];
	for (int c = 0; c < C_N; c++)
		t->col[c] = -1;
	t->n_cols = n;
	for (int k = 0; k < n; k++) {
		int c = 0;
		while (c < C_N && strcmp(cells[k].s, csv_columns[c]) != 0)
			c++;
		if (c == C_N) {
			cell_error(im, t, &cells[k], "unknown column '%s': expected %s", cells[k].s,
			           bclint_import_list_names(csv_columns, list, sizeof(list)));
			bad = -1;
		} else if (t->col[c] >= 0) {
			cell_error(im, t, &cells[k], "column '%s' is given twice", cells[k].s);
			bad = -1;
		} else {
			t->col[c] = k;
		}
	}
	if (bad)
		return -1;
	if (t->col[C_USER_ID] < 0 && t->col[C_EMAIL] < 0 && t->col[C_ASSET_ID] < 0 &&
	    t->col[C_DOMAINS] < 0 && t->col[C_PARTNER] < 0) {
		bclint_import_diag(im, E, t->in->path, line, 1,
		                   "the header row names none of user_id, user_email, asset_id, "
		                   "partner_bc_id, x_allowed_email_domains");
		return -1;
	}
	im->has_domains |= t->col[C_DOMAINS] >= 0;
	return 0;
}

/* A header row names the columns, then one row per member, asset,
 * assignment or partner (or several of them at once). */
static void extras_csv(struct bclint_import *im, struct bclint_import_input *in)
{
	struct bclint_import_csv csv;
	struct bclint_import_cell cells[CSV_MAX_CELLS];
	struct csv_table t = {in, {0}, 0};
	int n, header = 1, rc;
	uint32_t line;
	bclint_import_csv_init(&csv, in->text.data, in->text.len, &im->arena);
	while ((rc = bclint_import_csv_next(&csv, cells, CSV_MAX_CELLS, &n, &line)) > 0) {
		if (n == 1 && cells[0].s[0] == '\0')
			continue;
		if (n > CSV_MAX_CELLS) {
			bclint_import_diag(im, E, in->path, line, 1, "more than %d cells in a row",
			                   CSV_MAX_CELLS);
			return;
		}
		if (!header)
			csv_row(im, &t, line, cells, n);
		else if (csv_header(im, &t, line, cells, n) < 0)
			return;
		header = 0;
	}
	if (rc < 0 && strcmp(csv.error, "out of memory") == 0)
		im->oom = 1;
	else if (rc < 0)
		bclint_import_diag(im, E, in->path, csv.err_line, csv.err_col, "%s", csv.error);
}

void bclint_import_read_extras(struct bclint_import *im)
{
	struct bclint_import_input *in = &im->side[0];
	in->path = (char *)im->opt->extras;
	int rc = bclint_import_read_input(im, in, "extras", 1);
	if (rc == 1)
		extras_csv(im, in);
	else if (rc == 0)
		extras_json(im, in);
}
