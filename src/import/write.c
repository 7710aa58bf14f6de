/* Writing the snapshot: the merged model becomes a cJSON document in the
 * field order of bclint-snapshot(5), printed two-space indented, and is
 * loaded by the snapshot loader before it is handed back: whatever import
 * writes, bclint reads. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <bclint/plugin.h>

#include "caps.h"
#include "entity.h"
#include "import/import.h"
#include "report.h"
#include "snapshot.h"

/* -- building ----------------------------------------------------------------- */

/* A value of an input as a new cJSON value (strings decoded). */
static cJSON *value(struct bclint_import *im, const struct bclint_import_val *x,
                    const struct bclint_jv *v)
{
	const char *s;
	cJSON *c;
	switch (v->type) {
	case BCLINT_JNULL: return cJSON_CreateNull();
	case BCLINT_JFALSE: return cJSON_CreateFalse();
	case BCLINT_JTRUE: return cJSON_CreateTrue();
	case BCLINT_JNUMBER: return cJSON_CreateNumber(strtod(x->in->doc.text + v->start, NULL));
	case BCLINT_JSTRING:
		s = bclint_import_string(im, x->in, v);
		return s ? cJSON_CreateString(s) : NULL;
	default: break;
	}
	c = v->type == BCLINT_JARRAY ? cJSON_CreateArray() : cJSON_CreateObject();
	for (const struct bclint_jv *e = c ? v->child : NULL; e != NULL; e = e->next) {
		cJSON *ce = value(im, x, e);
		s = v->type == BCLINT_JOBJECT ? bclint_import_key(im, x->in, e) : NULL;
		int added = ce != NULL && (v->type == BCLINT_JARRAY ? cJSON_AddItemToArray(c, ce)
		                           : s != NULL ? cJSON_AddItemToObject(c, s, ce)
		                                       : 0);
		if (!added) {
			cJSON_Delete(ce);
			cJSON_Delete(c);
			return NULL;
		}
	}
	return c;
}

static cJSON *add(struct bclint_import *im, cJSON *obj, const char *key, cJSON *item)
{
	if (obj == NULL || item == NULL || !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		im->oom = 1;
		return NULL;
	}
	return item;
}

static void add_str(struct bclint_import *im, cJSON *obj, const char *key, const char *s)
{
	if (s != NULL)
		add(im, obj, key, cJSON_CreateString(s));
}

static void add_val(struct bclint_import *im, cJSON *obj, const char *key,
                    const struct bclint_import_val *x)
{
	if (x->v != NULL)
		add(im, obj, key, value(im, x, x->v));
}

/* A new object appended to arr (NULL when memory ran out). */
static cJSON *append(struct bclint_import *im, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	if (arr == NULL || o == NULL || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		im->oom = 1;
		return NULL;
	}
	return o;
}

/* An array of strings under key. */
static void add_strings(struct bclint_import *im, cJSON *obj, const char *key, const char *const *s,
                        size_t n)
{
	cJSON *d = add(im, obj, key, cJSON_CreateArray());
	for (size_t i = 0; d != NULL && i < n; i++) {
		cJSON *c = cJSON_CreateString(s[i]);
		if (c == NULL || !cJSON_AddItemToArray(d, c)) {
			cJSON_Delete(c);
			im->oom = 1;
		}
	}
}

static void build_bc(struct bclint_import *im, cJSON *root)
{
	cJSON *bc = add(im, root, "bc", cJSON_CreateObject());
	add_str(im, bc, "bc_id", im->bc_id);
	for (int k = 0; k < BCLINT_IMPORT_BC_FIELDS; k++)
		add_val(im, bc, bclint_import_bc_keys[k], &im->bc[k]);
	if (im->has_domains)
		add_strings(im, bc, "x_allowed_email_domains", im->domains, im->n_domains);
}

static void build_members(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_members; i++) {
		const struct bclint_import_member *m = &im->members[i];
		cJSON *o = append(im, arr);
		add_str(im, o, "user_id", m->id);
		add_val(im, o, "user_email", &m->email_v);
		add_val(im, o, "user_name", &m->name);
		add_val(im, o, "user_role", &m->role);
		if (m->finance.v != NULL)
			add_val(im, add(im, o, "ext_user_role", cJSON_CreateObject()),
			        "finance_role", &m->finance);
		add_val(im, o, "relation_status", &m->relation);
		add_str(im, o, "x_invited_at", m->invited);
		add_str(im, o, "x_last_login_at", m->login);
		if (m->two_step >= 0)
			add(im, o, "x_two_step_enabled", cJSON_CreateBool(m->two_step));
	}
}

static void build_assets(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_assets; i++) {
		const struct bclint_import_asset *a = &im->assets[i];
		cJSON *o = append(im, arr);
		add_str(im, o, "asset_id", a->id);
		add_str(im, o, "asset_type", a->type);
		add_val(im, o, "asset_name", &a->name);
		add_val(im, o, "relation_type", &a->relation_type);
		add_val(im, o, "relation_status", &a->relation_status);
		add_str(im, o, "owner_bc_id", a->owner_id);
		add_val(im, o, "owner_bc_name", &a->owner_name);
	}
}

static void build_grants(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_grants; i++) {
		const struct bclint_import_grant *g = &im->grants[i];
		cJSON *o = append(im, arr);
		add_str(im, o, "user_id", g->user);
		add_str(im, o, "asset_id", g->asset);
		add_str(im, o, "asset_type", g->type);
		add_str(im, o, "x_granted_at", g->granted_at);
		const char *key = bclint_role_field((uint32_t)bclint_asset_type_from_name(g->type));
		if (key != NULL)
			add_val(im, o, key, &g->role);
		add_str(im, o, "x_granted_by", g->granted_by);
	}
}

static void build_groups(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_groups; i++) {
		const struct bclint_import_group *g = &im->groups[i];
		cJSON *o = append(im, arr);
		add_str(im, o, "asset_group_id", g->id);
		add_val(im, o, "asset_group_name", &g->name);
		cJSON *assets = add(im, o, "assets", cJSON_CreateArray());
		for (size_t k = g->asset0; k < g->asset0 + g->n_assets; k++) {
			cJSON *a = append(im, assets);
			add_str(im, a, "asset_id", im->gassets[k].id);
			add_str(im, a, "asset_type", im->gassets[k].type);
		}
		cJSON *members = add(im, o, "members", cJSON_CreateArray());
		for (size_t k = g->member0; k < g->member0 + g->n_members; k++) {
			const struct bclint_import_gmember *m = &im->gmembers[k];
			cJSON *mo = append(im, members);
			add_str(im, mo, "member_id", m->id);
			cJSON *roles = add(im, mo, "asset_roles", cJSON_CreateObject());
			for (size_t r = m->role0; r < m->role0 + m->n_roles; r++)
				add_val(im, roles, im->groles[r].type, &im->groles[r].role);
		}
	}
}

static void build_partners(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_partners; i++) {
		const struct bclint_import_partner *p = &im->partners[i];
		cJSON *o = append(im, arr);
		add_str(im, o, "bc_id", p->id);
		add_val(im, o, "bc_name", &p->name);
		if (p->has_domains)
			add_strings(im, o, "x_email_domains", p->domains, p->n_domains);
		cJSON *shares = add(im, o, "shared_assets", cJSON_CreateArray());
		for (size_t k = p->share0; k < p->share0 + p->n_shares; k++) {
			const struct bclint_import_share *s = &im->shares[k];
			cJSON *a = append(im, shares);
			add_str(im, a, "share_type", s->share_type);
			add_str(im, a, "asset_type", s->type);
			add_str(im, a, "asset_id", s->id);
			const char *key = strcmp(s->type, "ADVERTISER") == 0 ? "advertiser_role"
			                  : strcmp(s->type, "CATALOG") == 0  ? "catalog_role"
			                                                     : NULL;
			if (key != NULL)
				add_val(im, a, key, &s->role);
		}
	}
}

static void build_needs(struct bclint_import *im, cJSON *arr)
{
	for (size_t i = 0; i < im->n_needs; i++) {
		const struct bclint_import_need *n = &im->needs[i];
		cJSON *o = append(im, arr);
		add_val(im, o, "user_id", &n->user_id);
		add_val(im, o, "action", &n->action);
		add_val(im, o, "asset_id", &n->asset_id);
		add_val(im, o, "asset_type", &n->asset_type);
		add_val(im, o, "x_note", &n->note);
	}
}

/* -- printing ----------------------------------------------------------------- */

static void indent(struct bclint_buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		bclint_buf_puts(b, "  ");
}

static int scalar(const cJSON *v)
{
	return !cJSON_IsArray(v) && !cJSON_IsObject(v);
}

/* Two-space indented JSON; arrays of scalars stay on one line. */
static void print_json(struct bclint_buf *b, const cJSON *v, int depth)
{
	if (cJSON_IsString(v)) {
		bclint_buf_putc(b, '"');
		bclint_buf_json_str(b, v->valuestring);
		bclint_buf_putc(b, '"');
		return;
	}
	if (cJSON_IsBool(v) || cJSON_IsNull(v) || cJSON_IsNumber(v)) {
		bclint_buf_puts(b, cJSON_IsTrue(v) ? "true" : cJSON_IsFalse(v) ? "false" : "null");
		return;
	}
	int obj = cJSON_IsObject(v), flat = 1;
	for (const cJSON *c = v->child; c != NULL; c = c->next)
		flat &= !obj && scalar(c);
	bclint_buf_putc(b, obj ? '{' : '[');
	for (const cJSON *c = v->child; c != NULL; c = c->next) {
		if (flat) {
			bclint_buf_puts(b, c == v->child ? "" : ", ");
		} else {
			bclint_buf_puts(b, c == v->child ? "\n" : ",\n");
			indent(b, depth + 1);
		}
		if (obj) {
			bclint_buf_putc(b, '"');
			bclint_buf_json_str(b, c->string);
			bclint_buf_puts(b, "\": ");
		}
		print_json(b, c, depth + 1);
	}
	if (!flat && v->child != NULL) {
		bclint_buf_putc(b, '\n');
		indent(b, depth);
	}
	bclint_buf_putc(b, obj ? '}' : ']');
}

/* -- the self-check ----------------------------------------------------------- */

static int self_check(struct bclint_import *im, const char *text, size_t len)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	char *name = strdup("(imported snapshot)"), *copy = malloc(len + 1);
	if (name == NULL || copy == NULL) {
		free(name);
		free(copy);
		im->oom = 1;
		return -1;
	}
	memcpy(copy, text, len + 1);
	int file = bclint_report_add_source(&r, name, bclint_text_own(copy, len));
	struct bclint_snapshot *s = file < 0 ? NULL : bclint_snapshot_load(&r, (uint32_t)file, 0);
	if (s != NULL && s->errors > 0) {
		bclint_snapshot_free(s);
		s = NULL;
	}
	int rc = s != NULL ? 0 : -1;
	for (size_t i = 0; s == NULL && i < r.n_findings; i++) {
		char ptr[BCLINT_POINTER_MAX]; /* loading's messages are text */
		const struct bclint_finding *f = r.findings[i];
		bclint_import_diag(im, BCLINT_LEVEL_ERROR, NULL, 0, 0,
		                   "the snapshot built fails its own check at %s: %s",
		                   bclint_ref_pointer(&f->ref, ptr), f->message);
	}
	if (s == NULL && r.n_findings == 0)
		im->oom = 1;
	bclint_snapshot_free(s);
	bclint_report_free(&r);
	return rc;
}

int bclint_import_write(struct bclint_import *im, struct bclint_buf *out)
{
	static const struct {
		const char *key;
		void (*build)(struct bclint_import *im, cJSON *arr);
	} lists[] = {
	        {"members", build_members},    {"assets", build_assets},
	        {"assignments", build_grants}, {"asset_groups", build_groups},
	        {"partners", build_partners},  {"needs", build_needs},
	};
	cJSON *root = cJSON_CreateObject();
	if (root == NULL) {
		im->oom = 1;
		return -1;
	}
	add_str(im, root, "schema", "bclint-snapshot/1");
	add_str(im, root, "captured_at", im->opt->captured_at);
	build_bc(im, root);
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		cJSON *arr = add(im, root, lists[k].key, cJSON_CreateArray());
		if (arr != NULL)
			lists[k].build(im, arr);
	}
	memset(out, 0, sizeof(*out));
	print_json(out, root, 0);
	bclint_buf_putc(out, '\n');
	cJSON_Delete(root);
	int rc = -1;
	if (out->oom || im->oom)
		im->oom = 1;
	else
		rc = self_check(im, out->data, out->len);
	if (rc < 0) {
		free(out->data);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}
