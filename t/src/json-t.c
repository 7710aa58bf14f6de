/* Unit tests of src/json.c: what the strict parser refuses and where, what
 * it accepts, how strings decode, and the cJSON trees made from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "position.h"
#include "tap.h"
#include "arena.h"

/* text (len bytes, or strlen when len is 0) fails at off with msg; byte
 * is the offending byte, or -1 when the error names none. */
#define NUL_MSG "\\u0000 in a string: bclint refuses NUL characters, which would cut the text short"

static void fails(const char *text, size_t len, size_t off, const char *msg, int byte)
{
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	if (len == 0)
		len = strlen(text);
	struct bclint_jv *root = bclint_jparse(text, len, &err, &a);
	ok(root == NULL, "refused: %s", msg);
	is_int((long long)err.offset, (long long)off, "%s: offset", msg);
	is_string(err.message, msg, "%s: message", msg);
	is_int(err.has_byte ? err.byte : -1, byte, "%s: byte", msg);
	bclint_arena_free(&a);
}

static void accepts(const char *text, const char *what)
{
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	ok(bclint_jparse(text, strlen(text), &err, &a) != NULL, "accepted: %s", what);
	bclint_arena_free(&a);
}

/* Every position of a bad byte in strings long enough for the parser's
 * 16- and 8-byte scans: the offset is always the bad byte's. */
static void bad_byte_everywhere(void)
{
	char text[80];
	size_t wrong = 0;
	static const unsigned char bad[] = {0x01, 0x1f, 0xff, 0xc0, 0x80};
	for (size_t n = 1; n < 40; n++) {
		for (size_t at = 0; at < n; at++) {
			for (size_t b = 0; b < sizeof(bad); b++) {
				struct bclint_json_error err;
				struct bclint_arena a = {0};
				text[0] = '[';
				text[1] = '"';
				memset(text + 2, 'x', n);
				text[2 + at] = (char)bad[b];
				memcpy(text + 2 + n, "\"]", 3);
				struct bclint_jv *root = bclint_jparse(text, n + 4, &err, &a);
				wrong += root != NULL || err.offset != 2 + at || !err.has_byte ||
				         err.byte != bad[b];
				bclint_arena_free(&a);
			}
		}
	}
	is_int((long long)wrong, 0,
	       "a bad byte anywhere in strings of 1 to 39 bytes is found there");
}

static void nesting(void)
{
	char *deep = malloc(2 * 1001 + 1);
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	memset(deep, '[', 1000);
	memset(deep + 1000, ']', 1000);
	deep[2000] = '\0';
	ok(bclint_jparse(deep, 2000, &err, &a) != NULL, "1,000 nested arrays parse");
	bclint_arena_free(&a);
	memset(deep, '[', 1001);
	memset(deep + 1001, ']', 1001);
	deep[2002] = '\0';
	ok(bclint_jparse(deep, 2002, &err, &a) == NULL, "1,001 nested arrays do not");
	is_int((long long)err.offset, 1000, "nesting: at the bracket that goes too deep");
	is_string(err.message, "nesting too deep", "nesting: message");
	bclint_arena_free(&a);
	free(deep);
}

static void tree(void)
{
	const char *doc = "{\"a\": 12, \"b\\u0063\": \"x\\ny\", \"\": [true, false, null], "
	                  "\"long key that goes past sixteen\": \"caf\xc3\xa9\"}";
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	struct bclint_jv *root = bclint_jparse(doc, strlen(doc), &err, &a);
	if (!ok(root != NULL, "tree: parses")) {
		bclint_arena_free(&a);
		return;
	}
	const struct bclint_jv *m1 = root->child, *m2 = m1->next, *m3 = m2->next, *m4 = m3->next;
	ok(root->type == BCLINT_JOBJECT && root->start == 0 && root->end == strlen(doc),
	   "tree: the root object spans the text");
	ok(m1->type == BCLINT_JNUMBER && m1->start == 6 && m1->end == 8, "tree: number range");
	ok(bclint_jv_key_is(doc, m1, "a") && !bclint_jv_key_is(doc, m1, "ab") &&
	           !bclint_jv_key_is(doc, m1, ""),
	   "tree: plain key compared in place");
	ok(bclint_jv_key_is(doc, m2, "bc") && !bclint_jv_key_is(doc, m2, "b") &&
	           !bclint_jv_key_is(doc, m2, "bcd") && !bclint_jv_key_is(doc, m2, "bC"),
	   "tree: escaped key compared decoded");
	is_string(bclint_jv_key(&a, doc, m2), "bc", "tree: escaped key decoded");
	ok(m2->type == BCLINT_JSTRING && (m2->flags & BCLINT_JV_ESCAPED) &&
	           (m2->flags & BCLINT_JV_KEY_ESCAPED),
	   "tree: escape flags");
	is_string(bclint_jv_string(&a, doc, m2), "x\ny", "tree: string decoded");
	ok(bclint_jv_key_is(doc, m3, "") && !bclint_jv_key_is(doc, m3, "a"), "tree: empty key");
	ok(m3->type == BCLINT_JARRAY && m3->child->type == BCLINT_JTRUE &&
	           m3->child->next->type == BCLINT_JFALSE &&
	           m3->child->next->next->type == BCLINT_JNULL &&
	           m3->child->next->next->next == NULL,
	   "tree: array elements in order");
	ok(bclint_jv_key_is(doc, m4, "long key that goes past sixteen"), "tree: long key");
	is_string(bclint_jv_string(&a, doc, m4), "caf\xc3\xa9", "tree: UTF-8 kept as it is");
	ok(m4->next == NULL && m4->flags == 0, "tree: last member, no escapes");
	bclint_arena_free(&a);
}

/* Containers carry their element counts: empty, nested, object members. */
static void counts(void)
{
	const char *doc = "[[], {}, [1, [2, 3], {\"a\": [4], \"b\": 5}], \"x\"]";
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	struct bclint_jv *root = bclint_jparse(doc, strlen(doc), &err, &a);
	if (!ok(root != NULL, "counts: parses")) {
		bclint_arena_free(&a);
		return;
	}
	const struct bclint_jv *e1 = root->child, *e2 = e1->next, *e3 = e2->next;
	is_int((long long)bclint_jv_count(root), 4, "counts: the root array has 4 elements");
	ok(bclint_jv_count(e1) == 0 && bclint_jv_count(e2) == 0, "counts: empty array and object");
	ok(bclint_jv_count(e3) == 3 && bclint_jv_count(e3->child->next) == 2,
	   "counts: nested arrays counted each on its own");
	ok(bclint_jv_count(e3->child->next->next) == 2 &&
	           bclint_jv_count(e3->child->next->next->child) == 1,
	   "counts: object members");
	ok(bclint_jv_count(e3->next) == 0 && bclint_jv_count(e3->child) == 0,
	   "counts: scalars have none");
	bclint_arena_free(&a);
}

/* The parser notes every line feed (after a byte-order mark, in CRLF, at
 * the end), and says when its table is not complete. */
static void lines(void)
{
	const char *doc = "\xef\xbb\xbf{\r\n \"a\": [1,\n2],\n\"b\"\n:\n\"x\"}\n\n";
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	struct bclint_lines l = {NULL, 0, 0, 0};
	struct bclint_jv *root = bclint_jparse_lines(doc, strlen(doc), &err, &a, &l);
	const uint32_t A = BCLINT_LINE_ASCII;
	const uint32_t want[] = {5 | A, 15 | A, 19 | A, 23 | A, 25 | A, 30 | A, 31 | A};
	ok(root != NULL && l.complete && l.n == 7 && memcmp(l.at, want, sizeof(want)) == 0,
	   "lines: every line feed, in order, each line marked ASCII");
	free(l.at);
	bclint_arena_free(&a);
	/* a line with a character past ASCII, in a key or a value, is not
	 * marked; \u00e9 is ASCII text */
	const char *wide = "{\"\xc3\xa9\": 1,\n\"b\": \"\\u00e9\",\n\"c\": \"x\xe2\x82\xac\"\n}\n";
	root = bclint_jparse_lines(wide, strlen(wide), &err, &a, &l);
	const uint32_t want_wide[] = {9, 24 | A, 36, 38 | A};
	ok(root != NULL && l.complete && l.n == 4 &&
	           memcmp(l.at, want_wide, sizeof(want_wide)) == 0,
	   "lines: a line holding a byte past ASCII is not marked");
	free(l.at);
	bclint_arena_free(&a);
	const char *bad = "{\n\"a\":\n tru}";
	root = bclint_jparse_lines(bad, strlen(bad), &err, &a, &l);
	ok(root == NULL && !l.complete, "lines: not complete when the parse fails");
	free(l.at);
	bclint_arena_free(&a);
}

/* The typed getters: decoded strings, numbers, members and their places. */
static void getters(void)
{
	const char *doc = "[\"\\u00e9\", \"\\ud83d\\ude80\", \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", "
	                  "\"\\u0041BC\", 0, -0.5, 1e5, -1.5E-3, 123456789012, {\"k\": {}}, "
	                  "\"a\\u0001b\", 4.0, 2147483648]";
	struct bclint_jdoc d;
	if (!ok(bclint_jdoc_parse(&d, doc, strlen(doc)) == 0, "getters: parses")) {
		diag("%s at %zu", d.err.message, d.err.offset);
		return;
	}
	const struct bclint_jv *v[13], *c = d.root->child;
	for (int i = 0; i < 13; i++, c = c ? c->next : NULL)
		v[i] = c;
	is_string(bclint_jdoc_string(&d, v[0]), "\xc3\xa9", "getters: \\u escape");
	is_string(bclint_jdoc_string(&d, v[1]), "\xf0\x9f\x9a\x80", "getters: surrogate pair");
	is_string(bclint_jdoc_string(&d, v[2]), "a\"b\\c/d\b\f\n\r\t", "getters: short escapes");
	is_string(bclint_jdoc_string(&d, v[3]), "ABC", "getters: escape then text");
	ok(bclint_jdoc_string(&d, v[4]) == NULL, "getters: a number is not a string");
	long long n = -1;
	ok(bclint_jv_integer(doc, v[4], 0, 10, &n) == 0 && n == 0, "getters: integer 0");
	ok(bclint_jv_integer(doc, v[5], -10, 10, &n) < 0, "getters: -0.5 is not an integer");
	ok(bclint_jv_integer(doc, v[6], 0, 1000000, &n) == 0 && n == 100000,
	   "getters: 1e5 is the integer 100000");
	ok(bclint_jv_integer(doc, v[8], 0, 1000, &n) < 0, "getters: out of range");
	ok(bclint_jv_integer(doc, v[11], 0, 10, &n) == 0 && n == 4, "getters: 4.0 is 4");
	ok(bclint_jv_integer(doc, v[12], 0, 2147483647, &n) < 0, "getters: 2^31 above the maximum");
	is_int(v[5]->start, (long long)(strstr(doc, "-0.5") - doc), "getters: number start");
	is_int(v[5]->end, (long long)(strstr(doc, "-0.5") - doc + 4), "getters: number end");
	const struct bclint_jv *k = bclint_jv_member(doc, v[9], "k");
	is_int(k->start, (long long)(strstr(doc, "{}") - doc), "getters: member start");
	is_int(k->end, (long long)(strstr(doc, "{}") - doc + 2), "getters: member end");
	ok(bclint_jv_member(doc, v[9], "x") == NULL && bclint_jv_member(doc, v[0], "k") == NULL,
	   "getters: no such member, and a string has none");
	is_string(bclint_jdoc_key(&d, k), "k", "getters: a key");
	is_string(bclint_jdoc_string(&d, v[10]), "a\001b", "getters: a control character escaped");
	is_string(bclint_jv_type_name(v[9]), "an object", "getters: type names");
	is_int(d.root->end, (long long)strlen(doc), "getters: root end");
	bclint_jdoc_free(&d);
}

/* Escaped keys are compared as they decode: long ones, non-ASCII ones,
 * and ones with an escaped control character. */
static void escaped_keys(void)
{
	char doc[2000], want[600];
	size_t n = 0;
	n += (size_t)snprintf(doc, sizeof(doc), "{\"");
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "\\u0078yz\\u00e9");
	snprintf(doc + n, sizeof(doc) - n, "\": 1, \"a\\u0001b\": 2}");
	size_t w = 0;
	for (int i = 0; i < 100; i++)
		w += (size_t)snprintf(want + w, sizeof(want) - w, "xyz\xc3\xa9");
	struct bclint_json_error err;
	struct bclint_arena a = {0};
	struct bclint_jv *root = bclint_jparse(doc, strlen(doc), &err, &a);
	if (!ok(root != NULL, "escaped keys: parse")) {
		bclint_arena_free(&a);
		return;
	}
	ok(bclint_jv_key_is(doc, root->child, want), "escaped keys: a 500-byte key");
	want[w - 1] = 'x';
	ok(!bclint_jv_key_is(doc, root->child, want), "escaped keys: its last byte differs");
	want[w - 2] = '\0';
	ok(!bclint_jv_key_is(doc, root->child, want), "escaped keys: a prefix of it");
	ok(bclint_jv_key_is(doc, root->child->next, "a\001b") &&
	           !bclint_jv_key_is(doc, root->child->next, "a") &&
	           !bclint_jv_key_is(doc, root->child->next, "ab"),
	   "escaped keys: \\u0001 is one byte of the key");
	is_string(bclint_jv_key(&a, doc, root->child->next), "a\001b",
	          "escaped keys: decoded the same");
	bclint_arena_free(&a);
}

int main(void)
{
	plan(222);
	/* numbers are JSON's: no leading zero, '+', bare '.' or empty exponent */
	fails("{\"a\": 01}", 0, 6, "invalid number", -1);
	fails("{\"a\": -}", 0, 6, "invalid number", -1);
	fails("{\"a\": 1.}", 0, 6, "invalid number", -1);
	fails("{\"a\": 1e}", 0, 6, "invalid number", -1);
	fails("{\"a\": 1e+}", 0, 6, "invalid number", -1);
	fails("{\"a\": 1.5.2}", 0, 6, "invalid number", -1);
	fails("[1-2]", 0, 1, "invalid number", -1);
	fails("{\"a\": +1}", 0, 6, "unexpected character", -1);
	fails("{\"a\": .5}", 0, 6, "unexpected character", -1);
	/* strings */
	fails("{\"a\": \"\\x\"}", 0, 7, "invalid escape sequence", -1);
	fails("{\"a\": \"\\u12\"}", 0, 7, "invalid \\u escape", -1);
	fails("{\"a\": \"\\udc00\"}", 0, 7, "invalid \\u escape", -1);
	fails("{\"a\": \"\\ud800\"}", 0, 7, "invalid \\u escape", -1);
	fails("{\"a\": \"\\ud800\\u0041\"}", 0, 7, "invalid \\u escape", -1);
	/* JSON allows \u0000, bclint does not: in a value, after text, in a key */
	fails("{\"a\": \"\\u0000\"}", 0, 7, NUL_MSG, -1);
	fails("{\"a\": \"billing@acme.example\\u0000@evil.example\"}", 0, 27, NUL_MSG, -1);
	fails("{\"a\\u0000b\": 1}", 0, 3, NUL_MSG, -1);
	accepts("{\"a\": \"\\u0001\\u0100\\u0030\"}", "\\u0001, \\u0100, \\u0030: not NUL");
	fails("{\"a\": \"x", 0, 8, "unexpected end of file", -1);
	fails("{\"a\": \"x\ty\"}", 0, 8, "unescaped control character in a string", '\t');
	fails("{\"a\": \"\xc0\x80\"}", 0, 7, "invalid UTF-8", 0xc0);
	fails("{\"a\": \"\xe0\x80\x80\"}", 0, 7, "invalid UTF-8", 0xe0);
	fails("{\"a\": \"\xed\xa0\x80\"}", 0, 7, "invalid UTF-8", 0xed);
	fails("{\"a\": \"\xf4\x90\x80\x80\"}", 0, 7, "invalid UTF-8", 0xf4);
	fails("{\"a\": \"\xe2\x82\"}", 0, 7, "invalid UTF-8", 0xe2);
	fails("{\"\xff\": 1}", 0, 2, "invalid UTF-8", 0xff);
	/* structure */
	fails("{\"a\": 1,}", 0, 8, "unexpected closing bracket", -1);
	fails("[1,]", 0, 3, "unexpected closing bracket", -1);
	fails("[1 2]", 0, 3, "unexpected character", -1);
	fails("{\"a\" \"b\"}", 0, 5, "unexpected string", -1);
	fails("{\"a\": 1 \"b\": 2}", 0, 8, "unexpected string", -1);
	fails("{,}", 0, 1, "unexpected comma", -1);
	fails("{1: 2}", 0, 1, "unexpected character", -1);
	fails("[tru]", 0, 1, "unexpected character", -1);
	fails("[true", 0, 5, "unexpected end of file", -1);
	fails("[", 0, 1, "unexpected end of file", -1);
	fails("{\"a\":\x01 1}", 0, 5, "unexpected control character", 0x01);
	fails("[1,\0 2]", 7, 3, "unexpected control character", 0x00);
	fails("[1]\0", 4, 3, "unexpected NUL byte", -1);
	fails("[1] [2]", 0, 4, "unexpected text after the JSON value", -1);
	fails("\xef\xbb\xbf", 0, 3, "empty document: expected a JSON object", -1);
	fails(" \n\t\r", 0, 4, "empty document: expected a JSON object", -1);
	/* what is JSON is accepted */
	accepts("\xef\xbb\xbf {\"a\": [0, -0, 0.5e-10, 1E+2, 10, \"\", \"\\u00e9\\/\"]}\r\n",
	        "every kind of value, after a byte-order mark");
	accepts("\"just a string\"", "a scalar at the top");
	accepts("[\"\xf0\x9f\x9a\x80 \xe2\x82\xac \xc3\xa9 \xf4\x8f\xbf\xbf\"]",
	        "four-, three- and two-byte characters, up to U+10FFFF");
	bad_byte_everywhere();
	nesting();
	tree();
	counts();
	lines();
	escaped_keys();
	getters();
	return done_testing();
}
