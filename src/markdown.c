/* Markdown text (markdown.h). */
#include "config.h"

#include <string.h>

#include "markdown.h"

static void escape(struct bclint_buf *b, const char *s, const char *special, int lines)
{
	for (const char *run = s;; s++) {
		if (*s != '\0' && strchr(special, *s) == NULL &&
		    !(lines && (*s == '\n' || *s == '\r')))
			continue;
		bclint_buf_add(b, run, (size_t)(s - run));
		if (*s == '\0')
			return;
		if (lines) {
			if (*s == '\n' || *s == '\r') {
				bclint_buf_putc(b, ' ');
				run = s + 1;
				continue;
			}
		}
		bclint_buf_putc(b, '\\');
		bclint_buf_putc(b, *s);
		run = s + 1;
	}
}

void bclint_md_text(struct bclint_buf *b, const char *s)
{
	/* what starts a heading, quote, list or setext underline, then
	 * what is markup anywhere: '(' and '!' only follow or precede a
	 * bracket, and '>' only starts a quote */
	if (*s != '\0' && strchr("#>+-=", *s) != NULL) {
		bclint_buf_putc(b, '\\');
		bclint_buf_putc(b, *s++);
	}
	escape(b, s, "\\`*_[]<|~&", 1);
}

void bclint_md_link_text(struct bclint_buf *b, const char *s)
{
	escape(b, s, "\\[]", 0);
}
