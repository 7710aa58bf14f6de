/* The services a rule calls (include/bclint/plugin.h, struct bclint_host):
 * reporting findings and notes, typed options, the reference time, and
 * labels for people, assets and permissions. */
/* dl_iterate_phdr, in <link.h> */
#define _GNU_SOURCE 1 /* NOLINT(bugprone-reserved-identifier): the C library's */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "caps.h"
#include "conffile.h"
#include "host.h"
#include "json.h"
#include "snapshot.h"

struct spans {
	struct bclint_span *v;
	size_t n, cap;
	int oom;
};

static void add_span(void *arg, const void *start, size_t len)
{
	struct spans *sp = arg;
	if (len == 0 || sp->oom)
		return;
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 64;
		struct bclint_span *v = realloc(sp->v, cap * sizeof(*v));
		if (v == NULL) {
			sp->oom = 1;
			return;
		}
		sp->v = v;
		sp->cap = cap;
	}
	sp->v[sp->n++] = (struct bclint_span){(uintptr_t)start, (uintptr_t)start + len};
}

void bclint_lasting_free(struct bclint_lasting *l)
{
	bclint_arena_free(&l->labels);
	free(l->spans);
	memset(l, 0, sizeof(*l));
}

/* A scratch allocation for a rule: on failure the report is incomplete. */
static const char *checked(struct bclint_ctx *ctx, const char *s)
{
	if (s == NULL)
		ctx->report->oom = 1;
	return s;
}

/* A short stable pseudonym for personal data under --redact. */
static const char *redacted(struct bclint_ctx *ctx, const char *prefix, const char *s)
{
	uint64_t h = bclint_hash64(s, strlen(s), 0x6263);
	return checked(ctx, bclint_arena_printf(&ctx->scratch, "%s-%08llx", prefix,
	                                        (unsigned long long)(h >> 32)));
}

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

/* Personal text to hide under --redact, found through a key it contains:
 * for an email, the word before its first '@', the '@' and the word after;
 * for a name, its first word.  off is where the key starts in text. */
struct secret {
	const char *text, *prefix;
	size_t len, off;
	int whole_word;
	struct secret *next; /* same key */
};

/* The key around position at of s ('@' for emails, a word start for
 * names), copied into the scratch arena; *start is where it begins. */
static char *secret_key(struct bclint_ctx *ctx, const char *s, size_t at, int email,
                        size_t *start)
{
	size_t b = at, e = at + (email ? 1 : 0);
	while (email && b > 0 && word_char((unsigned char)s[b - 1]))
		b--;
	while (word_char((unsigned char)s[e]))
		e++;
	*start = b;
	return bclint_arena_printf(&ctx->scratch, "%.*s", (int)(e - b), s + b);
}

static void add_secret(struct bclint_ctx *ctx, const char *text, const char *prefix,
                       int email)
{
	const char *at = email ? strchr(text, '@') : NULL;
	size_t k = 0, start;
	if (at != NULL) {
		k = (size_t)(at - text);
	} else { /* a name, or an email without '@': its first word */
		email = 0;
		while (text[k] != '\0' && !word_char((unsigned char)text[k]))
			k++;
		if (text[k] == '\0')
			return; /* no word to find it by */
	}
	char *key = secret_key(ctx, text, k, email, &start);
	struct secret *sec = bclint_arena_calloc(&ctx->scratch, 1, sizeof(*sec));
	if (key == NULL || sec == NULL) {
		ctx->report->oom = 1; /* a secret not indexed would not be redacted */
		return;
	}
	*sec = (struct secret){text, prefix, strlen(text), start, !email, NULL};
	/* secrets found by the same key (eve@x.example, eve@x.other) are
	 * chained behind the first: the map keeps the first value put */
	struct secret *head = bclint_map_get(&ctx->secrets, 0, key);
	if (head != NULL) {
		sec->next = head->next;
		head->next = sec;
	} else if (bclint_map_put(&ctx->secrets, 0, key, sec) == (void *)&ctx->secrets) {
		ctx->report->oom = 1;
	}
}

/* Index every member's email and name once per rule run. */
static void index_secrets(struct bclint_ctx *ctx)
{
	const struct bclint_model *m = &ctx->snap->model;
	ctx->secrets_indexed = 1;
	for (size_t i = 0; i < m->n_members; i++) {
		if (m->members[i].email != NULL && m->members[i].email[0] != '\0')
			add_secret(ctx, m->members[i].email, "user", 1);
		if (m->members[i].name != NULL && m->members[i].name[0] != '\0')
			add_secret(ctx, m->members[i].name, "name", 0);
	}
}

/* The secret whose text occurs in msg at position i, through the key that
 * starts at k, if any. */
static const struct secret *secret_at(struct bclint_ctx *ctx, const char *msg, size_t k,
                                      int email, size_t *pos)
{
	size_t start;
	const char *key = checked(ctx, secret_key(ctx, msg, k, email, &start));
	for (const struct secret *s = key ? bclint_map_get(&ctx->secrets, 0, key) : NULL;
	     s != NULL; s = s->next) {
		if (start < s->off)
			continue;
		size_t p = start - s->off;
		if (strncmp(msg + p, s->text, s->len) != 0)
			continue;
		if (s->whole_word && ((p > 0 && word_char((unsigned char)msg[p - 1])) ||
		                      word_char((unsigned char)msg[p + s->len])))
			continue;
		*pos = p;
		return s;
	}
	return NULL;
}

/* One pass over msg replacing emails (at each '@') or names (at each word
 * start); the first occurrence found wins, then the search goes on after
 * it.  Returns msg itself when nothing was found, NULL when out of memory. */
static const char *scrub_pass(struct bclint_ctx *ctx, const char *msg, int email)
{
	struct bclint_buf b = {0};
	size_t done = 0, i = 0, n = strlen(msg);
	int found = 0;
	while (i < n) {
		const struct secret *s = NULL;
		size_t pos = 0;
		if (email ? msg[i] == '@'
		          : word_char((unsigned char)msg[i]) &&
		                    (i == 0 || !word_char((unsigned char)msg[i - 1])))
			s = secret_at(ctx, msg, i, email, &pos);
		if (s == NULL || pos < done) {
			i++;
			continue;
		}
		bclint_buf_add(&b, msg + done, pos - done);
		bclint_buf_puts(&b, redacted(ctx, s->prefix, s->text));
		done = i = pos + s->len;
		found = 1;
	}
	if (!found)
		return msg;
	bclint_buf_puts(&b, msg + done);
	const char *out = b.oom ? NULL : bclint_arena_strdup(&ctx->scratch, b.data);
	free(b.data);
	return out;
}

/* Under --redact, no member's email or name may reach the report, even
 * when a rule prints one directly instead of calling member_label().
 * Emails first (a name may be part of one), then names as whole words;
 * the cost is a lookup per '@' and per word of the message.  *len is
 * msg's length, and becomes the result's when the result is another
 * string; NULL when out of memory (the report is marked incomplete). */
static const char *scrub(struct bclint_ctx *ctx, const char *msg, size_t *len)
{
	if (!ctx->run->redact)
		return msg;
	if (!ctx->secrets_indexed)
		index_secrets(ctx);
	const char *out = scrub_pass(ctx, msg, 1);
	/* out of memory: the report is incomplete, and so not written, rather
	 * than written with the message as it was */
	out = checked(ctx, out ? scrub_pass(ctx, out, 0) : NULL);
	if (out != NULL && out != msg)
		*len = strlen(out);
	return out;
}

/* What a suppression's "match" is tried against: the entity's emails,
 * IDs and names.  subjects has room for five and a NULL. */
static void entity_subjects(const struct bclint_model *m, const struct bclint_entity *e,
                            const char **subjects)
{
	const struct bclint_member *mem = NULL;
	const char *id = NULL, *name = NULL;
	size_t n = 0;
	switch (e->kind) {
	case BCLINT_ENT_BC: id = m->bc.bc_id; name = m->bc.name; break;
	case BCLINT_ENT_MEMBER: mem = &m->members[e->index]; break;
	case BCLINT_ENT_ASSET:
		id = m->assets[e->index].asset_id;
		name = m->assets[e->index].name;
		break;
	case BCLINT_ENT_ASSIGNMENT:
		mem = m->assignments[e->index].member;
		id = m->assignments[e->index].asset_id;
		break;
	case BCLINT_ENT_NEED:
		mem = m->needs[e->index].member;
		id = m->needs[e->index].asset_id;
		break;
	case BCLINT_ENT_SHARE: id = m->partners[e->parent].shares[e->index].asset_id; break;
	case BCLINT_ENT_PARTNER: id = m->partners[e->index].bc_id; break;
	case BCLINT_ENT_GROUP: id = m->groups[e->index].group_id; break;
	default: break;
	}
	if (mem != NULL) {
		subjects[n++] = mem->email;
		if (mem->name != NULL)
			subjects[n++] = mem->name;
	}
	if (id != NULL)
		subjects[n++] = id;
	if (name != NULL)
		subjects[n++] = name;
	subjects[n] = NULL;
}

/* Read-only segments of the loaded objects: the rules' formats and the
 * strings they print from their own code. */
static int segment_spans(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W))
			add_span(arg, (const void *)(info->dlpi_addr + ph->p_vaddr),
			         (size_t)ph->p_memsz);
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct bclint_span *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* The spans of memory that stay as they are while the snapshot is held:
 * the model and every read-only segment (plugins stay loaded until the
 * output is written). */
static void make_spans(struct bclint_ctx *ctx)
{
	struct bclint_lasting *l = ctx->lasting;
	struct spans sp = {NULL, 0, 0, 0};
	bclint_arena_each(&ctx->snap->arena, add_span, &sp);
	dl_iterate_phdr(segment_spans, &sp);
	if (sp.oom) {
		free(sp.v);
		l->spans_made = -1;
		return;
	}
	qsort(sp.v, sp.n, sizeof(*sp.v), by_start);
	l->spans = sp.v;
	l->n_spans = sp.n;
	l->spans_made = 1;
}

/* Will the string at p stay as it is until the report is written?  Yes
 * in the model, the labels, and read-only segments; anything else (the
 * rule's stack, heap or writable data) is copied. */
static int lasting(struct bclint_ctx *ctx, const char *p)
{
	struct bclint_lasting *l = ctx->lasting;
	if (l->spans_made == 0)
		make_spans(ctx);
	uintptr_t a = (uintptr_t)p;
	/* a rule's formats and the model's strings: mostly the same two or
	 * three spans one after the other */
	for (int k = 0; k < 2; k++)
		if (l->recent[k] < l->n_spans && a >= l->spans[l->recent[k]].start &&
		    a < l->spans[l->recent[k]].end)
			return 1;
	size_t lo = 0, hi = l->n_spans;
	while (lo < hi) { /* the last span starting at or before a */
		size_t mid = lo + (hi - lo) / 2;
		if (l->spans[mid].start <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && a < l->spans[lo - 1].end) {
		l->recent[1] = l->recent[0];
		l->recent[0] = lo - 1;
		return 1;
	}
	return bclint_arena_owns(&l->labels, p);
}

/* A rule's message from fmt and ap, into *m.  Kept unformatted (the
 * arguments captured into args) when the format lasts until the output,
 * with copies of the strings that might not; otherwise, and under
 * --redact, which must read the text, written into small (of size) or
 * *heap (the caller frees it).  -1 when out of memory (the report is then
 * marked incomplete) or the format is invalid. */
static int message(struct bclint_ctx *ctx, const char *fmt, va_list ap,
                   union bclint_arg *args, char *small, size_t size, char **heap,
                   struct bclint_msg *m)
{
	va_list a1, a2;
	va_copy(a1, ap);
	va_copy(a2, ap);
	unsigned strings;
	int n = bclint_fmt_capture(fmt, a1, args, BCLINT_FMT_MAX_ARGS, &strings);
	va_end(a1);
	*heap = NULL;
	if (n >= 0 && !ctx->run->redact && lasting(ctx, fmt)) {
		va_end(a2);
		for (int i = 0; i < n; i++) {
			if (!(strings >> i & 1) || args[i].s == NULL || lasting(ctx, args[i].s))
				continue;
			if ((args[i].s = bclint_report_strdup(ctx->report, args[i].s)) == NULL)
				return -1;
		}
		*m = (struct bclint_msg){NULL, 0, fmt, args, n, strings};
		return 0;
	}
	int len = n >= 0 ? bclint_fmt_render(small, size, fmt, args) : vsnprintf(small, size, fmt, a2);
	va_end(a2);
	if (len < 0)
		return -1;
	const char *text = small;
	if ((size_t)len >= size) {
		if ((*heap = malloc((size_t)len + 1)) == NULL) {
			ctx->report->oom = 1;
			return -1;
		}
		if (n >= 0)
			bclint_fmt_render(*heap, (size_t)len + 1, fmt, args);
		else
			vsnprintf(*heap, (size_t)len + 1, fmt, ap);
		text = *heap;
	}
	size_t tlen = (size_t)len;
	const char *scrubbed = scrub(ctx, text, &tlen);
	if (scrubbed == NULL) {
		free(*heap);
		*heap = NULL;
		return -1;
	}
	*m = (struct bclint_msg){scrubbed, tlen, NULL, NULL, 0, 0};
	return 0;
}

static struct bclint_finding *host_vreport(struct bclint_ctx *ctx, int level,
                                           const struct bclint_entity *e, const char *fmt,
                                           va_list ap)
{
	char small[512], *heap;
	union bclint_arg args[BCLINT_FMT_MAX_ARGS];
	struct bclint_msg msg;
	if (message(ctx, fmt, ap, args, small, sizeof(small), &heap, &msg) < 0)
		return NULL;
	const struct bclint_rule_slot *slot = ctx->slot;
	if (slot->level_overridden || level < BCLINT_LEVEL_NOTE || level > BCLINT_LEVEL_ERROR)
		level = slot->level;
	const struct bclint_model *m = &ctx->snap->model;
	/* The fingerprint: rule, Business Center and entity identity (IDs,
	 * never positions), so that it survives reordering and reformatting
	 * and tells apart the same user ID in two Business Centers.  Only
	 * when the output or a baseline reads it: reading each finding's IDs
	 * is a cache miss at a time in a large snapshot. */
	uint64_t id = 0;
	if (!ctx->report->no_fingerprints) {
		id = bclint_entity_identity(m, e);
		if (m->bc.bc_id != NULL)
			id = bclint_hash64(m->bc.bc_id, strlen(m->bc.bc_id) + 1, id);
		id = bclint_hash64(slot->rule->id, strlen(slot->rule->id), id);
	}
	const struct bclint_suppression *sup = NULL;
	if (ctx->run->config != NULL && ctx->run->config->n_supps > 0) {
		const char *subjects[6];
		char ptr[BCLINT_POINTER_MAX];
		entity_subjects(m, e, subjects);
		sup = bclint_config_suppression(ctx->run->config, slot->rule->id,
		                                bclint_entity_pointer_in(e, ptr), subjects);
	}
	struct bclint_finding *f =
		bclint_report_add_msg(ctx->report, ctx->snap->file, slot->rule->id,
		                      slot->plugin->desc->name, level, e->start, e->end, NULL, e, id,
		                      &msg);
	free(heap);
	if (f != NULL && sup != NULL) {
		f->suppressed = sup->reason;
		return NULL; /* notes of a suppressed finding go nowhere */
	}
	return f;
}

static struct bclint_finding *host_report(struct bclint_ctx *ctx, int level,
                                          const struct bclint_entity *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct bclint_finding *f = host_vreport(ctx, level, e, fmt, ap);
	va_end(ap);
	return f;
}

static void host_note(struct bclint_ctx *ctx, struct bclint_finding *f,
                      const struct bclint_entity *e, const char *fmt, ...)
{
	if (f == NULL)
		return;
	char small[512], *heap;
	union bclint_arg args[BCLINT_FMT_MAX_ARGS];
	struct bclint_msg msg;
	va_list ap;
	va_start(ap, fmt);
	int rc = message(ctx, fmt, ap, args, small, sizeof(small), &heap, &msg);
	va_end(ap);
	if (rc < 0)
		return;
	bclint_report_note(ctx->report, f, ctx->snap->file, e->start, e->end, NULL, e, &msg);
	free(heap);
}

/* Where an option's value comes from: --set/config text, the snapshot's
 * policy (a JSON value), or the declared default. */
struct optsrc {
	const struct bclint_option *opt;
	size_t index;
	const struct bclint_optval *set;
	const cJSON *policy;
};

static int find_opt(struct bclint_ctx *ctx, const char *key, struct optsrc *o)
{
	const struct bclint_rule_slot *slot = ctx->slot;
	memset(o, 0, sizeof(*o));
	o->opt = bclint_rule_option(slot->rule, key, &o->index);
	if (o->opt == NULL) {
		ctx->undeclared = key;
		return -1;
	}
	if (slot->set != NULL && slot->set[o->index].n_values > 0)
		o->set = &slot->set[o->index];
	else if (ctx->snap->policy != NULL)
		o->policy = cJSON_GetObjectItemCaseSensitive(ctx->snap->policy, key);
	return 0;
}

static const char *scalar_text(struct bclint_ctx *ctx, const char *key, char *buf, size_t size)
{
	struct optsrc o;
	if (find_opt(ctx, key, &o) < 0)
		return NULL;
	if (o.set != NULL)
		return o.set->values[0];
	if (o.policy != NULL) {
		if (cJSON_IsNumber(o.policy)) {
			snprintf(buf, size, "%.0f", bclint_json_number(o.policy));
			return buf;
		}
		if (cJSON_IsBool(o.policy))
			return cJSON_IsTrue(o.policy) ? "true" : "false";
		if (cJSON_IsString(o.policy))
			return o.policy->valuestring;
	}
	return o.opt->def;
}

static long long host_opt_int(struct bclint_ctx *ctx, const char *key)
{
	char buf[64];
	const char *s = scalar_text(ctx, key, buf, sizeof(buf));
	return s ? strtoll(s, NULL, 10) : 0;
}

static const char *host_opt_string(struct bclint_ctx *ctx, const char *key)
{
	char buf[64];
	const char *s = scalar_text(ctx, key, buf, sizeof(buf));
	return s && s != buf ? s : s ? checked(ctx, bclint_arena_strdup(&ctx->scratch, s)) : NULL;
}

static int host_opt_bool(struct bclint_ctx *ctx, const char *key)
{
	char buf[64];
	const char *s = scalar_text(ctx, key, buf, sizeof(buf));
	return s != NULL && strcmp(s, "true") == 0;
}

/* Compile an option's patterns once per rule run. */
static struct bclint_patterns *patterns(struct bclint_ctx *ctx, const char *key)
{
	struct optsrc o;
	if (find_opt(ctx, key, &o) < 0 || o.opt->type != BCLINT_OPT_PATTERNS)
		return NULL;
	if (ctx->pats == NULL) {
		ctx->pats = calloc(ctx->slot->rule->n_options, sizeof(*ctx->pats));
		if (ctx->pats == NULL) {
			ctx->report->oom = 1;
			return NULL;
		}
	}
	struct bclint_patterns *p = &ctx->pats[o.index];
	if (p->compiled)
		return p;
	p->compiled = 1;
	const char *one[1];
	const char **vals = NULL;
	size_t n = 0;
	if (o.set != NULL) {
		vals = o.set->values;
		n = o.set->n_values;
	} else if (cJSON_IsArray(o.policy)) {
		n = (size_t)cJSON_GetArraySize(o.policy);
		vals = calloc(n + 1, sizeof(*vals));
		size_t k = 0;
		for (const cJSON *c = o.policy->child; c && vals; c = c->next)
			if (cJSON_IsString(c))
				vals[k++] = c->valuestring;
		n = vals ? k : 0;
		if (vals == NULL)
			ctx->report->oom = 1;
	} else if (o.opt->def != NULL) {
		one[0] = o.opt->def;
		vals = one;
		n = 1;
	}
	p->code = calloc(n + 1, sizeof(*p->code));
	if (p->code == NULL)
		ctx->report->oom = 1;
	for (size_t i = 0; i < n && p->code != NULL; i++) {
		/* Every value was checked when it was given (--set, the config
		 * file, or the policy check): only memory can fail here. */
		pcre2_code *c = bclint_regex_compile(vals[i], NULL, 0);
		if (c == NULL) {
			ctx->report->oom = 1;
			continue;
		}
		p->code[p->n++] = c;
	}
	if (vals != one && (o.set == NULL || vals != o.set->values))
		free(vals);
	return p;
}

static int host_opt_match(struct bclint_ctx *ctx, const char *key, const char *subject)
{
	struct bclint_patterns *p = patterns(ctx, key);
	if (p == NULL || p->n == 0)
		return -1;
	if (ctx->md == NULL && (ctx->md = pcre2_match_data_create(1, NULL)) == NULL) {
		ctx->report->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < p->n; i++) {
		int rc = pcre2_match(p->code[i], (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED, 0, 0,
		                     ctx->md, NULL);
		if (rc >= 0)
			return 1;
		if (rc == PCRE2_ERROR_NOMEMORY)
			ctx->report->oom = 1;
	}
	return 0;
}

static bclint_time host_now(struct bclint_ctx *ctx)
{
	if (ctx->run->now != BCLINT_NO_TIME)
		return ctx->run->now;
	if (ctx->snap->model.captured_at != BCLINT_NO_TIME)
		return ctx->snap->model.captured_at;
	return (bclint_time)time(NULL);
}

static const char *host_member_label(struct bclint_ctx *ctx, const struct bclint_member *m)
{
	if (ctx->run->redact)
		return redacted(ctx, "user", m->email);
	return m->email;
}

/* Labels are asked for again and again (one asset, many findings): each
 * is made once per snapshot and kept with it, so that messages can point
 * at them until they are written. */
static const char *host_asset_label(struct bclint_ctx *ctx, const struct bclint_asset *a)
{
	const struct bclint_model *m = &ctx->snap->model;
	size_t i = (size_t)(a - m->assets);
	struct bclint_lasting *l = ctx->lasting;
	if (i < m->n_assets && l->asset_labels == NULL)
		l->asset_labels = bclint_arena_calloc(&l->labels, m->n_assets, sizeof(char *));
	if (i < m->n_assets && l->asset_labels != NULL && l->asset_labels[i] != NULL)
		return l->asset_labels[i];
	const char *type = bclint_asset_type_label(a->type), *label;
	if (a->name != NULL && a->name[0] != '\0')
		label = bclint_arena_printf(&l->labels, "%s '%s' (%s)", type, a->name,
		                            a->asset_id);
	else
		label = bclint_arena_printf(&l->labels, "%s %s", type, a->asset_id);
	if (i < m->n_assets && l->asset_labels != NULL)
		l->asset_labels[i] = label;
	return checked(ctx, label);
}

static const char *host_cap_label(struct bclint_ctx *ctx, uint32_t scope, uint32_t type,
                                  struct bclint_cap cap)
{
	/* few distinct permissions exist: scope x type x level x set */
	size_t key = ((((size_t)scope * BCLINT_ASSET_NTYPES + type) * 8 + (cap.level & 7)) * 8) +
	             (cap.set & 7);
	size_t n = (size_t)4 * BCLINT_ASSET_NTYPES * 8 * 8;
	int cacheable = scope < 4 && type < BCLINT_ASSET_NTYPES && cap.level < 8 && cap.set < 8;
	struct bclint_lasting *l = ctx->lasting;
	if (cacheable && l->cap_labels == NULL)
		l->cap_labels = bclint_arena_calloc(&l->labels, n, sizeof(char *));
	if (cacheable && l->cap_labels != NULL && l->cap_labels[key] != NULL)
		return l->cap_labels[key];
	char buf[128];
	const char *label = bclint_arena_strdup(&l->labels,
	                                        bclint_cap_describe(scope, type, cap, buf,
	                                                            sizeof(buf)));
	if (cacheable && l->cap_labels != NULL)
		l->cap_labels[key] = label;
	return checked(ctx, label);
}

static int host_email_allowed(struct bclint_ctx *ctx, const char *email)
{
	const struct bclint_bc *bc = &ctx->snap->model.bc;
	int configured = bc->has_allowlist;
	const char *at = strrchr(email, '@');
	for (size_t i = 0; at != NULL && i < bc->n_allowed_domains; i++)
		if (strcasecmp(at + 1, bc->allowed_domains[i]) == 0)
			return 1;
	if (bclint_rule_option(ctx->slot->rule, "allowed_email_patterns", NULL) != NULL) {
		int m = host_opt_match(ctx, "allowed_email_patterns", email);
		if (m == 1)
			return 1;
		configured |= m == 0;
	}
	return configured ? 0 : -1;
}

const struct bclint_host bclint_host_services = {
	.size = sizeof(struct bclint_host),
	.report = host_report,
	.note = host_note,
	.opt_int = host_opt_int,
	.opt_string = host_opt_string,
	.opt_bool = host_opt_bool,
	.opt_match = host_opt_match,
	.now = host_now,
	.member_label = host_member_label,
	.asset_label = host_asset_label,
	.cap_label = host_cap_label,
	.need_have = bclint_need_have,
	.asset_type_label = bclint_asset_type_label,
	.asset_type_name = bclint_asset_type_name,
	.email_allowed = host_email_allowed,
};

void bclint_ctx_release(struct bclint_ctx *ctx)
{
	if (ctx->pats != NULL) {
		for (size_t i = 0; i < ctx->slot->rule->n_options; i++) {
			for (size_t k = 0; k < ctx->pats[i].n; k++)
				pcre2_code_free(ctx->pats[i].code[k]);
			free(ctx->pats[i].code);
		}
		free(ctx->pats);
	}
	pcre2_match_data_free(ctx->md);
	bclint_map_free(&ctx->secrets);
	bclint_arena_free(&ctx->scratch);
	ctx->pats = NULL;
	ctx->md = NULL;
}
