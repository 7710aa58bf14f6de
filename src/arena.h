/* A bump allocator: many small allocations, one free.
 *
 * Ownership: an arena is owned by whoever declared it; everything
 * allocated from it lives until bclint_arena_free (NULL-safe) or
 * bclint_arena_reset.  A zeroed struct is an empty arena. */
#ifndef BCLINT_ARENA_H
#define BCLINT_ARENA_H 1

#include <stdarg.h>
#include <stddef.h>

struct bclint_region;

struct bclint_arena {
	struct arena_block *head;
	struct arena_block *spare;    /* emptied by bclint_arena_reset, to fill again */
	size_t grown;                 /* bytes of blocks so far: blocks grow with the arena */
	struct bclint_region *region; /* allocate from it, not from blocks; or NULL */
};

/* size bytes aligned for any object; NULL when memory runs out. */
void *bclint_arena_alloc(struct bclint_arena *a, size_t size);
/* n zeroed objects of size bytes; NULL on overflow or no memory. */
void *bclint_arena_calloc(struct bclint_arena *a, size_t n, size_t size);
/* A copy of s, or of its first n bytes (s has at least that many), packed
 * without alignment. */
char *bclint_arena_strdup(struct bclint_arena *a, const char *s);
char *bclint_arena_strndup(struct bclint_arena *a, const char *s, size_t n);
/* printf into the arena (format.h's conversions). */
char *bclint_arena_printf(struct bclint_arena *a, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
char *bclint_arena_vprintf(struct bclint_arena *a, const char *fmt, va_list ap);
/* An empty arena that allocates from region g (region.h): its memory is
 * the region's, and neither bclint_arena_reset nor bclint_arena_free
 * gives any back. */
void bclint_arena_on_region(struct bclint_arena *a, struct bclint_region *g);
/* Seal the region of such an arena (bclint_region_seal). */
void bclint_arena_seal(struct bclint_arena *a);

/* Forget every allocation, keeping every block to fill again. */
void bclint_arena_reset(struct bclint_arena *a);
void bclint_arena_free(struct bclint_arena *a);

/* malloc and calloc for big arrays (an index's, a report's sort keys):
 * from 2 MiB on on huge pages, as arena blocks are.  Free with free(). */
void *bclint_big_alloc(size_t size);
void *bclint_big_calloc(size_t n, size_t size);

#endif
