/* Unit tests of bclint_textsafe (src/textsafe.c): what each flag escapes,
 * byte for byte, including the bytes that are not UTF-8, which no JSON
 * file can carry (the parser refuses them) but a file name can. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "textsafe.h"

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

int main(void)
{
	enum {
		CHARS = BCLINT_TEXTSAFE_CHARS,
		INLINE = BCLINT_TEXTSAFE_INLINE,
		FILE_ = BCLINT_TEXTSAFE_FILE,
		KEEP = BCLINT_TEXTSAFE_CHARS | BCLINT_TEXTSAFE_KEEP_NEWLINES
	};
	plan(16);
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
	return done_testing();
}
