/* The report: findings from every snapshot and rule, ordered for output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "hash.h"
#include "region.h"
#include "report.h"

int bclint_report_add_source(struct bclint_report *r, char *path, struct bclint_text text)
{
	struct bclint_source *s = realloc(r->sources, (r->n_sources + 1) * sizeof(*s));
	if (s == NULL || path == NULL) {
		if (s != NULL)
			r->sources = s;
		free(path);
		bclint_text_free(&text);
		r->oom = 1;
		return -1;
	}
	r->sources = s;
	s[r->n_sources] = (struct bclint_source){path, text, NULL, 0, NULL, 0};
	return (int)r->n_sources++;
}

int bclint_report_put_source(struct bclint_report *r, uint32_t file, char *path,
                             struct bclint_text text)
{
	if (file >= r->n_sources) {
		struct bclint_source *s = realloc(r->sources, ((size_t)file + 1) * sizeof(*s));
		if (s == NULL) {
			free(path);
			bclint_text_free(&text);
			return -1;
		}
		memset(s + r->n_sources, 0, ((size_t)file + 1 - r->n_sources) * sizeof(*s));
		r->sources = s;
		r->n_sources = (size_t)file + 1;
	}
	struct bclint_source *src = &r->sources[file];
	free(src->path);
	bclint_text_free(&src->text);
	free(src->lines);
	*src = (struct bclint_source){path, text, NULL, 0, NULL, 0};
	return 0;
}

/* The ref as the report keeps it: a pointer's text copied. */
static int keep_ref(struct bclint_report *r, const struct bclint_ref *in, struct bclint_ref *out)
{
	*out = *in;
	if (in->entity != 0 || in->pointer == NULL)
		return 0;
	out->pointer = bclint_arena_strdup(&r->arena, in->pointer);
	return out->pointer != NULL ? 0 : -1;
}

/* The about strings as the report keeps them: copies. */
static int keep_about(struct bclint_report *r, struct bclint_about *a)
{
	const char **s[] = {&a->user_id, &a->user_email, &a->asset_id};
	for (size_t i = 0; i < 3; i++)
		if (*s[i] != NULL && (*s[i] = bclint_arena_strdup(&r->arena, *s[i])) == NULL)
			return -1;
	return 0;
}

const char *bclint_ref_pointer(const struct bclint_ref *ref, char *buf)
{
	if (ref->entity != 0)
		return bclint_entity_code_pointer(ref->entity, buf);
	return ref->pointer != NULL ? ref->pointer : "";
}

/* Room for one more finding: 0, or -1 when memory runs out. */
static int room(struct bclint_report *r)
{
	/* counts and order are 32-bit: four billion findings are more than
	 * memory holds anyway */
	if (r->n_findings == r->cap_findings) {
		size_t cap = r->cap_findings ? r->cap_findings * 2 : 64;
		struct bclint_finding **f =
		        cap <= UINT32_MAX ? realloc(r->findings, cap * sizeof(*f)) : NULL;
		if (f == NULL) {
			r->oom = 1;
			return -1;
		}
		r->findings = f;
		r->cap_findings = cap;
	}
	return 0;
}

/* Room for one more region in r's lists: 0, or -1. */
static int region_room(struct bclint_report *r)
{
	struct bclint_region **v = realloc(r->regions, (r->n_regions + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	r->regions = v;
	uint32_t *files = realloc(r->region_files, (r->n_regions + 1) * sizeof(*files));
	if (files == NULL)
		return -1;
	r->region_files = files;
	return 0;
}

/* A region newly mapped, or NULL. */
static struct bclint_region *map_region(struct bclint_report *r)
{
	struct bclint_region *g = malloc(sizeof(*g));
	if (g == NULL || bclint_region_map(g) < 0) {
		free(g);
		return NULL;
	}
	g->born = r->n_mapped++;
	return g;
}

/* g, filled for file from now on (there is room). */
static struct bclint_region *keep_region(struct bclint_report *r, struct bclint_region *g,
                                         uint32_t file)
{
	r->region_files[r->n_regions] = file;
	return r->regions[r->n_regions++] = g;
}

struct bclint_region *bclint_report_new_region(struct bclint_report *r, uint32_t file)
{
	if (region_room(r) < 0)
		return NULL;
	struct bclint_region *g = r->n_spare > 0 ? r->spare[--r->n_spare] : map_region(r);
	return g != NULL ? keep_region(r, g, file) : NULL;
}

struct bclint_region *bclint_report_old_region(struct bclint_report *r, uint32_t file,
                                               unsigned long before)
{
	for (size_t i = r->n_spare; i-- > 0;) {
		struct bclint_region *g = r->spare[i];
		if (g->born >= before)
			continue;
		if (region_room(r) < 0)
			return NULL;
		memmove(r->spare + i, r->spare + i + 1, (r->n_spare - i - 1) * sizeof(*r->spare));
		r->n_spare--;
		return keep_region(r, g, file);
	}
	return NULL;
}

int bclint_report_stock_spare(struct bclint_report *r)
{
	if (r->n_spare > 0)
		return 0;
	struct bclint_region *g = map_region(r);
	if (g == NULL)
		return -1;
	r->spare[r->n_spare++] = g;
	return 0;
}

void bclint_report_trim_regions(struct bclint_report *r)
{
	for (size_t k = 0; k < r->n_regions; k++)
		bclint_region_trim(r->regions[k]);
}

int bclint_report_adopt(struct bclint_report *r, struct bclint_finding *f)
{
	if (room(r) < 0)
		return -1;
	f->seq = r->next_seq++;
	f->fingerprint[0] = '\0';
	r->n_notes += f->n_notes;
	r->findings[r->n_findings++] = f;
	return 0;
}

struct bclint_finding *bclint_report_add(struct bclint_report *r,
                                         const struct bclint_finding *proto, const char *message,
                                         size_t len)
{
	if (room(r) < 0)
		return NULL;
	struct bclint_finding *f = bclint_arena_alloc(&r->arena, sizeof(*f));
	const char *msg = f ? bclint_arena_strndup(&r->arena, message, len) : NULL;
	if (msg == NULL) {
		r->oom = 1;
		return NULL;
	}
	*f = *proto;
	if (keep_ref(r, &proto->ref, &f->ref) < 0 || keep_about(r, &f->about) < 0) {
		r->oom = 1;
		return NULL;
	}
	f->message = msg;
	f->notes = NULL;
	f->n_notes = f->cap_notes = 0;
	f->seq = r->next_seq++;
	f->fingerprint[0] = '\0';
	r->findings[r->n_findings++] = f;
	return f;
}

struct bclint_finding *bclint_report_addz(struct bclint_report *r,
                                          const struct bclint_finding *proto, const char *message)
{
	return bclint_report_add(r, proto, message, strlen(message));
}

void bclint_report_note(struct bclint_report *r, struct bclint_finding *f,
                        const struct bclint_note *proto, const char *message, size_t len)
{
	if (f == NULL)
		return;
	if (f->n_notes == f->cap_notes) {
		/* doubling, in the arena: the old array is left behind */
		uint32_t cap = f->cap_notes ? f->cap_notes * 2 : 2;
		struct bclint_note *n =
		        f->cap_notes < UINT32_MAX / 2
		                ? bclint_arena_alloc(&r->arena, (size_t)cap * sizeof(*n))
		                : NULL;
		if (n == NULL) {
			r->oom = 1;
			return;
		}
		if (f->n_notes)
			memcpy(n, f->notes, f->n_notes * sizeof(*n));
		f->notes = n;
		f->cap_notes = cap;
	}
	struct bclint_note *n = &f->notes[f->n_notes];
	*n = *proto;
	n->message = bclint_arena_strndup(&r->arena, message, len);
	if (n->message == NULL || keep_ref(r, &proto->ref, &n->ref) < 0) {
		r->oom = 1;
		return;
	}
	f->n_notes++;
	r->n_notes++;
}

void bclint_report_failure(struct bclint_report *r, const char *file, const char *rule,
                           const char *message)
{
	if (r->n_failures == r->cap_failures) {
		size_t cap = r->cap_failures ? r->cap_failures * 2 : 4;
		struct bclint_failure *f = realloc(r->failures, cap * sizeof(*f));
		if (f == NULL) {
			r->oom = 1;
			return;
		}
		r->failures = f;
		r->cap_failures = cap;
	}
	struct bclint_failure *f = &r->failures[r->n_failures++];
	/* not in the arena, which holds findings only (bclint_report_flush
	 * reuses it) */
	f->file = file ? strdup(file) : NULL;
	f->rule = rule ? strdup(rule) : NULL;
	f->message = strdup(message);
	if ((file && !f->file) || (rule && !f->rule) || !f->message)
		r->oom = 1;
}

static int by_position(const void *a, const void *b)
{
	const struct bclint_finding *x = *(const struct bclint_finding *const *)a;
	const struct bclint_finding *y = *(const struct bclint_finding *const *)b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->pos.off != y->pos.off)
		return x->pos.off < y->pos.off ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Collect, into pos (or only count, when pos is NULL), the positions of
 * file file that are not resolved yet (line 0: a worker resolves those it
 * sends). */
static size_t unresolved(struct bclint_report *r, int ends, size_t *at, struct bclint_textpos **pos)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		struct bclint_textpos *p[2] = {&f->pos, &f->end};
		for (int k = 0; k < 1 + ends; k++) {
			if (p[k]->line != 0)
				continue;
			if (pos != NULL)
				pos[at[f->file]++] = p[k];
			else
				at[f->file + 1]++;
			n++;
		}
		for (size_t k = 0; k < f->n_notes; k++) {
			struct bclint_note *o = &f->notes[k];
			struct bclint_textpos *q[2] = {&o->pos, &o->end};
			for (int m = 0; m < 1 + ends; m++) {
				if (q[m]->line != 0)
					continue;
				if (pos != NULL)
					pos[at[o->file]++] = q[m];
				else
					at[o->file + 1]++;
				n++;
			}
		}
	}
	return n;
}

/* Resolve every position not resolved yet: grouped by file in two passes
 * over the findings, then one sweep of each file's text. */
static void resolve_all(struct bclint_report *r, int ends)
{
	size_t *at = calloc(r->n_sources + 1, sizeof(*at));
	size_t n = at ? unresolved(r, ends, at, NULL) : 0;
	struct bclint_textpos **pos = n ? bclint_big_alloc(n * sizeof(*pos)) : NULL;
	if (at == NULL || (n > 0 && pos == NULL)) {
		r->oom = 1;
		free(at);
		return;
	}
	for (size_t k = 0; k < r->n_sources; k++)
		at[k + 1] += at[k];
	if (n > 0)
		unresolved(r, ends, at, pos); /* at[k] ends as the start of file k + 1 */
	for (size_t k = 0, start = 0; k < r->n_sources; start = at[k], k++) {
		const struct bclint_source *s = &r->sources[k];
		if (at[k] > start)
			bclint_positions_resolve_lines(s->text.data, s->text.len, s->lines,
			                               s->n_lines, pos + start, at[k] - start);
	}
	free(pos);
	free(at);
}

/* Findings at one position, in order of reporting: by rule, then that
 * order.  A few each, as a rule; many at once through qsort. */
static void sort_run(struct bclint_finding **f, size_t n)
{
	if (n > 16) {
		qsort(f, n, sizeof(*f), by_position);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct bclint_finding *x = f[i];
		size_t j = i;
		for (; j > 0 && by_position(&f[j - 1], &x) > 0; j--)
			f[j] = f[j - 1];
		f[j] = x;
	}
}

/* Into output order (by_position).  Findings come in order of reporting,
 * so a stable sort by offset, then one by file, leaves only runs at one
 * position to put in rule order. */
static void sort_findings(struct bclint_report *r)
{
	size_t n = r->n_findings;
	uint64_t *keys = n <= UINT32_MAX && n <= SIZE_MAX / (2 * sizeof(*keys))
	                         ? bclint_big_alloc(2 * n * sizeof(*keys))
	                         : NULL;
	struct bclint_finding **sorted = keys ? bclint_big_alloc(n * sizeof(*sorted)) : NULL;
	size_t *at = sorted ? calloc(r->n_sources + 1, sizeof(*at)) : NULL;
	size_t i = 0;
	for (; at != NULL && i < n && r->findings[i]->file < r->n_sources; i++) {
		keys[i] = (uint64_t)r->findings[i]->pos.off << 32 | i;
		at[r->findings[i]->file + 1]++;
	}
	if (at == NULL || i < n) { /* out of memory (or a file out of range): qsort does it */
		free(keys);
		free(sorted);
		free(at);
		qsort(r->findings, n, sizeof(*r->findings), by_position);
		return;
	}
	const uint64_t *order = bclint_radix_sort(keys, keys + n, n);
	/* then by file, keeping that order: where each file's findings start */
	for (size_t k = 0; k < r->n_sources; k++)
		at[k + 1] += at[k];
	for (i = 0; i < n; i++) {
		struct bclint_finding *f = r->findings[order[i] & 0xffffffffu];
		sorted[at[f->file]++] = f;
	}
	memcpy(r->findings, sorted, n * sizeof(*sorted));
	free(sorted);
	free(keys);
	free(at);
	for (size_t j = i = 0; i < n; i = j) {
		const struct bclint_finding *f = r->findings[i];
		for (j = i + 1; j < n && r->findings[j]->pos.off == f->pos.off &&
		                r->findings[j]->file == f->file;
		     j++)
			;
		if (j - i > 1)
			sort_run(r->findings + i, j - i);
	}
}

/* bclint_report_finish for findings of sources [0, bound) alone: their
 * texts are freed, the later sources' are kept. */
static void finish(struct bclint_report *r, unsigned needs, size_t bound)
{
	if (r->n_findings > 1) /* findings is NULL when there are none */
		sort_findings(r);
	resolve_all(r, (needs & BCLINT_NEED_ENDS) != 0);
	for (size_t i = 0; i < bound && i < r->n_sources; i++) {
		bclint_text_free(&r->sources[i].text);
		free(r->sources[i].lines);
		r->sources[i].lines = NULL;
	}
	/* The same rule may report one entity more than once: number the
	 * repeats so that each finding's fingerprint stays distinct. */
	memcpy(r->counts, r->flushed, sizeof(r->counts));
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->level >= 1 && f->level <= 3 && f->suppressed == NULL)
			r->counts[f->level]++;
		if (!(needs & BCLINT_NEED_FINGERPRINTS))
			continue;
		uint64_t h = f->identity, seen = 0;
		for (size_t j = i; j > 0; j--) {
			const struct bclint_finding *p = r->findings[j - 1];
			if (p->file != f->file || p->pos.off != f->pos.off)
				break;
			seen += p->identity == f->identity && strcmp(p->rule, f->rule) == 0;
		}
		if (seen)
			h = bclint_hash64(&seen, sizeof(seen), h);
		/* "%016llx", without a printf per finding */
		for (int d = 15; d >= 0; d--, h >>= 4)
			f->fingerprint[d] = "0123456789abcdef"[h & 15];
		f->fingerprint[16] = '\0';
	}
}

void bclint_report_finish(struct bclint_report *r, unsigned needs)
{
	finish(r, needs, r->n_sources);
}

/* Is finding f in region g?  (Its notes and texts are where it is.) */
static int in_region(const struct bclint_region *g, const struct bclint_finding *f)
{
	return bclint_region_holds(g, f, sizeof(*f));
}

/* Drop regions filled for sources [0, bound) that no finding in the
 * report lives in, and say whether any finding lives in the arena. */
static int drop_regions(struct bclint_report *r, uint32_t bound)
{
	int in_arena = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		size_t k = 0;
		while (k < r->n_regions && !in_region(r->regions[k], r->findings[i]))
			k++;
		if (k == r->n_regions)
			in_arena = 1;
		else if (r->region_files[k] < bound)
			r->region_files[k] = bound; /* still in use: kept */
	}
	size_t kept = 0;
	for (size_t k = 0; k < r->n_regions; k++) {
		if (r->region_files[k] < bound) {
			struct bclint_region *g = r->regions[k];
			if (r->n_spare < BCLINT_SPARE_REGIONS && bclint_region_reuse(g) == 0) {
				r->spare[r->n_spare++] = g;
				continue;
			}
			bclint_region_unmap(g);
			free(g);
			continue;
		}
		r->regions[kept] = r->regions[k];
		r->region_files[kept++] = r->region_files[k];
	}
	r->n_regions = kept;
	return in_arena;
}

void bclint_report_flush(struct bclint_report *r, uint32_t bound, unsigned needs,
                         void (*part)(void *arg, struct bclint_report *r), void *arg)
{
	size_t n = r->n_findings, m = 0, k = 0;
	struct bclint_finding **later = n > 0 ? malloc(n * sizeof(*later)) : NULL;
	if (n > 0 && later == NULL) {
		r->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->file < bound)
			r->findings[m++] = f;
		else
			later[k++] = f;
	}
	size_t notes = 0;
	for (size_t i = 0; i < m; i++)
		notes += r->findings[i]->n_notes;
	r->n_findings = m;
	finish(r, needs, bound);
	memcpy(r->flushed, r->counts, sizeof(r->flushed)); /* whatever part does */
	if (m > 0)
		part(arg, r);
	memcpy(r->counts, r->flushed, sizeof(r->counts));
	r->n_notes -= notes;
	if (k > 0)
		memcpy(r->findings, later, k * sizeof(*later));
	r->n_findings = k;
	free(later);
	if (!drop_regions(r, bound))
		bclint_arena_reset(&r->arena);
}

void bclint_report_keep_errors(struct bclint_report *r)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->level == BCLINT_LEVEL_ERROR || f->suppressed)
			r->findings[k++] = f;
	}
	r->n_findings = k;
	/* what is left counts as before: the errors, of every part handed out
	 * too (bclint_report_flush) */
	r->counts[BCLINT_LEVEL_WARNING] = r->counts[BCLINT_LEVEL_NOTE] = 0;
}

void bclint_report_free(struct bclint_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_sources; i++) {
		free(r->sources[i].path);
		free((char *)r->sources[i].bc_id);
		bclint_text_free(&r->sources[i].text);
		free(r->sources[i].lines);
	}
	free(r->sources);
	free(r->findings);
	for (size_t i = 0; i < r->n_failures; i++) {
		free(r->failures[i].file);
		free(r->failures[i].rule);
		free(r->failures[i].message);
	}
	free(r->failures);
	bclint_arena_free(&r->arena);
	for (size_t i = 0; i < r->n_regions; i++) {
		bclint_region_unmap(r->regions[i]);
		free(r->regions[i]);
	}
	for (size_t i = 0; i < r->n_spare; i++) {
		bclint_region_unmap(r->spare[i]);
		free(r->spare[i]);
	}
	free(r->regions);
	free(r->region_files);
	memset(r, 0, sizeof(*r));
}
