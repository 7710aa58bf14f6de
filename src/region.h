/* A shared region: anonymous memory mapped before a fork, so that a
 * worker and the process that started it see it at the same address.
 * The worker fills it (an arena on it, arena.h) and seals what it has
 * written: read-only to the worker from then on, whatever its later code
 * does; the caller reads the findings in place, pointers and all, instead
 * of having them copied through a pipe and built again.
 *
 * Only address space is reserved, and none of it can be touched: the
 * worker makes room writable as it takes it, the caller what the worker
 * has sealed, so that only pages in use are ever the kernel's (a process
 * that reads all it can, as valgrind's leak check does, would otherwise
 * give the whole region pages).  Ownership: the region is its creator's;
 * unmap with bclint_region_unmap (NULL-safe). */
#ifndef BCLINT_REGION_H
#define BCLINT_REGION_H 1

#include <stddef.h>

struct bclint_region {
	char *base;
	size_t size;        /* bytes mapped */
	size_t used;        /* bytes handed out, from base on */
	size_t sealed;      /* the first bytes that are final (page-aligned) */
	size_t ready;       /* the first bytes this process may write */
	size_t whole;       /* size, as mapped: trimming makes size smaller */
	unsigned long born; /* how many regions its owner mapped before it */
};

/* Map a region as big as the machine's memory (a quarter of the address
 * space, under a limit on it), or the biggest half of that which can be
 * mapped (at least 16 MiB): 0, or -1. */
int bclint_region_map(struct bclint_region *g);

/* size bytes at a multiple of align (a power of two); NULL when the
 * region is full. */
void *bclint_region_take(struct bclint_region *g, size_t size, size_t align);

/* In the worker: everything handed out so far is final.  It is made
 * read-only here, and what is handed out next starts on a fresh page.
 * The worker tells the caller g->sealed. */
void bclint_region_seal(struct bclint_region *g);

/* In the caller: the worker says its first n bytes are sealed (never
 * fewer than it said before). */
void bclint_region_sealed(struct bclint_region *g, size_t n);

/* In the caller: does [p, p + n) lie in the sealed bytes?  Is s a string
 * that ends there? */
int bclint_region_holds(const struct bclint_region *g, const void *p, size_t n);
int bclint_region_holds_str(const struct bclint_region *g, const char *s);

/* In the caller, once the worker is gone: give back what it never
 * sealed, pages and address space, for a region kept for long. */
void bclint_region_trim(struct bclint_region *g);

/* In the caller, once nothing in an untrimmed region is needed any more:
 * make it empty again, none of it reachable, for the next worker to fill.
 * Its pages are kept: that worker writes over them instead of the kernel
 * clearing fresh ones for it (a fifth of a run of many files went on
 * that).  0, or -1 when the region was trimmed (it is then unchanged). */
int bclint_region_reuse(struct bclint_region *g);

/* In a worker given a region it had from the start (its copy of g may be
 * of any state): empty, none of it reachable, to be filled from its
 * start.  0, or -1. */
int bclint_region_restart(struct bclint_region *g);

void bclint_region_unmap(struct bclint_region *g);

#endif
