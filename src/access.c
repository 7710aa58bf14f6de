/* The access record: rows from the models' effective grants, their
 * sources, needs and findings attached through hash indexes (a row is
 * found by its member and asset, never searched for), then written as a
 * table, CSV, JSON, Markdown or one HTML page. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "access.h"
#include "caps.h"
#include "entity.h"
#include "map.h"
#include "redact.h"

/* -- the index of rows by member and asset ------------------------------- */

struct pair_index {
	size_t *slots; /* row index + 1; 0: empty */
	size_t mask;
};

static size_t pair_hash(const void *m, const void *asset)
{
	uint64_t h = (uint64_t)(uintptr_t)m * 0x9e3779b97f4a7c15u;
	h ^= (uint64_t)(uintptr_t)asset + 0x632be59bd9b4e019u + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdu;
	return (size_t)(h ^ (h >> 33));
}

static int pair_init(struct pair_index *ix, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	ix->slots = calloc(cap, sizeof(*ix->slots));
	ix->mask = cap - 1;
	return ix->slots == NULL ? -1 : 0;
}

static void pair_put(struct pair_index *ix, const struct bclint_access_row *rows, size_t i)
{
	size_t h = pair_hash(rows[i].member, rows[i].asset) & ix->mask;
	while (ix->slots[h] != 0)
		h = (h + 1) & ix->mask;
	ix->slots[h] = i + 1;
}

static struct bclint_access_row *pair_get(const struct pair_index *ix,
                                          struct bclint_access_row *rows,
                                          const struct bclint_member *m,
                                          const struct bclint_asset *asset)
{
	for (size_t h = pair_hash(m, asset) & ix->mask; ix->slots[h] != 0; h = (h + 1) & ix->mask) {
		struct bclint_access_row *r = &rows[ix->slots[h] - 1];
		if (r->member == m && r->asset == asset)
			return r;
	}
	return NULL;
}

/* -- building ------------------------------------------------------------ */

int bclint_access_format(const char *name)
{
	static const char *const names[] = {"table", "csv", "json", "markdown", "html"};
	for (int i = 0; i < 5; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

static int add_via(struct bclint_access *a, struct bclint_access_row *r, uint32_t kind,
                   const char *id, const char *name, struct bclint_cap cap)
{
	struct bclint_access_via *v = bclint_arena_alloc(&a->arena, sizeof(*v)), **at = &r->via;
	if (v == NULL)
		return -1;
	*v = (struct bclint_access_via){.kind = kind, .id = id, .name = name, .cap = cap};
	while (*at != NULL)
		at = &(*at)->next;
	*at = v;
	return 0;
}

/* Put f at the head of list (reverse() puts the lists back in report
 * order once all are made). */
static int add_finding(struct bclint_access *a, struct bclint_access_finding **list,
                       const struct bclint_finding *f)
{
	struct bclint_access_finding *x = bclint_arena_alloc(&a->arena, sizeof(*x));
	if (x == NULL)
		return -1;
	x->f = f;
	x->next = *list;
	*list = x;
	return 0;
}

static void reverse(struct bclint_access_finding **list)
{
	struct bclint_access_finding *done = NULL, *x = *list;
	while (x != NULL) {
		struct bclint_access_finding *next = x->next;
		x->next = done;
		done = x;
		x = next;
	}
	*list = done;
}

/* The direct grants of every row: the first source of each. */
static int add_direct(struct bclint_access *a)
{
	char ptr[BCLINT_POINTER_MAX];
	for (size_t i = 0; i < a->n_rows; i++) {
		struct bclint_access_row *r = &a->rows[i];
		const struct bclint_grant *g = r->grant;
		if (g != NULL && g->direct != NULL &&
		    add_via(a, r, BCLINT_VIA_DIRECT,
		            bclint_arena_strdup(&a->arena,
		                                bclint_entity_pointer(&g->direct->ent, ptr)),
		            NULL, g->direct->cap) < 0)
			return -1;
	}
	return 0;
}

/* The other sources of model k's rows, after the direct grant: asset
 * groups (in file order), then the partner whose share caps the asset. */
static int add_sources(struct bclint_access *a, const struct pair_index *ix, size_t k)
{
	const struct bclint_model *m = a->models[k];
	for (size_t i = 0; i < m->n_groups; i++) {
		const struct bclint_asset_group *grp = &m->groups[i];
		for (size_t j = 0; j < grp->n_members; j++) {
			const struct bclint_group_member *gm = &grp->members[j];
			for (size_t t = 0; t < grp->n_assets; t++) {
				struct bclint_cap cap = gm->caps[grp->assets[t]->type];
				struct bclint_access_row *r;
				if ((cap.level | cap.set) == 0 ||
				    (r = pair_get(ix, a->rows, gm->member, grp->assets[t])) == NULL)
					continue;
				if (add_via(a, r, BCLINT_VIA_GROUP, grp->group_id, grp->name, cap) <
				    0)
					return -1;
			}
		}
	}
	for (size_t i = 0; i < m->n_partners; i++) {
		const struct bclint_partner *p = &m->partners[i];
		for (size_t j = 0; j < p->n_shares; j++) {
			const struct bclint_share *s = &p->shares[j];
			if (s->share_type != BCLINT_SHARE_SHARED || s->asset == NULL)
				continue;
			for (size_t t = 0; t < s->asset->n_grants; t++) {
				struct bclint_access_row *r = pair_get(
				        ix, a->rows, s->asset->grants[t]->member, s->asset);
				if (r != NULL && add_via(a, r, BCLINT_VIA_PARTNER, p->bc_id,
				                         p->name, s->cap) < 0)
					return -1;
			}
		}
	}
	return 0;
}

/* Each need on the row it is about: the member's BC row for BC-level
 * actions, their row of the asset otherwise (none: they cannot reach it,
 * which the findings say).  Counted first, then placed. */
static int add_needs(struct bclint_access *a, const struct pair_index *ix)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < a->n_models; k++) {
			const struct bclint_model *m = a->models[k];
			for (size_t i = 0; i < m->n_needs; i++) {
				const struct bclint_need *n = &m->needs[i];
				struct bclint_access_row *r =
				        n->asset_id == NULL ? pair_get(ix, a->rows, n->member, NULL)
				        : n->asset != NULL
				                ? pair_get(ix, a->rows, n->member, n->asset)
				                : NULL;
				if (r != NULL && pass == 0)
					r->n_needs++;
				else if (r != NULL)
					r->needs[r->n_needs++] = n;
			}
		}
		for (size_t i = 0; pass == 0 && i < a->n_rows; i++) {
			struct bclint_access_row *r = &a->rows[i];
			if (r->n_needs == 0)
				continue;
			r->needs = bclint_arena_alloc(&a->arena, r->n_needs * sizeof(*r->needs));
			if (r->needs == NULL)
				return -1;
			r->n_needs = 0;
		}
	}
	return 0;
}

/* Findings where they apply: a member's and an asset's on that row, a
 * member's alone on their BC row, the rest on the Business Center. */
static int add_findings(struct bclint_access *a, const struct pair_index *ix,
                        const struct bclint_report *rep)
{
	struct bclint_map files = {0}, ids = {0};
	int rc = -1;
	for (size_t k = 0; k < a->n_models; k++) {
		const struct bclint_model *m = a->models[k];
		if (bclint_map_put(&files, 0, m->file, (void *)(uintptr_t)(k + 1)) == &files)
			goto out;
		for (size_t i = 0; i < m->n_members; i++)
			if (bclint_map_put(&ids, (unsigned)(k * 16 + 15), m->members[i].user_id,
			                   (void *)&m->members[i]) == &ids)
				goto out;
		for (size_t i = 0; i < m->n_assets; i++)
			if (bclint_map_put(&ids, (unsigned)(k * 16 + m->assets[i].type),
			                   m->assets[i].asset_id, (void *)&m->assets[i]) == &ids)
				goto out;
	}
	for (size_t i = 0; i < rep->n_findings; i++) {
		const struct bclint_finding *f = rep->findings[i];
		size_t k = (uintptr_t)bclint_map_get(&files, 0, rep->sources[f->file].path);
		if (k-- == 0 || f->suppressed != NULL)
			continue;
		const struct bclint_member *mem = NULL;
		const struct bclint_asset *asset = NULL;
		int type =
		        f->about.asset_type ? bclint_asset_type_from_name(f->about.asset_type) : -1;
		if (f->about.user_id != NULL)
			mem = bclint_map_get(&ids, (unsigned)(k * 16 + 15), f->about.user_id);
		if (type >= 0 && f->about.asset_id != NULL)
			asset = bclint_map_get(&ids, (unsigned)(k * 16 + (unsigned)type),
			                       f->about.asset_id);
		struct bclint_access_row *r = NULL;
		if (mem != NULL && asset != NULL)
			r = pair_get(ix, a->rows, mem, asset);
		if (mem != NULL && r == NULL)
			r = pair_get(ix, a->rows, mem, NULL);
		if (add_finding(a, r != NULL ? &r->findings : &a->bc_findings[k], f) < 0)
			goto out;
	}
	for (size_t i = 0; i < a->n_rows; i++)
		reverse(&a->rows[i].findings);
	for (size_t k = 0; k < a->n_models; k++)
		reverse(&a->bc_findings[k]);
	rc = 0;
out:
	bclint_map_free(&files);
	bclint_map_free(&ids);
	return rc;
}

/* People: the same email ignoring case, else the same user_id.  Before
 * the rows are sorted, each member's asset rows follow their BC row, and
 * take its person. */
static int add_people(struct bclint_access *a)
{
	struct bclint_map keys = {0};
	size_t cap = 0, person = 0;
	int rc = -1;
	for (size_t i = 0; i < a->n_rows; i++) {
		struct bclint_access_row *r = &a->rows[i];
		if (r->asset != NULL) {
			r->person = person;
			continue;
		}
		char *email = bclint_arena_strdup(&a->arena, r->member->email);
		if (email == NULL)
			goto out;
		for (char *p = email; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		uintptr_t p = (uintptr_t)bclint_map_get(&keys, 0, email);
		if (p == 0)
			p = (uintptr_t)bclint_map_get(&keys, 1, r->member->user_id);
		if (p == 0) {
			if (a->n_people == cap) {
				cap = cap ? 2 * cap : 64;
				void *q = realloc(a->people, cap * sizeof(*a->people));
				if (q == NULL)
					goto out;
				a->people = q;
			}
			a->people[a->n_people++] =
			        (struct bclint_access_person){.email = r->member->email};
			p = a->n_people;
		}
		if (bclint_map_put(&keys, 0, email, (void *)p) == &keys ||
		    bclint_map_put(&keys, 1, r->member->user_id, (void *)p) == &keys)
			goto out;
		r->person = person = p - 1;
	}
	rc = 0;
out:
	bclint_map_free(&keys);
	return rc;
}

/* -- order --------------------------------------------------------------- */

static const char *row_type(const struct bclint_access_row *r)
{
	return r->asset != NULL ? bclint_asset_type_name(r->asset->type) : "BC";
}

static const char *row_asset_id(const struct bclint_access *a, const struct bclint_access_row *r)
{
	return r->asset != NULL ? r->asset->asset_id : a->models[r->snap]->bc.bc_id;
}

static const struct bclint_access *sorting;
static int sorting_by_person;

static int person_cmp(size_t x, size_t y)
{
	const char *a = sorting->people[x].email, *b = sorting->people[y].email;
	int c = strcasecmp(a, b);
	return c != 0 ? c : (x > y) - (x < y);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct bclint_access_row *x = pa, *y = pb;
	const struct bclint_access *a = sorting;
	int c = 0;
	if (sorting_by_person && x->person != y->person)
		return person_cmp(x->person, y->person);
	if ((c = strcmp(a->models[x->snap]->bc.bc_id, a->models[y->snap]->bc.bc_id)) != 0)
		return c;
	if (x->snap != y->snap) /* two files of one Business Center: each on its own */
		return x->snap < y->snap ? -1 : 1;
	if ((c = strcmp(x->member->user_id, y->member->user_id)) != 0 ||
	    (c = strcmp(row_type(x), row_type(y))) != 0 ||
	    (c = strcmp(row_asset_id(a, x), row_asset_id(a, y))) != 0)
		return c;
	return 0;
}

int bclint_access_build(struct bclint_access *a, const struct bclint_model *const *models, size_t n,
                        const struct bclint_report *report, const struct bclint_roster *roster,
                        bclint_time now, const unsigned char *redact_key, int by_person)
{
	struct pair_index ix = {NULL, 0};
	size_t total = 0;
	memset(a, 0, sizeof(*a));
	a->models = models;
	a->n_models = n;
	a->roster = roster;
	a->now = now;
	a->redact = redact_key != NULL;
	if (redact_key != NULL)
		memcpy(a->keyed.key, redact_key, sizeof(a->keyed.key));
	for (size_t k = 0; k < n; k++) {
		total += models[k]->n_members;
		for (size_t i = 0; i < models[k]->n_members; i++)
			total += models[k]->members[i].n_grants;
	}
	a->rows = calloc(total ? total : 1, sizeof(*a->rows));
	a->planned = calloc(n ? n : 1, sizeof(*a->planned));
	a->bc_findings = calloc(n ? n : 1, sizeof(*a->bc_findings));
	if (a->rows == NULL || a->planned == NULL || a->bc_findings == NULL ||
	    pair_init(&ix, total) < 0)
		goto fail;
	for (size_t k = 0; k < n; k++) {
		const struct bclint_model *m = models[k];
		a->planned[k] = m->n_needs > 0;
		for (size_t i = 0; i < m->n_members; i++) {
			const struct bclint_member *mem = &m->members[i];
			struct bclint_cap role = {(uint8_t)(mem->role == BCLINT_ROLE_ADMIN), 0};
			a->rows[a->n_rows] =
			        (struct bclint_access_row){.snap = k, .member = mem, .cap = role};
			pair_put(&ix, a->rows, a->n_rows++);
			for (size_t j = 0; j < mem->n_grants; j++) {
				const struct bclint_grant *g = mem->grants[j];
				a->rows[a->n_rows] = (struct bclint_access_row){.snap = k,
				                                                .member = mem,
				                                                .asset = g->asset,
				                                                .grant = g,
				                                                .cap = g->cap};
				pair_put(&ix, a->rows, a->n_rows++);
			}
		}
	}
	if (add_direct(a) < 0)
		goto fail;
	for (size_t k = 0; k < n; k++)
		if (add_sources(a, &ix, k) < 0)
			goto fail;
	if (add_needs(a, &ix) < 0)
		goto fail;
	if ((report != NULL && add_findings(a, &ix, report) < 0) || add_people(a) < 0)
		goto fail;
	free(ix.slots);
	sorting = a;
	sorting_by_person = by_person;
	qsort(a->rows, a->n_rows, sizeof(*a->rows), row_cmp);
	sorting = NULL;
	return 0;
fail:
	free(ix.slots);
	return -1;
}

int bclint_access_roster(const struct bclint_access *a, const struct bclint_access_row *r,
                         const struct bclint_roster_entry **entry)
{
	*entry = NULL;
	if (a->roster == NULL)
		return BCLINT_ROSTER_UNKNOWN;
	*entry = bclint_roster_find(a->roster, r->member->email);
	if (*entry == NULL)
		return BCLINT_ROSTER_OFF;
	bclint_time now = a->now != BCLINT_NO_TIME ? a->now : a->models[r->snap]->captured_at;
	if (now == BCLINT_NO_TIME)
		now = (bclint_time)time(NULL);
	return (*entry)->end != BCLINT_NO_TIME && now >= (*entry)->end ? BCLINT_ROSTER_ENDED
	                                                               : BCLINT_ROSTER_ON;
}

void bclint_access_free(struct bclint_access *a)
{
	if (a == NULL)
		return;
	free(a->rows);
	free(a->planned);
	free(a->bc_findings);
	free(a->people);
	bclint_arena_free(&a->arena);
	memset(a, 0, sizeof(*a));
}
