/* bclint why: the command behind the troubleshooting ladder (ladder.h).
 * It reads the options and the snapshot, finds the member, the action and
 * the asset the question names (by ID, email or name, with the closest
 * matches when nothing fits), asks the ladder, and prints its answer as
 * text or JSON; without --action, it sweeps every need of the member. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "caps.h"
#include "cmd.h"
#include "emit.h"
#include "entity.h"
#include "ladder.h"
#include "lint.h"
#include "position.h"
#include "snapshot.h"
#include "text.h"
#include "timestamp.h"
#include "textsafe.h"

static const char help[] =
        "                  [--asset-type TYPE] [--advertiser ADVERTISER_ID]\n"
        "                  [--format=text|json] [--now=TIMESTAMP]\n"
        "Explain why a member can or cannot do an action: walk the layers of Business\n"
        "Center access in order and name the first broken one, with the fix.  Without\n"
        "--action, walk every need of the member in the access plan and say which\n"
        "work and what blocks the others.\n"
        "\n"
        "      --member=WHO          the person: user_id, email or name (user_name)\n"
        "      --action=ACTION       an action of the access plan, e.g. CREATE_EDIT_ADS\n"
        "      --asset=ASSET         the asset, for asset actions: its ID or name\n"
        "      --asset-type=TYPE     which asset, when one ID names assets of two types\n"
        "      --advertiser=ID       the ad account Spark Ads or LIVE ads are made on\n"
        "  -f, --format=FORMAT       text (default) or json\n"
        "      --now=TIMESTAMP       reference time (default: captured_at, else the clock)\n"
        "      --help                print this help\n"
        "      --version             print the version\n"
        "\n"
        "Exit status: 0 the action should work (every need, without --action), 1 a\n"
        "layer is broken, 2 usage or snapshot error.  See bclint-why(1).\n";

#define usage_error(...) bclint_usage_error(&bclint_cmd_why, __VA_ARGS__)

/* A usage error whose text is already built (it may hold a '%'). */
static int usage_msg(const char *msg)
{
	return usage_error("%s", msg);
}

/* -- closest matches ---------------------------------------------------- */

static int same_char(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Case-insensitive edit distance, where swapping two neighbours is one
 * edit (optimal string alignment), at most 200 characters a side (longer
 * strings are never close). */
static size_t distance(const char *q, const char *c)
{
	size_t n = strlen(q), k = strlen(c);
	if (n > 200 || k > 200)
		return SIZE_MAX;
	size_t rows[3][201], *prev2 = rows[0], *prev = rows[1], *row = rows[2];
	for (size_t j = 0; j <= k; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		row[0] = i;
		for (size_t j = 1; j <= k; j++) {
			size_t best = prev[j - 1] + !same_char(q[i - 1], c[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && same_char(q[i - 1], c[j - 2]) &&
			    same_char(q[i - 2], c[j - 1]) && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[k];
}

static size_t common_prefix(const char *q, const char *c)
{
	size_t n = 0;
	while (q[n] != '\0' && tolower((unsigned char)q[n]) == tolower((unsigned char)c[n]))
		n++;
	return n;
}

static int contains(const char *c, const char *q)
{
	size_t n = strlen(q);
	for (; *c != '\0'; c++)
		if (strncasecmp(c, q, n) == 0)
			return 1;
	return 0;
}

/* Does name hold each word of q (two words or more, split at '_', '.',
 * '@', '-' and spaces), in any order?  "CREATE_ADS" and CREATE_EDIT_ADS,
 * "Silva Ana" and "Ana Silva". */
static int has_words(const char *name, const char *q)
{
	static const char seps[] = "_.@- ";
	size_t words = 0;
	char word[64];
	while (*q != '\0') {
		size_t n = strcspn(q, seps);
		if (n >= sizeof(word))
			return 0;
		if (n > 0) {
			memcpy(word, q, n);
			word[n] = '\0';
			if (!contains(name, word))
				return 0;
			words++;
		}
		q += n + (q[n] != '\0');
	}
	return words >= 2;
}

#define N_CLOSEST 3
#define FAR       SIZE_MAX

/* How close name is to the query, lower is closer, FAR when it is not
 * close at all: within a quarter of the query's length in edits (at least
 * one); holding the query (three characters or more; two at the start),
 * or each of its words; or sharing its first three quarters (three
 * characters or more) -- a typo, a part of an email or a name, words in
 * another order, an ID with its last digits wrong. */
static size_t closeness(const char *q, const char *name)
{
	size_t n = strlen(q), limit = n / 4 > 1 ? n / 4 : 1;
	size_t d = distance(q, name), prefix = common_prefix(q, name);
	if (d <= limit)
		return d * 2;
	if ((n >= 3 && contains(name, q)) || (n >= 2 && prefix == n) || has_words(name, q))
		return limit * 2 + 1;
	if (prefix >= 3 && prefix * 4 >= n * 3)
		return limit * 2 + 2 + (n - prefix);
	return FAR;
}

/* The N_CLOSEST closest candidates so far, closest first, then in the
 * snapshot's order. */
struct closest {
	const char *query;
	const char *label[N_CLOSEST];
	size_t key[N_CLOSEST];
	size_t n;
};

static void closest_offer(struct closest *c, const char *label, const char *name)
{
	size_t key = name ? closeness(c->query, name) : FAR;
	if (key == FAR)
		return;
	for (size_t i = 0; i < c->n; i++) {
		if (c->label[i] != label)
			continue;
		if (c->key[i] <= key)
			return; /* the same candidate, matched better by another name */
		for (c->n--; i < c->n; i++) {
			c->label[i] = c->label[i + 1];
			c->key[i] = c->key[i + 1];
		}
	}
	size_t at = c->n;
	while (at > 0 && c->key[at - 1] > key)
		at--;
	if (at >= N_CLOSEST)
		return;
	size_t last = c->n < N_CLOSEST ? c->n : N_CLOSEST - 1;
	for (size_t i = last; i > at; i--) {
		c->label[i] = c->label[i - 1];
		c->key[i] = c->key[i - 1];
	}
	c->label[at] = label;
	c->key[at] = key;
	if (c->n < N_CLOSEST)
		c->n++;
}

/* "A, B, C" into b. */
static void closest_list(struct bclint_buf *b, const struct closest *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			bclint_buf_puts(b, ", ");
		bclint_textsafe(b, c->label[i], BCLINT_TEXTSAFE_CHARS);
	}
}

/* "bclint why: error: WHAT" then the close candidates, if any. */
static int not_found(const char *what, const struct closest *c)
{
	fprintf(stderr, "bclint why: error: %s\n", what);
	if (c->n == 0)
		return BCLINT_EXIT_USAGE;
	struct bclint_buf b = {0};
	bclint_buf_puts(&b, "bclint why: closest: ");
	closest_list(&b, c);
	fprintf(stderr, "%s\n", b.data ? b.data : "");
	free(b.data);
	return BCLINT_EXIT_USAGE;
}

/* -- output ------------------------------------------------------------------ */

static void locate(const struct bclint_why *w, const struct bclint_entity *e, uint32_t *line,
                   uint32_t *col)
{
	bclint_position_of(w->text, w->len, e->start, line, col);
}

static void text_location(struct bclint_buf *b, const struct bclint_why *w,
                          const struct bclint_entity *e)
{
	uint32_t line, col;
	locate(w, e, &line, &col);
	bclint_textsafe(b, w->m->file, BCLINT_TEXTSAFE_FILE);
	bclint_buf_printf(b, ":%u:%u: ", line, col);
}

static void emit_text(struct bclint_why *w, struct bclint_buf *b)
{
	const char *rule = w->broken >= 0 ? w->layers[w->broken].rule : "ok";
	bclint_buf_printf(b, "verdict: %s\n", rule);
	bclint_buf_puts(b, "member: ");
	text_location(b, w, &w->member->ent);
	bclint_textsafe(b, bclint_why_member_label(w, w->member), BCLINT_TEXTSAFE_CHARS);
	bclint_buf_puts(b, "\naction: ");
	bclint_textsafe(b,
	                w->asset_id ? bclint_why_fmt(w, "%s on %s", w->action->name,
	                                             bclint_why_target_label(w))
	                            : w->action->name,
	                BCLINT_TEXTSAFE_CHARS);
	if (w->ad_id != NULL)
		bclint_textsafe(
		        b,
		        bclint_why_fmt(w, ", with ads made on %s",
		                       w->ad ? bclint_why_asset_label(w, w->ad)
		                             : bclint_why_fmt(w, "ad account %s", w->ad_id)),
		        BCLINT_TEXTSAFE_CHARS);
	bclint_buf_putc(b, '\n');
	if (w->need != NULL) {
		char ptr[BCLINT_POINTER_MAX];
		bclint_buf_puts(b, "plan: ");
		text_location(b, w, &w->need->ent);
		bclint_buf_printf(b, "%s\n", bclint_entity_pointer(&w->need->ent, ptr));
	}
	for (int i = 0; i < WHY_N_LAYERS; i++) {
		const struct bclint_why_layer *l = &w->layers[i];
		bclint_buf_printf(b, "%d %-10s %-7s ", i + 1, bclint_why_layer_names[i],
		                  bclint_why_state_names[l->state]);
		for (size_t k = 0; k < l->n_ev; k++) {
			if (k)
				bclint_buf_puts(b, "; ");
			if (l->ev[k].ent)
				text_location(b, w, l->ev[k].ent);
			bclint_textsafe(b, l->ev[k].text, BCLINT_TEXTSAFE_CHARS);
		}
		bclint_buf_putc(b, '\n');
	}
	bclint_buf_puts(b, "fix: ");
	bclint_textsafe(b, w->fix, BCLINT_TEXTSAFE_CHARS);
	bclint_buf_putc(b, '\n');
}

static void json_str(struct bclint_buf *b, const char *key, const char *s)
{
	bclint_buf_printf(b, "\"%s\": ", key);
	if (s == NULL) {
		bclint_buf_puts(b, "null");
		return;
	}
	bclint_buf_putc(b, '"');
	bclint_buf_json_str(b, s);
	bclint_buf_putc(b, '"');
}

/* "file", "line", "column" and "pointer" of an entity. */
static void json_location(struct bclint_buf *b, struct bclint_why *w, const struct bclint_entity *e)
{
	uint32_t line, col;
	char ptr[BCLINT_POINTER_MAX];
	locate(w, e, &line, &col);
	json_str(b, "file", w->m->file);
	bclint_buf_printf(b, ", \"line\": %u, \"column\": %u, ", line, col);
	json_str(b, "pointer", bclint_entity_pointer(e, ptr));
}

static void emit_json(struct bclint_why *w, struct bclint_buf *b)
{
	static const char *const scopes[] = {"asset", "bc_role", "finance", "creator"};
	const char *rule = w->broken >= 0 ? w->layers[w->broken].rule : "ok";
	bclint_buf_puts(b, "{");
	json_str(b, "verdict", rule);
	bclint_buf_puts(b, ",\n \"member\": {");
	json_str(b, "user_id", w->member->user_id);
	bclint_buf_puts(b, ", ");
	json_str(b, "user_email", w->member->email);
	bclint_buf_puts(b, ", ");
	json_str(b, "user_name", w->member->name);
	bclint_buf_puts(b, ", ");
	json_location(b, w, &w->member->ent);
	bclint_buf_puts(b, "},\n \"action\": {");
	json_str(b, "name", w->action->name);
	bclint_buf_puts(b, ", ");
	json_str(b, "scope", scopes[w->action->scope]);
	bclint_buf_puts(b, ", ");
	json_str(b, "least_grant",
	         w->action->scope == BCLINT_SCOPE_CREATOR ? NULL : bclint_why_least_grant(w));
	bclint_buf_puts(b, "},\n \"asset\": ");
	if (w->asset_id == NULL) {
		bclint_buf_puts(b, "null");
	} else {
		bclint_buf_putc(b, '{');
		json_str(b, "asset_id", w->asset_id);
		bclint_buf_puts(b, ", ");
		json_str(b, "asset_type", bclint_asset_type_name(w->asset_type));
		bclint_buf_puts(b, ", ");
		json_str(b, "asset_name", w->asset ? w->asset->name : NULL);
		bclint_buf_printf(b, ", \"in_snapshot\": %s", w->asset ? "true" : "false");
		if (w->asset != NULL) {
			bclint_buf_puts(b, ", ");
			json_location(b, w, &w->asset->ent);
		}
		bclint_buf_putc(b, '}');
	}
	if (w->action->also_types != 0) {
		bclint_buf_puts(b, ",\n \"ad_account\": ");
		if (w->ad_id == NULL && w->ad == NULL) {
			bclint_buf_puts(b, "null");
		} else {
			bclint_buf_putc(b, '{');
			json_str(b, "asset_id", w->ad ? w->ad->asset_id : w->ad_id);
			bclint_buf_printf(b, ", \"named\": %s, \"in_snapshot\": %s",
			                  w->ad_id ? "true" : "false", w->ad ? "true" : "false");
			if (w->ad != NULL) {
				bclint_buf_puts(b, ", ");
				json_location(b, w, &w->ad->ent);
			}
			bclint_buf_putc(b, '}');
		}
	}
	bclint_buf_puts(b, ",\n \"need\": ");
	if (w->need == NULL) {
		bclint_buf_puts(b, "null");
	} else {
		bclint_buf_putc(b, '{');
		json_location(b, w, &w->need->ent);
		bclint_buf_putc(b, '}');
	}
	bclint_buf_puts(b, ",\n \"layers\": [");
	for (int i = 0; i < WHY_N_LAYERS; i++) {
		const struct bclint_why_layer *l = &w->layers[i];
		bclint_buf_printf(b, "%s\n  {\"layer\": %d, ", i ? "," : "", i + 1);
		json_str(b, "name", bclint_why_layer_names[i]);
		bclint_buf_puts(b, ", ");
		json_str(b, "state", bclint_why_state_names[l->state]);
		bclint_buf_puts(b, ", ");
		json_str(b, "rule", l->rule);
		bclint_buf_puts(b, ", \"evidence\": [");
		for (size_t k = 0; k < l->n_ev; k++) {
			bclint_buf_puts(b, k ? ", {" : "{");
			json_str(b, "text", l->ev[k].text);
			if (l->ev[k].ent) {
				bclint_buf_puts(b, ", ");
				json_location(b, w, l->ev[k].ent);
			}
			bclint_buf_putc(b, '}');
		}
		bclint_buf_puts(b, "]}");
	}
	bclint_buf_puts(b, "],\n ");
	json_str(b, "fix", w->fix);
	bclint_buf_puts(b, "}\n");
}

/* -- finding the member, the action and the asset ----------------------------- */

/* A member by user_id or email, else by name (user_name, case-insensitive);
 * a name two members share is a usage error that lists them. */
static int find_member(struct bclint_why *w, const char *q)
{
	const struct bclint_model *m = w->m;
	for (size_t i = 0; i < m->n_members; i++)
		if (strcmp(m->members[i].user_id, q) == 0 ||
		    strcasecmp(m->members[i].email, q) == 0)
			return w->member = &m->members[i], 0;
	const struct bclint_member *found = NULL;
	struct bclint_buf all = {0};
	size_t n = 0;
	for (size_t i = 0; i < m->n_members; i++) {
		const struct bclint_member *mb = &m->members[i];
		if (mb->name == NULL || strcasecmp(mb->name, q) != 0)
			continue;
		bclint_buf_puts(&all, n++ ? ", " : "");
		bclint_textsafe(&all, bclint_why_fmt(w, "%s (%s)", mb->email, mb->user_id),
		                BCLINT_TEXTSAFE_CHARS);
		found = found ? found : mb;
	}
	if (n > 1) {
		int rc = usage_msg(
		        bclint_why_fmt(w,
		                       "'%s' names %zu members of %s: %s; say which by email or "
		                       "user_id",
		                       q, n, m->file, all.data ? all.data : ""));
		free(all.data);
		return rc;
	}
	free(all.data);
	if (found != NULL)
		return w->member = found, 0;
	struct closest c = {q, {0}, {0}, 0};
	for (size_t i = 0; i < m->n_members; i++) {
		const struct bclint_member *mb = &m->members[i];
		const char *label = bclint_why_member_label(w, mb);
		closest_offer(&c, label, mb->email);
		closest_offer(&c, label, mb->user_id);
		closest_offer(&c, label, mb->name);
	}
	return not_found(
	        bclint_why_fmt(w, "no member '%s' in %s (by email, user_id or name)", q, m->file),
	        &c);
}

static int find_action(struct bclint_why *w, const char *q)
{
	size_t n;
	const struct bclint_action *all = bclint_actions(&n);
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(all[i].name, q) == 0)
			return w->action = &all[i], 0;
	struct closest c = {q, {0}, {0}, 0};
	for (size_t i = 0; i < n; i++)
		closest_offer(&c, all[i].name, all[i].name);
	return not_found(bclint_why_fmt(w, "unknown action '%s'", q), &c);
}

/* Does the asset type fit the question (--asset-type, else the action)? */
static int type_fits(const struct bclint_why *w, int want, uint32_t type)
{
	if (want >= 0)
		return (uint32_t)want == type;
	return (w->action->types & (1u << type)) != 0;
}

/* An asset that is not in assets may still be named by a need, an
 * assignment or a share: then it is foreign, and that is the answer. */
static const struct bclint_entity *find_reference(struct bclint_why *w, const char *id, int want)
{
	const struct bclint_model *m = w->m;
	for (size_t i = 0; i < m->n_needs; i++) {
		const struct bclint_need *n = &m->needs[i];
		if (n->asset_id && strcmp(n->asset_id, id) == 0 &&
		    type_fits(w, want, n->asset_type))
			return w->asset_type = n->asset_type, &n->ent;
	}
	for (size_t i = 0; i < m->n_assignments; i++) {
		const struct bclint_assignment *a = &m->assignments[i];
		if (strcmp(a->asset_id, id) == 0 && type_fits(w, want, a->asset_type))
			return w->asset_type = a->asset_type, &a->ent;
	}
	for (size_t p = 0; p < m->n_partners; p++)
		for (size_t i = 0; i < m->partners[p].n_shares; i++) {
			const struct bclint_share *s = &m->partners[p].shares[i];
			if (strcmp(s->asset_id, id) == 0 && type_fits(w, want, s->asset_type))
				return w->asset_type = s->asset_type, &s->ent;
		}
	return NULL;
}

/* Is q written as TikTok writes asset IDs, digits only? */
static int looks_like_id(const char *q)
{
	if (*q == '\0')
		return 0;
	for (; *q != '\0'; q++)
		if (!isdigit((unsigned char)*q))
			return 0;
	return 1;
}

/* The first asset type the action applies to. */
static uint32_t action_type(const struct bclint_why *w)
{
	uint32_t t = 0;
	while (t < BCLINT_ASSET_NTYPES && !(w->action->types & (1u << t)))
		t++;
	return t;
}

/* The assets whose ID (by_name 0) or name (by_name 1) is q: the one that
 * fits the question in *found, one that does not in *other; a usage
 * error when two fit. */
static int match_assets(struct bclint_why *w, const char *q, int want, int by_name,
                        const struct bclint_asset **found, const struct bclint_asset **other)
{
	const struct bclint_model *m = w->m;
	for (size_t i = 0; i < m->n_assets; i++) {
		const struct bclint_asset *a = &m->assets[i];
		if (by_name ? a->name == NULL || strcasecmp(a->name, q) != 0
		            : strcmp(a->asset_id, q) != 0)
			continue;
		if (!type_fits(w, want, a->type)) {
			*other = *other ? *other : a;
		} else if (*found != NULL && by_name) {
			return usage_msg(bclint_why_fmt(
			        w, "asset name '%s' names %s and %s: say which by ID", q,
			        bclint_why_safe(w, bclint_why_asset_label(w, *found)),
			        bclint_why_safe(w, bclint_why_asset_label(w, a))));
		} else if (*found != NULL) {
			return usage_msg(
			        bclint_why_fmt(w,
			                       "asset '%s' names a %s and a %s: say which with "
			                       "--asset-type",
			                       q, bclint_asset_type_name((*found)->type),
			                       bclint_asset_type_name(a->type)));
		} else {
			*found = a;
		}
	}
	return 0;
}

/* An ID that nothing in the snapshot names is an asset of another
 * Business Center, as far as this one can tell: the asset layer says so
 * (with what is close here, in case the ID is mistyped). */
static void unknown_id(struct bclint_why *w, const char *id, int want)
{
	const struct bclint_model *m = w->m;
	struct closest c = {id, {0}, {0}, 0};
	w->asset_type = want >= 0 ? (uint32_t)want : action_type(w);
	for (size_t i = 0; i < m->n_assets; i++)
		if (m->assets[i].type == w->asset_type)
			closest_offer(&c, m->assets[i].asset_id, m->assets[i].asset_id);
	if (c.n > 0) {
		struct bclint_buf b = {0};
		closest_list(&b, &c);
		w->unknown_close = bclint_why_fmt(w, "%s", b.data ? b.data : "");
		free(b.data);
	}
	w->unknown = 1;
}

/* The asset by ID, else named by a need, an assignment or a share
 * (foreign), else by name; an ID nothing names is foreign too. */
static int find_asset(struct bclint_why *w, const char *q, int want)
{
	const struct bclint_model *m = w->m;
	const struct bclint_asset *found = NULL, *other = NULL;
	int rc = match_assets(w, q, want, 0, &found, &other);
	if (rc == 0 && found == NULL && find_reference(w, q, want) == NULL && other == NULL)
		rc = match_assets(w, q, want, 1, &found, &other);
	if (rc != 0)
		return rc;
	w->asset_id = found ? found->asset_id : q;
	if (found != NULL) {
		w->asset = found;
		w->asset_type = found->type;
		return 0;
	}
	if ((w->asset_ref = find_reference(w, q, want)) != NULL)
		return 0;
	if (other != NULL && want >= 0)
		return usage_msg(bclint_why_fmt(w, "asset '%s' is of type %s, not %s", q,
		                                bclint_asset_type_name(other->type),
		                                bclint_asset_type_name((uint32_t)want)));
	if (other != NULL)
		return usage_msg(
		        bclint_why_fmt(w, "%s applies to %s assets, but asset '%s' is a %s",
		                       w->action->name, bclint_asset_type_name(action_type(w)), q,
		                       bclint_asset_type_name(other->type)));
	if (looks_like_id(q)) {
		unknown_id(w, q, want);
		return 0;
	}
	struct closest c = {q, {0}, {0}, 0};
	for (size_t i = 0; i < m->n_assets; i++) {
		const struct bclint_asset *a = &m->assets[i];
		if (!type_fits(w, want, a->type))
			continue;
		const char *label = bclint_why_asset_label(w, a);
		closest_offer(&c, label, a->asset_id);
		closest_offer(&c, label, a->name);
	}
	return not_found(bclint_why_fmt(w, "no asset '%s' in %s (by ID or name)", q, m->file), &c);
}

/* -- the sweep: every need of one member ------------------------------------ */

/* "CREATE_EDIT_ADS on ad account 'Brand US' (7001), with ads made on ..." */
static const char *question_text(struct bclint_why *w)
{
	const char *q = w->asset_id ? bclint_why_fmt(w, "%s on %s", w->action->name,
	                                             bclint_why_target_label(w))
	                            : w->action->name;
	if (w->ad_id != NULL)
		q = bclint_why_fmt(w, "%s, with ads made on %s", q,
		                   w->ad ? bclint_why_asset_label(w, w->ad)
		                         : bclint_why_fmt(w, "ad account %s", w->ad_id));
	return q;
}

static void sweep_text_need(struct bclint_why *w, struct bclint_buf *b)
{
	const char *verdict = w->broken >= 0 ? w->layers[w->broken].rule : "ok";
	bclint_buf_printf(b, "%-22s ", verdict);
	text_location(b, w, &w->need->ent);
	bclint_textsafe(b, question_text(w), BCLINT_TEXTSAFE_CHARS);
	bclint_buf_putc(b, '\n');
	if (w->broken < 0)
		return;
	const struct bclint_why_layer *l = &w->layers[w->broken];
	bclint_buf_printf(b, "  layer %d (%s): ", w->broken + 1, bclint_why_layer_names[w->broken]);
	for (size_t k = 0; k < l->n_ev; k++) {
		if (k)
			bclint_buf_puts(b, "; ");
		if (l->ev[k].ent)
			text_location(b, w, l->ev[k].ent);
		bclint_textsafe(b, l->ev[k].text, BCLINT_TEXTSAFE_CHARS);
	}
	bclint_buf_puts(b, "\n  fix: ");
	bclint_textsafe(b, w->fix, BCLINT_TEXTSAFE_CHARS);
	bclint_buf_putc(b, '\n');
}

/* Add "file", "line", "column" and "pointer" of entity e to object o. */
static void cj_location(cJSON *o, struct bclint_why *w, const struct bclint_entity *e)
{
	uint32_t line, col;
	char ptr[BCLINT_POINTER_MAX];
	locate(w, e, &line, &col);
	cJSON_AddStringToObject(o, "file", w->m->file);
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", col);
	cJSON_AddStringToObject(o, "pointer", bclint_entity_pointer(e, ptr));
}

/* s, or JSON null. */
static cJSON *cj_str(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *sweep_json_need(struct bclint_why *w)
{
	cJSON *o = cJSON_CreateObject();
	const char *verdict = w->broken >= 0 ? w->layers[w->broken].rule : "ok";
	cJSON_AddStringToObject(o, "verdict", verdict);
	cj_location(o, w, &w->need->ent);
	cJSON_AddStringToObject(o, "action", w->action->name);
	cJSON *asset = cJSON_CreateNull();
	if (w->asset_id != NULL) {
		cJSON_Delete(asset);
		asset = cJSON_CreateObject();
		cJSON_AddStringToObject(asset, "asset_id", w->asset_id);
		cJSON_AddStringToObject(asset, "asset_type", bclint_asset_type_name(w->asset_type));
		cJSON_AddItemToObject(asset, "asset_name",
		                      cj_str(w->asset ? w->asset->name : NULL));
		cJSON_AddBoolToObject(asset, "in_snapshot", w->asset != NULL);
	}
	cJSON_AddItemToObject(o, "asset", asset);
	if (w->action->also_types != 0)
		cJSON_AddItemToObject(o, "ad_account", cj_str(w->ad ? w->ad->asset_id : w->ad_id));
	cJSON *layer = cJSON_CreateNull();
	if (w->broken >= 0) {
		const struct bclint_why_layer *l = &w->layers[w->broken];
		cJSON_Delete(layer);
		layer = cJSON_CreateObject();
		cJSON_AddNumberToObject(layer, "layer", w->broken + 1);
		cJSON_AddStringToObject(layer, "name", bclint_why_layer_names[w->broken]);
		cJSON *ev = cJSON_AddArrayToObject(layer, "evidence");
		for (size_t k = 0; k < l->n_ev; k++) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "text", l->ev[k].text);
			if (l->ev[k].ent)
				cj_location(e, w, l->ev[k].ent);
			cJSON_AddItemToArray(ev, e);
		}
	}
	cJSON_AddItemToObject(o, "broken", layer);
	cJSON_AddStringToObject(o, "fix", w->fix);
	return o;
}

/* Every need of the member, in the plan's order: which work, and for the
 * others the broken layer and the fix.  Returns the exit status. */
static int sweep(struct bclint_why *w, struct bclint_buf *out)
{
	const struct bclint_member *mb = w->member;
	size_t blocked = 0;
	struct bclint_buf body = {0};
	cJSON *root = NULL, *needs = NULL;
	if (w->json) {
		root = cJSON_CreateObject();
		cJSON *who = cJSON_AddObjectToObject(root, "member");
		cJSON_AddStringToObject(who, "user_id", mb->user_id);
		cJSON_AddStringToObject(who, "user_email", mb->email);
		cJSON_AddItemToObject(who, "user_name", cj_str(mb->name));
		cj_location(who, w, &mb->ent);
		needs = cJSON_AddArrayToObject(root, "needs");
	}
	for (size_t i = 0; i < mb->n_needs; i++) {
		bclint_why_ask_need(w, mb->needs[i]);
		blocked += w->broken >= 0;
		if (w->json)
			cJSON_AddItemToArray(needs, sweep_json_need(w));
		else
			sweep_text_need(w, &body);
	}
	if (w->json) {
		cJSON *sum = cJSON_CreateObject();
		cJSON_AddNumberToObject(sum, "needs", (double)mb->n_needs);
		cJSON_AddNumberToObject(sum, "work", (double)(mb->n_needs - blocked));
		cJSON_AddNumberToObject(sum, "blocked", (double)blocked);
		cJSON_AddItemToObject(root, "summary", sum);
		char *text = cJSON_Print(root);
		if (text == NULL)
			out->oom = 1;
		else
			bclint_buf_printf(out, "%s\n", text);
		cJSON_free(text);
		cJSON_Delete(root);
	} else {
		bclint_buf_puts(out, "member: ");
		text_location(out, w, &mb->ent);
		bclint_textsafe(out, bclint_why_member_label(w, mb), BCLINT_TEXTSAFE_CHARS);
		if (mb->n_needs == 0)
			bclint_buf_puts(out,
			                "\nneeds: none in the access plan; ask about one action "
			                "with --action\n");
		else
			bclint_buf_printf(out,
			                  "\nneeds: %zu in the access plan, %zu work%s, %zu "
			                  "blocked\n",
			                  mb->n_needs, mb->n_needs - blocked,
			                  mb->n_needs - blocked == 1 ? "s" : "", blocked);
		if (body.data != NULL)
			bclint_buf_puts(out, body.data);
		out->oom |= body.oom;
	}
	free(body.data);
	return blocked > 0 ? BCLINT_EXIT_FINDINGS : BCLINT_EXIT_OK;
}

/* -- the command ------------------------------------------------------------- */

struct args {
	const char *snapshot, *member, *action, *asset, *advertiser;
	int asset_type; /* -1: not given */
	int json, help; /* help: 1 --help, 2 --version */
	bclint_time now;
};

enum {
	OPT_MEMBER = 256,
	OPT_ACTION,
	OPT_ASSET,
	OPT_ASSET_TYPE,
	OPT_ADVERTISER,
	OPT_NOW,
	OPT_HELP,
	OPT_VERSION
};

static const struct option long_options[] = {
        {"member", required_argument, NULL, OPT_MEMBER},
        {"action", required_argument, NULL, OPT_ACTION},
        {"asset", required_argument, NULL, OPT_ASSET},
        {"asset-type", required_argument, NULL, OPT_ASSET_TYPE},
        {"advertiser", required_argument, NULL, OPT_ADVERTISER},
        {"format", required_argument, NULL, 'f'},
        {"now", required_argument, NULL, OPT_NOW},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
};

static int parse_args(int argc, char **argv, struct args *a)
{
	int ch;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":f:", long_options, NULL)) != -1) {
		switch (ch) {
		case OPT_MEMBER: a->member = optarg; break;
		case OPT_ACTION: a->action = optarg; break;
		case OPT_ASSET: a->asset = optarg; break;
		case OPT_ADVERTISER: a->advertiser = optarg; break;
		case OPT_ASSET_TYPE:
			a->asset_type = bclint_asset_type_from_name(optarg);
			if (a->asset_type < 0)
				return usage_error(
				        "unknown asset type '%s' (ADVERTISER, CATALOG, PIXEL, "
				        "LEAD, TIKTOK_SHOP, STOREFRONT, DOMAIN, TT_ACCOUNT or "
				        "MANAGED_BUSINESS_ACCOUNT)",
				        optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return usage_error("unknown format '%s' (text or json)", optarg);
			a->json = strcmp(optarg, "json") == 0;
			break;
		case OPT_NOW:
			if (bclint_parse_time(optarg, &a->now) < 0)
				return usage_error("invalid --now '%s' (an RFC 3339 timestamp)",
				                   optarg);
			break;
		case OPT_HELP: a->help = 1; break;
		case OPT_VERSION: a->help = a->help ? a->help : 2; break;
		case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (a->help)
		return 0;
	if (optind >= argc)
		return usage_error("%s", "no snapshot given");
	if (optind + 1 < argc)
		return usage_error("one snapshot at a time ('%s' is one too many)",
		                   argv[optind + 1]);
	a->snapshot = argv[optind];
	if (a->member == NULL)
		return usage_error("%s", "--member is required (a user_id, email or name)");
	if (a->action == NULL && (a->asset != NULL || a->advertiser != NULL))
		return usage_error("%s", a->asset ? "--asset needs --action (without both, every "
		                                    "need of the member is checked)"
		                                  : "--advertiser needs --action");
	if (a->asset_type >= 0 && a->asset == NULL)
		return usage_error("%s", "--asset-type needs --asset");
	return 0;
}

/* Load the snapshot into w; snapshot errors go to standard error in the
 * gcc format. */
static int load(struct bclint_why *w, const char *path)
{
	struct bclint_text text;
	char *name = strdup(path);
	if (name == NULL || bclint_text_read(path, &text) < 0) {
		fprintf(stderr, "bclint why: error: %s: cannot read snapshot: %s\n",
		        strcmp(path, "-") ? path : "(standard input)", strerror(errno));
		free(name);
		return BCLINT_EXIT_USAGE;
	}
	int file = bclint_report_add_source(&w->report, name, text);
	if (file < 0)
		return BCLINT_EXIT_PLUGIN;
	w->snap = bclint_snapshot_load(&w->report, (uint32_t)file, 0);
	if (w->snap != NULL && w->snap->errors > 0) {
		bclint_snapshot_free(w->snap);
		w->snap = NULL;
	}
	if (w->snap == NULL) {
		if (w->report.oom)
			return BCLINT_EXIT_PLUGIN;
		/* the lint command's report of them, gcc format */
		struct bclint_run run;
		struct bclint_diag_sink none = {NULL, NULL};
		bclint_run_init(&run, &none);
		run.report = w->report;
		bclint_report_finish(&run.report, 0);
		struct bclint_emit e = {&run, 0, BCLINT_EXIT_USAGE, NULL, NULL};
		struct bclint_buf out = {0};
		bclint_emit_gcc(&out, &e);
		fputs(out.data ? out.data : "", stderr);
		free(out.data);
		w->report = run.report;
		return BCLINT_EXIT_USAGE;
	}
	w->m = &w->snap->model;
	w->text = w->report.sources[file].text.data;
	w->len = w->report.sources[file].text.len;
	return 0;
}

/* Resolve the question against the snapshot; usage errors for what does
 * not fit. */
static int resolve(struct bclint_why *w, const struct args *a)
{
	int rc;
	if ((rc = find_member(w, a->member)) != 0)
		return rc;
	if (a->action == NULL)
		return 0; /* the sweep */
	if ((rc = find_action(w, a->action)) != 0)
		return rc;
	uint32_t scope = w->action->scope;
	if (scope == BCLINT_SCOPE_ASSET && a->asset == NULL) {
		uint32_t t = 0;
		while (t < BCLINT_ASSET_NTYPES && !(w->action->types & (1u << t)))
			t++;
		return usage_msg(bclint_why_fmt(w,
		                                "%s is an asset action: name the %s with --asset "
		                                "ASSET_ID",
		                                w->action->name, bclint_asset_type_label(t)));
	}
	if ((scope == BCLINT_SCOPE_BC_ROLE || scope == BCLINT_SCOPE_FINANCE) && a->asset != NULL)
		return usage_msg(bclint_why_fmt(
		        w, "%s is a Business Center action: it takes no --asset", w->action->name));
	if (a->asset != NULL && (rc = find_asset(w, a->asset, a->asset_type)) != 0)
		return rc;
	if (a->advertiser != NULL && w->action->also_types == 0)
		return usage_msg(
		        bclint_why_fmt(w,
		                       "%s is not made on an ad account: it takes no --advertiser "
		                       "(only SPARK_ADS_PULL_POST and USE_LIVE_IN_ADS do)",
		                       w->action->name));
	w->ad_id = a->advertiser;
	bclint_why_question(w);
	return 0;
}

static int why_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	struct args a = {NULL, NULL, NULL, NULL, NULL, -1, 0, 0, BCLINT_NO_TIME};
	int rc = parse_args(argc, argv, &a);
	if (rc != 0)
		return rc;
	if (a.help) {
		if (a.help == 1)
			bclint_cmd_help(self);
		else
			bclint_cmd_version(self);
		return BCLINT_EXIT_OK;
	}
	struct bclint_why w;
	memset(&w, 0, sizeof(w));
	w.json = a.json;
	rc = load(&w, a.snapshot);
	if (rc == 0)
		rc = resolve(&w, &a);
	if (rc == 0) {
		w.now = a.now != BCLINT_NO_TIME              ? a.now
		        : w.m->captured_at != BCLINT_NO_TIME ? w.m->captured_at
		                                             : (bclint_time)time(NULL);
		struct bclint_buf out = {0};
		int status;
		if (a.action == NULL) {
			status = sweep(&w, &out);
		} else {
			bclint_why_answer(&w);
			if (w.json)
				emit_json(&w, &out);
			else
				emit_text(&w, &out);
			status = w.broken >= 0 ? BCLINT_EXIT_FINDINGS : BCLINT_EXIT_OK;
		}
		if (out.oom || w.oom || w.report.oom) {
			fputs("bclint why: error: out of memory\n", stderr);
			rc = BCLINT_EXIT_PLUGIN;
		} else {
			fwrite(out.data, 1, out.len, stdout);
			rc = status;
		}
		free(out.data);
	}
	bclint_snapshot_free(w.snap);
	bclint_arena_free(&w.arena);
	bclint_report_free(&w.report);
	return rc;
}

const struct bclint_cmd bclint_cmd_why = {
        "why",    "bclint why", "SNAPSHOT --member WHO [--action ACTION [--asset ASSET]]",
        help,     ":f:",        long_options,
        why_exec,
};
