/* JSON -> model: read a bclint-snapshot/1 document, check every field of
 * snapshot.md, resolve references through hash indexes, and compute each
 * member's effective grants once.  Every problem becomes a "snapshot"
 * finding at the offending value; loading goes on to find them all. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "entity.h"
#include "hash.h"
#include "json.h"
#include "map.h"
#include "snapshot.h"
#include "spell.h"
#include "timestamp.h"

#define SCHEMA "bclint-snapshot/1"

/* Tags of the ID index. */
enum { TAG_USER_ID = 1, TAG_EMAIL, TAG_GROUP, TAG_PARTNER, TAG_ASSET = 16 };

struct loader {
	struct bclint_report *r;
	struct bclint_snapshot *s;
	const char *text;
	uint32_t file;
	int errors;
	int redact;
	struct bclint_map ids;
	/* decoded strings, while one entity is read: emptied after each */
	struct bclint_arena scratch;
};

/* -- pointers and errors ------------------------------------------- */

/* Append "/key" to a JSON Pointer, escaping '~' and '/' (RFC 6901). */
static void ptr_join(char *dst, size_t size, const char *base, const char *key)
{
	size_t n = strlen(base);
	if (n + 2 > size)
		n = size - 2;
	memcpy(dst, base, n);
	dst[n++] = '/';
	for (const char *k = key; *k && n + 3 < size; k++) {
		if (*k == '~' || *k == '/') {
			dst[n++] = '~';
			dst[n++] = *k == '~' ? '0' : '1';
		} else {
			dst[n++] = *k;
		}
	}
	if (n < size)
		dst[n] = '\0';
}

static struct bclint_finding *verror(struct loader *L, const struct bclint_jv *node,
                                     const char *ptr, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	L->errors++;
	struct bclint_finding f = {
	        .rule = "snapshot",
	        .level = BCLINT_LEVEL_ERROR,
	        .file = L->file,
	        .pos.off = node->start,
	        .end.off = node->end,
	        .ref.pointer = ptr,
	        .identity = bclint_hash64(ptr, strlen(ptr), bclint_hash64(msg, strlen(msg), 0)),
	};
	return bclint_report_addz(L->r, &f, msg);
}

static struct bclint_finding *error_at(struct loader *L, const struct bclint_jv *node,
                                       const char *ptr, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static struct bclint_finding *error_at(struct loader *L, const struct bclint_jv *node,
                                       const char *ptr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct bclint_finding *f = verror(L, node, ptr, fmt, ap);
	va_end(ap);
	return f;
}

/* A string value or a key, decoded: it lives until the next entity is
 * read (keep() copies what the model keeps); "" when memory ran out,
 * which marks the report incomplete. */
static const char *decoded(struct loader *L, const char *s)
{
	if (s != NULL)
		return s;
	L->r->oom = 1;
	return "";
}

static const char *str(struct loader *L, const struct bclint_jv *v)
{
	return decoded(L, bclint_jv_string(&L->scratch, L->text, v));
}

static const char *key_str(struct loader *L, const struct bclint_jv *v)
{
	return decoded(L, bclint_jv_key(&L->scratch, L->text, v));
}

/* -- field access --------------------------------------------------- */

/* An object's known fields, gathered in one pass over its members.  Keys
 * not in the list are ignored (forward compatibility); a known key given
 * twice is an error at the second value. */
#define MAX_FIELDS 16
struct fields {
	const struct bclint_jv *obj;
	const char *ptr;
	const char *const *keys;
	const struct bclint_jv *v[MAX_FIELDS];
};

/* A field gather() does not know is ignored (new API fields must not
 * break old snapshots), but not silently when it is a near miss of one it
 * knows ("assignment", "User_Role": the data would be lost) or in bclint's
 * own x_ namespace, where every field is known: a warning, with the field
 * it is nearest to. */
static void unknown_field(struct loader *L, const struct bclint_jv *member, const char *ptr,
                          const char *const *keys)
{
	const char *key = decoded(L, bclint_jv_key(&L->scratch, L->text, member));
	int own = strncmp(key, "x_", 2) == 0;
	const char *near = bclint_spell_nearest(key, keys, own ? 3 : 1);
	if (near == NULL && !own)
		return;
	char p[512], hint[160] = "";
	ptr_join(p, sizeof(p), ptr, key);
	if (near != NULL)
		snprintf(hint, sizeof(hint), ": did you mean '%s'?", near);
	struct bclint_finding f = {
	        .rule = "snapshot",
	        .level = BCLINT_LEVEL_WARNING,
	        .file = L->file,
	        .pos.off = member->key,
	        .end.off = member->end,
	        .ref.pointer = p,
	        .identity = bclint_hash64(p, strlen(p), 0x756e6b6e),
	};
	char msg[512];
	snprintf(msg, sizeof(msg), "unknown field '%.200s' is ignored%s", key, hint);
	bclint_report_addz(L->r, &f, msg);
}

static int gather(struct loader *L, struct fields *f, const struct bclint_jv *obj, const char *ptr,
                  const char *const *keys, const char *what)
{
	memset(f, 0, sizeof(*f));
	f->obj = obj;
	f->ptr = ptr;
	f->keys = keys;
	if (obj->type != BCLINT_JOBJECT) {
		error_at(L, obj, ptr, "%s must be an object, not %s", what,
		         bclint_jv_type_name(obj));
		return -1;
	}
	int n = 0, i = 0;
	while (keys[n] != NULL)
		n++;
	for (const struct bclint_jv *c = obj->child; c != NULL; c = c->next) {
		/* fields usually come in the order of keys: try the one after
		 * the last found first */
		int tries = n;
		while (tries > 0 && !bclint_jv_key_is(L->text, c, keys[i])) {
			tries--;
			i = i + 1 < n ? i + 1 : 0;
		}
		if (tries == 0) {
			unknown_field(L, c, ptr, keys);
			continue;
		}
		if (f->v[i] != NULL) {
			char p[512];
			ptr_join(p, sizeof(p), ptr, keys[i]);
			error_at(L, c, p, "duplicate key '%s'", keys[i]);
		} else {
			f->v[i] = c;
		}
		i = i + 1 < n ? i + 1 : 0;
	}
	return 0;
}

static void missing(struct loader *L, const struct fields *f, int i)
{
	error_at(L, f->obj, f->ptr, "missing required field '%s'", f->keys[i]);
}

static void wrong_type(struct loader *L, const struct fields *f, int i, const char *want)
{
	char p[512];
	ptr_join(p, sizeof(p), f->ptr, f->keys[i]);
	error_at(L, f->v[i], p, "'%s' must be %s, not %s", f->keys[i], want,
	         bclint_jv_type_name(f->v[i]));
}

/* A string field; NULL when absent (an error if required) or wrong. */
/* A string the model keeps: copied out of the tree, which is freed as soon
 * as the model is built.  NULL stays NULL; out of memory marks the report
 * incomplete and gives "". */
static const char *keep(struct loader *L, const char *s)
{
	if (s == NULL)
		return NULL;
	const char *copy = bclint_arena_strdup(&L->s->arena, s);
	if (copy != NULL)
		return copy;
	L->r->oom = 1;
	return "";
}

static const char *get_str(struct loader *L, const struct fields *f, int i, int required)
{
	const struct bclint_jv *v = f->v[i];
	if (v == NULL) {
		if (required)
			missing(L, f, i);
		return NULL;
	}
	if (v->type != BCLINT_JSTRING) {
		wrong_type(L, f, i, "a string");
		return NULL;
	}
	const char *s = str(L, v);
	if (required && s[0] == '\0') {
		char p[512];
		ptr_join(p, sizeof(p), f->ptr, f->keys[i]);
		error_at(L, v, p, "'%s' must not be empty", f->keys[i]);
		return NULL;
	}
	return s;
}

/* An enum field: index into names, dflt when absent, -1 on error. */
static int get_enum(struct loader *L, const struct fields *f, int i, const char *const *names,
                    int dflt, int required)
{
	const char *s = get_str(L, f, i, required);
	if (s == NULL)
		return f->v[i] == NULL ? dflt : -1;
	for (int k = 0; names[k] != NULL; k++)
		if (strcmp(s, names[k]) == 0)
			return k;
	char p[512], list[256];
	size_t n = 0;
	list[0] = '\0';
	for (int k = 0; names[k] != NULL && n < sizeof(list); k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      k == 0         ? ""
		                      : names[k + 1] ? ", "
		                                     : " or ",
		                      names[k]);
	ptr_join(p, sizeof(p), f->ptr, f->keys[i]);
	error_at(L, f->v[i], p, "unknown %s '%s': expected %s", f->keys[i], s, list);
	return -1;
}

static bclint_time get_time(struct loader *L, const struct fields *f, int i)
{
	const char *s = get_str(L, f, i, 0);
	bclint_time t;
	if (s == NULL)
		return BCLINT_NO_TIME;
	if (bclint_parse_time(s, &t) == 0)
		return t;
	char p[512];
	ptr_join(p, sizeof(p), f->ptr, f->keys[i]);
	error_at(L, f->v[i], p, "'%s' is not an RFC 3339 timestamp: '%s'", f->keys[i], s);
	return BCLINT_NO_TIME;
}

/* An optional array field: its first element (NULL if empty or absent)
 * and in *n how many there are, with *ok cleared when the value is not an
 * array. */
static const struct bclint_jv *get_array(struct loader *L, const struct fields *f, int i,
                                         int required, int *ok, size_t *n)
{
	const struct bclint_jv *v = f->v[i];
	*ok = 1;
	*n = 0;
	if (v == NULL) {
		if (required) {
			missing(L, f, i);
			*ok = 0;
		}
		return NULL;
	}
	if (v->type != BCLINT_JARRAY) {
		wrong_type(L, f, i, "an array");
		*ok = 0;
		return NULL;
	}
	*n = bclint_jv_count(v);
	return v->child;
}

/* An array of strings, copied into the arena as a pointer array. */
static const char *const *get_strings(struct loader *L, const struct fields *f, int i, size_t *n)
{
	int ok;
	size_t len;
	const struct bclint_jv *first = get_array(L, f, i, 0, &ok, &len);
	*n = 0;
	if (first == NULL)
		return NULL;
	const char **out = bclint_arena_calloc(&L->s->arena, len, sizeof(*out));
	if (out == NULL) {
		L->r->oom = 1;
		return NULL;
	}
	size_t k = 0;
	for (const struct bclint_jv *c = first; c != NULL; c = c->next, k++) {
		if (c->type != BCLINT_JSTRING) {
			char p[512], q[32];
			ptr_join(p, sizeof(p), f->ptr, f->keys[i]);
			snprintf(q, sizeof(q), "/%zu", k);
			strncat(p, q, sizeof(p) - strlen(p) - 1);
			error_at(L, c, p, "'%s' entries must be strings, not %s", f->keys[i],
			         bclint_jv_type_name(c));
			continue;
		}
		out[(*n)++] = keep(L, str(L, c));
	}
	return out;
}

static void set_ent(struct bclint_entity *e, uint32_t kind, size_t index,
                    const struct bclint_jv *node)
{
	e->kind = kind;
	e->index = (uint32_t)index;
	e->start = node->start;
	e->end = node->end;
}

/* Previous definition of a duplicate: a note pointing at it. */
static void first_here(struct loader *L, struct bclint_finding *f, const struct bclint_entity *e)
{
	static const char text[] = "first defined here";
	struct bclint_note n = {
	        L->file, {e->start, 0, 0}, {e->end, 0, 0}, {bclint_entity_code(e), NULL}, NULL};
	/* n.ref.pointer may point into buf, which must outlive the call below */
	char buf[BCLINT_POINTER_MAX]; // cppcheck-suppress variableScope
	if (n.ref.entity == 0)
		n.ref.pointer = bclint_entity_pointer(e, buf);
	bclint_report_note(L->r, f, &n, text, sizeof(text) - 1);
}

/* -- enums ------------------------------------------------------------ */

static const char *const relation_names[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND", NULL};
static const char *const role_names[] = {"STANDARD", "ADMIN", NULL};
static const char *const finance_names[] = {"", "ANALYST", "MANAGER", NULL};
static const char *const ownership_names[] = {"OWNER_BC", "OWNER_PARTNER", "OWNER_INDIVIDUAL",
                                              NULL};
static const char *const share_names[] = {"SHARING", "SHARED", NULL};
static const char *const bc_type_names[] = {
        "NORMAL", "DIRECT", "AGENCY", "SELF_SERVICE", "SELF_SERVICE_AGENCY", NULL};
static const char *const bc_status_names[] = {"REVIEWING", "DENY", "ENABLE", "PUNISH", NULL};
static const char *const asset_type_names[] = {
        "ADVERTISER", "CATALOG",     "PIXEL",
        "LEAD",       "TIKTOK_SHOP", "STOREFRONT",
        "DOMAIN",     "TT_ACCOUNT",  "MANAGED_BUSINESS_ACCOUNT",
        NULL};

static const char *article(const char *word)
{
	return strchr("AEIOU", word[0]) ? "an" : "a";
}

/* -- entities ------------------------------------------------------- */

/* Index an entity by ID: the previous entity with that ID, or NULL.  A
 * failed insertion marks the report incomplete (r->oom). */
static void *put_id(struct loader *L, unsigned tag, const char *id, void *entity)
{
	void *prev = bclint_map_put(&L->ids, tag, id, entity);
	if (prev != (void *)&L->ids)
		return prev;
	L->r->oom = 1;
	return NULL;
}

static void load_bc(struct loader *L, const struct bclint_jv *node)
{
	static const char *const keys[] = {"bc_id",
	                                   "name",
	                                   "company",
	                                   "type",
	                                   "status",
	                                   "timezone",
	                                   "currency",
	                                   "registered_area",
	                                   "x_allowed_email_domains",
	                                   NULL};
	struct bclint_bc *bc = &L->s->model.bc;
	struct fields f;
	set_ent(&bc->ent, BCLINT_ENT_BC, 0, node);
	if (gather(L, &f, node, "/bc", keys, "'bc'") < 0)
		return;
	bc->bc_id = keep(L, get_str(L, &f, 0, 1));
	bc->name = keep(L, get_str(L, &f, 1, 0));
	bc->company = keep(L, get_str(L, &f, 2, 0));
	get_enum(L, &f, 3, bc_type_names, 0, 0);
	get_enum(L, &f, 4, bc_status_names, 0, 0);
	for (int i = 5; i < 8; i++)
		get_str(L, &f, i, 0);
	bc->allowed_domains = get_strings(L, &f, 8, &bc->n_allowed_domains);
	bc->has_allowlist = f.v[8] != NULL && f.v[8]->type == BCLINT_JARRAY;
}

static void load_member(struct loader *L, struct bclint_member *m, size_t i,
                        const struct bclint_jv *node)
{
	static const char *const keys[] = {"user_id",
	                                   "user_email",
	                                   "user_name",
	                                   "user_role",
	                                   "ext_user_role",
	                                   "relation_status",
	                                   "x_invited_at",
	                                   "x_last_login_at",
	                                   "x_two_step_enabled",
	                                   NULL};
	char ptr[64];
	struct fields f;
	set_ent(&m->ent, BCLINT_ENT_MEMBER, i, node);
	bclint_entity_pointer(&m->ent, ptr);
	m->user_id = m->email = "";
	m->two_step = -1;
	if (gather(L, &f, node, ptr, keys, "a member") < 0)
		return;
	const char *id = keep(L, get_str(L, &f, 0, 1));
	const char *email = keep(L, get_str(L, &f, 1, 1));
	m->name = keep(L, get_str(L, &f, 2, 0));
	int role = get_enum(L, &f, 3, role_names, -1, 1);
	m->role = role < 0 ? BCLINT_ROLE_STANDARD : (uint32_t)role;
	int rel = get_enum(L, &f, 5, relation_names, BCLINT_REL_BOUND, 0);
	m->status = rel < 0 ? BCLINT_REL_BOUND : (uint32_t)rel;
	m->invited_at = get_time(L, &f, 6);
	m->last_login_at = get_time(L, &f, 7);
	if (f.v[8] != NULL) {
		if (bclint_jv_is_bool(f.v[8]))
			m->two_step = f.v[8]->type == BCLINT_JTRUE;
		else
			wrong_type(L, &f, 8, "a boolean");
	}
	if (f.v[4] != NULL && f.v[4]->type != BCLINT_JNULL) {
		static const char *const ext_keys[] = {"finance_role", NULL};
		char eptr[96];
		struct fields ef;
		ptr_join(eptr, sizeof(eptr), ptr, "ext_user_role");
		if (gather(L, &ef, f.v[4], eptr, ext_keys, "'ext_user_role'") == 0 &&
		    ef.v[0] != NULL && ef.v[0]->type != BCLINT_JNULL) {
			int fin = get_enum(L, &ef, 0, finance_names + 1, -1, 0);
			m->finance = fin < 0 ? BCLINT_FINANCE_NONE : (uint32_t)fin + 1;
		}
	}
	if (id != NULL) {
		m->user_id = id;
		struct bclint_member *prev = put_id(L, TAG_USER_ID, id, m);
		if (prev != NULL && prev != (void *)&L->ids) {
			char p[96];
			ptr_join(p, sizeof(p), ptr, "user_id");
			first_here(L, error_at(L, f.v[0], p, "duplicate user_id '%s'", id),
			           &prev->ent);
		}
	}
	if (email != NULL) {
		m->email = email;
		struct bclint_member *prev = put_id(L, TAG_EMAIL, email, m);
		if (prev != NULL && prev != (void *)&L->ids) {
			char p[96];
			ptr_join(p, sizeof(p), ptr, "user_email");
			first_here(L,
			           error_at(L, f.v[1], p, "duplicate user_email '%s'",
			                    L->redact ? "(redacted)" : email),
			           &prev->ent);
		}
	}
}

static void load_asset(struct loader *L, struct bclint_asset *a, size_t i,
                       const struct bclint_jv *node)
{
	static const char *const keys[] = {
	        "asset_id",        "asset_type",  "asset_name",    "relation_type",
	        "relation_status", "owner_bc_id", "owner_bc_name", NULL};
	char ptr[64];
	struct fields f;
	set_ent(&a->ent, BCLINT_ENT_ASSET, i, node);
	bclint_entity_pointer(&a->ent, ptr);
	a->asset_id = "";
	if (gather(L, &f, node, ptr, keys, "an asset") < 0)
		return;
	const char *id = keep(L, get_str(L, &f, 0, 1));
	int type = get_enum(L, &f, 1, asset_type_names, -1, 1);
	a->name = keep(L, get_str(L, &f, 2, 0));
	int own = get_enum(L, &f, 3, ownership_names, BCLINT_OWNER_BC, 0);
	a->ownership = own < 0 ? BCLINT_OWNER_BC : (uint32_t)own;
	int rel = get_enum(L, &f, 4, relation_names, BCLINT_REL_BOUND, 0);
	a->status = rel < 0 ? BCLINT_REL_BOUND : (uint32_t)rel;
	a->owner_bc_id = keep(L, get_str(L, &f, 5, 0));
	get_str(L, &f, 6, 0);
	a->type = type < 0 ? 0 : (uint32_t)type;
	if (id != NULL)
		a->asset_id = id;
	if (id != NULL && type >= 0) {
		struct bclint_asset *prev = put_id(L, TAG_ASSET + (unsigned)type, id, a);
		if (prev != NULL && prev != (void *)&L->ids) {
			char p[96];
			ptr_join(p, sizeof(p), ptr, "asset_id");
			first_here(L,
			           error_at(L, f.v[0], p, "duplicate %s asset_id '%s'",
			                    asset_type_names[type], id),
			           &prev->ent);
		}
	}
}

/* Index an entity by ID; a second one with the same ID is an error. */
static void unique(struct loader *L, unsigned tag, const char *id, struct bclint_entity *e,
                   const struct bclint_jv *v, const char *ptr, const char *key)
{
	if (id == NULL)
		return;
	struct bclint_entity *prev = bclint_map_put(&L->ids, tag, id, e);
	if (prev == (void *)&L->ids) {
		L->r->oom = 1;
	} else if (prev != NULL) {
		char p[512];
		ptr_join(p, sizeof(p), ptr, key);
		first_here(L, error_at(L, v, p, "duplicate %s '%s'", key, id), prev);
	}
}

static struct bclint_member *find_member(struct loader *L, const struct bclint_jv *v,
                                         const char *ptr, const char *key, const char *id)
{
	struct bclint_member *m = bclint_map_get(&L->ids, TAG_USER_ID, id);
	if (m == NULL) {
		char p[512];
		ptr_join(p, sizeof(p), ptr, key);
		error_at(L, v, p, "%s '%s' is not a member of this snapshot", key, id);
	}
	return m;
}

static struct bclint_asset *find_asset(struct loader *L, int type, const char *id)
{
	if (type < 0 || id == NULL)
		return NULL;
	return bclint_map_get(&L->ids, TAG_ASSET + (unsigned)type, id);
}

/* The asset's own copy of id when it is in the snapshot, or a copy in the
 * arena; *asset is the asset or NULL. */
static const char *asset_id_of(struct loader *L, int type, const char *id,
                               const struct bclint_asset **asset)
{
	*asset = find_asset(L, type, id);
	return *asset != NULL ? (*asset)->asset_id : keep(L, id);
}

/* Parse a role value (string, or array for tt_account_roles and
 * business_account_roles) of asset type `type` into *cap. */
static int parse_role(struct loader *L, const struct bclint_jv *v, const char *ptr, uint32_t type,
                      int group, struct bclint_cap *cap)
{
	cap->level = cap->set = 0;
	if (type == BCLINT_ASSET_TT_ACCOUNT ||
	    (type == BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT && v->type == BCLINT_JARRAY)) {
		if (v->type == BCLINT_JSTRING && type == BCLINT_ASSET_TT_ACCOUNT) {
			unsigned bit = bclint_tt_role_bit(str(L, v));
			if (bit == 0)
				goto bad;
			cap->level = 1;
			cap->set = (uint8_t)bit;
			return 0;
		}
		if (v->type != BCLINT_JARRAY) {
			error_at(L, v, ptr, "a %s role list must be an array of strings, not %s",
			         bclint_asset_type_name(type), bclint_jv_type_name(v));
			return -1;
		}
		int k = 0, rc = 0;
		cap->level = type == BCLINT_ASSET_TT_ACCOUNT;
		for (const struct bclint_jv *c = v->child; c != NULL; c = c->next, k++) {
			char p[512];
			snprintf(p, sizeof(p), "%s/%d", ptr, k);
			struct bclint_cap one = {0, 0};
			unsigned bit;
			if (c->type != BCLINT_JSTRING) {
				error_at(L, c, p, "roles must be strings, not %s",
				         bclint_jv_type_name(c));
				rc = -1;
			} else if (type == BCLINT_ASSET_TT_ACCOUNT &&
			           (bit = bclint_tt_role_bit(str(L, c))) != 0) {
				cap->set |= (uint8_t)bit;
			} else if (type != BCLINT_ASSET_TT_ACCOUNT &&
			           bclint_role_parse(type, str(L, c), 0, &one) == 0) {
				if (one.level > cap->level)
					cap->level = one.level;
			} else {
				error_at(L, c, p, "unknown %s role '%s': expected %s",
				         bclint_asset_type_name(type), str(L, c),
				         bclint_role_values(type, 0));
				rc = -1;
			}
		}
		return rc;
	}
	if (v->type != BCLINT_JSTRING) {
		error_at(L, v, ptr, "a role must be a string, not %s", bclint_jv_type_name(v));
		return -1;
	}
	if (bclint_role_parse(type, str(L, v), group, cap) == 0)
		return 0;
bad:
	error_at(L, v, ptr, "unknown %s role '%s': expected %s", bclint_asset_type_name(type),
	         str(L, v), bclint_role_values(type, group));
	return -1;
}

static void load_assignment(struct loader *L, struct bclint_assignment *a, size_t i,
                            const struct bclint_jv *node)
{
	static const char *const keys[] = {"user_id",
	                                   "asset_id",
	                                   "asset_type",
	                                   "x_granted_at",
	                                   "advertiser_role",
	                                   "catalog_role",
	                                   "store_role",
	                                   "form_library_role",
	                                   "tt_account_roles",
	                                   "business_account_roles",
	                                   "business_account_role",
	                                   "x_granted_by",
	                                   NULL}; /* x_granted_by: not read */
	enum { ROLE0 = 4, NROLES = 7 };
	char ptr[64];
	struct fields f;
	set_ent(&a->ent, BCLINT_ENT_ASSIGNMENT, i, node);
	bclint_entity_pointer(&a->ent, ptr);
	a->asset_id = "";
	if (gather(L, &f, node, ptr, keys, "an assignment") < 0)
		return;
	const char *uid = get_str(L, &f, 0, 1);
	const char *aid = get_str(L, &f, 1, 1);
	int type = get_enum(L, &f, 2, asset_type_names, -1, 1);
	a->granted_at = get_time(L, &f, 3);
	if (uid != NULL)
		a->member = find_member(L, f.v[0], ptr, "user_id", uid);
	if (aid != NULL)
		a->asset_id = asset_id_of(L, type, aid, &a->asset);
	if (type < 0)
		return;
	a->asset_type = (uint32_t)type;
	const char *want = bclint_role_field((uint32_t)type);
	int found = -1;
	for (int k = ROLE0; k < ROLE0 + NROLES; k++) {
		if (f.v[k] == NULL)
			continue;
		int fits = want != NULL && (strcmp(keys[k], want) == 0 ||
		                            (type == BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT &&
		                             strcmp(keys[k], "business_account_role") == 0));
		char p[96];
		ptr_join(p, sizeof(p), ptr, keys[k]);
		if (!fits) {
			if (want != NULL)
				error_at(L, f.v[k], p,
				         "'%s' does not apply to %s %s assignment: use '%s'",
				         keys[k], article(asset_type_names[type]),
				         asset_type_names[type], want);
			else
				error_at(L, f.v[k], p,
				         "'%s' does not apply to %s %s assignment: being "
				         "assigned is the whole permission",
				         keys[k], article(asset_type_names[type]),
				         asset_type_names[type]);
		} else if (found >= 0) {
			error_at(L, f.v[k], p, "give either '%s' or '%s', not both", keys[found],
			         keys[k]);
		} else {
			found = k;
			parse_role(L, f.v[k], p, (uint32_t)type, 0, &a->cap);
		}
	}
	if (want == NULL)
		a->cap.level = 1;
	else if (found < 0)
		error_at(L, node, ptr, "missing '%s' for %s %s assignment", want,
		         article(asset_type_names[type]), asset_type_names[type]);
}

static void load_group(struct loader *L, struct bclint_asset_group *g, size_t i,
                       const struct bclint_jv *node)
{
	static const char *const keys[] = {"asset_group_id", "asset_group_name", "assets",
	                                   "members", NULL};
	static const char *const akeys[] = {"asset_id", "asset_type", NULL};
	static const char *const mkeys[] = {"member_id", "asset_roles", NULL};
	char ptr[64], p[128];
	struct fields f;
	int ok;
	set_ent(&g->ent, BCLINT_ENT_GROUP, i, node);
	bclint_entity_pointer(&g->ent, ptr);
	g->group_id = "";
	if (gather(L, &f, node, ptr, keys, "an asset group") < 0)
		return;
	const char *id = keep(L, get_str(L, &f, 0, 1));
	g->group_id = id ? id : "";
	unique(L, TAG_GROUP, id, &g->ent, f.v[0], ptr, "asset_group_id");
	g->name = keep(L, get_str(L, &f, 1, 0));
	size_t len;
	const struct bclint_jv *first = get_array(L, &f, 2, 0, &ok, &len);
	const struct bclint_asset **assets =
	        bclint_arena_calloc(&L->s->arena, len + 1, sizeof(*assets));
	size_t k = 0;
	for (const struct bclint_jv *c = first; c != NULL && assets != NULL; c = c->next, k++) {
		struct fields af;
		snprintf(p, sizeof(p), "%s/assets/%zu", ptr, k);
		if (gather(L, &af, c, p, akeys, "a group asset") < 0)
			continue;
		const char *aid = get_str(L, &af, 0, 1);
		int type = get_enum(L, &af, 1, asset_type_names, -1, 1);
		const struct bclint_asset *a = find_asset(L, type, aid);
		if (a != NULL)
			assets[g->n_assets++] = a;
	}
	g->assets = assets;
	first = get_array(L, &f, 3, 0, &ok, &len);
	struct bclint_group_member *members =
	        bclint_arena_calloc(&L->s->arena, len + 1, sizeof(*members));
	if (assets == NULL || members == NULL) {
		L->r->oom = 1;
		return;
	}
	k = 0;
	for (const struct bclint_jv *c = first; c != NULL; c = c->next, k++) {
		struct fields mf;
		snprintf(p, sizeof(p), "%s/members/%zu", ptr, k);
		if (gather(L, &mf, c, p, mkeys, "a group member") < 0)
			continue;
		const char *mid = get_str(L, &mf, 0, 1);
		struct bclint_group_member *gm = &members[g->n_members];
		gm->member = mid ? find_member(L, mf.v[0], p, "member_id", mid) : NULL;
		const struct bclint_jv *roles = mf.v[1];
		char rp[160];
		ptr_join(rp, sizeof(rp), p, "asset_roles");
		if (roles != NULL && roles->type != BCLINT_JOBJECT) {
			error_at(L, roles, rp, "'asset_roles' must be an object, not %s",
			         bclint_jv_type_name(roles));
			roles = NULL;
		}
		for (const struct bclint_jv *r = roles ? roles->child : NULL; r != NULL;
		     r = r->next) {
			char q[200];
			ptr_join(q, sizeof(q), rp, key_str(L, r));
			int type = bclint_asset_type_from_name(key_str(L, r));
			if (type < 0) {
				error_at(L, r, q, "unknown asset type '%s' in 'asset_roles'",
				         key_str(L, r));
				continue;
			}
			if (bclint_role_field((uint32_t)type) == NULL) {
				if (r->type != BCLINT_JSTRING)
					error_at(L, r, q, "a role must be a string, not %s",
					         bclint_jv_type_name(r));
				gm->caps[type].level = 1;
				continue;
			}
			parse_role(L, r, q, (uint32_t)type, 1, &gm->caps[type]);
		}
		if (gm->member != NULL)
			g->n_members++;
		else
			memset(gm, 0, sizeof(*gm));
	}
	g->members = members;
}

static void load_partner(struct loader *L, struct bclint_partner *pa, size_t i,
                         const struct bclint_jv *node)
{
	static const char *const keys[] = {"bc_id", "bc_name", "x_email_domains", "shared_assets",
	                                   NULL};
	static const char *const skeys[] = {"share_type",      "asset_type",   "asset_id",
	                                    "advertiser_role", "catalog_role", NULL};
	char ptr[64], p[128];
	struct fields f;
	int ok;
	set_ent(&pa->ent, BCLINT_ENT_PARTNER, i, node);
	bclint_entity_pointer(&pa->ent, ptr);
	pa->bc_id = "";
	if (gather(L, &f, node, ptr, keys, "a partner") < 0)
		return;
	const char *id = keep(L, get_str(L, &f, 0, 1));
	pa->bc_id = id ? id : "";
	unique(L, TAG_PARTNER, id, &pa->ent, f.v[0], ptr, "bc_id");
	pa->name = keep(L, get_str(L, &f, 1, 0));
	pa->email_domains = get_strings(L, &f, 2, &pa->n_email_domains);
	size_t len;
	const struct bclint_jv *first = get_array(L, &f, 3, 0, &ok, &len);
	struct bclint_share *shares = bclint_arena_calloc(&L->s->arena, len + 1, sizeof(*shares));
	if (shares == NULL) {
		L->r->oom = 1;
		return;
	}
	size_t k = 0;
	for (const struct bclint_jv *c = first; c != NULL; c = c->next, k++) {
		struct bclint_share *sh = &shares[k];
		struct fields sf;
		snprintf(p, sizeof(p), "%s/shared_assets/%zu", ptr, k);
		set_ent(&sh->ent, BCLINT_ENT_SHARE, k, c);
		sh->ent.parent = (uint32_t)i;
		sh->partner = pa;
		sh->asset_id = "";
		if (gather(L, &sf, c, p, skeys, "a shared asset") < 0)
			continue;
		int st = get_enum(L, &sf, 0, share_names, -1, 1);
		int type = get_enum(L, &sf, 1, asset_type_names, -1, 1);
		const char *aid = keep(L, get_str(L, &sf, 2, 1));
		sh->share_type = st < 0 ? BCLINT_SHARE_SHARED : (uint32_t)st;
		sh->asset_type = type < 0 ? 0 : (uint32_t)type;
		sh->asset_id = aid ? aid : "";
		sh->asset = find_asset(L, type, aid);
		for (int r = 3; r <= 4; r++) {
			if (sf.v[r] == NULL)
				continue;
			uint32_t want = r == 3 ? BCLINT_ASSET_ADVERTISER : BCLINT_ASSET_CATALOG;
			char q[200];
			ptr_join(q, sizeof(q), p, skeys[r]);
			if (type >= 0 && (uint32_t)type != want)
				error_at(L, sf.v[r], q, "'%s' does not apply to %s %s share",
				         skeys[r], article(asset_type_names[type]),
				         asset_type_names[type]);
			else
				parse_role(L, sf.v[r], q, want, 0, &sh->cap);
		}
	}
	pa->shares = shares;
	pa->n_shares = k;
}

/* x_advertiser_id: the ad account a need whose action also needs one
 * (action->also_types) will run on; only those actions take it. */
static void load_also(struct loader *L, const struct bclint_need *n, size_t i,
                      const struct bclint_jv *v, const char *ptr)
{
	struct bclint_snapshot *s = L->s;
	char p[96];
	if (v == NULL)
		return;
	ptr_join(p, sizeof(p), ptr, "x_advertiser_id");
	if (n->action->also_types == 0) {
		error_at(L, v, p, "%s needs no second asset: it takes no 'x_advertiser_id'",
		         n->action->name);
		return;
	}
	if (v->type != BCLINT_JSTRING) {
		error_at(L, v, p, "'x_advertiser_id' must be a string, not %s",
		         bclint_jv_type_name(v));
		return;
	}
	const char *id = str(L, v);
	if (id[0] == '\0') {
		error_at(L, v, p, "'x_advertiser_id' must not be empty");
		return;
	}
	if (s->also == NULL && (s->also = bclint_arena_calloc(&s->arena, s->model.n_needs,
	                                                      sizeof(*s->also))) == NULL) {
		L->r->oom = 1;
		return;
	}
	s->also[i].asset_id = asset_id_of(L, BCLINT_ASSET_ADVERTISER, id, &s->also[i].asset);
	s->also[i].named = 1;
}

static void load_need(struct loader *L, struct bclint_need *n, size_t i,
                      const struct bclint_jv *node)
{
	static const char *const keys[] = {"user_id", "action",          "asset_id", "asset_type",
	                                   "x_note",  "x_advertiser_id", NULL};
	static const struct bclint_action unknown = {"?",   BCLINT_SCOPE_CREATOR, 0, {0, 0}, 0,
	                                             {0, 0}};
	char ptr[64], p[96];
	struct fields f;
	set_ent(&n->ent, BCLINT_ENT_NEED, i, node);
	bclint_entity_pointer(&n->ent, ptr);
	n->action = &unknown;
	if (gather(L, &f, node, ptr, keys, "a need") < 0)
		return;
	const char *uid = get_str(L, &f, 0, 1);
	const char *act = get_str(L, &f, 1, 1);
	const char *aid = get_str(L, &f, 2, 0);
	int type = get_enum(L, &f, 3, asset_type_names, -1, 0);
	n->note = keep(L, get_str(L, &f, 4, 0));
	if (uid != NULL)
		n->member = find_member(L, f.v[0], ptr, "user_id", uid);
	const struct bclint_action *a = act ? bclint_action_find(act) : NULL;
	if (act != NULL && a == NULL) {
		ptr_join(p, sizeof(p), ptr, "action");
		error_at(L, f.v[1], p, "unknown action '%s'", act);
	}
	if (a == NULL)
		return;
	n->action = a;
	if (a->scope == BCLINT_SCOPE_BC_ROLE || a->scope == BCLINT_SCOPE_FINANCE) {
		for (int k = 2; k <= 3; k++) {
			if (f.v[k] == NULL)
				continue;
			ptr_join(p, sizeof(p), ptr, keys[k]);
			error_at(L, f.v[k], p, "%s is a Business Center action: it takes no '%s'",
			         a->name, keys[k]);
		}
		return;
	}
	if (a->scope == BCLINT_SCOPE_ASSET && (f.v[2] == NULL || f.v[3] == NULL)) {
		error_at(L, node, ptr,
		         "%s is an asset action: it needs 'asset_id' and 'asset_type'", a->name);
		return;
	}
	if (aid == NULL || type < 0)
		return;
	if ((a->types & (1u << type)) == 0) {
		ptr_join(p, sizeof(p), ptr, "asset_type");
		uint32_t t = 0;
		while (t < BCLINT_ASSET_NTYPES && !(a->types & (1u << t)))
			t++;
		error_at(L, f.v[3], p, "%s applies to %s assets, not %s", a->name,
		         bclint_asset_type_name(t), asset_type_names[type]);
		return;
	}
	n->asset_type = (uint32_t)type;
	n->asset_id = asset_id_of(L, type, aid, &n->asset);
	load_also(L, n, i, f.v[5], ptr);
}

/* -- arrays of entities --------------------------------------------- */

/* An array of n entities of size sz for a top-level field (and one more,
 * so that an empty array is not NULL). */
static void *entity_array(struct loader *L, size_t sz, size_t *n)
{
	void *p = *n < SIZE_MAX / sz - 1 ? bclint_arena_calloc(&L->s->arena, *n + 1, sz) : NULL;
	if (p == NULL) {
		L->r->oom = 1;
		*n = 0;
	}
	return p;
}

#define LOAD_ARRAY(L, f, idx, required, T, field, nfield, fn)                                      \
	do {                                                                                       \
		int ok_;                                                                           \
		const struct bclint_jv *first_ =                                                   \
		        get_array(L, f, idx, required, &ok_, &(L)->s->model.nfield);               \
		/* T is a type: it cannot be parenthesised */                                      \
		T *arr_ = entity_array(L, sizeof(T), &(L)->s->model.nfield); /* NOLINT */          \
		size_t i_ = 0;                                                                     \
		for (const struct bclint_jv *c_ = first_; c_ && arr_; c_ = c_->next, i_++) {       \
			fn(L, &arr_[i_], i_, c_);                                                  \
			bclint_arena_reset(&(L)->scratch);                                         \
		}                                                                                  \
		(L)->s->model.field = arr_;                                                        \
	} while (0)

/* -- grants ------------------------------------------------------------ */

/* An index from (member, asset) to the grant, open addressing. */
struct pairmap {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap;
};

static uint64_t pair_key(const struct bclint_model *m, const struct bclint_member *mem,
                         const struct bclint_asset *a)
{
	return ((uint64_t)(mem - m->members) << 32 | (uint64_t)(a - m->assets)) + 1;
}

static size_t pair_slot(const struct pairmap *pm, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ull;
	size_t i = (size_t)(h >> 17) & (pm->cap - 1);
	while (pm->keys[i] != 0 && pm->keys[i] != key)
		i = (i + 1) & (pm->cap - 1);
	return i;
}

static void merge_cap(struct bclint_cap *into, struct bclint_cap c)
{
	if (c.level > into->level)
		into->level = c.level;
	into->set |= c.set;
}

/* Add one contribution to the member's grant on the asset. */
static void contribute(struct bclint_snapshot *s, struct pairmap *pm,
                       const struct bclint_member *mem, const struct bclint_asset *a,
                       struct bclint_cap cap, const struct bclint_assignment *direct,
                       const struct bclint_asset_group *group)
{
	uint64_t key = pair_key(&s->model, mem, a);
	size_t slot = pair_slot(pm, key);
	struct bclint_grant *g;
	if (pm->keys[slot] == 0) {
		pm->keys[slot] = key;
		pm->vals[slot] = (uint32_t)s->n_grants;
		g = &s->grants[s->n_grants++];
		g->member = mem;
		g->asset = a;
	} else {
		g = &s->grants[pm->vals[slot]];
	}
	if (direct != NULL) {
		if (g->direct == NULL || direct->cap.level > g->direct->cap.level)
			g->direct = direct;
	} else {
		/* keep the group whose grant is strongest (ties: the first) */
		struct bclint_cap *best = &s->group_caps[g - s->grants];
		if (g->group == NULL || cap.level > best->level ||
		    (cap.level == best->level && (cap.set & ~best->set) != 0)) {
			g->group = group;
			*best = cap;
		}
	}
	merge_cap(&g->cap, cap);
}

/* Group pointers to items by an owner index: counting sort, O(n). */
static const void **bucket(struct bclint_arena *arena, size_t n_owners, size_t n_items,
                           const void *items, size_t item_size,
                           size_t (*owner)(const void *item, const void *ctx), const void *ctx,
                           size_t *start)
{
	const void **out = bclint_arena_calloc(arena, n_items + 1, sizeof(*out));
	if (out == NULL)
		return NULL;
	memset(start, 0, (n_owners + 1) * sizeof(*start));
	for (size_t i = 0; i < n_items; i++) {
		size_t o = owner((const char *)items + i * item_size, ctx);
		if (o < n_owners)
			start[o + 1]++;
	}
	for (size_t o = 0; o < n_owners; o++)
		start[o + 1] += start[o];
	size_t *fill = start; /* reuse as cursors, then rebuild */
	for (size_t i = 0; i < n_items; i++) {
		const void *it = (const char *)items + i * item_size;
		size_t o = owner(it, ctx);
		if (o < n_owners)
			out[fill[o]++] = it;
	}
	for (size_t o = n_owners; o > 0; o--)
		start[o] = start[o - 1];
	start[0] = 0;
	return out;
}

static size_t grant_member(const void *it, const void *ctx)
{
	const struct bclint_model *m = ctx;
	return (size_t)(((const struct bclint_grant *)it)->member - m->members);
}
static size_t grant_asset(const void *it, const void *ctx)
{
	const struct bclint_model *m = ctx;
	return (size_t)(((const struct bclint_grant *)it)->asset - m->assets);
}
static size_t need_member(const void *it, const void *ctx)
{
	const struct bclint_model *m = ctx;
	const struct bclint_need *n = it;
	return n->member ? (size_t)(n->member - m->members) : SIZE_MAX;
}
static size_t need_asset(const void *it, const void *ctx)
{
	const struct bclint_model *m = ctx;
	const struct bclint_need *n = it;
	return n->asset ? (size_t)(n->asset - m->assets) : SIZE_MAX;
}
static size_t assignment_member(const void *it, const void *ctx)
{
	const struct bclint_model *m = ctx;
	const struct bclint_assignment *a = it;
	return a->member ? (size_t)(a->member - m->members) : SIZE_MAX;
}

/* What a partner shares with this Business Center caps what the members
 * get: an asset the partner owns cannot be passed on at more than the
 * partner gave.  Each grant on an asset with a SHARED share at a role
 * gets that role at most; capped_by names the share whenever it is the
 * limit (the grant is at or above it). */
static int cap_by_shares(struct bclint_snapshot *s)
{
	const struct bclint_model *m = &s->model;
	const struct bclint_share **cap = NULL;
	for (size_t p = 0; p < m->n_partners; p++) {
		for (size_t k = 0; k < m->partners[p].n_shares; k++) {
			const struct bclint_share *sh = &m->partners[p].shares[k];
			if (sh->share_type != BCLINT_SHARE_SHARED || sh->asset == NULL ||
			    sh->cap.level == 0)
				continue;
			if (cap == NULL && (cap = calloc(m->n_assets, sizeof(*cap))) == NULL)
				return -1;
			size_t a = (size_t)(sh->asset - m->assets);
			if (cap[a] == NULL || sh->cap.level > cap[a]->cap.level)
				cap[a] = sh; /* two shares of one asset: the wider counts */
		}
	}
	for (size_t i = 0; i < s->n_grants; i++) {
		struct bclint_grant *g = &s->grants[i];
		const struct bclint_share *sh = cap ? cap[g->asset - m->assets] : NULL;
		g->granted = g->cap;
		if (sh != NULL && g->cap.level >= sh->cap.level) {
			g->cap.level = sh->cap.level;
			g->capped_by = sh;
		}
	}
	free(cap);
	return 0;
}

/* The member's strongest grant on an asset of type t (the first, on a
 * tie), or NULL. */
static const struct bclint_grant *strongest(const struct bclint_member *m, uint32_t t)
{
	const struct bclint_grant *best = NULL;
	for (size_t k = 0; m != NULL && k < m->n_grants; k++)
		if (m->grants[k]->asset->type == t &&
		    (best == NULL || m->grants[k]->cap.level > best->cap.level))
			best = m->grants[k];
	return best;
}

const struct bclint_grant *bclint_snapshot_also(const struct bclint_snapshot *s,
                                                const struct bclint_need *n, const char **id,
                                                const struct bclint_asset **asset)
{
	*id = NULL;
	*asset = NULL;
	if (n->action->also_types == 0)
		return NULL;
	const struct bclint_also *al = s->also ? &s->also[n - s->model.needs] : NULL;
	if (al != NULL && al->named) {
		*id = al->asset_id;
		*asset = al->asset;
		return al->grant;
	}
	uint32_t t = 0;
	while (t < BCLINT_ASSET_NTYPES && !(n->action->also_types & (1u << t)))
		t++;
	const struct bclint_grant *g = strongest(n->member, t);
	*asset = g ? g->asset : NULL;
	return g;
}

const struct bclint_entity *bclint_grant_source(const struct bclint_grant *g)
{
	if (g->capped_by != NULL && g->granted.level > g->capped_by->cap.level)
		return &g->capped_by->ent;
	if (g->direct != NULL && (g->group == NULL || bclint_covers(g->direct->cap, g->granted)))
		return &g->direct->ent;
	if (g->group != NULL)
		return &g->group->ent;
	return &g->member->ent;
}

static int resolve(struct loader *L)
{
	struct bclint_snapshot *s = L->s;
	struct bclint_model *m = &s->model;
	size_t max = m->n_assignments;
	for (size_t i = 0; i < m->n_groups; i++)
		max += m->groups[i].n_members * m->groups[i].n_assets;
	struct pairmap pm = {NULL, NULL, 16};
	while (pm.cap < max * 2)
		pm.cap *= 2;
	pm.keys = bclint_big_calloc(pm.cap, sizeof(*pm.keys));
	pm.vals = bclint_big_alloc(pm.cap * sizeof(*pm.vals));
	s->grants = bclint_big_calloc(max + 1, sizeof(*s->grants));
	s->group_caps = bclint_big_calloc(max + 1, sizeof(*s->group_caps));
	size_t nmax = (m->n_members > m->n_assets ? m->n_members : m->n_assets) + 1;
	size_t *start = malloc((nmax + 1) * sizeof(*start));
	int rc = -1;
	if (pm.keys == NULL || pm.vals == NULL || s->grants == NULL || s->group_caps == NULL ||
	    start == NULL)
		goto out;
	for (size_t i = 0; i < m->n_assignments; i++) {
		const struct bclint_assignment *a = &m->assignments[i];
		if (a->member != NULL && a->asset != NULL)
			contribute(s, &pm, a->member, a->asset, a->cap, a, NULL);
	}
	for (size_t i = 0; i < m->n_groups; i++) {
		const struct bclint_asset_group *g = &m->groups[i];
		for (size_t k = 0; k < g->n_members; k++)
			for (size_t j = 0; j < g->n_assets; j++) {
				struct bclint_cap c = g->members[k].caps[g->assets[j]->type];
				if (c.level || c.set)
					contribute(s, &pm, g->members[k].member, g->assets[j], c,
					           NULL, g);
			}
	}
	if (cap_by_shares(s) < 0)
		goto out;
	struct bclint_need *needs = (struct bclint_need *)m->needs;
	for (size_t i = 0; i < m->n_needs; i++) {
		if (needs[i].member == NULL || needs[i].asset == NULL)
			continue;
		size_t slot = pair_slot(&pm, pair_key(m, needs[i].member, needs[i].asset));
		if (pm.keys[slot] != 0)
			needs[i].grant = &s->grants[pm.vals[slot]];
	}
	for (size_t i = 0; s->also != NULL && i < m->n_needs; i++) {
		struct bclint_also *al = &s->also[i];
		if (!al->named || al->asset == NULL || needs[i].member == NULL)
			continue;
		size_t slot = pair_slot(&pm, pair_key(m, needs[i].member, al->asset));
		if (pm.keys[slot] != 0)
			al->grant = &s->grants[pm.vals[slot]];
	}

	struct bclint_member *mem = (struct bclint_member *)m->members;
	struct bclint_asset *as = (struct bclint_asset *)m->assets;
	const void **b;
#define BUCKET(owners, n_owners, items, n_items, fn, field, nfield)                                \
	b = bucket(&s->arena, n_owners, n_items, items, sizeof(*(items)), fn, m, start);           \
	if (b == NULL)                                                                             \
		goto out;                                                                          \
	for (size_t o = 0; o < (n_owners); o++) {                                                  \
		(owners)[o].field = (void *)(b + start[o]);                                        \
		(owners)[o].nfield = start[o + 1] - start[o];                                      \
	}
	BUCKET(mem, m->n_members, s->grants, s->n_grants, grant_member, grants, n_grants);
	BUCKET(as, m->n_assets, s->grants, s->n_grants, grant_asset, grants, n_grants);
	BUCKET(mem, m->n_members, m->needs, m->n_needs, need_member, needs, n_needs);
	BUCKET(as, m->n_assets, m->needs, m->n_needs, need_asset, needs, n_needs);
	BUCKET(mem, m->n_members, m->assignments, m->n_assignments, assignment_member, assignments,
	       n_assignments);
#undef BUCKET
	rc = 0;
out:
	if (rc < 0)
		L->r->oom = 1;
	free(pm.keys);
	free(pm.vals);
	free(start);
	free(s->group_caps);
	s->group_caps = NULL;
	return rc;
}

/* The policy object as a document of its own: rules read their options
 * from it after the snapshot's tree is gone.  Its offsets are the
 * policy's own; s->policy_at says where it starts in the file. */
static void keep_policy(struct loader *L, const struct bclint_jv *v)
{
	struct bclint_snapshot *s = L->s;
	size_t len = v->end - v->start;
	char *text = malloc(len + 1);
	if (text == NULL) {
		L->r->oom = 1;
		return;
	}
	memcpy(text, L->text + v->start, len);
	text[len] = '\0';
	s->policy_text = text;
	s->policy_at = v->start;
	/* the text parsed once already: only memory can fail */
	if (bclint_jdoc_parse(&s->policy, text, len) < 0)
		L->r->oom = 1;
}

/* -- the document --------------------------------------------------- */

static void load_root(struct loader *L, const struct bclint_jv *root)
{
	static const char *const keys[] = {
	        "schema",       "captured_at", "bc",    "members", "assets", "assignments",
	        "asset_groups", "partners",    "needs", "policy",  NULL};
	struct fields f;
	struct bclint_model *m = &L->s->model;
	if (gather(L, &f, root, "", keys, "a snapshot") < 0)
		return;
	const char *schema = get_str(L, &f, 0, 1);
	if (schema != NULL && strcmp(schema, SCHEMA) != 0) {
		error_at(L, f.v[0], "/schema", "unsupported schema '%s': expected '%s'", schema,
		         SCHEMA);
		return;
	}
	m->captured_at = get_time(L, &f, 1);
	if (f.v[2] == NULL)
		missing(L, &f, 2);
	else
		load_bc(L, f.v[2]);
	/* The ID index at its final size: members (IDs and emails), assets,
	 * groups and partners. */
	size_t ids = 0;
	for (int k = 3; k <= 7; k++)
		if (k != 5 && f.v[k] != NULL && f.v[k]->type == BCLINT_JARRAY)
			ids += bclint_jv_count(f.v[k]) * (k == 3 ? 2 : 1);
	if (bclint_map_reserve(&L->ids, ids) < 0)
		L->r->oom = 1;
	/* Members and assets first: everything else refers to them. */
	LOAD_ARRAY(L, &f, 3, 1, struct bclint_member, members, n_members, load_member);
	LOAD_ARRAY(L, &f, 4, 1, struct bclint_asset, assets, n_assets, load_asset);
	LOAD_ARRAY(L, &f, 5, 0, struct bclint_assignment, assignments, n_assignments,
	           load_assignment);
	LOAD_ARRAY(L, &f, 6, 0, struct bclint_asset_group, groups, n_groups, load_group);
	LOAD_ARRAY(L, &f, 7, 0, struct bclint_partner, partners, n_partners, load_partner);
	LOAD_ARRAY(L, &f, 8, 0, struct bclint_need, needs, n_needs, load_need);
	if (f.v[9] != NULL) {
		if (f.v[9]->type != BCLINT_JOBJECT)
			wrong_type(L, &f, 9, "an object");
		else
			keep_policy(L, f.v[9]);
	}
	const char *bc_id = m->bc.bc_id;
	struct bclint_asset *as = (struct bclint_asset *)m->assets;
	for (size_t i = 0; i < m->n_assets; i++)
		as[i].owned_here = as[i].ownership == BCLINT_OWNER_BC &&
		                   (as[i].owner_bc_id == NULL ||
		                    (bc_id != NULL && strcmp(as[i].owner_bc_id, bc_id) == 0));
}

struct bclint_snapshot *bclint_snapshot_load(struct bclint_report *r, uint32_t file, int redact)
{
	const struct bclint_source *src = &r->sources[file];
	struct bclint_snapshot *s = calloc(1, sizeof(*s));
	if (s == NULL) {
		r->oom = 1;
		return NULL;
	}
	s->file = file;
	s->model.file = src->path;
	s->model.captured_at = BCLINT_NO_TIME;
	struct bclint_json_error jerr;
	struct bclint_lines lines = {NULL, 0, 0, 0};
	struct bclint_jv *root =
	        bclint_jparse_lines(src->text.data, src->text.len, &jerr, &s->tree, &lines);
	if (lines.complete && r->sources[file].lines == NULL) {
		/* positions are then resolved without reading the whole text */
		r->sources[file].lines = lines.at;
		r->sources[file].n_lines = lines.n;
	} else {
		free(lines.at);
	}
	if (root == NULL && jerr.oom) {
		r->oom = 1;
		bclint_snapshot_free(s);
		return NULL;
	}
	if (root == NULL) {
		char msg[160];
		bclint_json_error_text(&jerr, msg, sizeof(msg));
		struct bclint_finding f = {
		        .rule = "snapshot",
		        .level = BCLINT_LEVEL_ERROR,
		        .file = file,
		        .pos.off = (uint32_t)jerr.offset,
		        .end.off = (uint32_t)jerr.offset,
		        .ref.pointer = "",
		};
		bclint_report_addz(r, &f, msg);
		bclint_snapshot_free(s);
		return NULL;
	}
	struct loader L = {r, s, src->text.data, file, 0, redact, {NULL, 0, 0}, {0}};
	load_root(&L, root);
	if (L.errors == 0 && !r->oom)
		resolve(&L);
	bclint_map_free(&L.ids);
	bclint_arena_free(&L.scratch);
	bclint_arena_free(&s->tree); /* the model has what it needs */
	s->errors = L.errors;
	if (r->oom) {
		bclint_snapshot_free(s);
		return NULL;
	}
	return s;
}

void bclint_snapshot_free(struct bclint_snapshot *s)
{
	if (s == NULL)
		return;
	bclint_jdoc_free(&s->policy);
	free(s->policy_text);
	bclint_arena_free(&s->tree);
	bclint_arena_free(&s->arena);
	free(s->grants);
	free(s);
}
