/* The bump allocator: blocks that grow with the arena, 64 KiB at first
 * and up to 4 MiB, so that a big arena (a parse tree, a model, the
 * findings) costs few calls to malloc; an allocation too big for a block
 * gets one of its own.  Blocks of 2 MiB and more are aligned to huge pages
 * and offered them: first writing a block then costs one page fault per
 * 2 MiB instead of 512 (at 4,000 members, page faults were a fifth of the
 * run's time without them). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "format.h"
#include "region.h"

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define BLOCK_MIN ((size_t)64 << 10)
#define BLOCK_MAX ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

void *bclint_big_alloc(size_t size)
{
	if (size < HUGE_PAGE)
		return malloc(size);
	if (size > SIZE_MAX - HUGE_PAGE)
		return NULL;
	size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); /* aligned_alloc wants a multiple */
	void *p = aligned_alloc(HUGE_PAGE, size);
#ifdef MADV_HUGEPAGE
	if (p != NULL)
		madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

void *bclint_big_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if (n * size < HUGE_PAGE)
		return calloc(n ? n : 1, size ? size : 1);
	void *p = bclint_big_alloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

static struct arena_block *new_block(struct bclint_arena *a, size_t min)
{
	for (struct arena_block **p = &a->spare; *p != NULL; p = &(*p)->next) {
		struct arena_block *b = *p;
		if (b->size >= min) {
			*p = b->next;
			b->used = 0;
			return b;
		}
	}
	size_t size = BLOCK_MIN;
	while (size < BLOCK_MAX && size * 4 <= a->grown)
		size *= 2;
	size -= sizeof(struct arena_block);
	if (min > size) {
		/* a block of its own: whole huge pages when it is that big */
		if (min > SIZE_MAX - sizeof(struct arena_block) - HUGE_PAGE)
			return NULL;
		size = min;
		if (sizeof(struct arena_block) + size >= HUGE_PAGE)
			size = ((sizeof(struct arena_block) + size + HUGE_PAGE - 1) &
			        ~(HUGE_PAGE - 1)) -
			       sizeof(struct arena_block);
	}
	struct arena_block *b = bclint_big_alloc(sizeof(*b) + size);
	if (b == NULL)
		return NULL;
	b->size = size;
	b->used = 0;
	a->grown += sizeof(*b) + size;
	return b;
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t). */
static void *take(struct bclint_arena *a, size_t size, size_t align)
{
	if (a->region != NULL)
		return bclint_region_take(a->region, size, align);
	struct arena_block *b = a->head;
	size_t at = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;
	if (b == NULL || at > b->size || b->size - at < size) {
		b = new_block(a, size);
		if (b == NULL)
			return NULL;
		at = 0;
		if (a->head != NULL && size > BLOCK_MIN / 4 &&
		    a->head->size - a->head->used > b->size - size) {
			/* a block of its own, full already: keep filling the
			 * current one */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	b->used = at + size;
	return (char *)b->data + at;
}

void *bclint_arena_alloc(struct bclint_arena *a, size_t size)
{
	return take(a, size, _Alignof(max_align_t));
}

void *bclint_arena_calloc(struct bclint_arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	void *p = take(a, n * size, _Alignof(max_align_t));
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

char *bclint_arena_strndup(struct bclint_arena *a, const char *s, size_t n)
{
	char *p = n < SIZE_MAX ? take(a, n + 1, 1) : NULL;
	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *bclint_arena_strdup(struct bclint_arena *a, const char *s)
{
	return bclint_arena_strndup(a, s, strlen(s));
}

char *bclint_arena_vprintf(struct bclint_arena *a, const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	va_copy(again, ap);
	int n = bclint_vformat(small, sizeof(small), fmt, again);
	va_end(again);
	if (n < 0)
		return NULL;
	char *p = take(a, (size_t)n + 1, 1);
	if (p == NULL)
		return NULL;
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		bclint_vformat(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *bclint_arena_printf(struct bclint_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = bclint_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void bclint_arena_on_region(struct bclint_arena *a, struct bclint_region *g)
{
	memset(a, 0, sizeof(*a));
	a->region = g;
}

void bclint_arena_seal(struct bclint_arena *a)
{
	bclint_region_seal(a->region);
}

void bclint_arena_reset(struct bclint_arena *a)
{
	/* every block is kept to fill again: memory written once is reused
	 * without a page fault */
	while (a->head != NULL) {
		struct arena_block *b = a->head;
		a->head = b->next;
		b->next = a->spare;
		a->spare = b;
	}
}

void bclint_arena_free(struct bclint_arena *a)
{
	if (a == NULL)
		return;
	if (a->region != NULL)
		return; /* the region's memory, and final once sealed */
	bclint_arena_reset(a);
	for (struct arena_block *b = a->spare, *next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->spare = NULL;
	a->grown = 0;
}
