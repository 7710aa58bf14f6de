/* libFuzzer target: the JSON position layer (src/json.c, src/position.c).
 * Any input either fails with an offset inside the text, or parses with
 * every node stamped with a range that lies inside the text, starts at a
 * character that can begin that kind of value, and nests inside its
 * parent's range.  Positions then resolve to lines and columns.  When text
 * follows the value, the text before it must parse on its own.  When both
 * this parser and cJSON's own accept a text, the two trees are equal
 * (strings decoded the same, numbers of the same value); cJSON accepts
 * more (leading zeros, '+', invalid UTF-8), and refuses numbers longer
 * than 63 characters.  The parser's table of line feeds holds them all and
 * resolves positions as the sweep over the text does. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "position.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct bclint_jv *node, const char *text, size_t len, uint32_t lo,
                  uint32_t hi)
{
	uint32_t start = node->start, end = node->end;
	if (start < lo || end > hi || start >= end || end > len)
		abort();
	const char *first = "";
	switch (node->type) {
	case BCLINT_JOBJECT: first = "{"; break;
	case BCLINT_JARRAY: first = "["; break;
	case BCLINT_JSTRING: first = "\""; break;
	case BCLINT_JNUMBER: first = "-0123456789"; break;
	case BCLINT_JTRUE: first = "t"; break;
	case BCLINT_JFALSE: first = "f"; break;
	case BCLINT_JNULL: first = "n"; break;
	default: abort();
	}
	if (strchr(first, text[start]) == NULL || text[start] == '\0')
		abort();
	uint32_t line, col;
	bclint_position_of(text, len, start, &line, &col);
	if (line == 0 || col == 0 || col > start + 1)
		abort();
	for (const struct bclint_jv *c = node->child; c != NULL; c = c->next)
		check(c, text, len, start, end);
}

/* Equal trees: types, keys and strings byte for byte (up to a \u0000,
 * which ends cJSON's strings), numbers exactly (both come from strtod on
 * the same characters; cJSON_Compare would call two infinities
 * different). */
static int same(struct bclint_jdoc *d, const struct bclint_jv *a, const cJSON *b, int keyed)
{
	static const int types[] = {0,           cJSON_NULL,   cJSON_False,
	                            cJSON_True,  cJSON_Number, cJSON_String,
	                            cJSON_Array, cJSON_Object};
	if (types[a->type] != (b->type & 0xff))
		return 0;
	if (keyed) {
		const char *k = bclint_jdoc_key(d, a);
		if (k == NULL || b->string == NULL || strcmp(k, b->string) != 0)
			return 0;
	}
	if (a->type == BCLINT_JSTRING) {
		const char *s = bclint_jdoc_string(d, a);
		return s != NULL && strcmp(s, b->valuestring) == 0;
	}
	if (a->type == BCLINT_JNUMBER)
		return strtod(d->text + a->start, NULL) == b->valuedouble;
	const struct bclint_jv *x = a->child;
	const cJSON *y = b->child;
	for (; x != NULL && y != NULL; x = x->next, y = y->next)
		if (!same(d, x, y, a->type == BCLINT_JOBJECT))
			return 0;
	return x == NULL && y == NULL;
}

/* A text that parses: the parser's table holds every line feed, and
 * positions resolved with it are those the sweep finds. */
static void lines_agree(const char *text, size_t size)
{
	struct bclint_json_error err;
	struct bclint_arena a = {NULL, 0};
	struct bclint_lines l = {NULL, 0, 0, 0};
	if (bclint_jparse_lines(text, size, &err, &a, &l) == NULL || !l.complete) {
		/* memory ran out (for the tree or the table): nothing to check */
		free(l.at);
		bclint_arena_free(&a);
		return;
	}
	/* every line feed, each marked ASCII exactly when its line is (a
	 * byte-order mark, skipped before parsing, marks nothing) */
	size_t k = 0, start = size >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	int wide = 0;
	for (size_t i = start; i < size; i++) {
		if (text[i] != '\n') {
			wide |= (unsigned char)text[i] >= 0x80;
			continue;
		}
		uint32_t want = (uint32_t)i | (wide ? 0 : BCLINT_LINE_ASCII);
		if (k >= l.n || l.at[k++] != want)
			abort();
		wide = 0;
	}
	if (k != l.n)
		abort();
	enum { N = 64 };
	struct bclint_textpos p[N], q[N], *pp[N], *qq[N];
	for (size_t i = 0; i < N; i++) {
		uint32_t off = (uint32_t)((i * 2654435761u) % (size + 2));
		p[i] = q[i] = (struct bclint_textpos){off, 0, 0};
		pp[i] = &p[i];
		qq[i] = &q[i];
	}
	bclint_positions_resolve(text, size, pp, N);
	bclint_positions_resolve_lines(text, size, l.at, l.n, qq, N);
	for (size_t i = 0; i < N; i++)
		if (p[i].line != q[i].line || p[i].col != q[i].col)
			abort();
	free(l.at);
	bclint_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct bclint_jdoc d;
	if (bclint_jdoc_parse(&d, text, size) < 0) {
		const struct bclint_json_error *err = &d.err;
		if (err->offset > size || err->message == NULL)
			abort();
		uint32_t line, col;
		bclint_position_of(text, size, err->offset, &line, &col);
		/* Text after the value: what comes before it is a whole document. */
		if (strcmp(err->message, "unexpected text after the JSON value") == 0) {
			char *head = malloc(err->offset + 1);
			struct bclint_jdoc hd;
			if (head != NULL) {
				memcpy(head, text, err->offset);
				head[err->offset] = '\0';
				if (bclint_jdoc_parse(&hd, head, err->offset) < 0 && !hd.err.oom)
					abort();
				bclint_jdoc_free(&hd);
			}
			free(head);
		}
	} else {
		check(d.root, text, size, 0, (uint32_t)size);
		cJSON *theirs = cJSON_ParseWithLength(text, size);
		if (theirs != NULL && !same(&d, d.root, theirs, 0) && !d.err.oom)
			abort();
		cJSON_Delete(theirs);
		lines_agree(text, size);
	}
	bclint_jdoc_free(&d);
	free(text);
	return 0;
}
