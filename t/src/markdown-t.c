/* Unit tests of src/markdown.c: text stays text in a Markdown page, and
 * no text can open, close or forge a link in a SARIF message. */
#include <stdlib.h>

#include "tap.h"
#include "markdown.h"

static void check(void (*fn)(struct bclint_buf *, const char *), const char *in, const char *want,
                  const char *what)
{
	struct bclint_buf b = {0};
	fn(&b, in);
	is_string(b.data ? b.data : "", want, "%s", what);
	free(b.data);
}

int main(void)
{
	plan(10);
	check(bclint_md_text, "plain text, (parens) and 1.5 > 1",
	      "plain text, (parens) and 1.5 > 1", "page: plain text unchanged");
	check(bclint_md_text, "x_last_login_at *a* `b` <i> a|b ~c~ &amp;",
	      "x\\_last\\_login\\_at \\*a\\* \\`b\\` \\<i> a\\|b \\~c\\~ \\&amp;",
	      "page: emphasis, code, HTML, cells, strike-through, entities");
	check(bclint_md_text, "[x](https://evil.example) \\", "\\[x\\](https://evil.example) \\\\",
	      "page: no link, backslash kept");
	check(bclint_md_text, "# not a heading", "\\# not a heading", "page: no heading");
	check(bclint_md_text, "- not a list", "\\- not a list", "page: no list");
	check(bclint_md_text, "two\nlines\r", "two lines ", "page: one paragraph");
	check(bclint_md_link_text, "a [b](1) c", "a \\[b\\](1) c", "sarif: brackets escaped");
	check(bclint_md_link_text, "a \\[b](1)", "a \\\\\\[b\\](1)",
	      "sarif: a backslash cannot undo the escape");
	check(bclint_md_link_text, "*x* <y> (z)\n", "*x* <y> (z)\n",
	      "sarif: nothing else changes (plain text)");
	check(bclint_md_link_text, "", "", "sarif: empty");
	return done_testing();
}
