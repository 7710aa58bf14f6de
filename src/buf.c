/* The growable buffer, and its appends for output. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"

static int buf_grow(struct bclint_buf *b, size_t more)
{
	if (b->oom)
		return -1;
	if (b->cap - b->len > more)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= more) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void bclint_buf_spill(struct bclint_buf *b)
{
	if (b->sink == NULL || b->len < BCLINT_SPILL || b->oom)
		return;
	if (b->sink(b->sink_arg, b->data, b->len) < 0)
		b->oom = 1;
	b->len = 0;
	b->data[0] = '\0';
}

int bclint_buf_reserve(struct bclint_buf *b, size_t more)
{
	return buf_grow(b, more);
}

void bclint_buf_add_slow(struct bclint_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void bclint_buf_uint(struct bclint_buf *b, uint64_t n)
{
	char digits[24], *p = digits + sizeof(digits);
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	bclint_buf_add(b, p, (size_t)(digits + sizeof(digits) - p));
}

void bclint_buf_printf(struct bclint_buf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	/* Straight into the free space; only a message that does not fit is
	 * formatted twice. */
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = bclint_vformat(room ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room > 0)
		b->data[b->len] = '\0'; /* the cut-off attempt is not kept */
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	bclint_vformat(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void bclint_buf_json_str(struct bclint_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
			continue;
		bclint_buf_add(b, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '"': bclint_buf_puts(b, "\\\""); break;
		case '\\': bclint_buf_puts(b, "\\\\"); break;
		case '\n': bclint_buf_puts(b, "\\n"); break;
		case '\r': bclint_buf_puts(b, "\\r"); break;
		case '\t': bclint_buf_puts(b, "\\t"); break;
		default: bclint_buf_printf(b, "\\u%04x", *p); break;
		}
		run = p + 1;
	}
	bclint_buf_add(b, (const char *)run, (size_t)(p - run));
}
