/* Small shared helpers: a bump arena, a growable string buffer, a string
 * hash table, and timestamp parsing.  Everything here is internal. */
#ifndef BCLINT_UTIL_H
#define BCLINT_UTIL_H 1

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>

#include <bclint/model.h>

/* malloc and calloc for big arrays (a model's, an index's, a report's):
 * from 2 MiB on, aligned to huge pages and offered them, so that first
 * writing them costs one page fault per 2 MiB instead of 512.  Freed with
 * free(). */
void *bclint_big_alloc(size_t size);
void *bclint_big_calloc(size_t n, size_t size);

/* A bump allocator: many small allocations, one free.  Owned by whoever
 * created it; bclint_arena_free releases every block (NULL is safe). */
struct bclint_arena {
	struct arena_block *head;
	size_t grown; /* bytes of blocks so far: blocks grow with the arena */
};
void *bclint_arena_alloc(struct bclint_arena *a, size_t size);
void *bclint_arena_calloc(struct bclint_arena *a, size_t n, size_t size);
/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t). */
void *bclint_arena_take(struct bclint_arena *a, size_t size, size_t align);
/* Is p inside one of the arena's allocations (a walk of its blocks)? */
int bclint_arena_owns(const struct bclint_arena *a, const void *p);
/* Call fn for each block's allocated bytes. */
void bclint_arena_each(const struct bclint_arena *a,
                       void (*fn)(void *arg, const void *start, size_t len), void *arg);
/* Grow the arena's last allocation p from old to size bytes where it is:
 * p, or NULL when p is not the last or there is no room after it. */
void *bclint_arena_extend(struct bclint_arena *a, void *p, size_t old, size_t size);
char *bclint_arena_strdup(struct bclint_arena *a, const char *s);
/* n bytes of s (which has at least that many) and a NUL. */
char *bclint_arena_strndup(struct bclint_arena *a, const char *s, size_t n);
/* vsnprintf, without the C library's cost for the conversions rules use
 * (%s %c %% %d %i %u, with l, ll or z); any other format goes to vsnprintf
 * whole, so the result is always the same as vsnprintf's. */
int bclint_vformat(char *buf, size_t size, const char *fmt, va_list ap);
/* What a conversion bclint_vformat handles itself takes: %s a string
 * (NULL prints "(null)"), %c, %d and %i a signed and %u an unsigned
 * value, whatever their length modifier. */
union bclint_arg {
	const char *s;
	long long i;
	unsigned long long u;
};
#define BCLINT_FMT_MAX_ARGS 16
/* Take the arguments of fmt from ap, in order, into args, with a bit set
 * in *strings for each that is a string (%s): how many, or -1 when fmt has
 * a conversion bclint_vformat leaves to vsnprintf or more than max (at
 * most 32) arguments. */
int bclint_fmt_capture(const char *fmt, va_list ap, union bclint_arg *args, int max,
                       unsigned *strings);
/* fmt with the arguments bclint_fmt_capture took, as snprintf would write
 * it (the length it needs, even when size is shorter). */
int bclint_fmt_render(char *buf, size_t size, const char *fmt, const union bclint_arg *args);
char *bclint_arena_printf(struct bclint_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *bclint_arena_vprintf(struct bclint_arena *a, const char *fmt, va_list ap);
void bclint_arena_free(struct bclint_arena *a);
/* Forget every allocation, keeping the newest block to fill again. */
void bclint_arena_reset(struct bclint_arena *a);
/* Freed arenas keep their biggest blocks for the next arenas; this gives
 * them back (at the end of a run, and in a new process, whose copies
 * would each cost a page copy to reuse). */
void bclint_arena_spare_free(void);

/* A growable byte buffer.  len excludes the terminating NUL that is always
 * kept; oom is set (and further appends ignored) after allocation fails.
 * Caller frees data with free(). */
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
/* Append s with control characters shown as \n, \x1b... (for terminals). */
void bclint_buf_safe(struct bclint_buf *b, const char *s);

/* A hash table from (tag, string) to a pointer.  Keys are not copied: the
 * caller keeps them alive.  bclint_map_put returns the previous value for
 * the key (NULL if new), or the table itself on allocation failure. */
struct bclint_map {
	struct map_slot *slots;
	size_t cap, len;
};
void *bclint_map_get(const struct bclint_map *m, unsigned tag, const char *key);
void *bclint_map_put(struct bclint_map *m, unsigned tag, const char *key, void *value);
/* bclint_map_get that also sets *stored to the key as it was put (the
 * caller's own copy), read from the table: the value is not touched. */
void *bclint_map_get_stored(const struct bclint_map *m, unsigned tag, const char *key,
                            const char **stored);
/* Ask the processor early for the slot of key (len bytes, not necessarily
 * NUL-terminated), whatever its tag: a hint, with no effect on the map. */
void bclint_map_prefetch(const struct bclint_map *m, const char *key, size_t len);
/* Make room for n keys in all, so that adding them never grows the table;
 * -1 when memory runs out (the map is unchanged). */
int bclint_map_reserve(struct bclint_map *m, size_t n);
void bclint_map_free(struct bclint_map *m);

/* Parse an RFC 3339 timestamp (also a bare date, "2027-01-31", taken as
 * midnight UTC).  Returns 0 and sets *t, or -1. */
int bclint_parse_time(const char *s, bclint_time *t);

/* Compile a PCRE2 pattern (UTF, JIT where it helps); NULL on error, with
 * PCRE2's message and offset in why when why is not NULL.  Free with
 * pcre2_code_free. */
struct pcre2_real_code_8 *bclint_regex_compile(const char *pattern, char *why, size_t size);
/* 0 if the pattern compiles, else -1 with the reason in why. */
int bclint_regex_check(const char *pattern, char *why, size_t size);

/* Levels by name ("error", "warning", "note", "off"); -1 if unknown. */
int bclint_level_from_name(const char *s);
const char *bclint_level_name(int level);

/* FNV-1a over bytes; used for fingerprints and redaction.  Its values end
 * up in reports and baselines on disk: they must never change. */
uint64_t bclint_hash64(const void *data, size_t n, uint64_t seed);

/* Read a whole file ("-" is standard input) into a NUL-terminated buffer.
 * Returns 0, or -1 with errno set.  Caller frees *text. */
int bclint_read_file(const char *path, char **text, size_t *len);

/* The same for a snapshot, which may be large: a regular file of 64 KiB or
 * more is mapped read-only instead of copied.  Free the text with
 * bclint_text_free (which frees texts of bclint_read_file too; NULL is
 * safe). */
int bclint_read_text(const char *path, char **text, size_t *len);
void bclint_text_free(char *text);

#endif
