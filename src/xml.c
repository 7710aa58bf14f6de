/* XML 1.0 character data and attribute values (xml.h). */
#include "config.h"

#include <stdint.h>

#include "xml.h"

/* The code point of the well-formed UTF-8 sequence at s and its length
 * in *len, or -1 (overlong forms, surrogates and bytes beyond U+10FFFF
 * are not well-formed). */
static long decode(const unsigned char *s, size_t *len)
{
	static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = s[0] < 0x80                    ? 1
	           : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
	           : (s[0] & 0xf0) == 0xe0        ? 3
	           : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
	                                          : 0;
	if (n == 0)
		return -1;
	uint32_t c = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*len = n;
	return (long)c;
}

size_t bclint_xml_char(const unsigned char *s)
{
	size_t len = 0;
	long c = decode(s, &len);
	if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe ||
	    c == 0xffff)
		return 0;
	return len;
}

static void escape(struct bclint_buf *b, const char *str, int attr)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		size_t len = bclint_xml_char(s);
		if (len == 0) {
			size_t n;
			long c = decode(s, &n);
			if (c == 0xfffe || c == 0xffff) {
				bclint_buf_printf(b, "\\u%04lx", c);
				s += n;
			} else {
				bclint_buf_printf(b, "\\x%02x", *s++);
			}
			continue;
		}
		switch (*s) {
		case '&': bclint_buf_puts(b, "&amp;"); break;
		case '<': bclint_buf_puts(b, "&lt;"); break;
		case '>': bclint_buf_puts(b, "&gt;"); break;
		case '\r': bclint_buf_puts(b, "&#13;"); break;
		case '"': bclint_buf_puts(b, attr ? "&quot;" : "\""); break;
		case '\n': bclint_buf_puts(b, attr ? "&#10;" : "\n"); break;
		case '\t': bclint_buf_puts(b, attr ? "&#9;" : "\t"); break;
		default: bclint_buf_add(b, (const char *)s, len); break;
		}
		s += len;
	}
}

void bclint_xml_text(struct bclint_buf *b, const char *s)
{
	escape(b, s, 0);
}

void bclint_xml_attr(struct bclint_buf *b, const char *s)
{
	escape(b, s, 1);
}
