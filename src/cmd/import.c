/* bclint import: read saved responses of TikTok's Business API, check their
 * envelopes and paging, merge them and write one bclint-snapshot/1 document.
 *
 * Every response is parsed with positions, so a problem is reported at its
 * line and column.  Each list item becomes an `item`: a pointer to its JSON
 * node plus its identifying keys.  Items are sorted by those keys (numeric
 * IDs in numeric order), runs of equal keys are merged field by field (two
 * different values for one field are an error), and the snapshot is built
 * from the runs, so the output does not depend on the order of the inputs.
 * Before anything is written, the result goes through the snapshot loader:
 * whatever import writes, bclint reads. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "caps.h"
#include "json.h"
#include "lint.h"
#include "output.h"
#include "position.h"
#include "report.h"
#include "snapshot.h"
#include "buf.h"
#include "cmd.h"
#include "entity.h"
#include "text.h"
#include "timestamp.h"

/* -- responses as cJSON trees, each node stamped with the byte offset of
 * its value in valueint (numbers keep their value in valuedouble) -- */

static inline uint32_t json_start(const cJSON *node)
{
	return (uint32_t)node->valueint;
}

static inline double json_number(const cJSON *node)
{
	return node->valuedouble;
}

static const struct bclint_diag_sink diag_sink = {bclint_cmd_print_diag,
                                                  (void *)&bclint_cmd_import};

/* A whole file, NUL-terminated, in memory the caller frees with free(). */
static int read_file(const char *path, char **data, size_t *len)
{
	struct bclint_text t;
	if (bclint_text_read(path, &t) < 0)
		return -1;
	*data = t.mapped ? malloc(t.len + 1) : t.data;
	*len = t.len;
	if (t.mapped) {
		if (*data != NULL)
			memcpy(*data, t.data, t.len + 1);
		bclint_text_free(&t);
	}
	return *data != NULL ? 0 : -1;
}


static cJSON *to_cjson(const char *text, const struct bclint_jv *v, struct bclint_arena *scratch)
{
	cJSON *c;
	switch (v->type) {
	case BCLINT_JNULL: c = cJSON_CreateNull(); break;
	case BCLINT_JFALSE: c = cJSON_CreateFalse(); break;
	case BCLINT_JTRUE: c = cJSON_CreateTrue(); break;
	case BCLINT_JNUMBER: c = cJSON_CreateNumber(strtod(text + v->start, NULL)); break;
	case BCLINT_JSTRING: {
		char *s = bclint_jv_string(scratch, text, v);
		c = s ? cJSON_CreateString(s) : NULL;
		break;
	}
	case BCLINT_JARRAY: c = cJSON_CreateArray(); break;
	default: c = cJSON_CreateObject(); break;
	}
	if (c == NULL)
		return NULL;
	c->valueint = (int)v->start;
	if (v->type != BCLINT_JNUMBER)
		c->valuedouble = (double)v->end;
	for (const struct bclint_jv *e = v->child; e != NULL; e = e->next) {
		cJSON *ce = to_cjson(text, e, scratch);
		char *key = ce && v->type == BCLINT_JOBJECT ? bclint_jv_key(scratch, text, e) : NULL;
		if (ce == NULL || (v->type == BCLINT_JOBJECT && key == NULL)) {
			cJSON_Delete(ce);
			cJSON_Delete(c);
			return NULL;
		}
		if (!(key != NULL ? cJSON_AddItemToObject(c, key, ce) : cJSON_AddItemToArray(c, ce))) {
			cJSON_Delete(ce);
			cJSON_Delete(c);
			return NULL;
		}
	}
	return c;
}

static cJSON *jv_to_cjson(const char *text, const struct bclint_jv *v)
{
	struct bclint_arena scratch = {0};
	cJSON *c = to_cjson(text, v, &scratch);
	bclint_arena_free(&scratch);
	return c;
}

static cJSON *json_parse(const char *text, size_t len, struct bclint_json_error *err)
{
	struct bclint_arena tree = {0};
	struct bclint_jv *root = bclint_jparse(text, len, err, &tree);
	cJSON *c = root ? jv_to_cjson(text, root) : NULL;
	bclint_arena_free(&tree);
	if (root != NULL && c == NULL) {
		err->offset = 0;
		err->message = "out of memory";
		err->oom = 1;
	}
	return c;
}


/* -- endpoints and the file-name convention ------------------------- */

enum ep {
	EP_BC, EP_MEMBER, EP_ASSET_ADMIN, EP_ASSET_MEMBER, EP_PARTNER, EP_PARTNER_ASSET,
	EP_GROUP, EP_GROUP_LIST, EP_N
};

/* name is the file-name prefix; params are the request parameters that a
 * response does not repeat, in file-name order (min..max of them). */
static const struct endpoint {
	const char *name, *path;
	int min, max;
	const char *params[3];
	const char *pattern;
} endpoints[EP_N] = {
	{"bc", "/bc/get/", 0, 0, {NULL}, "bc.pN.json"},
	{"member", "/bc/member/get/", 0, 0, {NULL}, "member.pN.json"},
	{"asset_admin", "/bc/asset/admin/get/", 1, 1, {"asset_type"},
	 "asset_admin.ASSET_TYPE.pN.json"},
	{"asset_member", "/bc/asset/member/get/", 2, 2, {"asset_type", "asset_id"},
	 "asset_member.ASSET_TYPE.ASSET_ID.pN.json"},
	{"partner", "/bc/partner/get/", 0, 0, {NULL}, "partner.pN.json"},
	{"partner_asset", "/bc/partner/asset/get/", 3, 3,
	 {"partner_id", "asset_type", "share_type"},
	 "partner_asset.PARTNER_ID.ASSET_TYPE.SHARE_TYPE.pN.json"},
	{"asset_group", "/bc/asset_group/get/", 0, 2, {"asset_group_id", "query_entity"},
	 "asset_group[.ASSET_GROUP_ID[.QUERY_ENTITY]].pN.json"},
	{"asset_group_list", "/bc/asset_group/list/", 0, 0, {NULL}, "asset_group_list.pN.json"},
};

/* -- enums the snapshot accepts ------------------------------------- */

static const char *const member_roles[] = {"ADMIN", "STANDARD", NULL};
static const char *const finance_roles[] = {"MANAGER", "ANALYST", NULL};
static const char *const member_relations[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND", NULL};
static const char *const asset_relation_types[] = {"OWNER_BC", "OWNER_PARTNER",
                                                   "OWNER_INDIVIDUAL", NULL};
static const char *const bc_types[] = {"NORMAL", "DIRECT", "AGENCY", "SELF_SERVICE",
                                       "SELF_SERVICE_AGENCY", NULL};
static const char *const bc_statuses[] = {"REVIEWING", "DENY", "ENABLE", "PUNISH", NULL};
static const char *const share_types[] = {"SHARED", "SHARING", NULL};
static const char *const query_entities[] = {"ASSET", "MEMBER", NULL};

/* -- state ------------------------------------------------------------ */

struct input {
	char *path, *text;
	size_t len;
	cJSON *root;
};

/* One list item (or a part of one) and the keys that identify it. */
struct item {
	const cJSON *node; /* NULL: the item only says that the key exists */
	const struct input *in;
	const char *k[4];
};

struct vec {
	struct item *v;
	size_t n, cap;
};

enum {
	V_BC, V_MEMBER, V_ASSET, V_ASSIGN, V_AMLIST, V_PARTNER, V_SHARE, V_GROUP, V_GASSET,
	V_GMEMBER, V_GROLE, V_N
};

struct page {
	const char *key; /* "/bc/asset/member/get/ (asset_type=..., asset_id=...)" */
	long page, total;
	const struct input *in;
};

/* A member or an asset of the output, before the extras are added. */
struct omember {
	cJSON *obj;
	const struct item *first;
	const char *id, *email;
	const char *invited, *login;
	int two_step; /* -1 unknown */
};

struct oasset {
	cJSON *obj;
	const char *type, *id;
	const cJSON *owner_name;
	const char *owner_id;
};

struct imp {
	const char *bc_id, *extras, *plan, *output, *captured_at;
	struct input *in;
	size_t n_in, cap_in;
	struct vec v[V_N];
	struct page *pages;
	size_t n_pages, cap_pages;
	struct omember *members;
	size_t n_members;
	struct oasset *assets;
	size_t n_assets;
	const char **domains;
	size_t n_domains;
	int has_domains;
	struct input side[2]; /* the extras and plan files */
	cJSON *needs;
	struct bclint_arena arena;
	int errors, oom;
};

/* -- diagnostics ------------------------------------------------------ */

/* Print "PATH:LINE:COL: LEVEL: MSG", or "bclint: LEVEL: [PATH: ]MSG" when
 * line is 0.  Text from the inputs is shown with control characters
 * escaped. */
static void vdiag(struct imp *im, const char *level, const char *path, uint32_t line,
                  uint32_t col, const char *fmt, va_list ap)
{
	char msg[1024];
	struct bclint_buf b = {0};
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line > 0)
		bclint_buf_printf(&b, "%s:%u:%u: %s: ", path, line, col, level);
	else if (path != NULL)
		bclint_buf_printf(&b, "bclint: %s: %s: ", level, path);
	else
		bclint_buf_printf(&b, "bclint: %s: ", level);
	bclint_buf_safe(&b, msg);
	if (b.data != NULL)
		fprintf(stderr, "%s\n", b.data);
	free(b.data);
	if (strcmp(level, "error") == 0)
		im->errors++;
}

static void diag(struct imp *im, const char *level, const char *path, uint32_t line,
                 uint32_t col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void diag(struct imp *im, const char *level, const char *path, uint32_t line,
                 uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(im, level, path, line, col, fmt, ap);
	va_end(ap);
}

static void vat(struct imp *im, const char *level, const struct input *in, const cJSON *node,
                const char *fmt, va_list ap)
{
	uint32_t line, col;
	bclint_position_of(in->text, in->len, json_start(node), &line, &col);
	vdiag(im, level, in->path, line, col, fmt, ap);
}

/* An error at a value of an input file. */
static void err_at(struct imp *im, const struct input *in, const cJSON *node, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));
static void err_at(struct imp *im, const struct input *in, const cJSON *node, const char *fmt,
                   ...)
{
	va_list ap;
	va_start(ap, fmt);
	vat(im, "error", in, node, fmt, ap);
	va_end(ap);
}

static void warn_at(struct imp *im, const struct input *in, const cJSON *node, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));
static void warn_at(struct imp *im, const struct input *in, const cJSON *node, const char *fmt,
                    ...)
{
	va_list ap;
	va_start(ap, fmt);
	vat(im, "warning", in, node, fmt, ap);
	va_end(ap);
}

/* "line:column" of a value, for messages that point at a second place. */
static const char *where(const struct input *in, const cJSON *node, char *buf, size_t size)
{
	uint32_t line, col;
	bclint_position_of(in->text, in->len, json_start(node), &line, &col);
	snprintf(buf, size, "%s:%u:%u", in->path, line, col);
	return buf;
}

/* -- small helpers ---------------------------------------------------- */

static int push_item(struct imp *im, int which, const cJSON *node, const struct input *in,
                     const char *k0, const char *k1, const char *k2, const char *k3)
{
	struct vec *v = &im->v[which];
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		struct item *p = realloc(v->v, cap * sizeof(*p));
		if (p == NULL) {
			im->oom = 1;
			return -1;
		}
		v->v = p;
		v->cap = cap;
	}
	struct item *it = &v->v[v->n++];
	it->node = node;
	it->in = in;
	it->k[0] = k0;
	it->k[1] = k1;
	it->k[2] = k2;
	it->k[3] = k3;
	return 0;
}

static int all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* IDs in numeric order when both are numbers, else byte order. */
static int id_cmp(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	if (all_digits(a) && all_digits(b)) {
		size_t la = strlen(a), lb = strlen(b);
		if (la != lb)
			return la < lb ? -1 : 1;
	}
	return strcmp(a, b);
}

static int keys_cmp(const struct item *x, const struct item *y)
{
	for (int i = 0; i < 4; i++) {
		int c = id_cmp(x->k[i], y->k[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = keys_cmp(x, y);
	if (c != 0)
		return c;
	if (x->in != y->in)
		return strcmp(x->in->path, y->in->path);
	uint32_t ox = x->node ? json_start(x->node) : 0;
	uint32_t oy = y->node ? json_start(y->node) : 0;
	return (ox > oy) - (ox < oy);
}

/* The length of the run of items with the same keys starting at i. */
static size_t run_len(const struct vec *v, size_t i)
{
	size_t j = i + 1;
	while (j < v->n && keys_cmp(&v->v[i], &v->v[j]) == 0)
		j++;
	return j - i;
}

static const cJSON *field(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
	return v == NULL || cJSON_IsNull(v) ? NULL : v;
}

static const char *str_field(const cJSON *obj, const char *key)
{
	const cJSON *v = field(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int in_list(const char *s, const char *const *names)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

static const char *list_names(const char *const *names, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int k = 0; names[k] != NULL && n < size; k++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		                      k == 0 ? "" : names[k + 1] ? ", " : " or ", names[k]);
	return buf;
}

/* Check an optional string field (NULL or absent is fine); with names, it
 * must be one of them.  Returns -1 after reporting. */
static int check_str(struct imp *im, const struct input *in, const cJSON *obj, const char *key,
                     int required, const char *const *names)
{
	const cJSON *v = field(obj, key);
	if (v == NULL) {
		if (!required)
			return 0;
		err_at(im, in, obj, "missing '%s'", key);
		return -1;
	}
	if (!cJSON_IsString(v)) {
		err_at(im, in, v, "'%s' must be a string", key);
		return -1;
	}
	if (required && v->valuestring[0] == '\0') {
		err_at(im, in, v, "'%s' must not be empty", key);
		return -1;
	}
	if (names != NULL && !in_list(v->valuestring, names)) {
		char list[256];
		err_at(im, in, v, "unknown %s '%s': expected %s", key, v->valuestring,
		       list_names(names, list, sizeof(list)));
		return -1;
	}
	return 0;
}

/* An asset type by name: the static name, or NULL after reporting. */
static const char *check_type(struct imp *im, const struct input *in, const cJSON *node,
                              const char *name)
{
	int t = bclint_asset_type_from_name(name);
	if (t >= 0)
		return bclint_asset_type_name((uint32_t)t);
	if (node != NULL)
		err_at(im, in, node, "unknown asset type '%s'", name);
	else
		diag(im, "error", in->path, 0, 0, "unknown asset type '%s' in the file name", name);
	return NULL;
}

/* Is v a valid role value for an asset type?  group selects the asset-group
 * spelling.  Mirrors what the snapshot loader accepts. */
static int role_ok(uint32_t type, const cJSON *v, int group)
{
	struct bclint_cap cap;
	if (bclint_role_field(type) == NULL)
		return 1;
	if (cJSON_IsArray(v) &&
	    (type == BCLINT_ASSET_TT_ACCOUNT || type == BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT)) {
		for (const cJSON *c = v->child; c != NULL; c = c->next) {
			if (!cJSON_IsString(c))
				return 0;
			if (type == BCLINT_ASSET_TT_ACCOUNT ? bclint_tt_role_bit(c->valuestring) == 0
			                                    : bclint_role_parse(type, c->valuestring, 0,
			                                                        &cap) < 0)
				return 0;
		}
		return 1;
	}
	if (!cJSON_IsString(v))
		return 0;
	if (type == BCLINT_ASSET_TT_ACCOUNT)
		return bclint_tt_role_bit(v->valuestring) != 0;
	return bclint_role_parse(type, v->valuestring, group, &cap) == 0;
}

static void bad_role(struct imp *im, const struct input *in, const cJSON *v, const char *key,
                     uint32_t type, int group)
{
	char *text = cJSON_PrintUnformatted(v);
	err_at(im, in, v, "invalid %s %s on a %s asset: expected %s", key, text ? text : "?",
	       bclint_asset_type_name(type), bclint_role_values(type, group));
	free(text);
}

/* -- reading the responses ------------------------------------------ */

struct request {
	int ep;
	const char *param[3];
	const cJSON *node; /* the x_request object, or NULL */
};

static int add_input(struct imp *im, const char *path)
{
	if (im->n_in == im->cap_in) {
		size_t cap = im->cap_in ? im->cap_in * 2 : 16;
		struct input *p = realloc(im->in, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		im->in = p;
		im->cap_in = cap;
	}
	struct input *in = &im->in[im->n_in];
	memset(in, 0, sizeof(*in));
	in->path = strdup(path);
	if (in->path == NULL)
		return -1;
	im->n_in++;
	return 0;
}

static int ends_with_json(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* A directory stands for every *.json file in it (not hidden ones). */
static int add_path(struct imp *im, const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d == NULL) {
			diag(im, "error", path, 0, 0, "cannot read directory: %s", strerror(errno));
			return 0;
		}
		struct dirent *e;
		size_t found = 0;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || !ends_with_json(e->d_name))
				continue;
			char *p = bclint_arena_printf(&im->arena, "%s%s%s", path,
			                              path[strlen(path) - 1] == '/' ? "" : "/",
			                              e->d_name);
			if (p == NULL || add_input(im, p) < 0) {
				closedir(d);
				return -1;
			}
			found++;
		}
		closedir(d);
		if (found == 0)
			diag(im, "warning", path, 0, 0, "no *.json file in this directory");
		return 0;
	}
	return add_input(im, path);
}

static int input_cmp(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->path, ((const struct input *)b)->path);
}

/* The request parameters from the file name, when it follows the
 * convention.  Returns 1 (recognised), 0 (not a conventional name) or -1. */
static int request_from_name(struct imp *im, const struct input *in, struct request *rq)
{
	const char *base = strrchr(in->path, '/');
	base = base ? base + 1 : in->path;
	if (!ends_with_json(base))
		return 0;
	char *name = bclint_arena_strdup(&im->arena, base);
	if (name == NULL) {
		im->oom = 1;
		return -1;
	}
	name[strlen(name) - 5] = '\0';
	char *part[8] = {name};
	int n = 0;
	for (char *p = name; p != NULL && n < 8;) {
		part[n++] = p;
		p = strchr(p, '.');
		if (p != NULL)
			*p++ = '\0';
	}
	if (n > 1 && part[n - 1][0] == 'p' && all_digits(part[n - 1] + 1))
		n--;
	int ep = 0;
	while (ep < EP_N && strcmp(part[0], endpoints[ep].name) != 0)
		ep++;
	if (ep == EP_N)
		return 0;
	const struct endpoint *e = &endpoints[ep];
	int bad = n - 1 < e->min || n - 1 > e->max;
	for (int i = 1; i < n && !bad; i++)
		bad = part[i][0] == '\0';
	if (bad) {
		diag(im, "error", in->path, 0, 0, "a %s response file must be named %s", e->path,
		     e->pattern);
		return -1;
	}
	rq->ep = ep;
	for (int i = 1; i < n; i++)
		rq->param[i - 1] = part[i];
	return 1;
}

/* The request parameters from an "x_request" object in the response. */
static int request_from_object(struct imp *im, const struct input *in, const cJSON *x,
                               struct request *rq)
{
	const char *path = str_field(x, "endpoint");
	if (!cJSON_IsObject(x) || path == NULL) {
		err_at(im, in, x, "'x_request' must be an object with an 'endpoint' string");
		return -1;
	}
	const char *rel = strstr(path, "/bc/");
	int ep = 0;
	while (ep < EP_N && (rel == NULL || strcmp(rel, endpoints[ep].path) != 0))
		ep++;
	if (ep == EP_N) {
		err_at(im, in, field(x, "endpoint"), "bclint import does not read responses of '%s'",
		       path);
		return -1;
	}
	rq->ep = ep;
	rq->node = x;
	const struct endpoint *e = &endpoints[ep];
	for (int i = 0; i < e->max; i++) {
		const cJSON *v = field(x, e->params[i]);
		if (v == NULL && i < e->min) {
			err_at(im, in, x, "'x_request' of a %s response needs '%s'", e->path,
			       e->params[i]);
			return -1;
		}
		if (v != NULL && (!cJSON_IsString(v) || v->valuestring[0] == '\0')) {
			err_at(im, in, v, "'%s' must be a non-empty string", e->params[i]);
			return -1;
		}
		rq->param[i] = v ? v->valuestring : NULL;
	}
	return 0;
}

static int has_role_field(const cJSON *item)
{
	static const char *const keys[] = {"advertiser_role", "catalog_role", "store_role",
	                                   "form_library_role", "tt_account_roles",
	                                   "business_account_roles", NULL};
	for (int i = 0; keys[i] != NULL; i++)
		if (cJSON_GetObjectItemCaseSensitive(item, keys[i]) != NULL)
			return 1;
	return 0;
}

/* Which endpoint a response is from, by the shape of its data. */
static int request_from_content(struct imp *im, const struct input *in, const cJSON *data,
                                struct request *rq)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(data, "list");
	const cJSON *item = cJSON_IsArray(list) ? list->child : NULL;
	const char *hint = NULL;
	int group_item = cJSON_IsObject(item) && field(item, "bc_info") == NULL &&
	                 (field(item, "asset_group") != NULL || field(item, "asset_group_id") != NULL);
	if (cJSON_IsObject(field(data, "asset_group")) || group_item)
		rq->ep = EP_GROUP;
	else if (!cJSON_IsObject(item))
		hint = cJSON_IsArray(list) ? "its list is empty" : "it has no data.list";
	else if (field(item, "bc_info") != NULL)
		rq->ep = EP_BC;
	else if (field(item, "user_role") != NULL)
		rq->ep = EP_MEMBER;
	else if (field(item, "user_id") != NULL)
		hint = "a /bc/asset/member/get/ response does not say which asset it is about";
	else if (field(item, "asset_id") != NULL && has_role_field(item))
		hint = "a /bc/partner/asset/get/ response does not say which partner it is about";
	else if (field(item, "asset_id") != NULL)
		rq->ep = EP_ASSET_ADMIN;
	else if (field(item, "bc_id") != NULL)
		rq->ep = EP_PARTNER;
	else
		hint = "its items have none of the fields bclint import knows";
	if (hint != NULL) {
		diag(im, "error", in->path, 0, 0,
		     "cannot tell which endpoint this response is from (%s): name the file as "
		     "bclint-import(1) describes, e.g. asset_member.ASSET_TYPE.ASSET_ID.pN.json, or "
		     "add an 'x_request' object",
		     hint);
		return -1;
	}
	if (rq->ep == EP_ASSET_ADMIN) {
		const cJSON *t = field(item, "asset_type");
		if (!cJSON_IsString(t)) {
			err_at(im, in, item, "missing 'asset_type'");
			return -1;
		}
		rq->param[0] = check_type(im, in, t, t->valuestring);
		if (rq->param[0] == NULL)
			return -1;
	}
	return 0;
}

/* Check the request parameters' values. */
static int check_request(struct imp *im, const struct input *in, struct request *rq)
{
	const struct endpoint *e = &endpoints[rq->ep];
	char list[128];
	for (int i = 0; i < e->max; i++) {
		const char *p = rq->param[i], *name = e->params[i];
		const cJSON *node = rq->node ? field(rq->node, name) : NULL;
		if (p == NULL)
			continue;
		if (strcmp(name, "asset_type") == 0) {
			if ((rq->param[i] = check_type(im, in, node, p)) == NULL)
				return -1;
			continue;
		}
		const char *const *names = strcmp(name, "share_type") == 0      ? share_types
		                           : strcmp(name, "query_entity") == 0 ? query_entities
		                                                               : NULL;
		if (names == NULL || in_list(p, names))
			continue;
		list_names(names, list, sizeof(list));
		if (node != NULL)
			err_at(im, in, node, "unknown %s '%s': expected %s", name, p, list);
		else
			diag(im, "error", in->path, 0, 0, "unknown %s '%s' in the file name: expected %s",
			     name, p, list);
		return -1;
	}
	return 0;
}

/* The list's paging key: the endpoint and its parameters. */
static const char *page_key(struct imp *im, const struct request *rq)
{
	const struct endpoint *e = &endpoints[rq->ep];
	struct bclint_buf b = {0};
	bclint_buf_puts(&b, e->path);
	for (int i = 0; i < e->max; i++)
		if (rq->param[i] != NULL)
			bclint_buf_printf(&b, "%s%s=%s", i == 0 ? " (" : ", ", e->params[i],
			                  rq->param[i]);
	if (rq->param[0] != NULL)
		bclint_buf_putc(&b, ')');
	const char *key = b.oom ? NULL : bclint_arena_strdup(&im->arena, b.data);
	free(b.data);
	if (key == NULL)
		im->oom = 1;
	return key;
}

static int page_number(const cJSON *pi, const char *key, long *out)
{
	const cJSON *v = field(pi, key);
	if (!cJSON_IsNumber(v))
		return -1;
	double d = json_number(v);
	if (d < 0 || d > 1e9 || d != (double)(long)d)
		return -1;
	*out = (long)d;
	return 0;
}

static int record_page(struct imp *im, const struct input *in, const cJSON *data,
                       const struct request *rq)
{
	const cJSON *pi = cJSON_GetObjectItemCaseSensitive(data, "page_info");
	struct page pg = {page_key(im, rq), 1, 1, in};
	if (pg.key == NULL)
		return -1;
	if (pi != NULL) {
		if (page_number(pi, "page", &pg.page) < 0 || pg.page < 1 ||
		    page_number(pi, "total_page", &pg.total) < 0) {
			err_at(im, in, pi, "'page_info' must have whole numbers 'page' (from 1) and "
			                   "'total_page'");
			return -1;
		}
		if (pg.page > (pg.total > 0 ? pg.total : 1)) {
			err_at(im, in, pi, "page %ld of %ld: the page is past the end", pg.page,
			       pg.total);
			return -1;
		}
	}
	if (im->n_pages == im->cap_pages) {
		size_t cap = im->cap_pages ? im->cap_pages * 2 : 64;
		struct page *p = realloc(im->pages, cap * sizeof(*p));
		if (p == NULL) {
			im->oom = 1;
			return -1;
		}
		im->pages = p;
		im->cap_pages = cap;
	}
	im->pages[im->n_pages++] = pg;
	return 0;
}

/* -- list items, by endpoint ---------------------------------------- */

static void take_bc(struct imp *im, const struct input *in, const cJSON *item)
{
	const cJSON *bc = field(item, "bc_info");
	if (!cJSON_IsObject(bc)) {
		err_at(im, in, item, "a /bc/get/ item needs a 'bc_info' object");
		return;
	}
	static const char *const plain[] = {"name", "company", "timezone", "currency",
	                                    "registered_area", NULL};
	int bad = check_str(im, in, bc, "bc_id", 1, NULL);
	for (int i = 0; plain[i] != NULL; i++)
		bad |= check_str(im, in, bc, plain[i], 0, NULL);
	bad |= check_str(im, in, bc, "type", 0, bc_types);
	bad |= check_str(im, in, bc, "status", 0, bc_statuses);
	if (!bad)
		push_item(im, V_BC, bc, in, str_field(bc, "bc_id"), NULL, NULL, NULL);
}

static void take_member(struct imp *im, const struct input *in, const cJSON *item)
{
	int bad = check_str(im, in, item, "user_id", 1, NULL);
	bad |= check_str(im, in, item, "user_email", 1, NULL);
	bad |= check_str(im, in, item, "user_name", 0, NULL);
	bad |= check_str(im, in, item, "user_role", 1, member_roles);
	bad |= check_str(im, in, item, "relation_status", 0, member_relations);
	const cJSON *ext = field(item, "ext_user_role");
	if (ext != NULL && !cJSON_IsObject(ext)) {
		err_at(im, in, ext, "'ext_user_role' must be an object");
		bad = -1;
	} else if (ext != NULL) {
		bad |= check_str(im, in, ext, "finance_role", 0, finance_roles);
	}
	if (!bad)
		push_item(im, V_MEMBER, item, in, str_field(item, "user_id"), NULL, NULL, NULL);
}

/* The item's asset_type, which must agree with the request's. */
static const char *item_type(struct imp *im, const struct input *in, const cJSON *item,
                             const char *requested)
{
	const cJSON *t = field(item, "asset_type");
	if (t == NULL) {
		if (requested == NULL)
			err_at(im, in, item, "missing 'asset_type'");
		return requested;
	}
	if (!cJSON_IsString(t)) {
		err_at(im, in, t, "'asset_type' must be a string");
		return NULL;
	}
	const char *type = check_type(im, in, t, t->valuestring);
	if (type != NULL && requested != NULL && strcmp(type, requested) != 0) {
		err_at(im, in, t, "asset_type '%s' in a response to a request for %s assets", type,
		       requested);
		return NULL;
	}
	return type;
}

static void take_asset(struct imp *im, const struct input *in, const cJSON *item,
                       const struct request *rq)
{
	const char *type = item_type(im, in, item, rq->param[0]);
	int bad = check_str(im, in, item, "asset_id", 1, NULL);
	bad |= check_str(im, in, item, "asset_name", 0, NULL);
	bad |= check_str(im, in, item, "owner_bc_name", 0, NULL);
	bad |= check_str(im, in, item, "relation_type", 0, asset_relation_types);
	bad |= check_str(im, in, item, "relation_status", 0, member_relations);
	if (!bad && type != NULL)
		push_item(im, V_ASSET, item, in, type, str_field(item, "asset_id"), NULL, NULL);
}

static void take_asset_member(struct imp *im, const struct input *in, const cJSON *item,
                              const struct request *rq)
{
	uint32_t type = (uint32_t)bclint_asset_type_from_name(rq->param[0]);
	const char *key = bclint_role_field(type);
	int bad = check_str(im, in, item, "user_id", 1, NULL);
	if (key != NULL) {
		const cJSON *role = field(item, key);
		if (role == NULL) {
			err_at(im, in, item, "missing '%s' for a %s asset", key, rq->param[0]);
			bad = -1;
		} else if (!role_ok(type, role, 0)) {
			bad_role(im, in, role, key, type, 0);
			bad = -1;
		}
	}
	if (!bad)
		push_item(im, V_ASSIGN, item, in, str_field(item, "user_id"), rq->param[0],
		          rq->param[1], NULL);
}

static void take_partner(struct imp *im, const struct input *in, const cJSON *item)
{
	int bad = check_str(im, in, item, "bc_id", 1, NULL);
	bad |= check_str(im, in, item, "bc_name", 0, NULL);
	if (!bad)
		push_item(im, V_PARTNER, item, in, str_field(item, "bc_id"), NULL, NULL, NULL);
}

static void take_partner_asset(struct imp *im, const struct input *in, const cJSON *item,
                               const struct request *rq)
{
	const char *type = item_type(im, in, item, rq->param[1]);
	int bad = check_str(im, in, item, "asset_id", 1, NULL);
	if (type == NULL)
		return;
	uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
	const char *key = t == BCLINT_ASSET_ADVERTISER ? "advertiser_role"
	                  : t == BCLINT_ASSET_CATALOG  ? "catalog_role"
	                                               : NULL;
	const cJSON *role = key ? field(item, key) : NULL;
	if (role != NULL && !role_ok(t, role, 0)) {
		bad_role(im, in, role, key, t, 0);
		bad = -1;
	}
	if (!bad)
		push_item(im, V_SHARE, item, in, rq->param[0], rq->param[2], type,
		          str_field(item, "asset_id"));
}

static void take_group_member(struct imp *im, const struct input *in, const char *gid,
                              const cJSON *m)
{
	if (!cJSON_IsObject(m)) {
		err_at(im, in, m, "an asset group member must be an object");
		return;
	}
	if (check_str(im, in, m, "member_id", 1, NULL) < 0)
		return;
	const char *mid = str_field(m, "member_id");
	const cJSON *roles = field(m, "asset_roles");
	if (roles != NULL && !cJSON_IsObject(roles)) {
		err_at(im, in, roles, "'asset_roles' must be an object");
		return;
	}
	push_item(im, V_GMEMBER, m, in, gid, mid, NULL, NULL);
	for (const cJSON *r = roles ? roles->child : NULL; r != NULL; r = r->next) {
		const char *type = check_type(im, in, r, r->string);
		if (type == NULL)
			continue;
		uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
		if (!role_ok(t, r, 1))
			bad_role(im, in, r, "asset_roles role", t, 1);
		else
			push_item(im, V_GROLE, r, in, gid, mid, type, NULL);
	}
}

static void take_group(struct imp *im, const struct input *in, const cJSON *item)
{
	const cJSON *g = field(item, "asset_group");
	if (g == NULL)
		g = item;
	if (!cJSON_IsObject(g)) {
		err_at(im, in, g, "an asset group must be an object");
		return;
	}
	if (check_str(im, in, g, "asset_group_id", 1, NULL) < 0 ||
	    check_str(im, in, g, "asset_group_name", 0, NULL) < 0)
		return;
	const char *gid = str_field(g, "asset_group_id");
	push_item(im, V_GROUP, g, in, gid, NULL, NULL, NULL);
	const cJSON *assets = field(g, "assets"), *members = field(g, "members");
	if ((assets != NULL && !cJSON_IsArray(assets)) ||
	    (members != NULL && !cJSON_IsArray(members))) {
		err_at(im, in, g, "an asset group's 'assets' and 'members' must be arrays");
		return;
	}
	for (const cJSON *a = assets ? assets->child : NULL; a != NULL; a = a->next) {
		if (!cJSON_IsObject(a)) {
			err_at(im, in, a, "an asset group asset must be an object");
			continue;
		}
		const char *type = item_type(im, in, a, NULL);
		if (check_str(im, in, a, "asset_id", 1, NULL) == 0 && type != NULL)
			push_item(im, V_GASSET, a, in, gid, type, str_field(a, "asset_id"), NULL);
	}
	for (const cJSON *m = members ? members->child : NULL; m != NULL; m = m->next)
		take_group_member(im, in, gid, m);
}

static void take_items(struct imp *im, const struct input *in, const cJSON *data,
                       const struct request *rq)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(data, "list");
	if (rq->ep == EP_GROUP && list == NULL && cJSON_IsObject(field(data, "asset_group"))) {
		take_group(im, in, data);
		return;
	}
	if (list == NULL || !cJSON_IsArray(list)) {
		err_at(im, in, list ? list : data, "a %s response needs a 'data.list' array",
		       endpoints[rq->ep].path);
		return;
	}
	if (record_page(im, in, data, rq) < 0)
		return;
	if (rq->ep == EP_ASSET_MEMBER)
		push_item(im, V_AMLIST, NULL, in, rq->param[0], rq->param[1], NULL, NULL);
	if (rq->ep == EP_PARTNER_ASSET)
		push_item(im, V_PARTNER, NULL, in, rq->param[0], NULL, NULL, NULL);
	for (const cJSON *item = list->child; item != NULL; item = item->next) {
		if (!cJSON_IsObject(item)) {
			err_at(im, in, item, "a list item must be an object");
			continue;
		}
		switch (rq->ep) {
		case EP_BC: take_bc(im, in, item); break;
		case EP_MEMBER: take_member(im, in, item); break;
		case EP_ASSET_ADMIN: take_asset(im, in, item, rq); break;
		case EP_ASSET_MEMBER: take_asset_member(im, in, item, rq); break;
		case EP_PARTNER: take_partner(im, in, item); break;
		case EP_PARTNER_ASSET: take_partner_asset(im, in, item, rq); break;
		default: take_group(im, in, item); break;
		}
	}
}

/* Parse a JSON file into in (path set); -1 after reporting. */
static int parse_file(struct imp *im, struct input *in, const char *what)
{
	struct bclint_json_error jerr;
	if (read_file(in->path, &in->text, &in->len) < 0) {
		diag(im, "error", in->path, 0, 0, "cannot read %s: %s", what, strerror(errno));
		return -1;
	}
	in->root = json_parse(in->text, in->len, &jerr);
	if (in->root == NULL) {
		uint32_t line, col;
		bclint_position_of(in->text, in->len, jerr.offset, &line, &col);
		diag(im, "error", in->path, line, col, "malformed JSON: %s", jerr.message);
		return -1;
	}
	return 0;
}

/* Read one response and take its items; -1 when the file as a whole could
 * not be used. */
static int read_response(struct imp *im, struct input *in)
{
	if (parse_file(im, in, "response") < 0)
		return -1;
	const cJSON *root = in->root;
	if (!cJSON_IsObject(root)) {
		err_at(im, in, root, "an API response must be a JSON object");
		return -1;
	}
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(root, "code");
	if (!cJSON_IsNumber(code)) {
		err_at(im, in, code ? code : root, "not an API response: no numeric 'code'");
		return -1;
	}
	if (json_number(code) != 0) {
		const char *msg = str_field(root, "message"), *rid = str_field(root, "request_id");
		err_at(im, in, code, "the API returned code %.0f: \"%s\" (request_id %s)",
		       json_number(code), msg ? msg : "", rid ? rid : "none");
		return -1;
	}
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
	if (!cJSON_IsObject(data)) {
		err_at(im, in, data ? data : root, "a successful response needs a 'data' object");
		return -1;
	}
	struct request rq;
	memset(&rq, 0, sizeof(rq));
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(root, "x_request");
	int rc = x != NULL ? request_from_object(im, in, x, &rq) : request_from_name(im, in, &rq);
	if (rc == 0 && x == NULL)
		rc = request_from_content(im, in, data, &rq);
	if (rc < 0 || check_request(im, in, &rq) < 0)
		return -1;
	take_items(im, in, data, &rq);
	return 0;
}

/* -- paging ----------------------------------------------------------- */

static int page_cmp(const void *a, const void *b)
{
	const struct page *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c != 0)
		return c;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return strcmp(x->in->path, y->in->path);
}

/* Every list must have pages 1..total_page, all agreeing on total_page. */
static void check_pages(struct imp *im)
{
	if (im->n_pages > 1)
		qsort(im->pages, im->n_pages, sizeof(*im->pages), page_cmp);
	for (size_t i = 0; i < im->n_pages;) {
		size_t j = i;
		const struct page *first = &im->pages[i];
		long want = 1;
		int bad = 0;
		for (; j < im->n_pages && strcmp(im->pages[j].key, first->key) == 0; j++) {
			const struct page *p = &im->pages[j];
			if (p->total != first->total && !bad) {
				diag(im, "error", p->in->path, 0, 0,
				     "%s: total_page is %ld here but %ld in %s", p->key, p->total,
				     first->total, first->in->path);
				bad = 1;
			}
			if (p->page > want && !bad)
				for (; want < p->page; want++)
					diag(im, "error", NULL, 0, 0, "%s: page %ld of %ld is missing",
					     p->key, want, first->total);
			if (p->page == want)
				want++;
		}
		for (; !bad && want <= first->total; want++)
			diag(im, "error", NULL, 0, 0, "%s: page %ld of %ld is missing", first->key, want,
			     first->total);
		i = j;
	}
}

/* -- merging ---------------------------------------------------------- */

/* The value of key (then sub within it) from a run of items: the first
 * one given; a different value elsewhere in the run is reported. */
static const cJSON *pick(struct imp *im, const struct item *run, size_t n, const char *key,
                         const char *sub, const char *what)
{
	const cJSON *best = NULL;
	const struct item *from = NULL;
	for (size_t i = 0; i < n; i++) {
		const cJSON *v = key ? field(run[i].node, key) : run[i].node;
		if (v != NULL && sub != NULL)
			v = field(v, sub);
		if (v == NULL || cJSON_IsNull(v))
			continue;
		if (best == NULL) {
			best = v;
			from = &run[i];
			continue;
		}
		if (cJSON_Compare(best, v, 1))
			continue;
		char *a = cJSON_PrintUnformatted(v), *b = cJSON_PrintUnformatted(best), pos[512];
		err_at(im, run[i].in, v, "%s: '%s' is %s here but %s at %s", what,
		       sub ? sub : key ? key : "the role", a ? a : "?", b ? b : "?",
		       where(from->in, best, pos, sizeof(pos)));
		free(a);
		free(b);
	}
	return best;
}

static cJSON *add(struct imp *im, cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		im->oom = 1;
		return NULL;
	}
	return item;
}

static void add_str(struct imp *im, cJSON *obj, const char *key, const char *s)
{
	if (s != NULL)
		add(im, obj, key, cJSON_CreateString(s));
}

static void add_copy(struct imp *im, cJSON *obj, const char *key, const cJSON *v)
{
	if (v != NULL)
		add(im, obj, key, cJSON_Duplicate(v, 1));
}

static void append(struct imp *im, cJSON *arr, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		im->oom = 1;
	}
}

static void merge_members(struct imp *im)
{
	const struct vec *v = &im->v[V_MEMBER];
	im->members = calloc(v->n + 1, sizeof(*im->members));
	if (im->members == NULL) {
		im->oom = 1;
		return;
	}
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const struct item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "member '%s'", run->k[0]);
		struct omember *m = &im->members[im->n_members++];
		m->obj = cJSON_CreateObject();
		m->first = run;
		m->id = run->k[0];
		m->two_step = -1;
		if (m->obj == NULL) {
			im->oom = 1;
			return;
		}
		const cJSON *email = pick(im, run, n, "user_email", NULL, what);
		m->email = email->valuestring;
		add_str(im, m->obj, "user_id", m->id);
		add_copy(im, m->obj, "user_email", email);
		add_copy(im, m->obj, "user_name", pick(im, run, n, "user_name", NULL, what));
		add_copy(im, m->obj, "user_role", pick(im, run, n, "user_role", NULL, what));
		const cJSON *fin = pick(im, run, n, "ext_user_role", "finance_role", what);
		if (fin != NULL) {
			cJSON *ext = add(im, m->obj, "ext_user_role", cJSON_CreateObject());
			if (ext != NULL)
				add_copy(im, ext, "finance_role", fin);
		}
		add_copy(im, m->obj, "relation_status",
		         pick(im, run, n, "relation_status", NULL, what));
		i += n;
	}
}

static int email_cmp(const void *a, const void *b)
{
	const struct omember *x = *(const struct omember *const *)a;
	const struct omember *y = *(const struct omember *const *)b;
	int c = strcmp(x->email, y->email);
	return c ? c : id_cmp(x->id, y->id);
}

/* Two members with one email would make the snapshot invalid. */
static void check_emails(struct imp *im)
{
	const struct omember **by = calloc(im->n_members + 1, sizeof(*by));
	if (by == NULL) {
		im->oom = 1;
		return;
	}
	for (size_t i = 0; i < im->n_members; i++)
		by[i] = &im->members[i];
	if (im->n_members > 1)
		qsort(by, im->n_members, sizeof(*by), email_cmp);
	for (size_t i = 1; i < im->n_members; i++) {
		if (strcmp(by[i]->email, by[i - 1]->email) != 0)
			continue;
		const struct item *it = by[i]->first;
		err_at(im, it->in, field(it->node, "user_email"),
		       "user_email '%s' belongs to both member '%s' and member '%s'", by[i]->email,
		       by[i - 1]->id, by[i]->id);
	}
	free(by);
}

static struct omember *find_member(const struct imp *im, const char *id)
{
	size_t lo = 0, hi = im->n_members;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = id_cmp(id, im->members[mid].id);
		if (c == 0)
			return &im->members[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int asset_key_cmp(const char *t1, const char *id1, const char *t2, const char *id2)
{
	int c = strcmp(t1, t2);
	return c ? c : id_cmp(id1, id2);
}

static struct oasset *find_asset(const struct imp *im, const char *type, const char *id)
{
	size_t lo = 0, hi = im->n_assets;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = asset_key_cmp(type, id, im->assets[mid].type, im->assets[mid].id);
		if (c == 0)
			return &im->assets[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Was the asset's /bc/asset/member/get/ list imported? */
static int has_member_list(const struct imp *im, const char *type, const char *id)
{
	const struct vec *v = &im->v[V_AMLIST];
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = asset_key_cmp(type, id, v->v[mid].k[0], v->v[mid].k[1]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static void merge_assets(struct imp *im)
{
	const struct vec *v = &im->v[V_ASSET];
	im->assets = calloc(v->n + 1, sizeof(*im->assets));
	if (im->assets == NULL) {
		im->oom = 1;
		return;
	}
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const struct item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "%s asset '%s'", run->k[0], run->k[1]);
		struct oasset *a = &im->assets[im->n_assets++];
		a->type = run->k[0];
		a->id = run->k[1];
		a->obj = cJSON_CreateObject();
		if (a->obj == NULL) {
			im->oom = 1;
			return;
		}
		add_str(im, a->obj, "asset_id", a->id);
		add_str(im, a->obj, "asset_type", a->type);
		add_copy(im, a->obj, "asset_name", pick(im, run, n, "asset_name", NULL, what));
		add_copy(im, a->obj, "relation_type", pick(im, run, n, "relation_type", NULL, what));
		add_copy(im, a->obj, "relation_status",
		         pick(im, run, n, "relation_status", NULL, what));
		a->owner_name = pick(im, run, n, "owner_bc_name", NULL, what);
		if (!has_member_list(im, a->type, a->id))
			warn_at(im, run->in, run->node,
			        "no /bc/asset/member/get/ response for %s asset '%s': its direct "
			        "assignments are not in the snapshot",
			        a->type, a->id);
		i += n;
	}
}

/* Is id a member?  If not, report it at node. */
static int known_member(struct imp *im, const struct item *it, const cJSON *node,
                        const char *id, const char *how)
{
	if (find_member(im, id) != NULL)
		return 1;
	err_at(im, it->in, node, "user '%s' %s, but is not in the /bc/member/get/ responses", id,
	       how);
	return 0;
}

static cJSON *build_assignments(struct imp *im)
{
	const struct vec *v = &im->v[V_ASSIGN];
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr != NULL && i < v->n;) {
		size_t n = run_len(v, i);
		const struct item *run = &v->v[i];
		char what[200], how[200];
		snprintf(how, sizeof(how), "can reach %s asset '%s'", run->k[1], run->k[2]);
		i += n;
		if (!known_member(im, run, field(run->node, "user_id"), run->k[0], how))
			continue;
		snprintf(what, sizeof(what), "user '%s' on %s asset '%s'", run->k[0], run->k[1],
		         run->k[2]);
		cJSON *o = cJSON_CreateObject();
		if (o == NULL)
			break;
		add_str(im, o, "user_id", run->k[0]);
		add_str(im, o, "asset_id", run->k[2]);
		add_str(im, o, "asset_type", run->k[1]);
		const char *key = bclint_role_field((uint32_t)bclint_asset_type_from_name(run->k[1]));
		if (key != NULL)
			add_copy(im, o, key, pick(im, run, n, key, NULL, what));
		append(im, arr, o);
	}
	if (arr == NULL)
		im->oom = 1;
	return arr;
}

static int cmp_key_prefix(const struct item *a, const struct item *b, int n)
{
	for (int i = 0; i < n; i++) {
		int c = id_cmp(a->k[i], b->k[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

/* Advance *cur over items of v whose first n keys equal those of ref. */
static size_t span(const struct vec *v, size_t *cur, const struct item *ref, int n)
{
	while (*cur < v->n && cmp_key_prefix(&v->v[*cur], ref, n) < 0)
		(*cur)++;
	size_t start = *cur;
	while (*cur < v->n && cmp_key_prefix(&v->v[*cur], ref, n) == 0)
		(*cur)++;
	return start;
}

static cJSON *build_group_members(struct imp *im, const struct item *g, size_t *mcur,
                                  size_t *rcur)
{
	const struct vec *mv = &im->v[V_GMEMBER], *rv = &im->v[V_GROLE];
	cJSON *arr = cJSON_CreateArray();
	size_t end = *mcur, start = span(mv, &end, g, 1);
	for (size_t i = start; arr != NULL && i < end;) {
		size_t n = run_len(mv, i);
		const struct item *m = &mv->v[i];
		char how[200];
		snprintf(how, sizeof(how), "is in asset group '%s'", g->k[0]);
		size_t rend = *rcur, rstart = span(rv, &rend, m, 2);
		*rcur = rend;
		i += n;
		if (!known_member(im, m, field(m->node, "member_id"), m->k[1], how))
			continue;
		cJSON *o = cJSON_CreateObject(), *roles = cJSON_CreateObject();
		add_str(im, o, "member_id", m->k[1]);
		for (size_t k = rstart; o != NULL && roles != NULL && k < rend;) {
			size_t rn = run_len(rv, k);
			char what[200];
			snprintf(what, sizeof(what), "member '%s' of asset group '%s'", m->k[1],
			         g->k[0]);
			add_copy(im, roles, rv->v[k].k[2], pick(im, &rv->v[k], rn, NULL, NULL, what));
			k += rn;
		}
		if (o != NULL)
			add(im, o, "asset_roles", roles);
		else
			cJSON_Delete(roles);
		append(im, arr, o);
	}
	*mcur = end;
	return arr;
}

static cJSON *build_groups(struct imp *im)
{
	const struct vec *v = &im->v[V_GROUP], *av = &im->v[V_GASSET];
	size_t acur = 0, mcur = 0, rcur = 0;
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr != NULL && i < v->n;) {
		size_t n = run_len(v, i);
		const struct item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "asset group '%s'", run->k[0]);
		cJSON *o = cJSON_CreateObject();
		append(im, arr, o);
		if (o == NULL)
			break;
		add_str(im, o, "asset_group_id", run->k[0]);
		add_copy(im, o, "asset_group_name", pick(im, run, n, "asset_group_name", NULL, what));
		cJSON *assets = add(im, o, "assets", cJSON_CreateArray());
		size_t aend = acur, astart = span(av, &aend, run, 1);
		for (size_t k = astart; assets != NULL && k < aend; k += run_len(av, k)) {
			cJSON *a = cJSON_CreateObject();
			add_str(im, a, "asset_id", av->v[k].k[2]);
			add_str(im, a, "asset_type", av->v[k].k[1]);
			append(im, assets, a);
		}
		acur = aend;
		add(im, o, "members", build_group_members(im, run, &mcur, &rcur));
		i += n;
	}
	if (arr == NULL)
		im->oom = 1;
	return arr;
}

static cJSON *build_partners(struct imp *im)
{
	const struct vec *v = &im->v[V_PARTNER], *sv = &im->v[V_SHARE];
	size_t scur = 0;
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr != NULL && i < v->n;) {
		size_t n = run_len(v, i);
		const struct item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "partner '%s'", run->k[0]);
		cJSON *o = cJSON_CreateObject();
		append(im, arr, o);
		if (o == NULL)
			break;
		add_str(im, o, "bc_id", run->k[0]);
		add_copy(im, o, "bc_name", pick(im, run, n, "bc_name", NULL, what));
		cJSON *shares = add(im, o, "shared_assets", cJSON_CreateArray());
		size_t send = scur, sstart = span(sv, &send, run, 1);
		for (size_t k = sstart; shares != NULL && k < send;) {
			size_t sn = run_len(sv, k);
			const struct item *s = &sv->v[k];
			cJSON *a = cJSON_CreateObject();
			add_str(im, a, "share_type", s->k[1]);
			add_str(im, a, "asset_type", s->k[2]);
			add_str(im, a, "asset_id", s->k[3]);
			const char *key = strcmp(s->k[2], "ADVERTISER") == 0 ? "advertiser_role"
			                  : strcmp(s->k[2], "CATALOG") == 0  ? "catalog_role"
			                                                     : NULL;
			snprintf(what, sizeof(what), "%s asset '%s' shared with partner '%s'", s->k[2],
			         s->k[3], s->k[0]);
			if (key != NULL && a != NULL)
				add_copy(im, a, key, pick(im, s, sn, key, NULL, what));
			append(im, shares, a);
			k += sn;
		}
		scur = send;
		i += n;
	}
	if (arr == NULL)
		im->oom = 1;
	return arr;
}

/* The Business Center: the one --bc-id names, or the only one listed. */
static cJSON *build_bc(struct imp *im)
{
	const struct vec *v = &im->v[V_BC];
	const struct item *run = NULL;
	size_t n = 0, count = 0;
	for (size_t i = 0; i < v->n; i += run_len(v, i)) {
		count++;
		if (im->bc_id == NULL || strcmp(v->v[i].k[0], im->bc_id) == 0) {
			run = &v->v[i];
			n = run_len(v, i);
		}
	}
	if (im->bc_id == NULL && count == 0) {
		diag(im, "error", NULL, 0, 0, "no /bc/get/ response and no --bc-id: which Business "
		                              "Center is this?");
		return NULL;
	}
	if (im->bc_id == NULL && count > 1) {
		diag(im, "error", NULL, 0, 0, "the /bc/get/ responses list %zu Business Centers: "
		                              "choose one with --bc-id", count);
		return NULL;
	}
	if (im->bc_id != NULL && run == NULL && count > 0) {
		diag(im, "error", NULL, 0, 0, "Business Center '%s' is not in the /bc/get/ responses",
		     im->bc_id);
		return NULL;
	}
	static const char *const keys[] = {"name", "company", "type", "status", "timezone",
	                                   "currency", "registered_area", NULL};
	cJSON *bc = cJSON_CreateObject();
	if (bc == NULL) {
		im->oom = 1;
		return NULL;
	}
	add_str(im, bc, "bc_id", run ? run->k[0] : im->bc_id);
	for (int k = 0; run != NULL && keys[k] != NULL; k++)
		add_copy(im, bc, keys[k], pick(im, run, n, keys[k], NULL, "the Business Center"));
	return bc;
}

/* -- extras ----------------------------------------------------------- */

/* One row of the extras, from CSV or JSON, with its position. */
struct xrow {
	uint32_t line, col;
	const char *user_id, *email, *invited, *login, *asset_id, *asset_type, *owner;
	int two_step;
};

static void apply_row(struct imp *im, const char *path, const struct xrow *r)
{
	if (r->user_id != NULL || r->email != NULL) {
		struct omember *m = r->user_id ? find_member(im, r->user_id) : NULL;
		for (size_t i = 0; m == NULL && r->user_id == NULL && i < im->n_members; i++)
			if (strcasecmp(im->members[i].email, r->email) == 0)
				m = &im->members[i];
		if (m == NULL) {
			diag(im, "warning", path, r->line, r->col, "no member has %s '%s'",
			     r->user_id ? "user_id" : "user_email", r->user_id ? r->user_id : r->email);
		} else {
			if (r->invited != NULL)
				m->invited = r->invited;
			if (r->login != NULL)
				m->login = r->login;
			if (r->two_step >= 0)
				m->two_step = r->two_step;
		}
	}
	if (r->asset_id != NULL) {
		int found = 0;
		for (size_t i = 0; i < im->n_assets; i++) {
			struct oasset *a = &im->assets[i];
			if (id_cmp(a->id, r->asset_id) != 0 ||
			    (r->asset_type != NULL && strcmp(a->type, r->asset_type) != 0))
				continue;
			found = 1;
			if (r->owner != NULL)
				a->owner_id = r->owner;
		}
		if (!found)
			diag(im, "warning", path, r->line, r->col, "no asset has asset_id '%s'%s%s",
			     r->asset_id, r->asset_type ? " and asset_type " : "",
			     r->asset_type ? r->asset_type : "");
	}
}

static void add_domain(struct imp *im, const char *d)
{
	for (size_t i = 0; i < im->n_domains; i++)
		if (strcasecmp(im->domains[i], d) == 0)
			return;
	const char **p = realloc(im->domains, (im->n_domains + 1) * sizeof(*p));
	if (p == NULL) {
		im->oom = 1;
		return;
	}
	im->domains = p;
	im->domains[im->n_domains++] = d;
}

static int check_time(struct imp *im, const char *path, uint32_t line, uint32_t col,
                      const char *key, const char *s)
{
	bclint_time t;
	if (s == NULL || bclint_parse_time(s, &t) == 0)
		return 0;
	diag(im, "error", path, line, col, "'%s' is not an RFC 3339 timestamp: '%s'", key, s);
	return -1;
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "1", NULL}, *const no[] = {"false", "no",
	                                                                             "0", NULL};
	for (int i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Extras as JSON: {"members": [...], "assets": [...], "x_allowed_email_domains": [...]}. */
static void extras_json(struct imp *im, struct input *in)
{
	const cJSON *root = in->root;
	if (!cJSON_IsObject(root)) {
		err_at(im, in, root, "the extras must be a JSON object");
		return;
	}
	static const char *const arrays[] = {"members", "assets", "x_allowed_email_domains", NULL};
	for (int k = 0; arrays[k] != NULL; k++) {
		const cJSON *a = field(root, arrays[k]);
		if (a != NULL && !cJSON_IsArray(a)) {
			err_at(im, in, a, "'%s' must be an array", arrays[k]);
			return;
		}
	}
	const cJSON *doms = field(root, "x_allowed_email_domains");
	im->has_domains |= doms != NULL;
	for (const cJSON *d = doms ? doms->child : NULL; d != NULL; d = d->next) {
		if (cJSON_IsString(d) && d->valuestring[0] != '\0')
			add_domain(im, d->valuestring);
		else
			err_at(im, in, d, "an email domain must be a non-empty string");
	}
	for (int k = 0; k < 2; k++) {
		const cJSON *a = field(root, arrays[k]);
		for (const cJSON *o = a ? a->child : NULL; o != NULL; o = o->next) {
			struct xrow r;
			memset(&r, 0, sizeof(r));
			r.two_step = -1;
			bclint_position_of(in->text, in->len, json_start(o), &r.line, &r.col);
			if (!cJSON_IsObject(o)) {
				err_at(im, in, o, "an extras row must be an object");
				continue;
			}
			static const char *const mkeys[] = {"user_id", "user_email", "x_invited_at",
			                                    "x_last_login_at", NULL};
			static const char *const akeys[] = {"asset_id", "asset_type", "owner_bc_id",
			                                    NULL};
			const char *const *keys = k == 0 ? mkeys : akeys;
			const char **dst[2][4] = {{&r.user_id, &r.email, &r.invited, &r.login},
			                          {&r.asset_id, &r.asset_type, &r.owner, NULL}};
			int bad = 0;
			for (int j = 0; keys[j] != NULL; j++) {
				bad |= check_str(im, in, o, keys[j], 0, NULL);
				*dst[k][j] = str_field(o, keys[j]);
			}
			if (k == 0) {
				const cJSON *ts = field(o, "x_two_step_enabled");
				if (ts != NULL && !cJSON_IsBool(ts)) {
					err_at(im, in, ts, "'x_two_step_enabled' must be true or false");
					bad = -1;
				}
				r.two_step = ts ? cJSON_IsTrue(ts) : -1;
				for (int j = 2; j < 4; j++)
					if (check_time(im, in->path, r.line, r.col, keys[j], *dst[0][j]))
						bad = -1;
				if (r.user_id == NULL && r.email == NULL) {
					err_at(im, in, o, "a member row needs 'user_id' or 'user_email'");
					bad = -1;
				}
			} else if (r.asset_id == NULL) {
				err_at(im, in, o, "an asset row needs 'asset_id'");
				bad = -1;
			} else if (r.asset_type != NULL &&
			           check_type(im, in, field(o, "asset_type"), r.asset_type) == NULL) {
				bad = -1;
			}
			if (!bad)
				apply_row(im, in->path, &r);
		}
	}
}

/* Split one CSV record (RFC 4180 quoting) off *p into the arena. */
static int csv_record(struct imp *im, const char **p, const char *end, char **cells, int max,
                      int *n, uint32_t *line)
{
	*n = 0;
	for (;;) {
		struct bclint_buf b = {0};
		const char *s = *p;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					free(b.data);
					return -1;
				}
				if (*s == '"' && s + 1 < end && s[1] == '"') {
					bclint_buf_putc(&b, '"');
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					*line += *s == '\n';
					bclint_buf_putc(&b, *s++);
				}
			}
			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
		} else {
			const char *e = s;
			while (e < end && *e != ',' && *e != '\n' && *e != '\r')
				e++;
			const char *t = e;
			while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
				t--;
			bclint_buf_add(&b, s, (size_t)(t - s));
			s = e;
		}
		char *cell = bclint_arena_strdup(&im->arena, b.data ? b.data : "");
		free(b.data);
		if (cell == NULL || b.oom) {
			im->oom = 1;
			return -1;
		}
		if (*n < max)
			cells[(*n)++] = cell;
		if (s < end && *s == ',') {
			*p = s + 1;
			continue;
		}
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
		*p = s;
		return 0;
	}
}

enum { C_USER_ID, C_EMAIL, C_INVITED, C_LOGIN, C_TWO_STEP, C_ASSET_ID, C_ASSET_TYPE, C_OWNER,
       C_DOMAINS, C_N };
static const char *const csv_columns[C_N] = {
	"user_id", "user_email", "x_invited_at", "x_last_login_at", "x_two_step_enabled",
	"asset_id", "asset_type", "owner_bc_id", "x_allowed_email_domains"};

static void csv_row(struct imp *im, const char *path, uint32_t line, char **cells, int n,
                    const int *col)
{
	const char *v[C_N];
	int blank = 1;
	for (int c = 0; c < C_N; c++) {
		v[c] = col[c] >= 0 && col[c] < n && cells[col[c]][0] ? cells[col[c]] : NULL;
		blank &= v[c] == NULL;
	}
	if (blank)
		return;
	struct xrow r = {line, 1, v[C_USER_ID], v[C_EMAIL], v[C_INVITED], v[C_LOGIN],
	                 v[C_ASSET_ID], v[C_ASSET_TYPE], v[C_OWNER], -1};
	int bad = check_time(im, path, line, 1, "x_invited_at", r.invited) |
	          check_time(im, path, line, 1, "x_last_login_at", r.login);
	if (v[C_TWO_STEP] != NULL && (r.two_step = parse_bool(v[C_TWO_STEP])) < 0) {
		diag(im, "error", path, line, 1, "'x_two_step_enabled' must be true or false, not '%s'",
		     v[C_TWO_STEP]);
		bad = -1;
	}
	if (r.asset_type != NULL && bclint_asset_type_from_name(r.asset_type) < 0) {
		diag(im, "error", path, line, 1, "unknown asset type '%s'", r.asset_type);
		bad = -1;
	}
	for (char *d = v[C_DOMAINS] ? (char *)v[C_DOMAINS] : NULL, *save = NULL,
	          *t = d ? strtok_r(d, " ;,", &save) : NULL;
	     t != NULL; t = strtok_r(NULL, " ;,", &save))
		add_domain(im, t);
	if (!bad)
		apply_row(im, path, &r);
}

/* Extras as CSV: a header row names the columns (csv_columns; others are
 * ignored), then one row per member or asset. */
static void extras_csv(struct imp *im, struct input *in)
{
	const char *p = in->text, *end = in->text + in->len;
	char *cells[64];
	int n, col[C_N], header = 1;
	uint32_t line = 1;
	if (in->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		uint32_t start = line++;
		if (csv_record(im, &p, end, cells, 64, &n, &line) < 0) {
			diag(im, "error", in->path, start, 1, "unterminated quoted field");
			return;
		}
		if (n == 1 && cells[0][0] == '\0')
			continue;
		if (!header) {
			csv_row(im, in->path, start, cells, n, col);
			continue;
		}
		header = 0;
		int any = 0;
		for (int c = 0; c < C_N; c++) {
			col[c] = -1;
			for (int k = 0; k < n && col[c] < 0; k++)
				if (strcmp(cells[k], csv_columns[c]) == 0)
					col[c] = k;
		}
		any = col[C_USER_ID] >= 0 || col[C_EMAIL] >= 0 || col[C_ASSET_ID] >= 0 ||
		      col[C_DOMAINS] >= 0;
		if (!any) {
			diag(im, "error", in->path, start, 1,
			     "the header row names none of user_id, user_email, asset_id, "
			     "x_allowed_email_domains");
			return;
		}
		im->has_domains |= col[C_DOMAINS] >= 0;
	}
}

static void read_extras(struct imp *im)
{
	struct input *in = &im->side[0];
	in->path = (char *)im->extras;
	if (read_file(in->path, &in->text, &in->len) < 0) {
		diag(im, "error", in->path, 0, 0, "cannot read extras: %s", strerror(errno));
		return;
	}
	const char *s = in->text;
	while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
		s++;
	if (*s != '{' && *s != '[') {
		extras_csv(im, in);
		return;
	}
	free(in->text);
	in->text = NULL;
	if (parse_file(im, in, "extras") == 0)
		extras_json(im, in);
}

/* -- the plan ----------------------------------------------------------- */

static void plan_need(struct imp *im, const struct input *in, const cJSON *n)
{
	if (!cJSON_IsObject(n)) {
		err_at(im, in, n, "a need must be an object");
		return;
	}
	if (check_str(im, in, n, "user_id", 1, NULL) | check_str(im, in, n, "action", 1, NULL) |
	    check_str(im, in, n, "asset_id", 0, NULL) | check_str(im, in, n, "x_note", 0, NULL) |
	    check_str(im, in, n, "asset_type", 0, NULL))
		return;
	const char *uid = str_field(n, "user_id"), *act = str_field(n, "action");
	const char *aid = str_field(n, "asset_id"), *type = str_field(n, "asset_type");
	int bad = 0;
	if (find_member(im, uid) == NULL) {
		err_at(im, in, field(n, "user_id"),
		       "user_id '%s' is not a member of the imported Business Center", uid);
		bad = 1;
	}
	const struct bclint_action *a = bclint_action_find(act);
	if (a == NULL) {
		err_at(im, in, field(n, "action"), "unknown action '%s'", act);
		return;
	}
	if (type != NULL && (type = check_type(im, in, field(n, "asset_type"), type)) == NULL)
		return;
	if (a->scope == BCLINT_SCOPE_BC_ROLE || a->scope == BCLINT_SCOPE_FINANCE) {
		if (aid != NULL || type != NULL) {
			err_at(im, in, field(n, aid ? "asset_id" : "asset_type"),
			       "%s is a Business Center action: it takes no asset", act);
			return;
		}
	} else if ((aid == NULL) != (type == NULL) ||
	           (a->scope == BCLINT_SCOPE_ASSET && aid == NULL)) {
		err_at(im, in, n, "%s needs both 'asset_id' and 'asset_type'", act);
		return;
	} else if (type != NULL) {
		uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
		if ((a->types & (1u << t)) == 0) {
			err_at(im, in, field(n, "asset_type"), "%s does not apply to %s assets", act,
			       type);
			return;
		}
		if (find_asset(im, type, aid) == NULL) {
			err_at(im, in, field(n, "asset_id"),
			       "%s asset '%s' is not among the imported assets", type, aid);
			return;
		}
	}
	if (bad)
		return;
	cJSON *o = cJSON_CreateObject();
	static const char *const keys[] = {"user_id", "action", "asset_id", "asset_type",
	                                   "x_note", NULL};
	for (int k = 0; o != NULL && keys[k] != NULL; k++)
		add_copy(im, o, keys[k], field(n, keys[k]));
	append(im, im->needs, o);
}

static void read_plan(struct imp *im)
{
	struct input *in = &im->side[1];
	in->path = (char *)im->plan;
	if (parse_file(im, in, "plan") < 0)
		return;
	const cJSON *list = in->root;
	if (cJSON_IsObject(list))
		list = field(list, "needs");
	if (!cJSON_IsArray(list)) {
		err_at(im, in, list ? list : in->root,
		       "a plan must be an array of needs or an object with a 'needs' array");
		return;
	}
	for (const cJSON *n = list->child; n != NULL; n = n->next)
		plan_need(im, in, n);
}

/* -- output ----------------------------------------------------------- */

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

/* Add the extras to members and assets, in the snapshot's field order. */
static void finish_entities(struct imp *im, cJSON *members, cJSON *assets)
{
	for (size_t i = 0; i < im->n_members; i++) {
		struct omember *m = &im->members[i];
		add_str(im, m->obj, "x_invited_at", m->invited);
		add_str(im, m->obj, "x_last_login_at", m->login);
		if (m->two_step >= 0)
			add(im, m->obj, "x_two_step_enabled", cJSON_CreateBool(m->two_step));
		append(im, members, m->obj);
		m->obj = NULL;
	}
	for (size_t i = 0; i < im->n_assets; i++) {
		struct oasset *a = &im->assets[i];
		add_str(im, a->obj, "owner_bc_id", a->owner_id);
		add_copy(im, a->obj, "owner_bc_name", a->owner_name);
		append(im, assets, a->obj);
		a->obj = NULL;
	}
}

/* Whatever import writes must load: run the snapshot loader over it. */
static int self_check(struct imp *im, const char *text, size_t len)
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
		diag(im, "error", NULL, 0, 0, "the snapshot built fails its own check at %s: %s",
		     bclint_ref_pointer(&f->ref, ptr), f->message);
	}
	if (s == NULL && r.n_findings == 0)
		im->oom = 1;
	bclint_snapshot_free(s);
	bclint_report_free(&r);
	return rc;
}

static int write_snapshot(struct imp *im, cJSON *bc, cJSON *assignments, cJSON *groups,
                          cJSON *partners)
{
	cJSON *root = cJSON_CreateObject();
	int rc = -1;
	if (root == NULL) {
		cJSON_Delete(bc);
		cJSON_Delete(assignments);
		cJSON_Delete(groups);
		cJSON_Delete(partners);
		im->oom = 1;
		return -1;
	}
	add_str(im, root, "schema", "bclint-snapshot/1");
	add_str(im, root, "captured_at", im->captured_at);
	add(im, root, "bc", bc);
	if (bc != NULL && im->has_domains) {
		cJSON *d = add(im, bc, "x_allowed_email_domains", cJSON_CreateArray());
		for (size_t i = 0; d != NULL && i < im->n_domains; i++)
			append(im, d, cJSON_CreateString(im->domains[i]));
	}
	cJSON *members = add(im, root, "members", cJSON_CreateArray());
	cJSON *assets = add(im, root, "assets", cJSON_CreateArray());
	if (members != NULL && assets != NULL)
		finish_entities(im, members, assets);
	add(im, root, "assignments", assignments);
	add(im, root, "asset_groups", groups);
	add(im, root, "partners", partners);
	add(im, root, "needs", im->needs);
	im->needs = NULL;
	struct bclint_buf b = {0};
	print_json(&b, root, 0);
	bclint_buf_putc(&b, '\n');
	cJSON_Delete(root);
	if (b.oom || im->oom) {
		im->oom = 1;
	} else if (self_check(im, b.data, b.len) == 0 &&
	           bclint_write_output(im->output, b.data, b.len, &diag_sink) == 0) {
		rc = 0;
	}
	free(b.data);
	return rc;
}

/* -- the command ------------------------------------------------------ */

static const char help[] =
	"Build a bclint snapshot from saved TikTok Business API responses (files, or\n"
	"directories whose *.json files are read).\n"
	"\n"
	"      --bc-id=ID             the Business Center (needed when the /bc/get/\n"
	"                             responses list several, or there are none)\n"
	"      --extras=FILE          CSV or JSON with what the API does not return\n"
	"      --plan=FILE            JSON needs (the access plan) to merge in\n"
	"      --captured-at=TIME     the snapshot's captured_at (RFC 3339)\n"
	"  -o, --output=FILE          write the snapshot to FILE (default: standard output)\n"
	"\n"
	"Exit status: 0 written, 2 a usage error or a bad response.  See bclint-import(1).\n";

#define usage_error(...) bclint_usage_error(&bclint_cmd_import, __VA_ARGS__)

static int parse_args(struct imp *im, int argc, char **argv)
{
	enum { OPT_BC_ID = 256, OPT_EXTRAS, OPT_PLAN, OPT_CAPTURED_AT, OPT_HELP };
	static const struct option opts[] = {
		{"bc-id", required_argument, NULL, OPT_BC_ID},
		{"extras", required_argument, NULL, OPT_EXTRAS},
		{"plan", required_argument, NULL, OPT_PLAN},
		{"captured-at", required_argument, NULL, OPT_CAPTURED_AT},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	static char prog[] = "bclint import";
	int ch;
	bclint_time t;
	argv[0] = prog; /* for getopt's messages */
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_BC_ID:
			if (*optarg == '\0')
				return usage_error("%s", "--bc-id must not be empty");
			im->bc_id = optarg;
			break;
		case OPT_EXTRAS: im->extras = optarg; break;
		case OPT_PLAN: im->plan = optarg; break;
		case OPT_CAPTURED_AT:
			if (bclint_parse_time(optarg, &t) < 0)
				return usage_error("invalid --captured-at '%s' (an RFC 3339 timestamp)",
				                   optarg);
			im->captured_at = optarg;
			break;
		case 'o': im->output = optarg; break;
		case OPT_HELP: bclint_cmd_help(&bclint_cmd_import); return -1;
		default:
			fputs("Try 'bclint import --help' for more information.\n", stderr);
			return BCLINT_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no response given");
	return 0;
}

static void imp_free(struct imp *im)
{
	for (size_t i = 0; i < im->n_in; i++) {
		free(im->in[i].path);
		free(im->in[i].text);
		cJSON_Delete(im->in[i].root);
	}
	for (int k = 0; k < 2; k++) {
		free(im->side[k].text);
		cJSON_Delete(im->side[k].root);
	}
	for (size_t i = 0; i < im->n_members; i++)
		cJSON_Delete(im->members[i].obj);
	for (size_t i = 0; i < im->n_assets; i++)
		cJSON_Delete(im->assets[i].obj);
	for (int k = 0; k < V_N; k++)
		free(im->v[k].v);
	cJSON_Delete(im->needs);
	free(im->in);
	free(im->pages);
	free(im->members);
	free(im->assets);
	free(im->domains);
	bclint_arena_free(&im->arena);
}

static int import_run(struct imp *im, int argc, char **argv)
{
	for (int i = optind; i < argc; i++)
		if (add_path(im, argv[i]) < 0)
			return -1;
	if (im->n_in > 1)
		qsort(im->in, im->n_in, sizeof(*im->in), input_cmp);
	size_t n = 0;
	for (size_t i = 0; i < im->n_in; i++) {
		if (n > 0 && strcmp(im->in[n - 1].path, im->in[i].path) == 0) {
			free(im->in[i].path);
			continue;
		}
		im->in[n++] = im->in[i];
	}
	im->n_in = n;
	int unusable = 0;
	for (size_t i = 0; i < im->n_in; i++)
		unusable += read_response(im, &im->in[i]) < 0;
	check_pages(im);
	/* Without a whole response, what follows would only be noise. */
	if (unusable > 0)
		return -1;
	for (int k = 0; k < V_N; k++)
		if (im->v[k].n > 1) /* an empty list may have no array at all */
			qsort(im->v[k].v, im->v[k].n, sizeof(struct item), item_cmp);
	if (im->v[V_MEMBER].n == 0 && im->errors == 0)
		diag(im, "warning", NULL, 0, 0, "no /bc/member/get/ response: the snapshot has no "
		                                "members");
	merge_members(im);
	check_emails(im);
	merge_assets(im);
	cJSON *bc = build_bc(im);
	if (im->extras != NULL)
		read_extras(im);
	cJSON *assignments = build_assignments(im);
	cJSON *groups = build_groups(im);
	cJSON *partners = build_partners(im);
	im->needs = cJSON_CreateArray();
	if (im->needs == NULL)
		im->oom = 1;
	else if (im->plan != NULL)
		read_plan(im);
	if (im->errors > 0 || im->oom) {
		cJSON_Delete(bc);
		cJSON_Delete(assignments);
		cJSON_Delete(groups);
		cJSON_Delete(partners);
		return -1;
	}
	return write_snapshot(im, bc, assignments, groups, partners);
}

static int import_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	(void)self;
	struct imp im;
	memset(&im, 0, sizeof(im));
	int rc = parse_args(&im, argc, argv);
	if (rc == 0)
		rc = import_run(&im, argc, argv) == 0 ? 0 : BCLINT_EXIT_USAGE;
	else if (rc < 0)
		rc = 0;
	if (im.oom)
		fputs("bclint: error: out of memory\n", stderr);
	if (im.errors > 0 && rc == 0)
		rc = BCLINT_EXIT_USAGE;
	imp_free(&im);
	return rc;
}

const struct bclint_cmd bclint_cmd_import = {
	"import", "bclint", "[OPTION]... RESPONSE...", help, "o:", NULL, import_exec,
};
