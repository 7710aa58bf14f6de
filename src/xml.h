/* Writing XML 1.0 text for the XML report formats (junit, checkstyle).
 * Snapshot text may hold anything; XML 1.0 cannot hold most C0 controls,
 * U+FFFE, U+FFFF or bytes that are not UTF-8, not even as character
 * references, so those are shown as the gcc format shows control
 * characters (\x1b, \ufffe); everything else is kept exactly. */
#ifndef BCLINT_XML_H
#define BCLINT_XML_H 1

#include "buf.h"

/* Append s as character data: &, < and > as entities, CR as &#13; (a
 * parser would turn a raw one into LF). */
void bclint_xml_text(struct bclint_buf *b, const char *s);
/* Append s as the value of an attribute quoted with '"': also '"', and
 * tab, LF and CR as character references, which attribute-value
 * normalisation would otherwise turn into spaces. */
void bclint_xml_attr(struct bclint_buf *b, const char *s);

/* The length of the UTF-8 sequence at s that XML 1.0 can hold (1 to 4),
 * or 0 when it cannot (a forbidden character or not UTF-8). */
size_t bclint_xml_char(const unsigned char *s);

#endif
