/* Shared regions (region.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "region.h"

#define REGION_MIN ((size_t)16 << 20)
/* Pages are made writable and put in place this many bytes at a time,
 * one call instead of a page fault each (shared memory gets no huge
 * pages). */
#define AHEAD ((size_t)1 << 20)

static size_t page_size(void)
{
	long n = sysconf(_SC_PAGESIZE);
	return n > 0 ? (size_t)n : 4096;
}

int bclint_region_map(struct bclint_region *g)
{
	long pages = sysconf(_SC_PHYS_PAGES);
	size_t size = pages > 0 && (uintmax_t)pages < SIZE_MAX / page_size()
	                      ? (size_t)pages * page_size()
	                      : (size_t)1 << 30;
	/* under a limit on address space, a quarter of it: the rest of the
	 * run needs room too */
	struct rlimit as;
	if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY &&
	    as.rlim_cur / 4 < size)
		size = (size_t)(as.rlim_cur / 4);
	memset(g, 0, sizeof(*g));
	for (; size >= REGION_MIN; size /= 2) {
		/* nothing is reachable yet: a process that reads its whole
		 * memory (valgrind's leak check) would give the region pages */
		void *p = mmap(NULL, size, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE,
		               -1, 0);
		if (p != MAP_FAILED) {
			g->base = p;
			g->size = g->whole = size;
			return 0;
		}
	}
	return -1;
}

void *bclint_region_take(struct bclint_region *g, size_t size, size_t align)
{
	size_t at = (g->used + align - 1) & ~(align - 1);
	if (at > g->size || g->size - at < size)
		return NULL;
	if (at + size > g->ready) {
		size_t ready = (at + size + AHEAD - 1) & ~(AHEAD - 1);
		if (ready > g->size)
			ready = g->size;
		if (mprotect(g->base + g->ready, ready - g->ready, PROT_READ | PROT_WRITE) < 0)
			return NULL;
#ifdef MADV_POPULATE_WRITE
		madvise(g->base + g->ready, ready - g->ready, MADV_POPULATE_WRITE);
#endif
		g->ready = ready;
	}
	g->used = at + size;
	return g->base + at;
}

void bclint_region_seal(struct bclint_region *g)
{
	size_t page = page_size(), end = (g->used + page - 1) & ~(page - 1);
	if (end > g->size)
		end = g->size;
	if (end > g->sealed)
		mprotect(g->base, end, PROT_READ);
	g->sealed = g->used = end; /* ready is page-aligned (or the end): never below */
}

void bclint_region_sealed(struct bclint_region *g, size_t n)
{
	/* what was sealed stays sealed, whatever a later message says */
	if (n <= g->sealed)
		return;
	n = n < g->size ? n : g->size;
	if (mprotect(g->base + g->sealed, n - g->sealed, PROT_READ | PROT_WRITE) < 0)
		return; /* then nothing new is held */
#ifdef MADV_POPULATE_READ
	madvise(g->base + g->sealed, n - g->sealed, MADV_POPULATE_READ);
#endif
	g->sealed = n;
}

int bclint_region_holds(const struct bclint_region *g, const void *p, size_t n)
{
	uintptr_t at = (uintptr_t)p, base = (uintptr_t)g->base;
	return at >= base && at - base <= g->sealed && g->sealed - (at - base) >= n;
}

int bclint_region_holds_str(const struct bclint_region *g, const char *s)
{
	if (!bclint_region_holds(g, s, 0))
		return 0;
	size_t left = g->sealed - (size_t)(s - g->base);
	return memchr(s, '\0', left) != NULL;
}

void bclint_region_trim(struct bclint_region *g)
{
	size_t page = page_size(), keep = (g->sealed + page - 1) & ~(page - 1);
	if (keep >= g->size)
		return;
#ifdef MADV_REMOVE
	/* shared memory keeps its pages while any of it is mapped: free the
	 * ones taken past the seal, not only their addresses */
	madvise(g->base + keep, g->size - keep, MADV_REMOVE);
#endif
	munmap(g->base + keep, g->size - keep);
	g->size = keep;
	if (keep == 0)
		g->base = NULL;
}

int bclint_region_reuse(struct bclint_region *g)
{
	if (g->base == NULL || g->size != g->whole)
		return -1;
	/* this process could reach what was sealed; the pages stay */
	if (g->sealed > 0 && mprotect(g->base, g->sealed, PROT_NONE) < 0)
		return -1;
	g->used = g->sealed = g->ready = 0;
	return 0;
}

int bclint_region_restart(struct bclint_region *g)
{
	if (g->base == NULL || mprotect(g->base, g->whole, PROT_NONE) < 0)
		return -1;
	g->size = g->whole;
	g->used = g->sealed = g->ready = 0;
	return 0;
}

void bclint_region_unmap(struct bclint_region *g)
{
	if (g == NULL || g->base == NULL)
		return;
	munmap(g->base, g->size);
	memset(g, 0, sizeof(*g));
}
