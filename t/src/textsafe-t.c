/* Unit tests of bclint_textsafe (src/textsafe.c): what each flag escapes,
 * byte for byte, including the bytes that are not UTF-8, which no JSON
 * file can carry (the parser refuses them) but a file name can. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "textsafe.h"

#define XS "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define YS "yyyyyyyyyyyyyyyyyyyyyyyyy"

/* s escaped with flags, in a buffer the caller frees. */
static char *escaped(const char *s, unsigned flags)
{
	struct bclint_buf b = {0};
	bclint_textsafe(&b, s, flags);
	return b.oom || b.data == NULL ? strdup("") : b.data;
}

static void check(const char *s, unsigned flags, const char *want, const char *what)
{
	char *got = escaped(s, flags);
	is_string(got, want, "%s", what);
	free(got);
}

/* Each item in a longer text, at every offset from 0 to 40: found and
 * escaped wherever it falls, across sixteen-byte blocks and in the bytes
 * after the last whole block.  One test for all the offsets of an item. */
static void everywhere(const char *item, const char *want, const char *what)
{
	int bad = 0;
	for (int k = 0; k <= 40; k++) {
		char s[256], w[256];
		snprintf(s, sizeof(s), "%.*s %s %.*s", k, XS, item, k % 23, YS);
		snprintf(w, sizeof(w), "%.*s %s %.*s", k, XS, want, k % 23, YS);
		char *got = escaped(s, BCLINT_TEXTSAFE_INLINE);
		if (strcmp(got, w) != 0 && bad++ == 0)
			diag("at offset %d: got '%s', want '%s'", k + 1, got, w);
		free(got);
	}
	ok(bad == 0, "%s, at every offset", what);
}

int main(void)
{
	enum {
		CHARS = BCLINT_TEXTSAFE_CHARS,
		INLINE = BCLINT_TEXTSAFE_INLINE,
		FILE_ = BCLINT_TEXTSAFE_FILE,
		KEEP = BCLINT_TEXTSAFE_CHARS | BCLINT_TEXTSAFE_KEEP_NEWLINES
	};
	plan(27);
	check("", INLINE, "", "nothing");
	check("Brand EU (101): lena@acme.example", INLINE, "Brand EU (101): lena@acme.example",
	      "plain text, and an ID in parentheses after a space, as it is");
	check("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", INLINE,
	      "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	      "UTF-8 letters, symbols, emoji as they are");
	check("a\xff"
	      "b\xc0\xaf"
	      "c\xed\xa0\x80"
	      "d\xf4\x90\x80\x80"
	      "e\xe2\x82",
	      INLINE, "a\\xffb\\xc0\\xafc\\xed\\xa0\\x80d\\xf4\\x90\\x80\\x80e\\xe2\\x82",
	      "not UTF-8 (a stray byte, an overlong form, a surrogate, past U+10FFFF, cut short): "
	      "each byte as \\xNN");
	check("\xc2\x85\xc2\xa0\xe2\x80\xa8\xe2\x80\xae\xef\xbb\xbf\xf3\xa0\x80\x81", CHARS,
	      "\\u0085\\u00a0\\u2028\\u202e\\ufeff\\U000e0001",
	      "C1, NBSP, line separator, RLO, BOM, a tag: \\u and \\U escapes");
	check("a\nb\rc", KEEP, "a\nb\rc", "KEEP_NEWLINES leaves CR and LF to the caller");
	check("a\tb\x1b", KEEP, "a\\tb\\x1b", "KEEP_NEWLINES escapes the other controls");
	check("x.json:1:2: error: y", CHARS, "x.json:1:2: error: y",
	      "CHARS alone leaves the shapes");
	check("x.json:1:2: error: y", INLINE, "x.json\\x3a1\\x3a2: error\\x3a y",
	      "a location and a severity inside a message");
	check("at:8 time 10:30am ratio 1:2 end:3", INLINE, "at:8 time 10:30am ratio 1:2 end\\x3a3",
	      "':' before a number only where a reader sees a location");
	check("Line=4 liner 5 Lines 6", INLINE, "Line=4 liner 5 \\x4cines 6",
	      "'line' only before a space and a number");
	check("Entering directory, LEAVING DIRECTORY", INLINE,
	      "\\x45ntering directory, \\x4cEAVING DIRECTORY", "the phrases, in any case");
	check(" x", INLINE, " x", "a leading space inside a message is no line start");
	check(" x", FILE_, "\\x20x", "a leading space of a file name");
	check("##[x] a: b 3", FILE_, "\\x23\\x23[x\\x5d a\\x3a b\\x203",
	      "a file name: '#', ']', ': ' and ' 3'");
	check("007", FILE_, "\\x3007", "a file name of digits only");
	everywhere("Entering directory", "\\x45ntering directory", "make's directory change");
	everywhere("in file included from", "\\x69n file included from", "gcc's include chain");
	everywhere("Line 12", "\\x4cine 12", "a line number");
	everywhere("-- build files have", "\\x2d- build files have", "CMake's phrase");
	everywhere("[javac]", "\\x5bjavac]", "Ant's javac prefix");
	everywhere(":12:", "\\x3a12:", "a colon before a number");
	everywhere("(3:", "\\x283:", "a parenthesis before a number");
	everywhere("\"q\"", "\\x22q\\x22", "quotes");
	everywhere("\xe2\x80\xae", "\\u202e", "a bidirectional control");
	everywhere("\n", "\\n", "a line feed");
	everywhere("\x7f", "\\x7f", "DEL");
	return done_testing();
}
