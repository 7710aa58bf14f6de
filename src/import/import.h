/* bclint import as a library: saved TikTok Business API responses in, one
 * bclint-snapshot/1 document out.  One file per stage, each depending only
 * on this header and the stages before it:
 *
 *   common.c     what every stage shares: input files, diagnostics at a
 *                value, checks of values, the order of IDs
 *   responses.c  files and directories, envelopes, which endpoint a
 *                response is from, paging
 *   items.c      the list items of each endpoint, checked, as keyed items
 *   merge.c      items with equal keys merged into the model below
 *   changelog.c  /changelog/get/ entries that date grants and invitations
 *   csv.c        CSV records (RFC 4180), for the extras
 *   extras.c     --extras, JSON or CSV, applied to the merged model
 *   plan.c       --plan's needs
 *   write.c      the snapshot document (built and printed with cJSON),
 *                checked by the snapshot loader
 *   run.c        the whole import, stage after stage
 *
 * Inputs are read with the position-aware tree of json.h.  The library
 * never prints and never exits: every diagnostic goes to the caller's
 * sink, and functions return -1 (or count errors in im->errors) instead.
 *
 * Ownership: everything a stage allocates belongs to the struct
 * bclint_import and is released by run.c when the import ends; strings
 * decoded from an input live in its document's arena. */
#ifndef BCLINT_IMPORT_H
#define BCLINT_IMPORT_H 1

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "json.h"
#include "text.h"

/* -- the entry point ----------------------------------------------------- */

struct bclint_import_options {
	const char *bc_id;       /* --bc-id, or NULL */
	const char *extras;      /* --extras FILE, or NULL */
	const char *plan;        /* --plan FILE, or NULL */
	const char *captured_at; /* an RFC 3339 timestamp (checked by the caller), or NULL */
	char *const *paths;      /* the responses: files or directories */
	size_t n_paths;
};

/* Import: 0 with the snapshot's text in *out (zeroed first; the caller
 * frees out->data), or -1 after the diagnostics that say why (out->data
 * NULL).  Warnings may come either way. */
int bclint_import(const struct bclint_import_options *opt, const struct bclint_diag_sink *sink,
                  struct bclint_buf *out);

/* -- between the stages ------------------------------------------------- */

/* An input file: a response, the extras or the plan. */
struct bclint_import_input {
	char *path;
	struct bclint_text text;
	struct bclint_jdoc doc; /* doc.root NULL until parsed (never, for CSV) */
};

/* A value of an input (v NULL: absent). */
struct bclint_import_val {
	struct bclint_import_input *in;
	const struct bclint_jv *v;
};

/* One list item (or a part of one) and the keys that identify it. */
struct bclint_import_item {
	const struct bclint_jv *node; /* NULL: the item only says that the key exists */
	struct bclint_import_input *in;
	const char *k[4];
};

struct bclint_import_vec {
	struct bclint_import_item *v;
	size_t n, cap;
};

/* The item vectors, one per kind of item. */
enum {
	BCLINT_IV_BC,
	BCLINT_IV_MEMBER,
	BCLINT_IV_ASSET,
	BCLINT_IV_ASSIGN,
	BCLINT_IV_AMLIST, /* an asset whose /bc/asset/member/get/ list was read */
	BCLINT_IV_PARTNER,
	BCLINT_IV_SHARE,
	BCLINT_IV_GROUP,
	BCLINT_IV_GASSET,
	BCLINT_IV_GMEMBER,
	BCLINT_IV_GROLE,
	BCLINT_IV_CHANGE, /* a change log entry, keyed by its time */
	BCLINT_IV_N
};

/* The endpoints read, and their file-name convention. */
enum bclint_import_ep {
	BCLINT_EP_BC,
	BCLINT_EP_MEMBER,
	BCLINT_EP_ASSET_ADMIN,
	BCLINT_EP_ASSET_MEMBER,
	BCLINT_EP_PARTNER,
	BCLINT_EP_PARTNER_ASSET,
	BCLINT_EP_GROUP,
	BCLINT_EP_GROUP_LIST,
	BCLINT_EP_CHANGELOG,
	BCLINT_EP_N
};

/* name is the file-name prefix; params are the request parameters that a
 * response does not repeat, in file-name order (min..max of them). */
struct bclint_import_endpoint {
	const char *name, *path;
	int min, max;
	const char *params[3];
	const char *pattern;
};
extern const struct bclint_import_endpoint bclint_import_endpoints[BCLINT_EP_N];

/* Which request a response answers. */
struct bclint_import_request {
	int ep;
	const char *param[3];
	const struct bclint_jv *node; /* the x_request object, or NULL */
};

/* One page of a list: key is "/bc/asset/member/get/ (asset_type=..., ...)". */
struct bclint_import_page {
	const char *key;
	long page, total;
	const struct bclint_import_input *in;
};

/* -- the merged model --------------------------------------------------- */

/* A growable array (bclint_import_grow). */
#define BCLINT_IMPORT_ARRAY(type, name)                                                            \
	type *name;                                                                                \
	size_t n_##name, cap_##name

struct bclint_import_member {
	const char *id, *email;
	const struct bclint_import_item *first;
	struct bclint_import_val email_v, name, role, finance, relation;
	const char *invited; /* from the change log or the extras, or NULL */
	const char *login;   /* from the extras, or NULL */
	int two_step;        /* from the extras; -1 unknown */
};

struct bclint_import_asset {
	const char *type, *id;
	struct bclint_import_val name, relation_type, relation_status, owner_name;
	const char *owner_id; /* from the extras, or NULL */
};

struct bclint_import_grant {
	const char *user, *type, *asset;
	struct bclint_import_val role; /* v NULL for types without a role field */
	const char *granted_at;        /* RFC 3339, from the change log or the extras */
	const char *granted_by;        /* the change log entry's operator_id */
};

struct bclint_import_group {
	const char *id;
	struct bclint_import_val name;
	size_t asset0, n_assets;   /* in im->gassets */
	size_t member0, n_members; /* in im->gmembers */
};

struct bclint_import_gasset {
	const char *type, *id;
};

struct bclint_import_gmember {
	const char *id;
	size_t role0, n_roles; /* in im->groles */
};

struct bclint_import_grole {
	const char *type;
	struct bclint_import_val role;
};

struct bclint_import_partner {
	const char *id;
	struct bclint_import_val name;
	size_t share0, n_shares;                    /* in im->shares */
	BCLINT_IMPORT_ARRAY(const char *, domains); /* x_email_domains, from the extras */
	int has_domains;
};

struct bclint_import_share {
	const char *share_type, *type, *id;
	struct bclint_import_val role; /* advertiser_role or catalog_role, or absent */
};

/* The Business Center's fields besides bc_id, in the snapshot's order. */
#define BCLINT_IMPORT_BC_FIELDS 7
extern const char *const bclint_import_bc_keys[BCLINT_IMPORT_BC_FIELDS];

struct bclint_import_need {
	struct bclint_import_val user_id, action, asset_id, asset_type, note;
};

struct bclint_import {
	const struct bclint_import_options *opt;
	const struct bclint_diag_sink *sink;
	BCLINT_IMPORT_ARRAY(struct bclint_import_input, in);
	struct bclint_import_input side[2]; /* the extras and the plan */
	struct bclint_import_vec v[BCLINT_IV_N];
	BCLINT_IMPORT_ARRAY(struct bclint_import_page, pages);
	/* the merged model, sorted by their IDs */
	BCLINT_IMPORT_ARRAY(struct bclint_import_member, members);
	BCLINT_IMPORT_ARRAY(struct bclint_import_asset, assets);
	BCLINT_IMPORT_ARRAY(struct bclint_import_grant, grants);
	BCLINT_IMPORT_ARRAY(struct bclint_import_group, groups);
	BCLINT_IMPORT_ARRAY(struct bclint_import_gasset, gassets);
	BCLINT_IMPORT_ARRAY(struct bclint_import_gmember, gmembers);
	BCLINT_IMPORT_ARRAY(struct bclint_import_grole, groles);
	BCLINT_IMPORT_ARRAY(struct bclint_import_partner, partners);
	BCLINT_IMPORT_ARRAY(struct bclint_import_share, shares);
	BCLINT_IMPORT_ARRAY(struct bclint_import_need, needs);
	BCLINT_IMPORT_ARRAY(const char *, domains);
	int has_domains; /* the extras name the allowlist: write it, even empty */
	int has_bc;      /* bc_id and bc are set */
	const char *bc_id;
	struct bclint_import_val bc[BCLINT_IMPORT_BC_FIELDS];
	struct bclint_arena arena;
	int errors, oom;
};

/* -- common.c ----------------------------------------------------------- */

/* Make room for one more element in an array of elements of size bytes:
 * 0, or -1 with im->oom set. */
int bclint_import_grow(struct bclint_import *im, void *array, size_t *cap, size_t n, size_t size);
/* Read a file into in (path set) and, unless csv_ok finds it is not JSON,
 * parse it; what is "response", "extras", "plan".  Returns 0 (parsed), 1
 * (read, not JSON: csv_ok said so), or -1 after reporting. */
int bclint_import_read_input(struct bclint_import *im, struct bclint_import_input *in,
                             const char *what, int csv_ok);

/* "PATH:LINE:COL: LEVEL: MSG" when line > 0, else "PATH: MSG" (or only
 * MSG without a path), with control characters escaped; errors counted. */
void bclint_import_diag(struct bclint_import *im, int level, const char *path, uint32_t line,
                        uint32_t col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* An error at the key of an object's member. */
void bclint_import_err_key(struct bclint_import *im, const struct bclint_import_input *in,
                           const struct bclint_jv *v, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* An error or a warning at a value of an input. */
void bclint_import_err(struct bclint_import *im, const struct bclint_import_input *in,
                       const struct bclint_jv *v, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
void bclint_import_warn(struct bclint_import *im, const struct bclint_import_input *in,
                        const struct bclint_jv *v, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The line and column of a value. */
void bclint_import_pos(const struct bclint_import_input *in, const struct bclint_jv *v,
                       uint32_t *line, uint32_t *col);
/* "PATH:LINE:COL" of a value, for messages that point at a second place. */
const char *bclint_import_where(const struct bclint_import_input *in, const struct bclint_jv *v,
                                char *buf, size_t size);

/* obj's member key (the first), or NULL; _field also takes null as absent. */
const struct bclint_jv *bclint_import_member(const struct bclint_import_input *in,
                                             const struct bclint_jv *obj, const char *key);
const struct bclint_jv *bclint_import_field(const struct bclint_import_input *in,
                                            const struct bclint_jv *obj, const char *key);
/* A string value decoded (NULL when v is NULL or not a string; NULL and
 * im->oom when memory runs out). */
const char *bclint_import_string(struct bclint_import *im, struct bclint_import_input *in,
                                 const struct bclint_jv *v);
/* bclint_import_string of a field. */
const char *bclint_import_str_field(struct bclint_import *im, struct bclint_import_input *in,
                                    const struct bclint_jv *obj, const char *key);
/* A member's key, decoded (NULL and im->oom when memory runs out). */
const char *bclint_import_key(struct bclint_import *im, struct bclint_import_input *in,
                              const struct bclint_jv *v);

/* Is s one of the NULL-terminated names?  list_names: "A, B or C". */
int bclint_import_in_list(const char *s, const char *const *names);
const char *bclint_import_list_names(const char *const *names, char *buf, size_t size);
/* Check an optional string field (null or absent is fine); with names, it
 * must be one of them.  Returns -1 after reporting. */
int bclint_import_check_str(struct bclint_import *im, struct bclint_import_input *in,
                            const struct bclint_jv *obj, const char *key, int required,
                            const char *const *names);
/* An asset type by name: its static name, or NULL after reporting at v
 * (or at the file, when v is NULL: the name came from the file name). */
const char *bclint_import_check_type(struct bclint_import *im, const struct bclint_import_input *in,
                                     const struct bclint_jv *v, const char *name);
/* Is v a valid role value for an asset type?  group selects the asset-group
 * spelling.  Mirrors what the snapshot loader accepts. */
int bclint_import_role_ok(struct bclint_import *im, struct bclint_import_input *in, uint32_t type,
                          const struct bclint_jv *v, int group);
void bclint_import_bad_role(struct bclint_import *im, struct bclint_import_input *in,
                            const struct bclint_jv *v, const char *key, uint32_t type, int group);

/* A value as compact JSON, for messages (in the arena; "?" when memory
 * runs out). */
const char *bclint_import_print(struct bclint_import *im, struct bclint_import_input *in,
                                const struct bclint_jv *v);
/* Do two values (of possibly different inputs) mean the same JSON? */
int bclint_import_equal(const struct bclint_import_input *ia, const struct bclint_jv *a,
                        const struct bclint_import_input *ib, const struct bclint_jv *b);

/* Is s a non-empty run of ASCII digits? */
int bclint_import_all_digits(const char *s);
/* IDs in numeric order when both are numbers, else byte order; NULL first. */
int bclint_import_id_cmp(const char *a, const char *b);

/* Add an item to vector which; -1 with im->oom set. */
int bclint_import_push(struct bclint_import *im, int which, const struct bclint_jv *node,
                       struct bclint_import_input *in, const char *k0, const char *k1,
                       const char *k2, const char *k3);

/* -- responses.c -------------------------------------------------------- */

/* Add a response file, or every *.json file of a directory; -1 only when
 * memory runs out. */
int bclint_import_add_path(struct bclint_import *im, const char *path);
/* Sort the inputs by path and drop repeats. */
void bclint_import_sort_inputs(struct bclint_import *im);
/* Read one response and take its items; -1 when the file as a whole could
 * not be used. */
int bclint_import_read_response(struct bclint_import *im, struct bclint_import_input *in);
/* Every list must have pages 1..total_page, all agreeing on total_page. */
void bclint_import_check_pages(struct bclint_import *im);

/* -- items.c ------------------------------------------------------------ */

/* Take the items of a response's data.list for request rq. */
void bclint_import_take_list(struct bclint_import *im, struct bclint_import_input *in,
                             const struct bclint_jv *list, const struct bclint_import_request *rq);
/* Take one asset group (an item, or an object holding "asset_group"). */
void bclint_import_take_group(struct bclint_import *im, struct bclint_import_input *in,
                              const struct bclint_jv *item);

/* -- merge.c ------------------------------------------------------------ */

/* Sort every item vector by its keys. */
void bclint_import_sort_items(struct bclint_import *im);
/* Members (and their emails' uniqueness), then assets. */
void bclint_import_merge_members(struct bclint_import *im);
void bclint_import_merge_assets(struct bclint_import *im);
/* The Business Center: the one --bc-id names, or the only one listed. */
void bclint_import_merge_bc(struct bclint_import *im);
/* Direct assignments, asset groups, partners and their shares. */
void bclint_import_merge_grants(struct bclint_import *im);
void bclint_import_merge_groups(struct bclint_import *im);
void bclint_import_merge_partners(struct bclint_import *im);
/* The first of a member's direct assignments (they follow it in
 * im->grants), or NULL when it has none. */
struct bclint_import_grant *bclint_import_member_grants(const struct bclint_import *im,
                                                        const char *user);
/* A merged member or asset by its IDs, or NULL. */
struct bclint_import_member *bclint_import_find_member(const struct bclint_import *im,
                                                       const char *id);
struct bclint_import_asset *bclint_import_find_asset(const struct bclint_import *im,
                                                     const char *type, const char *id);

/* -- changelog.c -------------------------------------------------------- */

/* Take one /changelog/get/ entry (items.c). */
void bclint_import_take_change(struct bclint_import *im, struct bclint_import_input *in,
                               const struct bclint_jv *item);
/* Date the merged grants and invitations from the entries taken. */
void bclint_import_apply_changelog(struct bclint_import *im);

/* -- csv.c -------------------------------------------------------------- */

/* A CSV reader over text[0, len) (a leading byte-order mark is skipped). */
struct bclint_import_csv {
	const char *p, *end;
	const char *bol;            /* where the current line begins */
	uint32_t line;              /* of the next record */
	struct bclint_arena *arena; /* where cells are copied */
	const char *error;          /* why the last record failed (static) */
	uint32_t err_line, err_col; /* and where */
};

struct bclint_import_cell {
	const char *s;      /* the cell's text, unquoted */
	uint32_t line, col; /* where the cell starts */
};

void bclint_import_csv_init(struct bclint_import_csv *c, const char *text, size_t len,
                            struct bclint_arena *arena);
/* The next record, with up to max cells (*n counts them all: more are not
 * kept) and the line it starts on: 1, 0 at the end of the text, or -1
 * with c->error set (c->error "out of memory" when memory ran out).  An
 * unterminated quote, anything but a comma or a line break after a
 * closing quote, a quote inside an unquoted cell and a NUL byte are
 * errors at their line and column. */
int bclint_import_csv_next(struct bclint_import_csv *c, struct bclint_import_cell *cells, int max,
                           int *n, uint32_t *line);

/* -- extras.c, plan.c --------------------------------------------------- */

/* Read opt->extras and apply it to the merged members and assets. */
void bclint_import_read_extras(struct bclint_import *im);
/* Read opt->plan into im->needs. */
void bclint_import_read_plan(struct bclint_import *im);

/* -- write.c ------------------------------------------------------------ */

/* Build the snapshot from the model into out and load it with the
 * snapshot loader: 0, or -1 after reporting (or with im->oom set). */
int bclint_import_write(struct bclint_import *im, struct bclint_buf *out);

#endif
