/* Unit tests of the arena and the map's prefetch hint (src/util.c), and of
 * notes in the report (src/report.c), which grow their arrays in place. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "tap.h"
#include "util.h"

static void arena(void)
{
	struct bclint_arena a = {NULL, 0};
	char *s = bclint_arena_strndup(&a, "abcdef", 3);
	char *t = bclint_arena_strndup(&a, "xy", 2);
	is_string(s, "abc", "strndup: the first n bytes, terminated");
	ok(t == s + 4, "strings are packed: no padding between them");
	void *p = bclint_arena_alloc(&a, 24);
	ok(((uintptr_t)p % _Alignof(max_align_t)) == 0, "an allocation after a string is aligned");
	ok(bclint_arena_extend(&a, p, 24, 72) == p, "the last allocation grows in place");
	void *q = bclint_arena_alloc(&a, 8);
	ok(bclint_arena_extend(&a, p, 72, 96) == NULL, "one that is not the last does not");
	ok(bclint_arena_extend(&a, q, 8, (size_t)1 << 30) == NULL, "nor beyond its block");
	ok(bclint_arena_extend(&a, NULL, 0, 8) == NULL, "nor NULL");
	memset(p, 7, 72); /* valgrind and ASan see the grown bytes as the arena's */
	bclint_arena_reset(&a);
	ok(bclint_arena_alloc(&a, 16) != NULL, "allocation after a reset");
	bclint_arena_free(&a);
}

/* Two findings whose notes come by turns, then one with many notes in a
 * row: every note is kept, in order. */
static void notes(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	struct bclint_finding *f = bclint_report_add(&r, 0, "x", NULL, 1, 0, 0, "", 1, "f");
	struct bclint_finding *g = bclint_report_add(&r, 0, "x", NULL, 1, 0, 0, "", 2, "g");
	char msg[32];
	for (int i = 0; i < 20; i++) {
		int n = snprintf(msg, sizeof(msg), "f%d", i);
		bclint_report_note(&r, f, 0, (uint32_t)i, (uint32_t)i, "/f", msg, (size_t)n);
		n = snprintf(msg, sizeof(msg), "g%d", i);
		bclint_report_note(&r, g, 0, (uint32_t)i, (uint32_t)i, "/g", msg, (size_t)n);
	}
	struct bclint_finding *h = bclint_report_add(&r, 0, "x", NULL, 1, 0, 0, "", 3, "h");
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(msg, sizeof(msg), "h%d", i);
		bclint_report_note(&r, h, 0, (uint32_t)i, (uint32_t)i, "/h", msg, (size_t)n);
	}
	size_t bad = 0;
	for (int i = 0; i < 20; i++) {
		snprintf(msg, sizeof(msg), "f%d", i);
		bad += strcmp(f->notes[i].message, msg) != 0 || f->notes[i].pos.off != (uint32_t)i;
		snprintf(msg, sizeof(msg), "g%d", i);
		bad += strcmp(g->notes[i].message, msg) != 0 || strcmp(g->notes[i].pointer, "/g") != 0;
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(msg, sizeof(msg), "h%d", i);
		bad += strcmp(h->notes[i].message, msg) != 0;
	}
	ok(!r.oom && f->n_notes == 20 && g->n_notes == 20 && h->n_notes == 1000,
	   "notes: all counted");
	is_int((long long)bad, 0, "notes: those not kept in order");
	ok(h->cap_notes == 1000, "notes added in a row take no more room than they need");
	bclint_report_free(&r);
}

/* A prefetch is only a hint: on an empty map, which has no slots, it
 * must not touch memory; on a full one it changes nothing. */
static void prefetch(void)
{
	struct bclint_map m = {NULL, 0, 0};
	bclint_map_prefetch(&m, 1, "x", 1);
	ok(m.slots == NULL && m.cap == 0, "prefetch on an empty map");
	int v = 1;
	bclint_map_put(&m, 1, "x", &v);
	bclint_map_prefetch(&m, 1, "xyz", 1);
	ok(bclint_map_get(&m, 1, "x") == &v && m.len == 1, "prefetch leaves a map as it was");
	bclint_map_free(&m);
}

int main(void)
{
	plan(13);
	arena();
	notes();
	prefetch();
	return done_testing();
}
