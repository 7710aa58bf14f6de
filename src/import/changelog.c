/* The Business Center's change log (/changelog/get/): who changed what,
 * and when.  Each entry has a time, an activity type, the operator's user
 * ID and a line of free text (activity_log), which names neither the
 * object nor the old and new values in fields of their own.  So only a
 * narrow, exact pattern of that text is read, and every entry that does
 * not fit it is ignored:
 *
 * The text is cut into tokens (runs of letters, digits and . _ % + - @,
 * without a trailing . or -).  A token with an @ is an email, one of
 * digits an ID, one of letters a word (case ignored).  The entry names a
 * member when the member's user_id is one of its IDs or its user_email
 * (case ignored) one of its emails; the operator does not count.
 *
 *  - An ACCOUNT or ASSET entry that names exactly one member, has one of
 *    the words assign, assigned, grant, granted, change, changed, update,
 *    updated, and none of revoke, revoked, remove, removed, unassign,
 *    unassigned, delete, deleted, cancel, cancelled, canceled, dates that
 *    member's direct assignment on the asset whose asset_id is one of its
 *    IDs, when exactly one of the member's assignments is so named: its
 *    x_granted_at is the entry's time, its x_granted_by the operator_id.
 *  - A USER entry that names exactly one member, has the word invite or
 *    invited and none of the words above that undo, dates the member's
 *    invitation (x_invited_at).
 *
 * Entries are applied in the order of their times, so the latest wins;
 * the extras, read after, win over them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bclint/plugin.h>

#include "import/import.h"
#include "timestamp.h"

static const char *const activity_types[] = {"USER", "ACCOUNT", "ASSET", "BUSINESS", NULL};

/* "YYYY-MM-DD HH:MM:SS" (UTC) as RFC 3339, in the arena; NULL when s is
 * not such a time. */
static const char *rfc3339(struct bclint_import *im, const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	bclint_time t;
	if (strlen(s) != sizeof(shape) - 1)
		return NULL;
	for (size_t i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return NULL;
	char *r = bclint_arena_printf(&im->arena, "%.10sT%.8sZ", s, s + 11);
	if (r == NULL) {
		im->oom = 1;
		return NULL;
	}
	return bclint_parse_time(r, &t) == 0 ? r : NULL;
}

void bclint_import_take_change(struct bclint_import *im, struct bclint_import_input *in,
                               const struct bclint_jv *item)
{
	int bad = bclint_import_check_str(im, in, item, "time", 1, NULL);
	bad |= bclint_import_check_str(im, in, item, "activity_type", 1, activity_types);
	bad |= bclint_import_check_str(im, in, item, "operator_id", 0, NULL);
	bad |= bclint_import_check_str(im, in, item, "activity_log", 0, NULL);
	if (bad)
		return;
	const struct bclint_jv *tv = bclint_import_field(in, item, "time");
	const char *s = bclint_import_string(im, in, tv), *t = s ? rfc3339(im, s) : NULL;
	if (t == NULL) {
		if (!im->oom)
			bclint_import_err(im, in, tv, "'time' must be a UTC time \"%s\", not '%s'",
			                  "YYYY-MM-DD HH:MM:SS", s ? s : "");
		return;
	}
	bclint_import_push(im, BCLINT_IV_CHANGE, item, in, t, NULL, NULL, NULL);
}

/* -- reading the text ------------------------------------------------------- */

#define MAX_TOKENS 64

struct tokens {
	const char *s[MAX_TOKENS];
	size_t len[MAX_TOKENS];
	int n;
};

struct entry {
	struct tokens ids, emails;
	int grant, undo, invite;
};

static int token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '@';
}

static int is_word(const char *s, size_t n, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

static void add_token(struct tokens *t, const char *s, size_t n)
{
	if (t->n < MAX_TOKENS) {
		t->s[t->n] = s;
		t->len[t->n++] = n;
	}
}

/* Cut text into its IDs, emails and the words that matter. */
static void read_entry(const char *text, struct entry *e)
{
	static const char *const grant[] = {"assign",  "assigned", "grant",   "granted", "change",
	                                    "changed", "update",   "updated", NULL};
	static const char *const undo[] = {"revoke",   "revoked",    "remove",   "removed",
	                                   "unassign", "unassigned", "delete",   "deleted",
	                                   "cancel",   "cancelled",  "canceled", NULL};
	static const char *const invite[] = {"invite", "invited", NULL};
	memset(e, 0, sizeof(*e));
	for (const char *p = text; *p != '\0';) {
		if (!token_char(*p)) {
			p++;
			continue;
		}
		const char *s = p;
		while (token_char(*p))
			p++;
		size_t n = (size_t)(p - s);
		while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '-'))
			n--;
		size_t digits = 0, letters = 0;
		int at = 0;
		for (size_t i = 0; i < n; i++) {
			digits += s[i] >= '0' && s[i] <= '9';
			letters += (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
			at += s[i] == '@';
		}
		if (n == 0)
			continue;
		if (at == 1 && s[0] != '@' && s[n - 1] != '@')
			add_token(&e->emails, s, n);
		else if (digits == n)
			add_token(&e->ids, s, n);
		else if (letters == n) {
			e->grant |= is_word(s, n, grant);
			e->undo |= is_word(s, n, undo);
			e->invite |= is_word(s, n, invite);
		}
	}
}

static int token_is(const struct tokens *t, int i, const char *s)
{
	return strlen(s) == t->len[i] && strncmp(t->s[i], s, t->len[i]) == 0;
}

/* -- members by email --------------------------------------------------- */

static int by_email(const void *a, const void *b)
{
	const struct bclint_import_member *x = *(const struct bclint_import_member *const *)a;
	const struct bclint_import_member *y = *(const struct bclint_import_member *const *)b;
	return strcasecmp(x->email, y->email);
}

static struct bclint_import_member *find_email(struct bclint_import_member **index, size_t n,
                                               const char *s, size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *e = index[mid]->email;
		int c = strncasecmp(s, e, len);
		if (c == 0 && e[len] != '\0')
			c = -1;
		if (c == 0)
			return index[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The one member the entry names besides its operator; NULL for none or
 * several. */
static struct bclint_import_member *named_member(struct bclint_import *im, const struct entry *e,
                                                 const char *op,
                                                 struct bclint_import_member **index)
{
	struct bclint_import_member *one = NULL;
	char id[64];
	for (int i = 0; i < e->ids.n + e->emails.n; i++) {
		struct bclint_import_member *m;
		if (i < e->ids.n) {
			if (e->ids.len[i] >= sizeof(id))
				continue;
			memcpy(id, e->ids.s[i], e->ids.len[i]);
			id[e->ids.len[i]] = '\0';
			m = bclint_import_find_member(im, id);
		} else {
			int k = i - e->ids.n;
			m = find_email(index, im->n_members, e->emails.s[k], e->emails.len[k]);
		}
		if (m == NULL || (op != NULL && strcmp(m->id, op) == 0) || m == one)
			continue;
		if (one != NULL)
			return NULL;
		one = m;
	}
	return one;
}

/* The one assignment of member m whose asset the entry names, or NULL. */
static struct bclint_import_grant *named_grant(struct bclint_import *im, const struct entry *e,
                                               const struct bclint_import_member *m)
{
	struct bclint_import_grant *g = bclint_import_member_grants(im, m->id), *one = NULL;
	for (; g != NULL && g < im->grants + im->n_grants && strcmp(g->user, m->id) == 0; g++) {
		int named = 0;
		for (int i = 0; i < e->ids.n && !named; i++)
			named = token_is(&e->ids, i, g->asset);
		if (!named)
			continue;
		if (one != NULL)
			return NULL;
		one = g;
	}
	return one;
}

static void apply(struct bclint_import *im, const struct bclint_import_item *it,
                  struct bclint_import_member **index)
{
	struct bclint_import_input *in = it->in;
	const char *type = bclint_import_str_field(im, in, it->node, "activity_type");
	const char *op = bclint_import_str_field(im, in, it->node, "operator_id");
	const char *log = bclint_import_str_field(im, in, it->node, "activity_log");
	struct entry e;
	if (type == NULL || log == NULL)
		return;
	read_entry(log, &e);
	if (e.undo)
		return;
	int user = strcmp(type, "USER") == 0;
	int access = strcmp(type, "ACCOUNT") == 0 || strcmp(type, "ASSET") == 0;
	if (!(user && e.invite) && !(access && e.grant))
		return;
	struct bclint_import_member *m = named_member(im, &e, op, index);
	if (m == NULL)
		return;
	if (user) {
		m->invited = it->k[0];
		return;
	}
	struct bclint_import_grant *g = named_grant(im, &e, m);
	if (g != NULL) {
		g->granted_at = it->k[0];
		g->granted_by = op;
	}
}

void bclint_import_apply_changelog(struct bclint_import *im)
{
	const struct bclint_import_vec *v = &im->v[BCLINT_IV_CHANGE];
	if (v->n == 0 || im->n_members == 0)
		return;
	struct bclint_import_member **index = calloc(im->n_members, sizeof(*index));
	if (index == NULL) {
		im->oom = 1;
		return;
	}
	for (size_t i = 0; i < im->n_members; i++)
		index[i] = &im->members[i];
	qsort(index, im->n_members, sizeof(*index), by_email);
	for (size_t i = 0; i < v->n; i++)
		apply(im, &v->v[i], index);
	free(index);
}
