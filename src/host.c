/* The services a rule calls (include/bclint/plugin.h, struct bclint_host):
 * reporting findings and notes, typed options, the reference time, and
 * labels for people, assets and permissions. */
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
#include "host.h"
#include "json.h"
#include "snapshot.h"

/* A scratch allocation for a rule: on failure the report is incomplete. */
static const char *checked(struct bclint_ctx *ctx, const char *s)
{
	if (s == NULL)
		ctx->report->oom = 1;
	return s;
}

static struct bclint_finding *host_vreport(struct bclint_ctx *ctx, int level,
                                           const struct bclint_entity *e, const char *fmt,
                                           va_list ap)
{
	char small[512], *msg = small;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	if ((size_t)n >= sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (msg == NULL) {
			ctx->report->oom = 1;
			return NULL;
		}
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	const struct bclint_rule_slot *slot = ctx->slot;
	if (slot->level_overridden || level < BCLINT_LEVEL_NOTE || level > BCLINT_LEVEL_ERROR)
		level = slot->level;
	const struct bclint_model *m = &ctx->snap->model;
	uint64_t id = bclint_entity_identity(m, e);
	id = bclint_hash64(slot->rule->id, strlen(slot->rule->id), id);
	struct bclint_finding *f = bclint_report_add(
		ctx->report, ctx->snap->file, slot->rule->id, slot->plugin->desc->name, level,
		e->start, e->end, bclint_entity_pointer(ctx->report, e), id, msg);
	if (msg != small) {
		/* msg came from malloc above whenever it is not small: cppcheck
		 * does not follow the test. */
		/* cppcheck-suppress autovarInvalidDeallocation */
		free(msg);
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
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bclint_report_note(ctx->report, f, ctx->snap->file, e->start, e->end,
	                   bclint_entity_pointer(ctx->report, e), msg);
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
		int err;
		PCRE2_SIZE off;
		pcre2_code *c = pcre2_compile((PCRE2_SPTR)vals[i], PCRE2_ZERO_TERMINATED,
		                              PCRE2_UTF, &err, &off, NULL);
		if (c == NULL) {
			/* Every value was checked when it was given (--set, or the
			 * policy check): only memory can fail here. */
			ctx->report->oom = 1;
			continue;
		}
		pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
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

/* A short stable pseudonym for personal data under --redact. */
static const char *redacted(struct bclint_ctx *ctx, const char *prefix, const char *s)
{
	uint64_t h = bclint_hash64(s, strlen(s), 0x6263);
	return checked(ctx, bclint_arena_printf(&ctx->scratch, "%s-%08llx", prefix,
	                                        (unsigned long long)(h >> 32)));
}

static const char *host_member_label(struct bclint_ctx *ctx, const struct bclint_member *m)
{
	if (ctx->run->redact)
		return redacted(ctx, "user", m->email);
	return m->email;
}

static const char *host_asset_label(struct bclint_ctx *ctx, const struct bclint_asset *a)
{
	const char *type = bclint_asset_type_label(a->type);
	if (a->name != NULL && a->name[0] != '\0')
		return checked(ctx, bclint_arena_printf(&ctx->scratch, "%s '%s' (%s)", type,
		                                        a->name, a->asset_id));
	return checked(ctx, bclint_arena_printf(&ctx->scratch, "%s %s", type, a->asset_id));
}

static const char *host_cap_label(struct bclint_ctx *ctx, uint32_t scope, uint32_t type,
                                  struct bclint_cap cap)
{
	char buf[128];
	return checked(ctx, bclint_arena_strdup(&ctx->scratch,
	                                        bclint_cap_describe(scope, type, cap, buf,
	                                                            sizeof(buf))));
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
	bclint_arena_free(&ctx->scratch);
	ctx->pats = NULL;
	ctx->md = NULL;
}
