/* --extras: what the API does not return (sign-ins, two-step verification,
 * invitation dates, owners of shared-in assets, the email-domain
 * allowlist), from a JSON object or a CSV table, applied to the merged
 * members and assets.  Each row, from either, becomes an xrow first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"
#include "timestamp.h"

#define E BCLINT_LEVEL_ERROR

/* One row of the extras, with its position. */
struct xrow {
	uint32_t line, col;
	const char *user_id, *email, *invited, *login, *asset_id, *asset_type, *owner;
	int two_step;
};

static struct bclint_import_member *member_of(struct bclint_import *im, const struct xrow *r)
{
	if (r->user_id != NULL)
		return bclint_import_find_member(im, r->user_id);
	for (size_t i = 0; i < im->n_members; i++)
		if (strcasecmp(im->members[i].email, r->email) == 0)
			return &im->members[i];
	return NULL;
}

static void apply_row(struct bclint_import *im, const char *path, const struct xrow *r)
{
	if (r->user_id != NULL || r->email != NULL) {
		struct bclint_import_member *m = member_of(im, r);
		if (m == NULL) {
			bclint_import_diag(im, BCLINT_LEVEL_WARNING, path, r->line, r->col,
			                   "no member has %s '%s'",
			                   r->user_id ? "user_id" : "user_email",
			                   r->user_id ? r->user_id : r->email);
		} else {
			if (r->invited != NULL)
				m->invited = r->invited;
			if (r->login != NULL)
				m->login = r->login;
			if (r->two_step >= 0)
				m->two_step = r->two_step;
		}
	}
	if (r->asset_id == NULL)
		return;
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
		bclint_import_diag(im, BCLINT_LEVEL_WARNING, path, r->line, r->col,
		                   "no asset has asset_id '%s'%s%s", r->asset_id,
		                   r->asset_type ? " and asset_type " : "",
		                   r->asset_type ? r->asset_type : "");
}

static void add_domain(struct bclint_import *im, const char *d)
{
	for (size_t i = 0; i < im->n_domains; i++)
		if (strcasecmp(im->domains[i], d) == 0)
			return;
	if (bclint_import_grow(im, &im->domains, &im->cap_domains, im->n_domains,
	                       sizeof(*im->domains)) == 0)
		im->domains[im->n_domains++] = d;
}

static int check_time(struct bclint_import *im, const char *path, uint32_t line, uint32_t col,
                      const char *key, const char *s)
{
	bclint_time t;
	if (s == NULL || bclint_parse_time(s, &t) == 0)
		return 0;
	bclint_import_diag(im, E, path, line, col, "'%s' is not an RFC 3339 timestamp: '%s'", key,
	                   s);
	return -1;
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "1", NULL},
	                         *const no[] = {"false", "no", "0", NULL};
	for (int i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* -- JSON ------------------------------------------------------------------- */

static int member_row(struct bclint_import *im, struct bclint_import_input *in,
                      const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"user_id", "user_email", "x_invited_at",
	                                   "x_last_login_at", NULL};
	const char **dst[] = {&r->user_id, &r->email, &r->invited, &r->login};
	int bad = 0;
	for (int j = 0; keys[j] != NULL; j++) {
		bad |= bclint_import_check_str(im, in, o, keys[j], 0, NULL);
		*dst[j] = bclint_import_str_field(im, in, o, keys[j]);
	}
	const struct bclint_jv *ts = bclint_import_field(in, o, "x_two_step_enabled");
	if (ts != NULL && !bclint_jv_is_bool(ts)) {
		bclint_import_err(im, in, ts, "'x_two_step_enabled' must be true or false");
		bad = -1;
	}
	r->two_step = ts ? ts->type == BCLINT_JTRUE : -1;
	for (int j = 2; j < 4; j++)
		if (check_time(im, in->path, r->line, r->col, keys[j], *dst[j]))
			bad = -1;
	if (r->user_id == NULL && r->email == NULL) {
		bclint_import_err(im, in, o, "a member row needs 'user_id' or 'user_email'");
		bad = -1;
	}
	return bad;
}

static int asset_row(struct bclint_import *im, struct bclint_import_input *in,
                     const struct bclint_jv *o, struct xrow *r)
{
	static const char *const keys[] = {"asset_id", "asset_type", "owner_bc_id", NULL};
	const char **dst[] = {&r->asset_id, &r->asset_type, &r->owner};
	int bad = 0;
	for (int j = 0; keys[j] != NULL; j++) {
		bad |= bclint_import_check_str(im, in, o, keys[j], 0, NULL);
		*dst[j] = bclint_import_str_field(im, in, o, keys[j]);
	}
	if (r->asset_id == NULL) {
		bclint_import_err(im, in, o, "an asset row needs 'asset_id'");
		bad = -1;
	} else if (r->asset_type != NULL &&
	           bclint_import_check_type(im, in, bclint_import_field(in, o, "asset_type"),
	                                    r->asset_type) == NULL) {
		bad = -1;
	}
	return bad;
}

/* {"members": [...], "assets": [...], "x_allowed_email_domains": [...]} */
static void extras_json(struct bclint_import *im, struct bclint_import_input *in)
{
	const struct bclint_jv *root = in->doc.root;
	if (root->type != BCLINT_JOBJECT) {
		bclint_import_err(im, in, root, "the extras must be a JSON object");
		return;
	}
	static const char *const arrays[] = {"members", "assets", "x_allowed_email_domains", NULL};
	for (int k = 0; arrays[k] != NULL; k++) {
		const struct bclint_jv *a = bclint_import_field(in, root, arrays[k]);
		if (a != NULL && a->type != BCLINT_JARRAY) {
			bclint_import_err(im, in, a, "'%s' must be an array", arrays[k]);
			return;
		}
	}
	const struct bclint_jv *doms = bclint_import_field(in, root, "x_allowed_email_domains");
	im->has_domains |= doms != NULL;
	for (const struct bclint_jv *d = doms ? doms->child : NULL; d != NULL; d = d->next) {
		const char *s = bclint_import_string(im, in, d);
		if (s != NULL && s[0] != '\0')
			add_domain(im, s);
		else
			bclint_import_err(im, in, d, "an email domain must be a non-empty string");
	}
	for (int k = 0; k < 2; k++) {
		const struct bclint_jv *a = bclint_import_field(in, root, arrays[k]);
		for (const struct bclint_jv *o = a ? a->child : NULL; o != NULL; o = o->next) {
			struct xrow r;
			memset(&r, 0, sizeof(r));
			r.two_step = -1;
			bclint_import_pos(in, o, &r.line, &r.col);
			if (o->type != BCLINT_JOBJECT) {
				bclint_import_err(im, in, o, "an extras row must be an object");
				continue;
			}
			int bad = k == 0 ? member_row(im, in, o, &r) : asset_row(im, in, o, &r);
			if (!bad)
				apply_row(im, in->path, &r);
		}
	}
}

/* -- CSV -------------------------------------------------------------------- */

enum { C_USER_ID, C_EMAIL, C_INVITED, C_LOGIN, C_TWO_STEP, C_ASSET_ID, C_ASSET_TYPE, C_OWNER,
       C_DOMAINS, C_N };
static const char *const csv_columns[C_N] = {
	"user_id", "user_email", "x_invited_at", "x_last_login_at", "x_two_step_enabled",
	"asset_id", "asset_type", "owner_bc_id", "x_allowed_email_domains"};

#define CSV_MAX_CELLS 64

static void csv_row(struct bclint_import *im, const char *path, uint32_t line,
                    const struct bclint_import_cell *cells, int n, const int *col)
{
	const char *v[C_N];
	int blank = 1;
	for (int c = 0; c < C_N; c++) {
		v[c] = col[c] >= 0 && col[c] < n && cells[col[c]].s[0] ? cells[col[c]].s : NULL;
		blank &= v[c] == NULL;
	}
	if (blank)
		return;
	struct xrow r = {line, 1, v[C_USER_ID], v[C_EMAIL], v[C_INVITED], v[C_LOGIN],
	                 v[C_ASSET_ID], v[C_ASSET_TYPE], v[C_OWNER], -1};
	int bad = check_time(im, path, line, 1, "x_invited_at", r.invited) |
	          check_time(im, path, line, 1, "x_last_login_at", r.login);
	if (v[C_TWO_STEP] != NULL && (r.two_step = parse_bool(v[C_TWO_STEP])) < 0) {
		bclint_import_diag(im, E, path, line, 1,
		                   "'x_two_step_enabled' must be true or false, not '%s'",
		                   v[C_TWO_STEP]);
		bad = -1;
	}
	if (r.asset_type != NULL && bclint_asset_type_from_name(r.asset_type) < 0) {
		bclint_import_diag(im, E, path, line, 1, "unknown asset type '%s'", r.asset_type);
		bad = -1;
	}
	char *d = v[C_DOMAINS] ? bclint_arena_strdup(&im->arena, v[C_DOMAINS]) : NULL, *save = NULL;
	for (char *t = d ? strtok_r(d, " ;,", &save) : NULL; t != NULL;
	     t = strtok_r(NULL, " ;,", &save))
		add_domain(im, t);
	if (!bad)
		apply_row(im, path, &r);
}

/* The header row: which cell holds which column. */
static int csv_header(struct bclint_import *im, const char *path, uint32_t line,
                      const struct bclint_import_cell *cells, int n, int *col)
{
	for (int c = 0; c < C_N; c++) {
		col[c] = -1;
		for (int k = 0; k < n && col[c] < 0; k++)
			if (strcmp(cells[k].s, csv_columns[c]) == 0)
				col[c] = k;
	}
	if (col[C_USER_ID] < 0 && col[C_EMAIL] < 0 && col[C_ASSET_ID] < 0 && col[C_DOMAINS] < 0) {
		bclint_import_diag(im, E, path, line, 1,
		                   "the header row names none of user_id, user_email, asset_id, "
		                   "x_allowed_email_domains");
		return -1;
	}
	im->has_domains |= col[C_DOMAINS] >= 0;
	return 0;
}

/* A header row names the columns (csv_columns; others are ignored), then
 * one row per member or asset. */
static void extras_csv(struct bclint_import *im, struct bclint_import_input *in)
{
	struct bclint_import_csv csv;
	struct bclint_import_cell cells[CSV_MAX_CELLS];
	int n, col[C_N], header = 1, rc;
	uint32_t line;
	bclint_import_csv_init(&csv, in->text.data, in->text.len, &im->arena);
	while ((rc = bclint_import_csv_next(&csv, cells, CSV_MAX_CELLS, &n, &line)) > 0) {
		if (n == 1 && cells[0].s[0] == '\0')
			continue;
		if (!header)
			csv_row(im, in->path, line, cells, n, col);
		else if (csv_header(im, in->path, line, cells, n, col) < 0)
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
