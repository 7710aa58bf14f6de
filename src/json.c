/* Parse JSON with cJSON, then record where every value starts and ends.
 *
 * cJSON keeps no positions.  Rather than tokenising the text a second time
 * from scratch, stamp() walks the already-parsed tree and the text together:
 * the tree says what comes next, so the walk only skips white space and
 * string bodies.  Each node's start offset goes into valueint and, except
 * for numbers (whose value lives in valuedouble), its end offset into
 * valuedouble.  The walk also checks that strings are valid UTF-8 and free
 * of raw control characters, which cJSON does not. */
#include "config.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "json.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_TEXT 0x7fffffffu

struct walk {
	const unsigned char *base, *end;
	size_t bad;      /* offset of the first bad byte, or SIZE_MAX */
	const char *why; /* and what is wrong with it */
};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *end)
{
	while (p < end && is_ws(*p))
		p++;
	return p;
}

static void bad_byte(struct walk *w, const unsigned char *p, const char *why)
{
	if (w->bad == SIZE_MAX) {
		w->bad = (size_t)(p - w->base);
		w->why = why;
	}
}

/* Skip white space between tokens.  cJSON skips every byte up to 0x20 there
 * (control characters, even NUL); so must the walk, to stay in step, but
 * JSON allows only four of them. */
static const unsigned char *skip_gap(struct walk *w, const unsigned char *p)
{
	for (; p < w->end && *p <= 0x20; p++)
		if (!is_ws(*p))
			bad_byte(w, p, "unexpected control character");
	return p;
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

#define ONES 0x0101010101010101ull
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

/* p points at the opening quote; returns just past the closing one. */
static const unsigned char *skip_string(struct walk *w, const unsigned char *p)
{
	p++;
	for (;;) {
		/* most strings are plain ASCII: go to the first byte that is
		 * not, sixteen or eight bytes at a time */
#ifdef __SSE2__
		while (w->end - p >= 16) {
			unsigned k = special16(p);
			p += k;
			if (k < 16)
				goto found;
		}
#endif
		while (w->end - p >= 8) {
			uint64_t v, m;
			memcpy(&v, p, 8);
			m = special8(v);
			if (m != 0) {
				p += (unsigned)__builtin_ctzll(m) / 8;
				goto found;
			}
			p += 8;
		}
		while (p < w->end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
	found:
		if (p >= w->end || *p == '"')
			break;
		if (*p == '\\') {
			p += 2;
		} else if (*p < 0x20) {
			/* RFC 8259: control characters must be escaped */
			bad_byte(w, p, "unescaped control character in a string");
			p++;
		} else if (*p < 0x80) {
			p++;
		} else {
			size_t n = utf8_len(p, w->end);
			if (n == 0) {
				bad_byte(w, p, "invalid UTF-8");
				n = 1;
			}
			p += n;
		}
	}
	return p + 1;
}
#undef ONES
#undef HIGHS

static const unsigned char *skip_number(const unsigned char *p, const unsigned char *end)
{
	while (p < end && ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' ||
	                   *p == '.' || *p == 'e' || *p == 'E'))
		p++;
	return p;
}

static const unsigned char *stamp(struct walk *w, const unsigned char *p, cJSON *node)
{
	p = skip_gap(w, p);
	int start = (int)(p - w->base);
	switch (node->type & 0xff) {
	case cJSON_Object:
	case cJSON_Array: {
		int obj = (node->type & 0xff) == cJSON_Object;
		p++;
		for (cJSON *c = node->child; c != NULL; c = c->next) {
			p = skip_gap(w, p);
			if (obj) {
				p = skip_string(w, p);
				p = skip_gap(w, p) + 1; /* ':' */
			}
			p = stamp(w, p, c);
			p = skip_gap(w, p);
			if (p < w->end && *p == ',')
				p++;
		}
		p = skip_gap(w, p) + 1;
		break;
	}
	case cJSON_String:
		p = skip_string(w, p);
		break;
	case cJSON_Number:
		node->valueint = start;
		return skip_number(p, w->end);
	case cJSON_True:
	case cJSON_NULL:
		p += 4;
		break;
	case cJSON_False:
		p += 5;
		break;
	default:
		break;
	}
	node->valueint = start;
	node->valuedouble = (double)(p - w->base);
	return p;
}

/* cJSON reports a failed allocation as a syntax error at some offset; these
 * hooks tell the two apart.  bclint is single-threaded. */
static int cjson_oom;

static void *cjson_malloc(size_t size)
{
	void *p = malloc(size);
	if (p == NULL)
		cjson_oom = 1;
	return p;
}

/* With an arena, the tree's nodes and strings are bump-allocated and freed
 * all at once: parsing does a third fewer instructions, malloc's per-block
 * overhead is gone, and nothing is freed node by node. */
static struct bclint_arena *cjson_arena;

static void *cjson_arena_malloc(size_t size)
{
	void *p = bclint_arena_alloc(cjson_arena, size);
	if (p == NULL)
		cjson_oom = 1;
	return p;
}

static void cjson_arena_free(void *p)
{
	(void)p; /* the arena frees everything at once */
}

uint32_t bclint_json_end(const cJSON *node, const char *text)
{
	if (cJSON_IsNumber(node)) {
		const unsigned char *p = (const unsigned char *)text + node->valueint;
		return (uint32_t)(skip_number(p, p + 400) - (const unsigned char *)text);
	}
	return (uint32_t)node->valuedouble;
}

static const char *describe(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return "unexpected end of file";
	if (*p == '\0')
		return "unexpected NUL byte";
	if (*p == '}' || *p == ']')
		return "unexpected closing bracket";
	if (*p == ',')
		return "unexpected comma";
	if (*p == '"')
		return "unexpected string";
	return "unexpected character";
}

cJSON *bclint_json_parse(const char *text, size_t len, struct bclint_json_error *err)
{
	return bclint_json_parse_in(text, len, err, NULL);
}

/* Drop a tree after a failure: node by node, unless an arena holds it. */
static void drop(cJSON *root, const struct bclint_arena *arena)
{
	if (arena == NULL)
		cJSON_Delete(root);
}

cJSON *bclint_json_parse_in(const char *text, size_t len, struct bclint_json_error *err,
                            struct bclint_arena *arena)
{
	const unsigned char *base = (const unsigned char *)text;
	const unsigned char *end = base + len;
	err->byte = 0;
	err->has_byte = 0;
	err->oom = 0;
	if (len >= MAX_TEXT) {
		err->offset = 0;
		err->message = "file too large (2 GiB or more)";
		return NULL;
	}
	const unsigned char *p = base;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (skip_ws(p, end) == end) {
		err->offset = len;
		err->message = "empty document: expected a JSON object";
		return NULL;
	}
	const char *stop = NULL;
	cJSON_Hooks hooks = {cjson_malloc, free}, in_arena = {cjson_arena_malloc, cjson_arena_free};
	cjson_arena = arena;
	cJSON_InitHooks(arena != NULL ? &in_arena : &hooks);
	cjson_oom = 0;
	/* Including the terminating NUL makes cJSON report truncation at the
	 * end of the text instead of clamping to the last byte. */
	cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &stop, 0);
	/* Every other tree of the process (configs, baselines) uses malloc. */
	cJSON_InitHooks(&hooks);
	cjson_arena = NULL;
	if (root == NULL && cjson_oom) {
		err->offset = 0;
		err->message = "out of memory";
		err->oom = 1;
		return NULL;
	}
	if (root == NULL) {
		const unsigned char *q = stop ? (const unsigned char *)stop : end;
		if (q < base || q > end)
			q = end;
		err->offset = (size_t)(q - base);
		err->message = describe(q, end);
		if (q < end && (*q == '[' || *q == '{'))
			err->message = "nesting too deep";
		return NULL;
	}
	struct walk w = {base, end, SIZE_MAX, NULL};
	const unsigned char *after = skip_ws(stamp(&w, skip_gap(&w, p), root), end);
	/* The first error in the text: a bad byte inside the value comes
	 * before anything after it. */
	if (w.bad != SIZE_MAX) {
		drop(root, arena);
		err->offset = w.bad;
		err->byte = base[w.bad];
		err->has_byte = 1;
		err->message = w.why;
		return NULL;
	}
	if (after < end) {
		drop(root, arena);
		err->offset = (size_t)(after - base);
		err->message = *after == '\0' ? "unexpected NUL byte" :
		                                "unexpected text after the JSON value";
		return NULL;
	}
	return root;
}
