/* Merging: the items of each kind are sorted by their keys (numeric IDs
 * in numeric order), and each run of items with equal keys becomes one
 * entity of the model, field by field: the first value given wins, and a
 * different value elsewhere in the run is an error at it.  Runs, not
 * inputs, decide the order of everything, so the result does not depend
 * on the order in which the files were given. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"

typedef struct bclint_import_item item;
typedef struct bclint_import_val val;

#define id_cmp bclint_import_id_cmp

static int keys_cmp(const item *x, const item *y)
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
	const item *x = a, *y = b;
	int c = keys_cmp(x, y);
	if (c != 0)
		return c;
	if (x->in != y->in)
		return strcmp(x->in->path, y->in->path);
	uint32_t ox = x->node ? x->node->start : 0;
	uint32_t oy = y->node ? y->node->start : 0;
	return (ox > oy) - (ox < oy);
}

void bclint_import_sort_items(struct bclint_import *im)
{
	for (int k = 0; k < BCLINT_IV_N; k++)
		if (im->v[k].n > 1)
			qsort(im->v[k].v, im->v[k].n, sizeof(item), item_cmp);
}

/* The length of the run of items with the same keys starting at i. */
static size_t run_len(const struct bclint_import_vec *v, size_t i)
{
	size_t j = i + 1;
	while (j < v->n && keys_cmp(&v->v[i], &v->v[j]) == 0)
		j++;
	return j - i;
}

/* The value of key (then sub within it; key NULL: the node itself) from a
 * run of items: the first one given; a different value elsewhere in the
 * run is reported. */
static val pick(struct bclint_import *im, const item *run, size_t n, const char *key,
                const char *sub, const char *what)
{
	val best = {NULL, NULL};
	for (size_t i = 0; i < n; i++) {
		struct bclint_import_input *in = run[i].in;
		const struct bclint_jv *v =
		        key ? bclint_import_field(in, run[i].node, key) : run[i].node;
		if (v != NULL && sub != NULL)
			v = bclint_import_field(in, v, sub);
		if (v == NULL || v->type == BCLINT_JNULL)
			continue;
		if (best.v == NULL) {
			best.in = in;
			best.v = v;
			continue;
		}
		if (bclint_import_equal(best.in, best.v, in, v))
			continue;
		char pos[512];
		const char *name = sub ? sub : key ? key : "the role";
		bclint_import_err(im, in, v, "%s: '%s' is %s here but %s at %s", what, name,
		                  bclint_import_print(im, in, v),
		                  bclint_import_print(im, best.in, best.v),
		                  bclint_import_where(best.in, best.v, pos, sizeof(pos)));
	}
	return best;
}

/* Room for n entities in an array (of one run per entity at most). */
static void *entities(struct bclint_import *im, size_t n, size_t size)
{
	void *p = calloc(n + 1, size);
	if (p == NULL)
		im->oom = 1;
	return p;
}

/* -- members ---------------------------------------------------------------- */

static int email_cmp(const void *a, const void *b)
{
	const struct bclint_import_member *x = *(const struct bclint_import_member *const *)a;
	const struct bclint_import_member *y = *(const struct bclint_import_member *const *)b;
	int c = strcmp(x->email, y->email);
	return c ? c : id_cmp(x->id, y->id);
}

/* Two members with one email would make the snapshot invalid. */
static void check_emails(struct bclint_import *im)
{
	const struct bclint_import_member **by = calloc(im->n_members + 1, sizeof(*by));
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
		const item *it = by[i]->first;
		bclint_import_err(im, it->in, bclint_import_field(it->in, it->node, "user_email"),
		                  "user_email '%s' belongs to both member '%s' and member '%s'",
		                  by[i]->email, by[i - 1]->id, by[i]->id);
	}
	free(by);
}

void bclint_import_merge_members(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_MEMBER];
	if ((im->members = entities(im, v->n, sizeof(*im->members))) == NULL)
		return;
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "member '%s'", run->k[0]);
		struct bclint_import_member *m = &im->members[im->n_members++];
		m->first = run;
		m->id = run->k[0];
		m->two_step = -1;
		m->email_v = pick(im, run, n, "user_email", NULL, what);
		m->email = bclint_import_string(im, m->email_v.in, m->email_v.v);
		if (m->email == NULL)
			m->email = "";
		m->name = pick(im, run, n, "user_name", NULL, what);
		m->role = pick(im, run, n, "user_role", NULL, what);
		m->finance = pick(im, run, n, "ext_user_role", "finance_role", what);
		m->relation = pick(im, run, n, "relation_status", NULL, what);
		i += n;
	}
	check_emails(im);
}

struct bclint_import_member *bclint_import_find_member(const struct bclint_import *im,
                                                       const char *id)
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

/* Is id a member?  If not, report it at node. */
static int known_member(struct bclint_import *im, const item *it, const struct bclint_jv *node,
                        const char *id, const char *how)
{
	if (bclint_import_find_member(im, id) != NULL)
		return 1;
	bclint_import_err(im, it->in, node,
	                  "user '%s' %s, but is not in the /bc/member/get/ responses", id, how);
	return 0;
}

/* -- assets ----------------------------------------------------------------- */

static int asset_key_cmp(const char *t1, const char *id1, const char *t2, const char *id2)
{
	int c = strcmp(t1, t2);
	return c ? c : id_cmp(id1, id2);
}

struct bclint_import_asset *bclint_import_find_asset(const struct bclint_import *im,
                                                     const char *type, const char *id)
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
static int has_member_list(const struct bclint_import *im, const char *type, const char *id)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_AMLIST];
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

void bclint_import_merge_assets(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_ASSET];
	if ((im->assets = entities(im, v->n, sizeof(*im->assets))) == NULL)
		return;
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "%s asset '%s'", run->k[0], run->k[1]);
		struct bclint_import_asset *a = &im->assets[im->n_assets++];
		a->type = run->k[0];
		a->id = run->k[1];
		a->name = pick(im, run, n, "asset_name", NULL, what);
		a->relation_type = pick(im, run, n, "relation_type", NULL, what);
		a->relation_status = pick(im, run, n, "relation_status", NULL, what);
		a->owner_name = pick(im, run, n, "owner_bc_name", NULL, what);
		if (!has_member_list(im, a->type, a->id))
			bclint_import_warn(
			        im, run->in, run->node,
			        "no /bc/asset/member/get/ response for %s asset '%s': its "
			        "direct assignments are not in the snapshot",
			        a->type, a->id);
		i += n;
	}
}

/* -- the Business Center ---------------------------------------------------- */

const char *const bclint_import_bc_keys[BCLINT_IMPORT_BC_FIELDS] = {
        "name", "company", "type", "status", "timezone", "currency", "registered_area"};

void bclint_import_merge_bc(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_BC];
	const char *want = im->opt->bc_id;
	const item *run = NULL;
	size_t n = 0, count = 0;
	for (size_t i = 0; i < v->n; i += run_len(v, i)) {
		count++;
		if (want == NULL || strcmp(v->v[i].k[0], want) == 0) {
			run = &v->v[i];
			n = run_len(v, i);
		}
	}
	if (want == NULL && count == 0) {
		bclint_import_diag(im, BCLINT_LEVEL_ERROR, NULL, 0, 0,
		                   "no /bc/get/ response and no --bc-id: which Business Center is "
		                   "this?");
		return;
	}
	if (want == NULL && count > 1) {
		bclint_import_diag(
		        im, BCLINT_LEVEL_ERROR, NULL, 0, 0,
		        "the /bc/get/ responses list %zu Business Centers: choose one with "
		        "--bc-id",
		        count);
		return;
	}
	if (want != NULL && run == NULL && count > 0) {
		bclint_import_diag(im, BCLINT_LEVEL_ERROR, NULL, 0, 0,
		                   "Business Center '%s' is not in the /bc/get/ responses", want);
		return;
	}
	im->has_bc = 1;
	im->bc_id = run ? run->k[0] : want;
	for (int k = 0; run != NULL && k < BCLINT_IMPORT_BC_FIELDS; k++)
		im->bc[k] = pick(im, run, n, bclint_import_bc_keys[k], NULL, "the Business Center");
}

/* -- grants ----------------------------------------------------------------- */

void bclint_import_merge_grants(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_ASSIGN];
	if ((im->grants = entities(im, v->n, sizeof(*im->grants))) == NULL)
		return;
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const item *run = &v->v[i];
		char what[200], how[200];
		snprintf(how, sizeof(how), "can reach %s asset '%s'", run->k[1], run->k[2]);
		i += n;
		if (!known_member(im, run, bclint_import_field(run->in, run->node, "user_id"),
		                  run->k[0], how))
			continue;
		snprintf(what, sizeof(what), "user '%s' on %s asset '%s'", run->k[0], run->k[1],
		         run->k[2]);
		struct bclint_import_grant *g = &im->grants[im->n_grants++];
		g->user = run->k[0];
		g->type = run->k[1];
		g->asset = run->k[2];
		const char *key = bclint_role_field((uint32_t)bclint_asset_type_from_name(g->type));
		if (key != NULL)
			g->role = pick(im, run, n, key, NULL, what);
	}
}

static int cmp_key_prefix(const item *a, const item *b, int n)
{
	for (int i = 0; i < n; i++) {
		int c = id_cmp(a->k[i], b->k[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

/* Advance *cur over items of v whose first n keys equal those of ref. */
static size_t span(const struct bclint_import_vec *v, size_t *cur, const item *ref, int n)
{
	while (*cur < v->n && cmp_key_prefix(&v->v[*cur], ref, n) < 0)
		(*cur)++;
	size_t start = *cur;
	while (*cur < v->n && cmp_key_prefix(&v->v[*cur], ref, n) == 0)
		(*cur)++;
	return start;
}

/* -- asset groups ----------------------------------------------------------- */

static void group_members(struct bclint_import *im, struct bclint_import_group *grp, const item *g,
                          size_t *mcur, size_t *rcur)
{
	const struct bclint_import_vec *mv = &im->v[BCLINT_IV_GMEMBER],
	                               *rv = &im->v[BCLINT_IV_GROLE];
	size_t end = *mcur, start = span(mv, &end, g, 1);
	grp->member0 = im->n_gmembers;
	for (size_t i = start; i < end;) {
		size_t n = run_len(mv, i);
		const item *m = &mv->v[i];
		char how[200];
		snprintf(how, sizeof(how), "is in asset group '%s'", g->k[0]);
		size_t rend = *rcur, rstart = span(rv, &rend, m, 2);
		*rcur = rend;
		i += n;
		if (!known_member(im, m, bclint_import_field(m->in, m->node, "member_id"), m->k[1],
		                  how))
			continue;
		struct bclint_import_gmember *gm = &im->gmembers[im->n_gmembers++];
		gm->id = m->k[1];
		gm->role0 = im->n_groles;
		for (size_t k = rstart; k < rend;) {
			size_t rn = run_len(rv, k);
			char what[200];
			snprintf(what, sizeof(what), "member '%s' of asset group '%s'", m->k[1],
			         g->k[0]);
			struct bclint_import_grole *r = &im->groles[im->n_groles++];
			r->type = rv->v[k].k[2];
			r->role = pick(im, &rv->v[k], rn, NULL, NULL, what);
			k += rn;
		}
		gm->n_roles = im->n_groles - gm->role0;
	}
	grp->n_members = im->n_gmembers - grp->member0;
	*mcur = end;
}

void bclint_import_merge_groups(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_GROUP], *av = &im->v[BCLINT_IV_GASSET];
	size_t acur = 0, mcur = 0, rcur = 0;
	im->groups = entities(im, v->n, sizeof(*im->groups));
	im->gassets = entities(im, av->n, sizeof(*im->gassets));
	im->gmembers = entities(im, im->v[BCLINT_IV_GMEMBER].n, sizeof(*im->gmembers));
	im->groles = entities(im, im->v[BCLINT_IV_GROLE].n, sizeof(*im->groles));
	if (im->oom)
		return;
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "asset group '%s'", run->k[0]);
		struct bclint_import_group *g = &im->groups[im->n_groups++];
		g->id = run->k[0];
		g->name = pick(im, run, n, "asset_group_name", NULL, what);
		size_t aend = acur, astart = span(av, &aend, run, 1);
		g->asset0 = im->n_gassets;
		for (size_t k = astart; k < aend; k += run_len(av, k)) {
			struct bclint_import_gasset *a = &im->gassets[im->n_gassets++];
			a->type = av->v[k].k[1];
			a->id = av->v[k].k[2];
		}
		g->n_assets = im->n_gassets - g->asset0;
		acur = aend;
		group_members(im, g, run, &mcur, &rcur);
		i += n;
	}
}

/* -- partners --------------------------------------------------------------- */

void bclint_import_merge_partners(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_PARTNER],
	                               *sv = &im->v[BCLINT_IV_SHARE];
	size_t scur = 0;
	im->partners = entities(im, v->n, sizeof(*im->partners));
	im->shares = entities(im, sv->n, sizeof(*im->shares));
	if (im->oom)
		return;
	for (size_t i = 0; i < v->n;) {
		size_t n = run_len(v, i);
		const item *run = &v->v[i];
		char what[160];
		snprintf(what, sizeof(what), "partner '%s'", run->k[0]);
		struct bclint_import_partner *p = &im->partners[im->n_partners++];
		p->id = run->k[0];
		p->name = pick(im, run, n, "bc_name", NULL, what);
		size_t send = scur, sstart = span(sv, &send, run, 1);
		p->share0 = im->n_shares;
		for (size_t k = sstart; k < send;) {
			size_t sn = run_len(sv, k);
			const item *s = &sv->v[k];
			struct bclint_import_share *sh = &im->shares[im->n_shares++];
			sh->share_type = s->k[1];
			sh->type = s->k[2];
			sh->id = s->k[3];
			const char *key = strcmp(s->k[2], "ADVERTISER") == 0 ? "advertiser_role"
			                  : strcmp(s->k[2], "CATALOG") == 0  ? "catalog_role"
			                                                     : NULL;
			snprintf(what, sizeof(what), "%s asset '%s' shared with partner '%s'",
			         s->k[2], s->k[3], s->k[0]);
			if (key != NULL)
				sh->role = pick(im, s, sn, key, NULL, what);
			k += sn;
		}
		p->n_shares = im->n_shares - p->share0;
		scur = send;
		i += n;
	}
}

struct bclint_import_grant *bclint_import_member_grants(const struct bclint_import *im,
                                                        const char *user)
{
	size_t lo = 0, hi = im->n_grants;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (id_cmp(im->grants[mid].user, user) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < im->n_grants && strcmp(im->grants[lo].user, user) == 0 ? &im->grants[lo] : NULL;
}
