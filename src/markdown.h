/* Text inside Markdown: rule documentation pages (docs/rules/) and SARIF
 * messages, whose links to related locations ("[text](1)") GitHub follows.
 * Text that comes from a snapshot or a plugin must not become markup. */
#ifndef BCLINT_MARKDOWN_H
#define BCLINT_MARKDOWN_H 1

#include "buf.h"

/* Append s to a Markdown document as literal text, one paragraph or
 * table cell: the characters CommonMark and GitHub's tables give a
 * meaning to (emphasis, code, links, HTML, entities, cells, and what
 * starts a block) are written with a backslash before them, and a line
 * break as a space. */
void bclint_md_text(struct bclint_buf *b, const char *s);

/* Append s to a SARIF message (plain text with embedded links): '\', '['
 * and ']' escaped with a backslash (SARIF 2.1.0, 3.11.6), so that no text
 * can open, close or forge a link. */
void bclint_md_link_text(struct bclint_buf *b, const char *s);

#endif
