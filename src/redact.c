/* Redaction.  Each member's email and name is indexed by a key it
 * contains -- for an email, the word before its first '@', the '@' and the
 * word after; for a name, its first word -- so that a message is scanned
 * once, with a lookup at each '@' and at each word start, whatever the
 * number of members. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "redact.h"

int bclint_redact_key_random(unsigned char key[BCLINT_REDACT_KEY_BYTES])
{
	if (sodium_init() < 0)
		return -1;
	randombytes_buf(key, BCLINT_REDACT_KEY_BYTES);
	return 0;
}

int bclint_redact_key_derive(unsigned char key[BCLINT_REDACT_KEY_BYTES], const void *secret,
                             size_t len)
{
	if (len < BCLINT_REDACT_SECRET_MIN || sodium_init() < 0)
		return -1;
	return crypto_generichash(key, BCLINT_REDACT_KEY_BYTES, secret, len, NULL, 0);
}

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

/* Personal text to hide, found through a key it contains; off is where
 * the key starts in text. */
struct secret {
	const char *text, *prefix;
	size_t len, off;
	int whole_word;
	struct secret *next; /* same key */
};

/* The key around position at of s ('@' for emails, a word start for
 * names), copied into arena; *start is where it begins. */
static char *secret_key(struct bclint_arena *arena, const char *s, size_t at, int email,
                        size_t *start)
{
	size_t b = at, e = at + (email ? 1 : 0);
	while (email && b > 0 && word_char((unsigned char)s[b - 1]))
		b--;
	while (word_char((unsigned char)s[e]))
		e++;
	*start = b;
	return bclint_arena_strndup(arena, s + b, e - b);
}

static void add_secret(struct bclint_redactor *rd, const char *text, const char *prefix, int email)
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
	char *key = secret_key(&rd->arena, text, k, email, &start);
	struct secret *sec = bclint_arena_alloc(&rd->arena, sizeof(*sec));
	if (key == NULL || sec == NULL) {
		rd->oom = 1;
		return;
	}
	*sec = (struct secret){text, prefix, strlen(text), start, !email, NULL};
	/* secrets found by the same key (eve@x.example, eve@x.other) are
	 * chained behind the first: the map keeps the first value put */
	struct secret *head = bclint_map_get(&rd->secrets, 0, key);
	if (head != NULL) {
		sec->next = head->next;
		head->next = sec;
	} else if (bclint_map_put(&rd->secrets, 0, key, sec) == (void *)&rd->secrets) {
		rd->oom = 1;
	}
}

int bclint_redactor_init(struct bclint_redactor *rd, const struct bclint_model *m,
                         const unsigned char key[BCLINT_REDACT_KEY_BYTES])
{
	memset(rd, 0, sizeof(*rd));
	memcpy(rd->key, key, sizeof(rd->key));
	if (sodium_init() < 0)
		return -1;
	return bclint_redactor_add(rd, m);
}

int bclint_redactor_add(struct bclint_redactor *rd, const struct bclint_model *m)
{
	for (size_t i = 0; i < m->n_members; i++) {
		if (m->members[i].email != NULL && m->members[i].email[0] != '\0')
			add_secret(rd, m->members[i].email, "user", 1);
		if (m->members[i].name != NULL && m->members[i].name[0] != '\0')
			add_secret(rd, m->members[i].name, "name", 0);
	}
	return rd->oom ? -1 : 0;
}

const char *bclint_pseudonym(const struct bclint_redactor *rd, struct bclint_arena *arena,
                             const char *prefix, const char *s)
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), rd->key,
	                   sizeof(rd->key));
	return bclint_arena_printf(arena, "%s-%02x%02x%02x%02x%02x%02x", prefix, h[0], h[1], h[2],
	                           h[3], h[4], h[5]);
}

/* The secret whose text occurs in msg through the key that starts at k,
 * with *pos where it starts; NULL if none (or, with *oom set, no memory). */
static const struct secret *secret_at(struct bclint_redactor *rd, struct bclint_arena *scratch,
                                      const char *msg, size_t k, int email, size_t *pos, int *oom)
{
	size_t start;
	const char *key = secret_key(scratch, msg, k, email, &start);
	if (key == NULL)
		*oom = 1;
	for (const struct secret *s = key ? bclint_map_get(&rd->secrets, 0, key) : NULL; s != NULL;
	     s = s->next) {
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
 * it.  msg itself when nothing was found, NULL when out of memory. */
static const char *pass(struct bclint_redactor *rd, struct bclint_arena *scratch, const char *msg,
                        int email)
{
	struct bclint_buf b = {0};
	size_t done = 0, i = 0, n = strlen(msg);
	int found = 0, oom = 0;
	while (i < n && !oom) {
		const struct secret *s = NULL;
		size_t pos = 0;
		if (email ? msg[i] == '@'
		          : word_char((unsigned char)msg[i]) &&
		                    (i == 0 || !word_char((unsigned char)msg[i - 1])))
			s = secret_at(rd, scratch, msg, i, email, &pos, &oom);
		if (s == NULL || pos < done) {
			i++;
			continue;
		}
		const char *alias = bclint_pseudonym(rd, scratch, s->prefix, s->text);
		if (alias == NULL)
			oom = 1;
		bclint_buf_add(&b, msg + done, pos - done);
		bclint_buf_puts(&b, alias ? alias : "");
		done = i = pos + s->len;
		found = 1;
	}
	if (!found && !oom)
		return msg;
	bclint_buf_puts(&b, msg + done);
	const char *out = b.oom || oom ? NULL : bclint_arena_strdup(scratch, b.data);
	free(b.data);
	return out;
}

const char *bclint_redact(struct bclint_redactor *rd, struct bclint_arena *scratch, const char *msg,
                          size_t *len)
{
	/* emails first (a name may be part of one), then names */
	const char *out = pass(rd, scratch, msg, 1);
	out = out ? pass(rd, scratch, out, 0) : NULL;
	if (out != NULL && out != msg)
		*len = strlen(out);
	return out;
}

void bclint_redactor_free(struct bclint_redactor *rd)
{
	sodium_memzero(rd->key, sizeof(rd->key));
	bclint_map_free(&rd->secrets);
	bclint_arena_free(&rd->arena);
}
