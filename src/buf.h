/* A growable byte buffer, the emitters' output.  len excludes the
 * terminating NUL that is always kept; oom is set (and further appends
 * ignored) once an allocation fails.  Ownership: the caller frees data
 * with free(). */
#ifndef BCLINT_BUF_H
#define BCLINT_BUF_H 1

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct bclint_buf {
	char *data;
	size_t len, cap;
	int oom;
	/* optional: where bclint_buf_spill sends the contents (0 or -1) */
	int (*sink)(void *arg, const char *data, size_t len);
	void *sink_arg;
};

/* With a sink, once len passes BCLINT_SPILL: hand the contents to it and
 * start again empty (a failed sink sets oom, which stops the writer). */
#define BCLINT_SPILL ((size_t)1 << 17)
void bclint_buf_spill(struct bclint_buf *b);
/* Make room for more bytes (and the NUL) after len; -1 and oom on failure. */
int bclint_buf_reserve(struct bclint_buf *b, size_t more);
/* Appending: inline when there is room (the output's hot path), else
 * through bclint_buf_add_slow, which grows the buffer. */
void bclint_buf_add_slow(struct bclint_buf *b, const char *s, size_t n);
static inline void bclint_buf_add(struct bclint_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len > n && n > 0 && !b->oom) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		bclint_buf_add_slow(b, s, n);
	}
}
static inline void bclint_buf_puts(struct bclint_buf *b, const char *s)
{
	bclint_buf_add(b, s, strlen(s));
}
static inline void bclint_buf_putc(struct bclint_buf *b, char c)
{
	if (b->cap - b->len > 1 && !b->oom) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		bclint_buf_add_slow(b, &c, 1);
	}
}
/* Append an unsigned number in decimal (cheaper than a printf). */
void bclint_buf_uint(struct bclint_buf *b, uint64_t n);
void bclint_buf_printf(struct bclint_buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Append s as the body of a JSON string (no quotes), escaping as needed. */
void bclint_buf_json_str(struct bclint_buf *b, const char *s);

#endif
