/* A strict JSON parser (RFC 8259) that records where every value is.
 *
 * Snapshots are large, so the parser builds no copies: each value is a
 * 32-byte node holding its byte range, and strings stay in the text until
 * someone asks for them decoded.  Everything is checked on the way, so the
 * first error in the text is the one reported, at its byte: a missing
 * comma, an unescaped control character, invalid UTF-8, a bad escape, a
 * number that is not JSON's (no leading zeros, no '+', no bare '.').
 *
 * One thing JSON allows is refused: a \u0000 escape.  Every string bclint
 * reads ends up a C string, where a NUL would end it early and change the
 * data without a word ("a@acme.example\u0000@evil.example" would be read
 * as "a@acme.example"); so it is an error at the escape, in every input. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "position.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_TEXT 0x7fffffffu

struct parser {
	const unsigned char *base, *end; /* *end is NUL */
	struct bclint_arena *arena;
	struct bclint_json_error *err;
	unsigned depth;
	struct bclint_lines *lines; /* NULL: not asked for */
	int wide;                   /* a byte past ASCII since the last line feed */
};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

__attribute__((noinline)) static void note_line(struct parser *P, const unsigned char *p)
{
	struct bclint_lines *l = P->lines;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4096;
		uint32_t *at = realloc(l->at, cap * sizeof(*at));
		if (at == NULL) { /* positions are then found without it */
			free(l->at);
			P->lines = NULL;
			*l = (struct bclint_lines){NULL, 0, 0, 0};
			return;
		}
		l->at = at;
		l->cap = cap;
	}
	l->at[l->n++] = (uint32_t)(p - P->base) | (P->wide ? 0 : BCLINT_LINE_ASCII);
	P->wide = 0;
}

/* Inlined: it runs between every two tokens. */
__attribute__((always_inline)) static inline const unsigned char *skip_ws(struct parser *P,
                                                                          const unsigned char *p)
{
	for (; is_ws(*p); p++)
		if (*p == '\n' && P->lines != NULL)
			note_line(P, p);
	return p;
}

/* Errors return NULL, so that callers can pass them straight up. */
static void *fail(struct parser *P, const unsigned char *p, const char *message)
{
	P->err->offset = (size_t)(p - P->base);
	P->err->message = message;
	return NULL;
}

static void *refuse(struct parser *P, const unsigned char *p, const char *message)
{
	P->err->refused = 1;
	return fail(P, p, message);
}

static void *fail_byte(struct parser *P, const unsigned char *p, const char *message)
{
	P->err->has_byte = 1;
	P->err->byte = *p;
	return fail(P, p, message);
}

/* p is not what the grammar wants here: say what it is. */
static void *unexpected(struct parser *P, const unsigned char *p)
{
	if (p >= P->end)
		return fail(P, P->end, "unexpected end of file");
	if (*p < 0x20)
		return fail_byte(P, p, "unexpected control character");
	switch (*p) {
	case '}':
	case ']': return fail(P, p, "unexpected closing bracket");
	case ',': return fail(P, p, "unexpected comma");
	case '"': return fail(P, p, "unexpected string");
	default: return fail(P, p, "unexpected character");
	}
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Has any of the 8 bytes of v the value of one byte of c? */
static inline uint64_t has_byte(uint64_t v, uint64_t c)
{
	uint64_t x = v ^ c;
	return (x - ONES) & ~x & HIGHS;
}

/* The bytes of v (little-endian order) that are not plain ASCII string
 * content -- a quote, a backslash, a control character or a byte of a
 * multi-byte sequence -- as their high bits.  Bits above the lowest may be
 * wrong (borrows), the lowest is exact: enough to find the first one. */
static inline uint64_t special8(uint64_t v)
{
	uint64_t low = (v - 0x2020202020202020ull) & ~v & HIGHS; /* < 0x20 */
	return (v & HIGHS) | low | has_byte(v, 0x2222222222222222ull) |
	       has_byte(v, 0x5c5c5c5c5c5c5c5cull);
}

#ifdef __SSE2__
/* The index of the first such byte among 16, or 16. */
static inline unsigned special16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i bslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	/* signed: below 0x20, and 0x80 and up, are both "less" */
	__m128i odd = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
	unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, bslash), odd));
	return m ? (unsigned)__builtin_ctz(m) : 16;
}
#endif

static int hex4(const unsigned char *p, unsigned *v)
{
	unsigned x = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (unsigned)(c | 0x20) - 'a' + 10;
		else
			return -1;
		x = x << 4 | d;
	}
	*v = x;
	return 0;
}

/* The escape at p (a backslash): its length in the text, or 0 if it is
 * not valid.  A \u escape of a UTF-16 high surrogate must be followed by
 * one of a low surrogate, and a low surrogate must not stand alone; *cp
 * gets the code point. */
static size_t escape_len(const unsigned char *p, unsigned *cp)
{
	switch (p[1]) {
	case '"': *cp = '"'; return 2;
	case '\\': *cp = '\\'; return 2;
	case '/': *cp = '/'; return 2;
	case 'b': *cp = '\b'; return 2;
	case 'f': *cp = '\f'; return 2;
	case 'n': *cp = '\n'; return 2;
	case 'r': *cp = '\r'; return 2;
	case 't': *cp = '\t'; return 2;
	case 'u': break;
	default: return 0;
	}
	unsigned hi, lo;
	if (hex4(p + 2, &hi) < 0)
		return 0;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return 0;
	if (hi < 0xd800 || hi > 0xdbff) {
		*cp = hi;
		return 6;
	}
	if (p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
		return 0;
	*cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	return 12;
}

/* p points at an opening quote: check the string, return just past its
 * closing quote (NULL on error); *escaped says whether it has escapes. */
static const unsigned char *scan_string(struct parser *P, const unsigned char *p, int *escaped)
{
	const unsigned char *end = P->end;
	p++;
	for (;;) {
		/* most strings are plain ASCII: go to the first byte that is
		 * not, sixteen or eight bytes at a time */
#ifdef __SSE2__
		while (end - p >= 16) {
			unsigned k = special16(p);
			p += k;
			if (k < 16)
				goto found;
		}
#endif
		while (end - p >= 8) {
			uint64_t v, m;
			memcpy(&v, p, 8);
			m = special8(v);
			if (m != 0) {
				p += (unsigned)__builtin_ctzll(m) / 8;
				goto found;
			}
			p += 8;
		}
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
	found:
		if (p >= end)
			return fail(P, end, "unexpected end of file");
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			unsigned cp;
			size_t n = escape_len(p, &cp);
			if (n == 0)
				return fail(P, p,
				            p[1] == 'u' ? "invalid \\u escape"
				                        : "invalid escape sequence");
			if (cp == 0)
				return refuse(P, p,
				              "\\u0000 in a string: bclint refuses NUL "
				              "characters, which would cut the text short");
			*escaped = 1;
			p += n;
		} else if (*p < 0x20) {
			/* RFC 8259: control characters must be escaped */
			return fail_byte(P, p, "unescaped control character in a string");
		} else {
			size_t n = utf8_len(p, end);
			if (n == 0)
				return fail_byte(P, p, "invalid UTF-8");
			P->wide = 1; /* only a string holds one */
			p += n;
		}
	}
}
#undef ONES
#undef HIGHS

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Where a run of number characters ends: the extent of what looks like a
 * number, checked against the grammar as a whole. */
static const unsigned char *number_end(const unsigned char *p, const unsigned char *end)
{
	while (p < end &&
	       (is_digit(*p) || *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E'))
		p++;
	return p;
}

/* Is [p, end) a JSON number? */
static int is_number(const unsigned char *p, const unsigned char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && is_digit(*p))
		while (p < end && is_digit(*p))
			p++;
	else
		return 0;
	if (p < end && *p == '.') {
		if (++p >= end || !is_digit(*p))
			return 0;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return 0;
		while (p < end && is_digit(*p))
			p++;
	}
	return p == end;
}

static struct bclint_jv *node(struct parser *P, unsigned type, const unsigned char *p)
{
	struct bclint_jv *v = bclint_arena_alloc(P->arena, sizeof(*v));
	if (v == NULL) {
		P->err->oom = 1;
		return fail(P, P->base, "out of memory");
	}
	v->next = v->child = NULL;
	v->start = (uint32_t)(p - P->base);
	v->key = 0;
	v->type = type & 7u;
	v->flags = 0;
	v->n = 0;
	return v;
}

static const unsigned char *value(struct parser *P, const unsigned char *p, struct bclint_jv **out);

/* p is just past '{' or '['; parse the members or elements into v. */
static const unsigned char *container(struct parser *P, const unsigned char *p, struct bclint_jv *v)
{
	int obj = v->type == BCLINT_JOBJECT;
	unsigned char close = obj ? '}' : ']';
	struct bclint_jv **link = &v->child;
	uint32_t n = 0;
	p = skip_ws(P, p);
	if (*p == close && p < P->end) {
		v->end = (uint32_t)(p + 1 - P->base);
		return p + 1;
	}
	for (;;) {
		uint32_t key = 0;
		int key_escaped = 0;
		if (obj) {
			if (*p != '"' || p >= P->end)
				return unexpected(P, p);
			key = (uint32_t)(p - P->base);
			p = scan_string(P, p, &key_escaped);
			if (p == NULL)
				return NULL;
			p = skip_ws(P, p);
			if (*p != ':' || p >= P->end)
				return unexpected(P, p);
			p = skip_ws(P, p + 1);
		}
		struct bclint_jv *c;
		p = value(P, p, &c);
		if (p == NULL || c == NULL)
			return NULL;
		c->key = key;
		if (key_escaped)
			c->flags |= BCLINT_JV_KEY_ESCAPED;
		*link = c;
		link = &c->next;
		if (n < BCLINT_JV_N_MAX)
			n++;
		p = skip_ws(P, p);
		if (p >= P->end)
			return unexpected(P, p);
		if (*p == close)
			break;
		if (*p != ',')
			return unexpected(P, p);
		p = skip_ws(P, p + 1);
	}
	v->n = n;
	v->end = (uint32_t)(p + 1 - P->base);
	return p + 1;
}

/* p is where a value should start (white space skipped); returns just
 * past it, with the node in *out, or NULL. */
static const unsigned char *value(struct parser *P, const unsigned char *p, struct bclint_jv **out)
{
	static const char *const literal[] = {NULL, "null", "false", "true"};
	unsigned type;
	*out = NULL;
	if (p >= P->end)
		return unexpected(P, p);
	switch (*p) {
	case '"': {
		int escaped = 0;
		struct bclint_jv *v = node(P, BCLINT_JSTRING, p);
		if (v == NULL || (p = scan_string(P, p, &escaped)) == NULL)
			return NULL;
		if (escaped)
			v->flags = BCLINT_JV_ESCAPED;
		v->end = (uint32_t)(p - P->base);
		*out = v;
		return p;
	}
	case '{':
	case '[': {
		if (P->depth >= BCLINT_JSON_MAX_DEPTH)
			return fail(P, p, "nesting too deep");
		struct bclint_jv *v = node(P, *p == '{' ? BCLINT_JOBJECT : BCLINT_JARRAY, p);
		if (v == NULL)
			return NULL;
		P->depth++;
		p = container(P, p + 1, v);
		P->depth--;
		*out = v;
		return p;
	}
	case 'n': type = BCLINT_JNULL; break;
	case 'f': type = BCLINT_JFALSE; break;
	case 't': type = BCLINT_JTRUE; break;
	default:
		if (*p == '-' || is_digit(*p)) {
			const unsigned char *e = number_end(p, P->end);
			if (!is_number(p, e))
				return fail(P, p, "invalid number");
			struct bclint_jv *v = node(P, BCLINT_JNUMBER, p);
			if (v == NULL)
				return NULL;
			v->end = (uint32_t)(e - P->base);
			*out = v;
			return e;
		}
		return unexpected(P, p);
	}
	/* the text ends in a NUL: strncmp stops there */
	size_t n = strlen(literal[type]);
	if (strncmp((const char *)p, literal[type], n) != 0 || p + n > P->end)
		return unexpected(P, p);
	struct bclint_jv *v = node(P, type, p);
	if (v == NULL)
		return NULL;
	v->end = (uint32_t)(p + n - P->base);
	*out = v;
	return p + n;
}

void bclint_json_error_text(const struct bclint_json_error *e, char *buf, size_t size)
{
	if (e->refused)
		snprintf(buf, size, "%s", e->message);
	else if (e->has_byte)
		snprintf(buf, size, "%s (byte 0x%02x)", e->message, e->byte);
	else
		snprintf(buf, size, "malformed JSON: %s", e->message);
}

struct bclint_jv *bclint_jparse(const char *text, size_t len, struct bclint_json_error *err,
                                struct bclint_arena *arena)
{
	return bclint_jparse_lines(text, len, err, arena, NULL);
}

struct bclint_jv *bclint_jparse_lines(const char *text, size_t len, struct bclint_json_error *err,
                                      struct bclint_arena *arena, struct bclint_lines *lines)
{
	const unsigned char *base = (const unsigned char *)text;
	err->byte = 0;
	err->has_byte = 0;
	err->oom = 0;
	err->refused = 0;
	err->offset = 0;
	err->message = NULL;
	struct parser P = {base, base + len, arena, err, 0, lines, 0};
	if (lines != NULL)
		*lines = (struct bclint_lines){NULL, 0, 0, 0};
	if (len >= MAX_TEXT)
		return fail(&P, base, "file too large (2 GiB or more)");
	const unsigned char *p = base;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	p = skip_ws(&P, p);
	if (p == P.end)
		return fail(&P, P.end, "empty document: expected a JSON object");
	struct bclint_jv *root;
	p = value(&P, p, &root);
	if (p == NULL)
		return NULL;
	p = skip_ws(&P, p);
	if (p < P.end)
		return fail(&P, p,
		            *p == '\0' ? "unexpected NUL byte"
		                       : "unexpected text after the JSON value");
	if (P.lines != NULL)
		P.lines->complete = 1;
	return root;
}

/* -- decoding --------------------------------------------------------- */

/* The character at *p (inside a string the parser checked) as UTF-8 in
 * out; returns its length and moves *p past it. */
static size_t decode_one(const unsigned char **p, char *out)
{
	unsigned cp = 0;
	if (**p != '\\') {
		out[0] = (char)*(*p)++;
		return 1;
	}
	*p += escape_len(*p, &cp);
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The string whose opening quote is at p, decoded into out (room for as
 * many bytes as the text's string has, and a NUL: an escape is never
 * shorter than what it stands for). */
static void decode(const unsigned char *p, char *out)
{
	for (p++; *p != '"';)
		out += decode_one(&p, out);
	*out = '\0';
}

/* The raw length (between the quotes) of the string at p. */
static size_t raw_len(const unsigned char *p)
{
	const unsigned char *q = p + 1;
	while (*q != '"')
		q += *q == '\\' ? 2 : 1;
	return (size_t)(q - p - 1);
}

/* The string whose opening quote is at p, n bytes long in the text, as a
 * C string in arena: copied as it is, or decoded when it has escapes. */
static char *string_at(struct bclint_arena *arena, const unsigned char *p, size_t n, int escaped)
{
	if (!escaped)
		return bclint_arena_strndup(arena, (const char *)p + 1, n);
	char *s = bclint_arena_alloc(arena, n + 1);
	if (s != NULL)
		decode(p, s);
	return s;
}

char *bclint_jv_string(struct bclint_arena *arena, const char *text, const struct bclint_jv *v)
{
	return string_at(arena, (const unsigned char *)text + v->start, v->end - v->start - 2,
	                 v->flags & BCLINT_JV_ESCAPED);
}

char *bclint_jv_key(struct bclint_arena *arena, const char *text, const struct bclint_jv *v)
{
	const unsigned char *p = (const unsigned char *)text + v->key;
	return string_at(arena, p, raw_len(p), v->flags & BCLINT_JV_KEY_ESCAPED);
}

int bclint_jv_key_is(const char *text, const struct bclint_jv *v, const char *key)
{
	const char *p = text + v->key + 1;
	if (!(v->flags & BCLINT_JV_KEY_ESCAPED)) {
		/* a key without escapes has no '"' before its end */
		while (*key != '\0' && *key == *p)
			key++, p++;
		return *key == '\0' && *p == '"';
	}
	/* decoded as it goes (the parser let no \u0000 through) */
	const unsigned char *q = (const unsigned char *)p;
	while (*q != '"') {
		char c[4];
		size_t n = decode_one(&q, c);
		for (size_t i = 0; i < n; i++, key++) {
			if (c[i] != *key)
				return 0;
		}
	}
	return *key == '\0';
}

size_t bclint_jv_count(const struct bclint_jv *v)
{
	if (v->n < BCLINT_JV_N_MAX)
		return v->n;
	size_t n = 0;
	for (const struct bclint_jv *c = v->child; c != NULL; c = c->next)
		n++;
	return n;
}

/* -- documents and typed getters ------------------------------------ */

int bclint_jdoc_parse(struct bclint_jdoc *d, const char *text, size_t len)
{
	memset(d, 0, sizeof(*d));
	d->text = text;
	d->len = len;
	d->root = bclint_jparse_lines(text, len, &d->err, &d->arena, &d->lines);
	return d->root != NULL ? 0 : -1;
}

void bclint_jdoc_free(struct bclint_jdoc *d)
{
	if (d == NULL)
		return;
	bclint_arena_free(&d->arena);
	free(d->lines.at);
	d->lines.at = NULL;
	d->root = NULL;
}

void bclint_jdoc_position(const struct bclint_jdoc *d, size_t off, uint32_t *line, uint32_t *col)
{
	struct bclint_textpos p = {(uint32_t)off, 0, 0}, *pp = &p;
	if (d->lines.complete)
		bclint_positions_resolve_lines(d->text, d->len, d->lines.at, d->lines.n, &pp, 1);
	else
		bclint_positions_resolve(d->text, d->len, &pp, 1);
	*line = p.line;
	*col = p.col;
}

const struct bclint_jv *bclint_jv_member(const char *text, const struct bclint_jv *obj,
                                         const char *key)
{
	if (obj == NULL || obj->type != BCLINT_JOBJECT)
		return NULL;
	for (const struct bclint_jv *c = obj->child; c != NULL; c = c->next)
		if (bclint_jv_key_is(text, c, key))
			return c;
	return NULL;
}

const char *bclint_jdoc_string(struct bclint_jdoc *d, const struct bclint_jv *v)
{
	if (v == NULL || v->type != BCLINT_JSTRING)
		return NULL;
	const char *s = bclint_jv_string(&d->arena, d->text, v);
	if (s == NULL)
		d->err.oom = 1;
	return s;
}

const char *bclint_jdoc_key(struct bclint_jdoc *d, const struct bclint_jv *v)
{
	const char *s = bclint_jv_key(&d->arena, d->text, v);
	if (s == NULL)
		d->err.oom = 1;
	return s;
}

int bclint_jv_integer(const char *text, const struct bclint_jv *v, long long min, long long max,
                      long long *out)
{
	if (v == NULL || v->type != BCLINT_JNUMBER)
		return -1;
	/* by value, as JSON means it: 4.0 and 4e0 are the integer 4 */
	double d = strtod(text + v->start, NULL);
	if (!(d >= (double)min && d <= (double)max) || d != (double)(long long)d)
		return -1;
	*out = (long long)d;
	return 0;
}

const char *bclint_jv_type_name(const struct bclint_jv *v)
{
	switch (v->type) {
	case BCLINT_JOBJECT: return "an object";
	case BCLINT_JARRAY: return "an array";
	case BCLINT_JSTRING: return "a string";
	case BCLINT_JNUMBER: return "a number";
	case BCLINT_JTRUE:
	case BCLINT_JFALSE: return "a boolean";
	default: return "null";
	}
}
