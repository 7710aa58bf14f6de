/* The report: findings from every snapshot and rule, ordered for output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "report.h"

int bclint_report_add_source(struct bclint_report *r, char *path, char *text, size_t len)
{
	struct bclint_source *s = realloc(r->sources, (r->n_sources + 1) * sizeof(*s));
	if (s == NULL) {
		free(path);
		bclint_text_free(text);
		r->oom = 1;
		return -1;
	}
	r->sources = s;
	s[r->n_sources] = (struct bclint_source){path, text, len, NULL, 0};
	return (int)r->n_sources++;
}

const char *bclint_report_strdup(struct bclint_report *r, const char *s)
{
	const char *p = bclint_arena_strdup(&r->arena, s);
	if (p == NULL)
		r->oom = 1;
	return p;
}

struct bclint_finding *bclint_report_add(struct bclint_report *r, uint32_t file,
                                         const char *rule, const char *plugin, int level,
                                         uint32_t start, uint32_t end, const char *pointer,
                                         uint64_t identity, const char *message)
{
	struct bclint_msg m = {message, strlen(message), NULL, NULL, 0, 0};
	return bclint_report_add_msg(r, file, rule, plugin, level, start, end, pointer, NULL,
	                             identity, &m);
}

/* Where a finding or note points: entity e as its code, which output
 * writes out only if it shows pointers, or pointer as given.  An entity
 * whose code would not fit is written out now. */
static int where(struct bclint_report *r, const char *pointer, const struct bclint_entity *e,
                 union bclint_pointer *p, uint8_t *by_entity)
{
	*by_entity = 0;
	if (e == NULL) {
		p->text = pointer;
		return 0;
	}
	if (e->kind < 0xff && e->parent < (1u << 24)) {
		p->entity = (uint64_t)(e->kind + 1) | (uint64_t)e->index << 8 |
		            (uint64_t)e->parent << 40;
		*by_entity = 1;
		return 0;
	}
	p->text = bclint_entity_pointer(r, e);
	return p->text != NULL ? 0 : -1;
}

const char *bclint_pointer_text(union bclint_pointer p, int by_entity, char *buf)
{
	if (!by_entity)
		return p.text;
	struct bclint_entity e = {(uint32_t)(p.entity & 0xff) - 1, (uint32_t)(p.entity >> 8),
	                          (uint32_t)(p.entity >> 40), 0, 0};
	return bclint_entity_pointer_in(&e, buf);
}

/* The message as the report keeps it: a copy of the text, or the format
 * with a copy of its arguments; *deferred says which.  NULL when out of
 * memory. */
static const char *keep(struct bclint_report *r, const struct bclint_msg *m, uint8_t *deferred)
{
	*deferred = m->fmt != NULL;
	if (m->fmt == NULL)
		return bclint_arena_strndup(&r->arena, m->text, m->len);
	/* which arguments are strings, the format, then the arguments */
	size_t n = (size_t)m->n_args;
	union bclint_arg *kept = bclint_arena_take(&r->arena, (2 + n) * sizeof(*kept),
	                                           _Alignof(union bclint_arg));
	if (kept == NULL)
		return NULL;
	kept[0].u = m->strings;
	kept[1].s = m->fmt;
	if (n > 0)
		memcpy(kept + 2, m->args, n * sizeof(*kept));
	return (const char *)kept;
}

const char *bclint_message(const char *message, int deferred, struct bclint_buf *tmp)
{
	if (!deferred)
		return message;
	const union bclint_arg *kept = (const union bclint_arg *)(const void *)message;
	tmp->len = 0;
	int n = bclint_fmt_render(tmp->data, tmp->cap, kept[1].s, kept + 2);
	if (n < 0) {
		tmp->oom = 1;
		return NULL;
	}
	if ((size_t)n >= tmp->cap) {
		if (bclint_buf_reserve(tmp, (size_t)n) < 0)
			return NULL;
		bclint_fmt_render(tmp->data, tmp->cap, kept[1].s, kept + 2);
	}
	tmp->len = (size_t)n;
	return tmp->data;
}

/* Ask for what a deferred message's text is made of: its arguments'
 * strings, which lie all over the model. */
static void prefetch_strings(const char *message, int deferred)
{
	if (!deferred)
		return;
	const union bclint_arg *kept = (const union bclint_arg *)(const void *)message;
	for (unsigned long long s = kept[0].u, i = 2; s != 0; s >>= 1, i++)
		if (s & 1)
			__builtin_prefetch(kept[i].s);
}

void bclint_report_prefetch(const struct bclint_report *r, size_t i)
{
	/* three steps, each a few findings ahead of the next: the finding,
	 * its message and notes, the strings they print */
	if (i + 12 < r->n_findings)
		__builtin_prefetch(r->findings[i + 12]);
	if (i + 8 < r->n_findings) {
		const struct bclint_finding *f = r->findings[i + 8];
		__builtin_prefetch(f->message);
		__builtin_prefetch(f->notes);
		for (uint32_t k = 0; k < f->n_notes && k < 4; k++)
			__builtin_prefetch(f->notes[k].message);
	}
	if (i + 4 < r->n_findings) {
		const struct bclint_finding *f = r->findings[i + 4];
		prefetch_strings(f->message, f->deferred);
		for (uint32_t k = 0; k < f->n_notes && k < 4; k++)
			prefetch_strings(f->notes[k].message, f->notes[k].deferred);
	}
}

/* A deferred message written into the report's arena: 0, or -1. */
static int settle(struct bclint_report *r, const char **message, uint8_t *deferred,
                  struct bclint_buf *tmp)
{
	if (!*deferred)
		return 0;
	const char *text = bclint_message(*message, 1, tmp);
	const char *copy = text ? bclint_arena_strndup(&r->arena, text, tmp->len) : NULL;
	if (copy == NULL)
		return -1;
	*message = copy;
	*deferred = 0;
	return 0;
}

void bclint_report_settle(struct bclint_report *r, size_t first)
{
	struct bclint_buf tmp = {0};
	int failed = 0;
	for (size_t i = first; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		failed |= settle(r, &f->message, &f->deferred, &tmp);
		for (uint32_t k = 0; k < f->n_notes; k++)
			failed |= settle(r, &f->notes[k].message, &f->notes[k].deferred, &tmp);
	}
	if (failed)
		r->oom = 1;
	free(tmp.data);
}

struct bclint_finding *bclint_report_add_msg(struct bclint_report *r, uint32_t file,
                                             const char *rule, const char *plugin,
                                             int level, uint32_t start, uint32_t end,
                                             const char *pointer,
                                             const struct bclint_entity *e,
                                             uint64_t identity,
                                             const struct bclint_msg *message)
{
	if (r->n_findings == r->cap_findings) {
		size_t cap = r->cap_findings ? r->cap_findings * 2 : 64;
		struct bclint_finding **f = realloc(r->findings, cap * sizeof(*f));
		if (f == NULL) {
			r->oom = 1;
			return NULL;
		}
		r->findings = f;
		r->cap_findings = cap;
	}
	/* counts and order are 32-bit: four billion findings are more than
	 * memory holds anyway */
	if (r->n_findings >= UINT32_MAX) {
		r->oom = 1;
		return NULL;
	}
	struct bclint_finding *f = bclint_arena_calloc(&r->arena, 1, sizeof(*f));
	const char *msg = f != NULL ? keep(r, message, &f->deferred) : NULL;
	if (msg == NULL || where(r, pointer, e, &f->pointer, &f->by_entity) < 0) {
		r->oom = 1;
		return NULL;
	}
	f->rule = rule;
	f->plugin = plugin;
	f->level = level;
	f->file = file;
	f->pos.off = start;
	f->end.off = end;
	f->message = msg;
	f->identity = identity;
	f->seq = (uint32_t)r->n_findings;
	r->findings[r->n_findings++] = f;
	return f;
}

void bclint_report_note(struct bclint_report *r, struct bclint_finding *f, uint32_t file,
                        uint32_t start, uint32_t end, const char *pointer,
                        const struct bclint_entity *e, const struct bclint_msg *message)
{
	if (f == NULL)
		return;
	if (f->n_notes == f->cap_notes) {
		/* A rule adds a finding's notes one after another: the array
		 * is the last thing in its arena and grows where it is.  When
		 * it is not (notes of two findings taken turns), it moves,
		 * doubling. */
		if (f->cap_notes >= UINT32_MAX / 2) {
			r->oom = 1;
			return;
		}
		uint32_t cap = f->cap_notes + 1;
		size_t sz = sizeof(*f->notes);
		struct bclint_note *n =
			bclint_arena_extend(&r->note_arena, f->notes, f->cap_notes * sz, (size_t)cap * sz);
		if (n == NULL) {
			cap = f->cap_notes ? f->cap_notes * 2 : 1;
			n = bclint_arena_alloc(&r->note_arena, (size_t)cap * sz);
			if (n != NULL && f->n_notes)
				memcpy(n, f->notes, f->n_notes * sz);
		}
		if (n == NULL) {
			r->oom = 1;
			return;
		}
		f->notes = n;
		f->cap_notes = cap;
	}
	struct bclint_note *n = &f->notes[f->n_notes];
	const char *msg = keep(r, message, &n->deferred);
	if (msg == NULL || where(r, pointer, e, &n->pointer, &n->by_entity) < 0) {
		r->oom = 1;
		return;
	}
	r->n_notes++;
	f->n_notes++;
	n->file = file;
	n->pos.off = start;
	n->end.off = end;
	n->message = msg;
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
	f->file = file ? bclint_report_strdup(r, file) : NULL;
	f->rule = rule ? bclint_report_strdup(r, rule) : NULL;
	f->message = bclint_report_strdup(r, message);
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

/* Resolve every position of one file in a single sweep of its text. */
static void resolve_file(struct bclint_report *r, uint32_t file)
{
	/* room for every position of the report: one pass over the
	 * findings, not one to count and one to collect */
	size_t per = r->no_ends ? 1 : 2, n = (r->n_findings + r->n_notes) * per;
	if (n == 0)
		return;
	struct bclint_textpos **pos = bclint_big_alloc(n * sizeof(*pos));
	if (pos == NULL) {
		r->oom = 1;
		return;
	}
	n = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->file == file) {
			pos[n++] = &f->pos;
			if (!r->no_ends)
				pos[n++] = &f->end;
		}
		for (size_t k = 0; k < f->n_notes; k++) {
			if (f->notes[k].file == file) {
				pos[n++] = &f->notes[k].pos;
				if (!r->no_ends)
					pos[n++] = &f->notes[k].end;
			}
		}
	}
	const struct bclint_source *s = &r->sources[file];
	bclint_positions_resolve_lines(s->text, s->len, s->lines, s->n_lines, pos, n);
	free(pos);
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
	                 ? bclint_big_alloc(2 * n * sizeof(*keys)) : NULL;
	struct bclint_finding **sorted = keys ? bclint_big_alloc(n * sizeof(*sorted)) : NULL;
	size_t *at = sorted ? calloc(r->n_sources + 1, sizeof(*at)) : NULL;
	size_t i = 0;
	for (; at != NULL && i < n && r->findings[i]->file < r->n_sources; i++) {
		keys[i] = (uint64_t)r->findings[i]->pos.off << 32 | i;
		at[r->findings[i]->file + 1]++;
	}
	if (i < n) { /* out of memory (or a file out of range): qsort does it */
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
		                r->findings[j]->file == f->file; j++)
			;
		if (j - i > 1)
			sort_run(r->findings + i, j - i);
	}
}

void bclint_report_finish(struct bclint_report *r)
{
	if (r->n_findings > 1) /* findings is NULL when there are none */
		sort_findings(r);
	for (uint32_t i = 0; i < r->n_sources; i++) {
		resolve_file(r, i);
		bclint_text_free(r->sources[i].text);
		r->sources[i].text = NULL;
		free(r->sources[i].lines);
		r->sources[i].lines = NULL;
	}
	/* The same rule may report one entity more than once: number the
	 * repeats so that each finding's fingerprint stays distinct. */
	memset(r->counts, 0, sizeof(r->counts));
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->level >= 1 && f->level <= 3 && f->suppressed == NULL)
			r->counts[f->level]++;
		if (r->no_fingerprints)
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

void bclint_report_keep_errors(struct bclint_report *r)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i]->level == BCLINT_LEVEL_ERROR || r->findings[i]->suppressed)
			r->findings[k++] = r->findings[i];
	r->n_findings = k;
}

void bclint_report_free(struct bclint_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_sources; i++) {
		free(r->sources[i].path);
		bclint_text_free(r->sources[i].text);
		free(r->sources[i].lines);
	}
	free(r->sources);
	free(r->findings);
	free(r->failures);
	bclint_arena_free(&r->arena);
	bclint_arena_free(&r->note_arena);
	memset(r, 0, sizeof(*r));
}
