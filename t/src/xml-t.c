/* Unit tests of src/xml.c: every character XML 1.0 can hold is kept
 * exactly, markup and the characters a parser would normalise become
 * references, and what XML 1.0 cannot hold is shown escaped. */
#include <stdlib.h>

#include "tap.h"
#include "xml.h"

static void check(const char *in, const char *text, const char *attr, const char *what)
{
	struct bclint_buf b = {0};
	bclint_xml_text(&b, in);
	is_string(b.data ? b.data : "", text, "text: %s", what);
	free(b.data);
	b = (struct bclint_buf){0};
	bclint_xml_attr(&b, in);
	is_string(b.data ? b.data : "", attr, "attribute: %s", what);
	free(b.data);
}

int main(void)
{
	plan(22);
	check("plain ascii", "plain ascii", "plain ascii", "ASCII unchanged");
	check("a<b>&\"c'", "a&lt;b&gt;&amp;\"c'", "a&lt;b&gt;&amp;&quot;c'", "markup");
	check("]]>", "]]&gt;", "]]&gt;", "no CDATA end");
	check("a\tb\nc\rd", "a\tb\nc&#13;d", "a&#9;b&#10;c&#13;d", "tab, LF, CR");
	check("\x1b[31m\x07\x01", "\\x1b[31m\\x07\\x01", "\\x1b[31m\\x07\\x01",
	      "C0 controls cannot be held");
	check("caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80",
	      "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80",
	      "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80", "UTF-8 kept, U+2028 too");
	check("\xc2\x85", "\xc2\x85", "\xc2\x85", "C1 control U+0085 is XML 1.0");
	check("\xef\xbf\xbe\xef\xbf\xbf", "\\ufffe\\uffff", "\\ufffe\\uffff",
	      "U+FFFE and U+FFFF cannot be held");
	check("a\xff"
	      "b\xc3",
	      "a\\xffb\\xc3", "a\\xffb\\xc3", "bytes that are not UTF-8");
	check("\xed\xa0\x80", "\\xed\\xa0\\x80", "\\xed\\xa0\\x80", "a surrogate is not UTF-8");
	check("\xc0\xaf", "\\xc0\\xaf", "\\xc0\\xaf", "an overlong form is not UTF-8");
	return done_testing();
}
