/* The services a rule calls (include/bclint/plugin.h, struct bclint_host):
 * reporting findings and notes, typed options, the reference time, and
 * labels for people, assets and permissions.  A message is formatted when
 * it is reported, redacted under --redact, matched against the
 * suppressions, and copied into the report. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "caps.h"
#include "entity.h"
#include "format.h"
#include "hash.h"
#include "host.h"
#include "json.h"
#include "regex.h"

void bclint_ctx_init(struct bclint_ctx *ctx, const struct bclint_scene *scene,
                     const struct bclint_rule_slot *slot)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->scene = scene;
	ctx->slot = slot;
}

/* A scratch allocation for a rule: on failure the report is incomplete. */
static const char *checked(struct bclint_ctx *ctx, const char *s)
{
	if (s == NULL)
		ctx->scene->report->oom = 1;
	return s;
}

/* A message from fmt and ap: written into small (of size), or into *heap
 * (which the caller frees) when it does not fit, then redacted under
 * --redact.  NULL when the format is invalid or memory runs out (the
 * report is then marked incomplete, so that it is not written). */
static const char *message(struct bclint_ctx *ctx, const char *fmt, va_list ap, char *small,
                           size_t size, char **heap, size_t *len)
{
	va_list again;
	va_copy(again, ap);
	int n = bclint_vformat(small, size, fmt, again);
	va_end(again);
	*heap = NULL;
	if (n < 0)
		return NULL;
	const char *text = small;
	if ((size_t)n >= size) {
		if ((*heap = malloc((size_t)n + 1)) == NULL) {
			ctx->scene->report->oom = 1;
			return NULL;
		}
		bclint_vformat(*heap, (size_t)n + 1, fmt, ap);
		text = *heap;
	}
	*len = (size_t)n;
	if (ctx->scene->redactor != NULL)
		text = checked(ctx, bclint_redact(ctx->scene->redactor, &ctx->scratch, text, len));
	return text;
}

/* Where an entity is, as the report keeps it. */
static struct bclint_ref ref_of(const struct bclint_entity *e, char *buf)
{
	struct bclint_ref ref = {bclint_entity_code(e), NULL};
	if (ref.entity == 0)
		ref.pointer = bclint_entity_pointer(e, buf);
	return ref;
}

/* The snapshot of model m: the scene's or the previous one, else NULL. */
static const struct bclint_snapshot *snapshot_of(struct bclint_ctx *ctx,
                                                 const struct bclint_model *m)
{
	const struct bclint_scene *sc = ctx->scene;
	if (m == &sc->snap->model)
		return sc->snap;
	return sc->prev != NULL && m == &sc->prev->model ? sc->prev : NULL;
}

static struct bclint_finding *host_vreport(struct bclint_ctx *ctx, const struct bclint_snapshot *s,
                                           int level, const struct bclint_entity *e,
                                           const char *fmt, va_list ap)
{
	const struct bclint_scene *sc = ctx->scene;
	const struct bclint_rule_slot *slot = ctx->slot;
	const struct bclint_model *m = &s->model;
	char small[512], *heap, ptr[BCLINT_POINTER_MAX];
	size_t len;
	const char *text = message(ctx, fmt, ap, small, sizeof(small), &heap, &len);
	if (text == NULL)
		return NULL;
	if (slot->level_overridden || level < BCLINT_LEVEL_NOTE || level > BCLINT_LEVEL_ERROR)
		level = slot->level;
	struct bclint_finding proto = {
	        .rule = slot->rule->id,
	        .plugin = slot->plugin->desc->name,
	        .level = level,
	        .file = s->file,
	        .pos.off = e->start,
	        .end.off = e->end,
	        .ref = ref_of(e, ptr),
	};
	/* The fingerprint: rule, Business Center and entity identity (IDs,
	 * never positions), so that it survives reordering and reformatting
	 * and tells apart the same user ID in two Business Centers. */
	if (sc->fingerprints) {
		uint64_t id = bclint_entity_identity(m, e);
		if (m->bc.bc_id != NULL)
			id = bclint_hash64(m->bc.bc_id, strlen(m->bc.bc_id) + 1, id);
		proto.identity = bclint_hash64(slot->rule->id, strlen(slot->rule->id), id);
	}
	if (sc->about) {
		bclint_entity_about(m, e, &proto.about);
		if (sc->redactor != NULL && proto.about.user_email != NULL)
			proto.about.user_email =
			        checked(ctx, bclint_pseudonym(sc->redactor, &ctx->scratch, "user",
			                                      proto.about.user_email));
	}
	const struct bclint_suppression *sup = NULL;
	if (sc->supps != NULL && sc->supps->n > 0) {
		const char *subjects[BCLINT_SUBJECTS_MAX];
		char p[BCLINT_POINTER_MAX];
		bclint_entity_subjects(m, e, subjects);
		sup = bclint_suppression_find(sc->supps, slot->rule->id,
		                              bclint_entity_pointer(e, p), subjects);
		proto.suppressed = sup ? sup->reason : NULL;
	}
	struct bclint_finding *f = bclint_report_add(sc->report, &proto, text, len);
	free(heap);
	/* notes of a suppressed finding go nowhere */
	return sup != NULL ? NULL : f;
}

static struct bclint_finding *host_report(struct bclint_ctx *ctx, int level,
                                          const struct bclint_entity *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct bclint_finding *f = host_vreport(ctx, ctx->scene->snap, level, e, fmt, ap);
	va_end(ap);
	return f;
}

static void host_vnote(struct bclint_ctx *ctx, struct bclint_finding *f,
                       const struct bclint_snapshot *s, const struct bclint_entity *e,
                       const char *fmt, va_list ap)
{
	if (f == NULL)
		return;
	char small[512], *heap, ptr[BCLINT_POINTER_MAX];
	size_t len;
	const char *text = message(ctx, fmt, ap, small, sizeof(small), &heap, &len);
	if (text == NULL)
		return;
	struct bclint_note proto = {
	        s->file, {e->start, 0, 0}, {e->end, 0, 0}, ref_of(e, ptr), NULL};
	bclint_report_note(ctx->scene->report, f, &proto, text, len);
	free(heap);
}

static void host_note(struct bclint_ctx *ctx, struct bclint_finding *f,
                      const struct bclint_entity *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	host_vnote(ctx, f, ctx->scene->snap, e, fmt, ap);
	va_end(ap);
}

/* -- the previous snapshot ---------------------------------------------- */

static const struct bclint_model *host_previous(struct bclint_ctx *ctx)
{
	return ctx->scene->prev != NULL ? &ctx->scene->prev->model : NULL;
}

static const struct bclint_entity *host_counterpart(struct bclint_ctx *ctx,
                                                    const struct bclint_model *m,
                                                    const struct bclint_entity *e)
{
	const struct bclint_pairing *p = ctx->scene->pairs;
	return p != NULL ? bclint_pairing_find(p, m, e) : NULL;
}

/* A model that is neither of the scene's reports nothing. */
static struct bclint_finding *host_report_at(struct bclint_ctx *ctx, const struct bclint_model *m,
                                             int level, const struct bclint_entity *e,
                                             const char *fmt, ...)
{
	const struct bclint_snapshot *s = snapshot_of(ctx, m);
	if (s == NULL)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	struct bclint_finding *f = host_vreport(ctx, s, level, e, fmt, ap);
	va_end(ap);
	return f;
}

static void host_note_at(struct bclint_ctx *ctx, struct bclint_finding *f,
                         const struct bclint_model *m, const struct bclint_entity *e,
                         const char *fmt, ...)
{
	const struct bclint_snapshot *s = snapshot_of(ctx, m);
	if (s == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	host_vnote(ctx, f, s, e, fmt, ap);
	va_end(ap);
}

/* Where an option's value comes from: --set/config text, the snapshot's
 * policy (a JSON value), or the declared default. */
struct optsrc {
	const struct bclint_option *opt;
	size_t index;
	const struct bclint_optval *set;
	const struct bclint_jv *policy;
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
	else
		o->policy = bclint_jv_member(ctx->scene->snap->policy_text,
		                             ctx->scene->snap->policy.root, key);
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
		const char *text = ctx->scene->snap->policy_text;
		if (o.policy->type == BCLINT_JNUMBER) {
			snprintf(buf, size, "%.0f", strtod(text + o.policy->start, NULL));
			return buf;
		}
		if (bclint_jv_is_bool(o.policy))
			return o.policy->type == BCLINT_JTRUE ? "true" : "false";
		if (o.policy->type == BCLINT_JSTRING)
			return checked(ctx, bclint_jv_string(&ctx->scratch, text, o.policy));
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
			ctx->scene->report->oom = 1;
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
	} else if (o.policy != NULL && o.policy->type == BCLINT_JARRAY) {
		const char *text = ctx->scene->snap->policy_text;
		n = bclint_jv_count(o.policy);
		vals = calloc(n + 1, sizeof(*vals));
		size_t k = 0;
		for (const struct bclint_jv *c = o.policy->child; c && vals; c = c->next)
			if (c->type == BCLINT_JSTRING &&
			    (vals[k] = checked(ctx, bclint_jv_string(&ctx->scratch, text, c))) !=
			            NULL)
				k++;
		n = vals ? k : 0;
		if (vals == NULL)
			ctx->scene->report->oom = 1;
	} else if (o.opt->def != NULL) {
		one[0] = o.opt->def;
		vals = one;
		n = 1;
	}
	p->code = calloc(n + 1, sizeof(*p->code));
	if (p->code == NULL)
		ctx->scene->report->oom = 1;
	for (size_t i = 0; i < n && p->code != NULL; i++) {
		/* Every value was checked when it was given (--set, the config
		 * file, or the policy check): only memory can fail here. */
		pcre2_code *c = bclint_regex_compile(vals[i], NULL, 0);
		if (c == NULL) {
			ctx->scene->report->oom = 1;
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
		ctx->scene->report->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < p->n; i++) {
		int rc = pcre2_match(p->code[i], (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED, 0, 0,
		                     ctx->md, NULL);
		if (rc >= 0)
			return 1;
		if (rc == PCRE2_ERROR_NOMEMORY)
			ctx->scene->report->oom = 1;
	}
	return 0;
}

static bclint_time host_now(struct bclint_ctx *ctx)
{
	if (ctx->scene->now != BCLINT_NO_TIME)
		return ctx->scene->now;
	if (ctx->scene->snap->model.captured_at != BCLINT_NO_TIME)
		return ctx->scene->snap->model.captured_at;
	return (bclint_time)time(NULL);
}

static const char *host_member_label(struct bclint_ctx *ctx, const struct bclint_member *m)
{
	if (ctx->scene->redactor != NULL)
		return checked(ctx, bclint_pseudonym(ctx->scene->redactor, &ctx->scratch, "user",
		                                     m->email));
	return m->email;
}

/* Labels are asked for again and again (one asset, many findings): each
 * is made once per rule run. */
static const char *host_asset_label(struct bclint_ctx *ctx, const struct bclint_asset *a)
{
	const struct bclint_model *m = &ctx->scene->snap->model;
	/* only this snapshot's assets are cached (not the previous one's) */
	uintptr_t at = (uintptr_t)a, from = (uintptr_t)m->assets;
	size_t i = at >= from ? (at - from) / sizeof(*a) : SIZE_MAX;
	if (i < m->n_assets && ctx->asset_labels == NULL)
		ctx->asset_labels = bclint_arena_calloc(&ctx->scratch, m->n_assets, sizeof(char *));
	if (i < m->n_assets && ctx->asset_labels != NULL && ctx->asset_labels[i] != NULL)
		return ctx->asset_labels[i];
	const char *type = bclint_asset_type_label(a->type), *label;
	if (a->name != NULL && a->name[0] != '\0')
		label = bclint_arena_printf(&ctx->scratch, "%s '%s' (%s)", type, a->name,
		                            a->asset_id);
	else
		label = bclint_arena_printf(&ctx->scratch, "%s %s", type, a->asset_id);
	if (i < m->n_assets && ctx->asset_labels != NULL)
		ctx->asset_labels[i] = label;
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
	if (cacheable && ctx->cap_labels == NULL)
		ctx->cap_labels = bclint_arena_calloc(&ctx->scratch, n, sizeof(char *));
	if (cacheable && ctx->cap_labels != NULL && ctx->cap_labels[key] != NULL)
		return ctx->cap_labels[key];
	char buf[128];
	const char *label = bclint_arena_strdup(
	        &ctx->scratch, bclint_cap_describe(scope, type, cap, buf, sizeof(buf)));
	if (cacheable && ctx->cap_labels != NULL)
		ctx->cap_labels[key] = label;
	return checked(ctx, label);
}

static int host_email_allowed(struct bclint_ctx *ctx, const char *email)
{
	const struct bclint_bc *bc = &ctx->scene->snap->model.bc;
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

static const struct bclint_entity *host_grant_source(struct bclint_ctx *ctx,
                                                     const struct bclint_grant *g)
{
	(void)ctx;
	return bclint_grant_source(g);
}

static const struct bclint_grant *host_also_grant(struct bclint_ctx *ctx,
                                                  const struct bclint_need *n, const char **id,
                                                  const struct bclint_asset **asset)
{
	return bclint_snapshot_also(ctx->scene->snap, n, id, asset);
}

/* -- the roster ------------------------------------------------------------ */

static int host_roster_find(struct bclint_ctx *ctx, const struct bclint_member *m,
                            const struct bclint_roster_entry **entry)
{
	const struct bclint_roster *r = ctx->scene->roster;
	*entry = r != NULL ? bclint_roster_find(r, m->email) : NULL;
	return r == NULL ? -1 : *entry != NULL;
}

static const char *host_roster_path(struct bclint_ctx *ctx)
{
	return ctx->scene->roster != NULL ? ctx->scene->roster->path : NULL;
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
        .grant_source = host_grant_source,
        .also_grant = host_also_grant,
        .previous = host_previous,
        .counterpart = host_counterpart,
        .report_at = host_report_at,
        .note_at = host_note_at,
        .roster_find = host_roster_find,
        .roster_path = host_roster_path,
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
	bclint_arena_free(&ctx->scratch);
	ctx->pats = NULL;
	ctx->md = NULL;
}
