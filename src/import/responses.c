/* Reading the responses: files and directories, the envelope of each
 * response, which endpoint (and which request parameters) it answers --
 * from an x_request object, the file name or the shape of its data --
 * and the paging of every list. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bclint/plugin.h>

#include "import/import.h"

const struct bclint_import_endpoint bclint_import_endpoints[BCLINT_EP_N] = {
        {"bc", "/bc/get/", 0, 0, {NULL}, "bc.pN.json"},
        {"member", "/bc/member/get/", 0, 0, {NULL}, "member.pN.json"},
        {"asset_admin",
         "/bc/asset/admin/get/",
         1,
         1,
         {"asset_type"},
         "asset_admin.ASSET_TYPE.pN.json"},
        {"asset_member",
         "/bc/asset/member/get/",
         2,
         2,
         {"asset_type", "asset_id"},
         "asset_member.ASSET_TYPE.ASSET_ID.pN.json"},
        {"partner", "/bc/partner/get/", 0, 0, {NULL}, "partner.pN.json"},
        {"partner_asset",
         "/bc/partner/asset/get/",
         3,
         3,
         {"partner_id", "asset_type", "share_type"},
         "partner_asset.PARTNER_ID.ASSET_TYPE.SHARE_TYPE.pN.json"},
        {"asset_group",
         "/bc/asset_group/get/",
         0,
         2,
         {"asset_group_id", "query_entity"},
         "asset_group[.ASSET_GROUP_ID[.QUERY_ENTITY]].pN.json"},
        {"asset_group_list", "/bc/asset_group/list/", 0, 0, {NULL}, "asset_group_list.pN.json"},
        {"changelog", "/changelog/get/", 0, 0, {NULL}, "changelog.pN.json"},
};

static const char *const share_types[] = {"SHARED", "SHARING", NULL};
static const char *const query_entities[] = {"ASSET", "MEMBER", NULL};

#define E BCLINT_LEVEL_ERROR

/* -- the files ------------------------------------------------------------ */

static int add_input(struct bclint_import *im, const char *path)
{
	if (bclint_import_grow(im, &im->in, &im->cap_in, im->n_in, sizeof(*im->in)) < 0)
		return -1;
	struct bclint_import_input *in = &im->in[im->n_in];
	memset(in, 0, sizeof(*in));
	in->path = strdup(path);
	if (in->path == NULL) {
		im->oom = 1;
		return -1;
	}
	im->n_in++;
	return 0;
}

static int ends_with_json(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

int bclint_import_add_path(struct bclint_import *im, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return add_input(im, path);
	DIR *d = opendir(path);
	if (d == NULL) {
		bclint_import_diag(im, E, path, 0, 0, "cannot read directory: %s", strerror(errno));
		return 0;
	}
	struct dirent *e;
	size_t found = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !ends_with_json(e->d_name))
			continue;
		char *p = bclint_arena_printf(&im->arena, "%s%s%s", path,
		                              path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
		if (p == NULL || add_input(im, p) < 0) {
			im->oom = 1;
			closedir(d);
			return -1;
		}
		found++;
	}
	closedir(d);
	if (found == 0)
		bclint_import_diag(im, BCLINT_LEVEL_WARNING, path, 0, 0,
		                   "no *.json file in this directory");
	return 0;
}

static int input_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bclint_import_input *)a)->path,
	              ((const struct bclint_import_input *)b)->path);
}

void bclint_import_sort_inputs(struct bclint_import *im)
{
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
}

/* -- which request a response answers ------------------------------------ */

/* From the file name, when it follows the convention: 1 (recognised), 0
 * (not a conventional name) or -1. */
static int request_from_name(struct bclint_import *im, const struct bclint_import_input *in,
                             struct bclint_import_request *rq)
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
	if (n > 1 && part[n - 1][0] == 'p' && bclint_import_all_digits(part[n - 1] + 1))
		n--;
	int ep = 0;
	while (ep < BCLINT_EP_N && strcmp(part[0], bclint_import_endpoints[ep].name) != 0)
		ep++;
	if (ep == BCLINT_EP_N)
		return 0;
	const struct bclint_import_endpoint *e = &bclint_import_endpoints[ep];
	int bad = n - 1 < e->min || n - 1 > e->max;
	for (int i = 1; i < n && !bad; i++)
		bad = part[i][0] == '\0';
	if (bad) {
		bclint_import_diag(im, E, in->path, 0, 0, "a %s response file must be named %s",
		                   e->path, e->pattern);
		return -1;
	}
	rq->ep = ep;
	for (int i = 1; i < n; i++)
		rq->param[i - 1] = part[i];
	return 1;
}

/* Does the endpoint named in an x_request mean e (the path, after any
 * base such as /open_api/v1.3)? */
static int names_endpoint(const char *path, const struct bclint_import_endpoint *e)
{
	size_t n = strlen(path), m = strlen(e->path);
	return n >= m && strcmp(path + n - m, e->path) == 0;
}

/* From an "x_request" object in the response. */
static int request_from_object(struct bclint_import *im, struct bclint_import_input *in,
                               const struct bclint_jv *x, struct bclint_import_request *rq)
{
	const char *path = bclint_import_str_field(im, in, x, "endpoint");
	if (x->type != BCLINT_JOBJECT || path == NULL) {
		bclint_import_err(im, in, x,
		                  "'x_request' must be an object with an 'endpoint' string");
		return -1;
	}
	int ep = 0;
	while (ep < BCLINT_EP_N && !names_endpoint(path, &bclint_import_endpoints[ep]))
		ep++;
	if (ep == BCLINT_EP_N) {
		bclint_import_err(im, in, bclint_import_field(in, x, "endpoint"),
		                  "bclint import does not read responses of '%s'", path);
		return -1;
	}
	rq->ep = ep;
	rq->node = x;
	const struct bclint_import_endpoint *e = &bclint_import_endpoints[ep];
	for (int i = 0; i < e->max; i++) {
		const struct bclint_jv *v = bclint_import_field(in, x, e->params[i]);
		const char *s = bclint_import_string(im, in, v);
		if (v == NULL && i < e->min) {
			bclint_import_err(im, in, x, "'x_request' of a %s response needs '%s'",
			                  e->path, e->params[i]);
			return -1;
		}
		if (v != NULL && (s == NULL || s[0] == '\0')) {
			bclint_import_err(im, in, v, "'%s' must be a non-empty string",
			                  e->params[i]);
			return -1;
		}
		rq->param[i] = s;
	}
	return 0;
}

/* Role fields count even when null: the API sends them so. */
static int has_role_field(const struct bclint_import_input *in, const struct bclint_jv *item)
{
	static const char *const keys[] = {
	        "advertiser_role",  "catalog_role",           "store_role", "form_library_role",
	        "tt_account_roles", "business_account_roles", NULL};
	for (int i = 0; keys[i] != NULL; i++)
		if (bclint_import_member(in, item, keys[i]) != NULL)
			return 1;
	return 0;
}

/* The endpoint a shape of data means, or NULL with *hint saying why none. */
static void shape(const struct bclint_import_input *in, const struct bclint_jv *data,
                  const struct bclint_jv *item, struct bclint_import_request *rq, const char **hint)
{
	const struct bclint_jv *list = bclint_import_member(in, data, "list");
#define HAS(key) (bclint_import_field(in, item, key) != NULL)
	int obj = item != NULL && item->type == BCLINT_JOBJECT;
	const struct bclint_jv *g = bclint_import_field(in, data, "asset_group");
	const struct bclint_jv *changes = bclint_import_field(in, data, "changelog_list");
	if (changes != NULL && changes->type == BCLINT_JARRAY)
		rq->ep = BCLINT_EP_CHANGELOG;
	else if ((g != NULL && g->type == BCLINT_JOBJECT) ||
	         (obj && !HAS("bc_info") && (HAS("asset_group") || HAS("asset_group_id"))))
		rq->ep = BCLINT_EP_GROUP;
	else if (!obj)
		*hint = list && list->type == BCLINT_JARRAY ? "its list is empty"
		                                            : "it has no data.list";
	else if (HAS("bc_info"))
		rq->ep = BCLINT_EP_BC;
	else if (HAS("user_role"))
		rq->ep = BCLINT_EP_MEMBER;
	else if (HAS("user_id"))
		*hint = "a /bc/asset/member/get/ response does not say which asset it is about";
	else if (HAS("asset_id") && has_role_field(in, item))
		*hint = "a /bc/partner/asset/get/ response does not say which partner it is about";
	else if (HAS("asset_id"))
		rq->ep = BCLINT_EP_ASSET_ADMIN;
	else if (HAS("bc_id"))
		rq->ep = BCLINT_EP_PARTNER;
	else
		*hint = "its items have none of the fields bclint import knows";
#undef HAS
}

/* From the shape of its data. */
static int request_from_content(struct bclint_import *im, struct bclint_import_input *in,
                                const struct bclint_jv *data, struct bclint_import_request *rq)
{
	const struct bclint_jv *list = bclint_import_member(in, data, "list");
	const struct bclint_jv *item = list && list->type == BCLINT_JARRAY ? list->child : NULL;
	const char *hint = NULL;
	shape(in, data, item, rq, &hint);
	if (hint != NULL) {
		bclint_import_diag(
		        im, E, in->path, 0, 0,
		        "cannot tell which endpoint this response is from (%s): name the file as "
		        "bclint-import(1) describes, e.g. asset_member.ASSET_TYPE.ASSET_ID.pN.json, or "
		        "add an 'x_request' object",
		        hint);
		return -1;
	}
	if (rq->ep == BCLINT_EP_ASSET_ADMIN) {
		const struct bclint_jv *t = bclint_import_field(in, item, "asset_type");
		const char *s = bclint_import_string(im, in, t);
		if (s == NULL) {
			bclint_import_err(im, in, item, "missing 'asset_type'");
			return -1;
		}
		rq->param[0] = bclint_import_check_type(im, in, t, s);
		if (rq->param[0] == NULL)
			return -1;
	}
	return 0;
}

/* Check the request parameters' values. */
static int check_request(struct bclint_import *im, struct bclint_import_input *in,
                         struct bclint_import_request *rq)
{
	const struct bclint_import_endpoint *e = &bclint_import_endpoints[rq->ep];
	char list[128];
	for (int i = 0; i < e->max; i++) {
		const char *p = rq->param[i], *name = e->params[i];
		const struct bclint_jv *node =
		        rq->node ? bclint_import_field(in, rq->node, name) : NULL;
		if (p == NULL)
			continue;
		if (strcmp(name, "asset_type") == 0) {
			if ((rq->param[i] = bclint_import_check_type(im, in, node, p)) == NULL)
				return -1;
			continue;
		}
		const char *const *names = strcmp(name, "share_type") == 0     ? share_types
		                           : strcmp(name, "query_entity") == 0 ? query_entities
		                                                               : NULL;
		if (names == NULL || bclint_import_in_list(p, names))
			continue;
		bclint_import_list_names(names, list, sizeof(list));
		if (node != NULL)
			bclint_import_err(im, in, node, "unknown %s '%s': expected %s", name, p,
			                  list);
		else
			bclint_import_diag(im, E, in->path, 0, 0,
			                   "unknown %s '%s' in the file name: expected %s", name, p,
			                   list);
		return -1;
	}
	return 0;
}

/* -- paging ----------------------------------------------------------------- */

/* The list's paging key: the endpoint and its parameters. */
static const char *page_key(struct bclint_import *im, const struct bclint_import_request *rq)
{
	const struct bclint_import_endpoint *e = &bclint_import_endpoints[rq->ep];
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

static int page_number(const struct bclint_import_input *in, const struct bclint_jv *pi,
                       const char *key, long *out)
{
	const struct bclint_jv *v = bclint_import_field(in, pi, key);
	long long n;
	if (bclint_jv_integer(in->doc.text, v, 0, 1000000000, &n) < 0)
		return -1;
	*out = (long)n;
	return 0;
}

static int record_page(struct bclint_import *im, struct bclint_import_input *in,
                       const struct bclint_jv *data, const struct bclint_import_request *rq)
{
	const struct bclint_jv *pi = bclint_import_member(in, data, "page_info");
	struct bclint_import_page pg = {page_key(im, rq), 1, 1, in};
	if (pg.key == NULL)
		return -1;
	if (pi != NULL) {
		if (page_number(in, pi, "page", &pg.page) < 0 || pg.page < 1 ||
		    page_number(in, pi, "total_page", &pg.total) < 0) {
			bclint_import_err(im, in, pi,
			                  "'page_info' must have whole numbers 'page' (from "
			                  "1) and 'total_page'");
			return -1;
		}
		if (pg.page > (pg.total > 0 ? pg.total : 1)) {
			bclint_import_err(im, in, pi, "page %ld of %ld: the page is past the end",
			                  pg.page, pg.total);
			return -1;
		}
	}
	if (bclint_import_grow(im, &im->pages, &im->cap_pages, im->n_pages, sizeof(pg)) < 0)
		return -1;
	im->pages[im->n_pages++] = pg;
	return 0;
}

static int page_cmp(const void *a, const void *b)
{
	const struct bclint_import_page *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c != 0)
		return c;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return strcmp(x->in->path, y->in->path);
}

void bclint_import_check_pages(struct bclint_import *im)
{
	if (im->n_pages > 1)
		qsort(im->pages, im->n_pages, sizeof(*im->pages), page_cmp);
	for (size_t i = 0; i < im->n_pages;) {
		size_t j = i;
		const struct bclint_import_page *first = &im->pages[i];
		long want = 1;
		int bad = 0;
		for (; j < im->n_pages && strcmp(im->pages[j].key, first->key) == 0; j++) {
			const struct bclint_import_page *p = &im->pages[j];
			if (p->total != first->total && !bad) {
				bclint_import_diag(im, E, p->in->path, 0, 0,
				                   "%s: total_page is %ld here but %ld in %s",
				                   p->key, p->total, first->total, first->in->path);
				bad = 1;
			}
			if (p->page > want && !bad)
				for (; want < p->page; want++)
					bclint_import_diag(im, E, NULL, 0, 0,
					                   "%s: page %ld of %ld is missing", p->key,
					                   want, first->total);
			if (p->page == want)
				want++;
		}
		for (; !bad && want <= first->total; want++)
			bclint_import_diag(im, E, NULL, 0, 0, "%s: page %ld of %ld is missing",
			                   first->key, want, first->total);
		i = j;
	}
}

/* -- one response ----------------------------------------------------------- */

/* The data's list (or, for an asset group, its object), its page. */
static void take_data(struct bclint_import *im, struct bclint_import_input *in,
                      const struct bclint_jv *data, const struct bclint_import_request *rq)
{
	const char *key = rq->ep == BCLINT_EP_CHANGELOG ? "changelog_list" : "list";
	const struct bclint_jv *list = bclint_import_member(in, data, key);
	const struct bclint_jv *g = bclint_import_field(in, data, "asset_group");
	if (rq->ep == BCLINT_EP_GROUP && list == NULL && g != NULL && g->type == BCLINT_JOBJECT) {
		bclint_import_take_group(im, in, data);
		return;
	}
	if (list == NULL || list->type != BCLINT_JARRAY) {
		bclint_import_err(im, in, list ? list : data,
		                  "a %s response needs a 'data.%s' array",
		                  bclint_import_endpoints[rq->ep].path, key);
		return;
	}
	if (record_page(im, in, data, rq) == 0)
		bclint_import_take_list(im, in, list, rq);
}

/* The envelope: code 0 and a data object; NULL after reporting. */
static const struct bclint_jv *envelope(struct bclint_import *im, struct bclint_import_input *in)
{
	const struct bclint_jv *root = in->doc.root;
	if (root->type != BCLINT_JOBJECT) {
		bclint_import_err(im, in, root, "an API response must be a JSON object");
		return NULL;
	}
	const struct bclint_jv *code = bclint_import_member(in, root, "code");
	if (code == NULL || code->type != BCLINT_JNUMBER) {
		bclint_import_err(im, in, code ? code : root,
		                  "not an API response: no numeric 'code'");
		return NULL;
	}
	double c = strtod(in->doc.text + code->start, NULL);
	if (c != 0) {
		const char *msg = bclint_import_str_field(im, in, root, "message");
		const char *rid = bclint_import_str_field(im, in, root, "request_id");
		bclint_import_err(im, in, code,
		                  "the API returned code %.0f: \"%s\" (request_id %s)", c,
		                  msg ? msg : "", rid ? rid : "none");
		return NULL;
	}
	const struct bclint_jv *data = bclint_import_member(in, root, "data");
	if (data == NULL || data->type != BCLINT_JOBJECT) {
		bclint_import_err(im, in, data ? data : root,
		                  "a successful response needs a 'data' object");
		return NULL;
	}
	return data;
}

int bclint_import_read_response(struct bclint_import *im, struct bclint_import_input *in)
{
	if (bclint_import_read_input(im, in, "response", 0) < 0)
		return -1;
	const struct bclint_jv *data = envelope(im, in);
	if (data == NULL)
		return -1;
	struct bclint_import_request rq;
	memset(&rq, 0, sizeof(rq));
	const struct bclint_jv *x = bclint_import_member(in, in->doc.root, "x_request");
	int rc = x != NULL ? request_from_object(im, in, x, &rq) : request_from_name(im, in, &rq);
	if (rc == 0 && x == NULL)
		rc = request_from_content(im, in, data, &rq);
	if (rc < 0 || check_request(im, in, &rq) < 0)
		return -1;
	take_data(im, in, data, &rq);
	return 0;
}
