/* Unit tests of the arena and the map's prefetch hint (src/util.c), and of
 * the report (src/report.c): notes, which grow their arrays in place,
 * messages kept unformatted until output, the output order, and
 * fingerprints. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
		struct bclint_msg m = {msg, (size_t)snprintf(msg, sizeof(msg), "f%d", i), NULL, NULL,
		                       0, 0};
		bclint_report_note(&r, f, 0, (uint32_t)i, (uint32_t)i, "/f", NULL, &m);
		m.len = (size_t)snprintf(msg, sizeof(msg), "g%d", i);
		bclint_report_note(&r, g, 0, (uint32_t)i, (uint32_t)i, "/g", NULL, &m);
	}
	struct bclint_finding *h = bclint_report_add(&r, 0, "x", NULL, 1, 0, 0, "", 3, "h");
	for (int i = 0; i < 1000; i++) {
		struct bclint_msg m = {msg, (size_t)snprintf(msg, sizeof(msg), "h%d", i), NULL, NULL,
		                       0, 0};
		bclint_report_note(&r, h, 0, (uint32_t)i, (uint32_t)i, "/h", NULL, &m);
	}
	size_t bad = 0;
	for (int i = 0; i < 20; i++) {
		snprintf(msg, sizeof(msg), "f%d", i);
		bad += strcmp(f->notes[i].message, msg) != 0 || f->notes[i].pos.off != (uint32_t)i;
		snprintf(msg, sizeof(msg), "g%d", i);
		bad += strcmp(g->notes[i].message, msg) != 0 || strcmp(g->notes[i].pointer.text, "/g") != 0;
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

static int capture(unsigned *strings, union bclint_arg *args, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = bclint_fmt_capture(fmt, ap, args, BCLINT_FMT_MAX_ARGS, strings);
	va_end(ap);
	return n;
}

/* Messages kept as a format and its arguments: captured, written when
 * asked for (twice the same), settled into text, and the same text. */
static void deferred(void)
{
	union bclint_arg args[BCLINT_FMT_MAX_ARGS];
	unsigned strings;
	const char *fmt = "%s has %d of %zu (%c) %u%% %s";
	int n = capture(&strings, args, fmt, "alice", -3, (size_t)12, 'x', 7u, (char *)NULL);
	ok(n == 6 && strings == 0x21u, "capture: six arguments, the first and last strings");
	ok(capture(&strings, args, "%5d", 1) == -1 && capture(&strings, args, "%ls", L"x") == -1,
	   "capture: a width or a wide string is left to vsnprintf");
	ok(capture(&strings, args, "%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d", 1, 2, 3, 4, 5, 6, 7, 8, 9,
	           10, 11, 12, 13, 14, 15, 16, 17) == -1,
	   "capture: more than BCLINT_FMT_MAX_ARGS arguments is left to vsnprintf");

	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	n = capture(&strings, args, fmt, "alice", -3, (size_t)12, 'x', 7u, (char *)NULL);
	struct bclint_msg m = {NULL, 0, fmt, args, n, strings};
	struct bclint_finding *f = bclint_report_add_msg(&r, 0, "x", NULL, 1, 0, 0, "", NULL, 1, &m);
	char big[700];
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	args[0].s = big;
	m.n_args = 1;
	m.strings = 1;
	m.fmt = "<%s>";
	struct bclint_entity share = {BCLINT_ENT_SHARE, 12, 3, 1, 1};
	bclint_report_note(&r, f, 0, 1, 1, NULL, &share, &m);
	struct bclint_entity far = {BCLINT_ENT_SHARE, 12, 1u << 24, 1, 1};
	bclint_report_note(&r, f, 0, 1, 1, NULL, &far, &m);
	char ptr[BCLINT_POINTER_MAX];
	is_string(bclint_pointer_text(f->notes[0].pointer, f->notes[0].by_entity, ptr),
	          "/partners/3/shared_assets/12", "a note's pointer kept as its entity, written");
	ok(!f->notes[1].by_entity && !strcmp(f->notes[1].pointer.text,
	                                     "/partners/16777216/shared_assets/12"),
	   "an entity whose code would not fit: its pointer written at once");
	args[0].s = "changed after the report"; /* the report has its own copy */
	struct bclint_buf tmp = {0};
	ok(f != NULL && f->deferred && f->notes[0].deferred, "finding and note are deferred");
	is_string(bclint_message(f->message, f->deferred, &tmp), "alice has -3 of 12 (x) 7% (null)",
	          "a deferred message written out");
	is_string(bclint_message(f->message, f->deferred, &tmp), "alice has -3 of 12 (x) 7% (null)",
	          "and again, the same");
	const char *note = bclint_message(f->notes[0].message, 1, &tmp);
	ok(note != NULL && strlen(note) == 701 && note[0] == '<' && note[1] == 'b' &&
	   note[700] == '>', "a note longer than the buffer was");
	for (size_t i = 0; i < 20; i++)
		bclint_report_prefetch(&r, i); /* a hint, at and past the end */
	bclint_report_settle(&r, 0);
	ok(!f->deferred && !f->notes[0].deferred && !r.oom, "settled: text now");
	is_string(f->message, "alice has -3 of 12 (x) 7% (null)", "settled: the same text");
	ok(strlen(f->notes[0].message) == 701, "settled: the note's text");
	ok(bclint_arena_owns(&r.arena, f->message) && !bclint_arena_owns(&r.arena, big),
	   "the report's arena owns the settled text, not the rule's buffer");
	free(tmp.data);
	bclint_report_free(&r);
}

/* Output order: file, offset, then rule and order of reporting for
 * findings at one position. */
static void order(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	for (int k = 0; k < 2; k++) {
		char *path = strdup(k ? "b.json" : "a.json"), *text = strdup("{\n  \"x\": 1\n}\n");
		bclint_report_add_source(&r, path, text, strlen(text));
	}
	static const struct {
		uint32_t file, off;
		const char *rule;
	} in[] = {{1, 5, "b"}, {0, 1, "z"}, {1, 5, "a"}, {0, 5, "b"}, {0, 1, "a"},
	          {1, 2, "a"}, {0, 1, "z"}, {1, 5, "a"}, {0, 3, "q"}};
	const char *want = "0:1:a 0:1:z#1 0:1:z#6 0:3:q 0:5:b 1:2:a 1:5:a#2 1:5:a#7 1:5:b";
	char name[9][8];
	for (size_t i = 0; i < 9; i++) {
		snprintf(name[i], sizeof(name[i]), "%zu", i);
		bclint_report_add(&r, in[i].file, in[i].rule, NULL, 1, in[i].off, in[i].off, "", i,
		                  name[i]);
	}
	bclint_report_finish(&r);
	char got[128] = "";
	for (size_t i = 0; i < r.n_findings; i++) {
		const struct bclint_finding *f = r.findings[i];
		int twice = i + 1 < r.n_findings && r.findings[i + 1]->pos.off == f->pos.off &&
		            r.findings[i + 1]->file == f->file && !strcmp(r.findings[i + 1]->rule, f->rule);
		int again = i > 0 && r.findings[i - 1]->pos.off == f->pos.off &&
		            r.findings[i - 1]->file == f->file && !strcmp(r.findings[i - 1]->rule, f->rule);
		size_t len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%u:%u:%s%s%s", i ? " " : "", f->file,
		         f->pos.off, f->rule, twice || again ? "#" : "", twice || again ? f->message : "");
	}
	is_string(got, want, "findings in output order");
	bclint_report_free(&r);
}

/* Fingerprints: 16 hex digits of the identity (which the host makes of
 * rule and entity), numbered where one rule reports one entity twice at
 * one place; none at all, and the same counts, when the report is told
 * nothing reads them. */
static void fingerprints(void)
{
	for (int skip = 0; skip < 2; skip++) {
		struct bclint_report r;
		memset(&r, 0, sizeof(r));
		r.no_fingerprints = skip;
		char *path = strdup("a.json"), *text = strdup("{\n  \"x\": 1\n}\n");
		bclint_report_add_source(&r, path, text, strlen(text));
		bclint_report_add(&r, 0, "a", NULL, 2, 4, 4, "", 0x1234, "one");
		bclint_report_add(&r, 0, "a", NULL, 3, 4, 4, "", 0x1234, "two");
		bclint_report_add(&r, 0, "b", NULL, 2, 4, 4, "", 0x5678, "three");
		bclint_report_finish(&r);
		const char *fp[3] = {r.findings[0]->fingerprint, r.findings[1]->fingerprint,
		                     r.findings[2]->fingerprint};
		if (skip) {
			ok(!fp[0][0] && !fp[1][0] && !fp[2][0], "no_fingerprints: none computed");
		} else {
			ok(strlen(fp[0]) == 16 && strspn(fp[0], "0123456789abcdef") == 16,
			   "a fingerprint is 16 hex digits");
			ok(strcmp(fp[0], fp[1]) != 0 && strcmp(fp[0], fp[2]) != 0 &&
			   strcmp(fp[1], fp[2]) != 0, "a repeat and another identity get their own");
		}
		ok(r.counts[2] == 2 && r.counts[3] == 1, "counts, with fingerprints or without (%d)",
		   skip);
		bclint_report_free(&r);
	}
}

/* A prefetch is only a hint: on an empty map, which has no slots, it
 * must not touch memory; on a full one it changes nothing. */
static void prefetch(void)
{
	struct bclint_map m = {NULL, 0, 0};
	bclint_map_prefetch(&m, "x", 1);
	ok(m.slots == NULL && m.cap == 0, "prefetch on an empty map");
	int v = 1;
	bclint_map_put(&m, 1, "x", &v);
	bclint_map_prefetch(&m, "xyz", 1);
	ok(bclint_map_get(&m, 1, "x") == &v && m.len == 1, "prefetch leaves a map as it was");
	bclint_map_free(&m);
}

/* One key under several tags: the tag is not hashed, so the entries share
 * a probe sequence and each is still found by its own tag; a lookup can
 * give back the key as it was put. */
static void tags(void)
{
	struct bclint_map m = {NULL, 0, 0};
	const char *stored = "unset";
	ok(bclint_map_get_stored(&m, 1, "k", &stored) == NULL && stored == NULL,
	   "stored: an empty map has nothing");
	static const char key1[] = "7100000000000000001", key2[] = "7100000000000000001";
	int v[40];
	for (unsigned t = 0; t < 40; t++)
		bclint_map_put(&m, t, t % 2 ? key1 : key2, &v[t]);
	int all = 1;
	for (unsigned t = 0; t < 40; t++)
		all &= bclint_map_get(&m, t, "7100000000000000001") == &v[t];
	ok(all && m.len == 40, "forty tags, one key: each found by its tag");
	ok(bclint_map_put(&m, 7, key2, &v[0]) == &v[7], "the same tag and key again is a repeat");
	ok(bclint_map_get(&m, 40, key1) == NULL, "an unknown tag finds nothing");
	ok(bclint_map_get_stored(&m, 3, "7100000000000000001", &stored) == &v[3] &&
	   stored == key1, "stored: the key as it was put");
	ok(bclint_map_get_stored(&m, 40, key1, &stored) == NULL && stored == NULL,
	   "stored: NULL when not found");
	bclint_map_free(&m);
}

/* Keys of every length up to 40 bytes (the hash takes eight at a step,
 * then the last eight), prefixes of one another, and keys that differ
 * only in their last byte: each is found, under its own value. */
static void key_lengths(void)
{
	struct bclint_map m = {NULL, 0, 0};
	static const char text[] = "6900000000000000347-6900000000000000348-x";
	static char keys[41][42], twins[41][42];
	int v[41], w[41], all = 1;
	for (int n = 0; n <= 40; n++) {
		memcpy(keys[n], text, (size_t)n);
		keys[n][n] = '\0';
		memcpy(twins[n], text, (size_t)n);
		twins[n][n] = '\0';
		if (n > 0)
			twins[n][n - 1] = '#';
		bclint_map_put(&m, 0, keys[n], &v[n]);
		if (n > 0)
			bclint_map_put(&m, 0, twins[n], &w[n]);
	}
	for (int n = 0; n <= 40; n++) {
		char probe[42];
		memcpy(probe, keys[n], sizeof(probe));
		all &= bclint_map_get(&m, 0, probe) == &v[n];
		if (n > 0) {
			probe[n - 1] = '#';
			all &= bclint_map_get(&m, 0, probe) == &w[n];
		}
	}
	ok(all && m.len == 81, "keys of 0 to 40 bytes and their twins: each found");
	bclint_map_free(&m);
}

/* Big arrays: huge-page aligned from 2 MiB on, zeroed by big_calloc, and
 * an arena block of their own for one big allocation. */
static void big(void)
{
	const size_t mib = (size_t)1 << 20;
	unsigned char *p = bclint_big_calloc(3, mib);
	int zero = p != NULL;
	for (size_t i = 0; zero && i < 3 * mib; i += 4093)
		zero = p[i] == 0;
	ok(zero && p[3 * mib - 1] == 0, "big_calloc: 3 MiB, zeroed");
	ok(((uintptr_t)p & (2 * mib - 1)) == 0, "big_calloc: on a 2 MiB boundary");
	free(p);
	char *q = bclint_big_alloc(100);
	ok(q != NULL, "big_alloc: small sizes too");
	free(q);
	ok(bclint_big_calloc(SIZE_MAX / 2, 4) == NULL && bclint_big_alloc(SIZE_MAX - 5) == NULL,
	   "big_calloc and big_alloc: sizes that overflow fail");
	struct bclint_arena a = {NULL, 0};
	char *small = bclint_arena_alloc(&a, 16);
	unsigned char *arr = bclint_arena_calloc(&a, 5 * mib, 1);
	char *after = bclint_arena_alloc(&a, 16);
	ok(small && arr && after && arr[0] == 0 && arr[5 * mib - 1] == 0 &&
	   bclint_arena_owns(&a, arr + 5 * mib - 1) && bclint_arena_owns(&a, after),
	   "arena: a 5 MiB array in a block of its own, zeroed, and more after it");
	bclint_arena_free(&a);
}

int main(void)
{
	plan(44);
	arena();
	notes();
	deferred();
	order();
	fingerprints();
	prefetch();
	tags();
	big();
	key_lengths();
	return done_testing();
}
