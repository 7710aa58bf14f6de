/* Unit tests of the report (src/report.c): notes kept in order, messages
 * and pointers copied, the output order, positions, fingerprints, counts,
 * --quiet's filter, a report handed out file by file, and its regions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "region.h"
#include "report.h"
#include "tap.h"

static void source(struct bclint_report *r, const char *path, const char *text)
{
	bclint_report_add_source(r, strdup(path), bclint_text_own(strdup(text), strlen(text)));
}

static struct bclint_finding *add(struct bclint_report *r, uint32_t file, const char *rule,
                                  int level, uint32_t off, uint64_t identity, const char *msg)
{
	struct bclint_finding f = {.rule = rule,
	                           .level = level,
	                           .file = file,
	                           .pos.off = off,
	                           .end.off = off,
	                           .ref.pointer = "",
	                           .identity = identity};
	return bclint_report_addz(r, &f, msg);
}

/* Two findings whose notes come by turns, then one with many notes in a
 * row: every note is kept, in order, with its own copy of its text. */
static void notes(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	struct bclint_finding *f = add(&r, 0, "x", 1, 0, 1, "f");
	struct bclint_finding *g = add(&r, 0, "x", 1, 0, 2, "g");
	char msg[32], ptr[8];
	for (int i = 0; i < 20; i++) {
		struct bclint_note n = {
		        0, {(uint32_t)i, 0, 0}, {(uint32_t)i, 0, 0}, {0, ptr}, NULL};
		snprintf(ptr, sizeof(ptr), "/f");
		bclint_report_note(&r, f, &n, msg, (size_t)snprintf(msg, sizeof(msg), "f%d", i));
		snprintf(ptr, sizeof(ptr), "/g");
		bclint_report_note(&r, g, &n, msg, (size_t)snprintf(msg, sizeof(msg), "g%d", i));
	}
	memset(ptr, 0, sizeof(ptr)); /* the report kept copies */
	struct bclint_finding *h = add(&r, 0, "x", 1, 0, 3, "h");
	for (int i = 0; i < 1000; i++) {
		struct bclint_note n = {
		        0, {(uint32_t)i, 0, 0}, {(uint32_t)i, 0, 0}, {0, "/h"}, NULL};
		bclint_report_note(&r, h, &n, msg, (size_t)snprintf(msg, sizeof(msg), "h%d", i));
	}
	bclint_report_note(&r, NULL, &h->notes[0], "x", 1);
	size_t bad = 0;
	for (int i = 0; i < 20; i++) {
		snprintf(msg, sizeof(msg), "f%d", i);
		bad += strcmp(f->notes[i].message, msg) != 0 ||
		       f->notes[i].pos.off != (uint32_t)i ||
		       strcmp(f->notes[i].ref.pointer, "/f") != 0;
		snprintf(msg, sizeof(msg), "g%d", i);
		bad += strcmp(g->notes[i].message, msg) != 0 ||
		       strcmp(g->notes[i].ref.pointer, "/g");
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(msg, sizeof(msg), "h%d", i);
		bad += strcmp(h->notes[i].message, msg) != 0;
	}
	ok(!r.oom && f->n_notes == 20 && g->n_notes == 20 && h->n_notes == 1000 &&
	           r.n_notes == 1040,
	   "notes: all counted (a note for no finding is dropped)");
	is_int((long long)bad, 0, "notes: those not kept in order");
	bclint_report_free(&r);
}

/* A message of given length with a NUL inside is kept to that length; an
 * entity's pointer is written from its code. */
static void messages(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	struct bclint_entity e = {BCLINT_ENT_SHARE, 4, 2, 0, 0};
	struct bclint_finding p = {.rule = "x", .level = 2, .ref = {bclint_entity_code(&e), NULL}};
	struct bclint_finding *f = bclint_report_add(&r, &p, "abcdef", 3);
	char buf[BCLINT_POINTER_MAX];
	is_string(f->message, "abc", "a message of length 3");
	is_string(bclint_ref_pointer(&f->ref, buf), "/partners/2/shared_assets/4",
	          "a pointer from an entity's code");
	struct bclint_entity far = {BCLINT_ENT_SHARE, 1, 1u << 24, 0, 0};
	ok(bclint_entity_code(&far) == 0, "an entity whose code would not fit has none");
	bclint_report_failure(&r, "p.so", "rule", "it failed");
	ok(r.n_failures == 1 && !strcmp(r.failures[0].file, "p.so") &&
	           !strcmp(r.failures[0].message, "it failed"),
	   "a failure, copied");
	bclint_report_free(&r);
}

/* Output order: file, offset, then rule and order of reporting for
 * findings at one position; lines and columns resolved. */
static void order(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	source(&r, "a.json", "{\n  \"x\": 1\n}\n");
	source(&r, "b.json", "{\n  \"x\": 1\n}\n");
	static const struct {
		uint32_t file, off;
		const char *rule;
	} in[] = {{1, 5, "b"}, {0, 1, "z"}, {1, 5, "a"}, {0, 5, "b"}, {0, 1, "a"},
	          {1, 2, "a"}, {0, 1, "z"}, {1, 5, "a"}, {0, 3, "q"}};
	const char *want = "0:1:a 0:1:z#1 0:1:z#6 0:3:q 0:5:b 1:2:a 1:5:a#2 1:5:a#7 1:5:b";
	char name[9][8];
	for (size_t i = 0; i < 9; i++) {
		snprintf(name[i], sizeof(name[i]), "%zu", i);
		add(&r, in[i].file, in[i].rule, 1, in[i].off, i, name[i]);
	}
	bclint_report_finish(&r, BCLINT_NEED_ENDS);
	char got[128] = "";
	for (size_t i = 0; i < r.n_findings; i++) {
		const struct bclint_finding *f = r.findings[i];
		int twice = i + 1 < r.n_findings && r.findings[i + 1]->pos.off == f->pos.off &&
		            r.findings[i + 1]->file == f->file &&
		            !strcmp(r.findings[i + 1]->rule, f->rule);
		int again = i > 0 && r.findings[i - 1]->pos.off == f->pos.off &&
		            r.findings[i - 1]->file == f->file &&
		            !strcmp(r.findings[i - 1]->rule, f->rule);
		size_t len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%u:%u:%s%s%s", i ? " " : "", f->file,
		         f->pos.off, f->rule, twice || again ? "#" : "",
		         twice || again ? f->message : "");
	}
	is_string(got, want, "findings in output order");
	const struct bclint_finding *last = r.findings[r.n_findings - 1];
	ok(last->pos.line == 2 && last->pos.col == 4 && last->end.line == 2 && last->end.col == 4,
	   "offset 5: line 2, column 4 (ends too, when asked)");
	bclint_report_free(&r);
}

/* Fingerprints: 16 hex digits of the identity, numbered where one rule
 * reports one entity twice at one place; none at all, and the same
 * counts, when nothing reads them.  Suppressed findings are not counted. */
static void fingerprints(void)
{
	for (int skip = 0; skip < 2; skip++) {
		struct bclint_report r;
		memset(&r, 0, sizeof(r));
		source(&r, "a.json", "{\n  \"x\": 1\n}\n");
		add(&r, 0, "a", 2, 4, 0x1234, "one");
		add(&r, 0, "a", 3, 4, 0x1234, "two");
		add(&r, 0, "b", 2, 4, 0x5678, "three");
		struct bclint_finding *s = add(&r, 0, "b", 3, 9, 0x9999, "hidden");
		s->suppressed = "a reason";
		bclint_report_finish(&r, skip ? 0 : BCLINT_NEED_FINGERPRINTS);
		const char *fp[3] = {r.findings[0]->fingerprint, r.findings[1]->fingerprint,
		                     r.findings[2]->fingerprint};
		if (skip) {
			ok(!fp[0][0] && !fp[1][0] && !fp[2][0], "no fingerprints asked for: none");
		} else {
			ok(strlen(fp[0]) == 16 && strspn(fp[0], "0123456789abcdef") == 16,
			   "a fingerprint is 16 hex digits");
			ok(strcmp(fp[0], fp[1]) != 0 && strcmp(fp[0], fp[2]) != 0 &&
			           strcmp(fp[1], fp[2]) != 0,
			   "a repeat and another identity get their own");
		}
		ok(r.counts[2] == 2 && r.counts[3] == 1,
		   "counts, with fingerprints or without (%d)", skip);
		if (skip) {
			bclint_report_keep_errors(&r);
			ok(r.n_findings == 2 && r.counts[2] == 0 && r.counts[3] == 1,
			   "--quiet keeps errors and the suppressed, and counts what it kept");
		}
		bclint_report_free(&r);
	}
}

/* What part() saw of a flushed report: "file:line:message" per finding,
 * and the counts then. */
struct seen {
	char text[256];
	size_t counts[4];
};

static void part(void *arg, struct bclint_report *r)
{
	struct seen *s = arg;
	size_t len = strlen(s->text);
	for (size_t i = 0; i < r->n_findings; i++)
		len += (size_t)snprintf(s->text + len, sizeof(s->text) - len, "%u:%u:%s ",
		                        (unsigned)r->findings[i]->file,
		                        (unsigned)r->findings[i]->pos.line,
		                        r->findings[i]->message);
	memcpy(s->counts, r->counts, sizeof(s->counts));
	bclint_report_keep_errors(r); /* what part does to the report is undone */
}

/* Findings of three files, reported out of order: a flush hands out those
 * of the files below its bound, sorted, and keeps the rest, in an order of
 * reporting that later findings follow; counts add up. */
static void flush(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	source(&r, "a", "{\n\"x\": 1}\n");
	source(&r, "b", "{\n\n\"y\": 2}\n");
	source(&r, "c", "{}\n");
	add(&r, 1, "x", 2, 3, 1, "b1");
	add(&r, 0, "x", 2, 2, 1, "a2");
	add(&r, 0, "x", 3, 0, 2, "a1");
	add(&r, 2, "x", 1, 0, 1, "c1");
	struct seen s = {"", {0}};
	bclint_report_flush(&r, 1, 0, part, &s);
	is_string(s.text, "0:1:a1 0:2:a2 ", "the first file's findings, in order");
	ok(s.counts[2] == 1 && s.counts[3] == 1, "counted when handed out");
	ok(r.n_findings == 2 && r.flushed[2] == 1 && r.flushed[3] == 1,
	   "the others kept, the counts too, whatever part did");
	add(&r, 1, "x", 2, 3, 1, "b2"); /* at b1's place, reported after it */
	s.text[0] = '\0';
	bclint_report_flush(&r, 2, 0, part, &s);
	is_string(s.text, "1:3:b1 1:3:b2 ",
	          "the second file's: at one place, in order of reporting");
	ok(s.counts[2] == 3 && s.counts[3] == 1, "counts of everything handed out");
	s.text[0] = '\0';
	bclint_report_flush(&r, 2, 0, part, &s);
	is_string(s.text, "", "a flush with nothing below its bound does not call part");
	bclint_report_finish(&r, 0);
	ok(r.n_findings == 1 && !strcmp(r.findings[0]->message, "c1") && r.counts[1] == 1 &&
	           r.counts[2] == 3 && r.counts[3] == 1,
	   "finish: what is left, with the counts of the whole report");
	bclint_report_free(&r);
}

/* Regions: a new one for each worker; trimming them all keeps only what
 * each sealed; a region dropped whole by a flush is the next one handed
 * out, one trimmed is not. */
static void regions(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	source(&r, "a", "{}\n");
	source(&r, "b", "{}\n");
	struct bclint_region *g = bclint_report_new_region(&r, 0);
	struct bclint_region *h = bclint_report_new_region(&r, 1);
	ok(g != NULL && h != NULL && g != h && r.n_regions == 2, "a region for each worker");
	if (g == NULL || h == NULL) {
		bclint_report_free(&r);
		return;
	}
	size_t whole = g->size;
	bclint_region_take(g, 5000, 1);
	bclint_region_seal(g);
	bclint_region_trim(g);
	bclint_region_take(h, 10, 1);
	bclint_region_seal(h);
	bclint_region_sealed(h, h->sealed);
	bclint_report_trim_regions(&r);
	ok(g->size == g->sealed && g->sealed >= 5000 && g->sealed < whole && h->size == h->sealed &&
	           h->sealed > 0 && h->sealed < h->whole,
	   "trim_regions: each keeps what it sealed, no more");
	struct bclint_region *k = bclint_report_new_region(&r, 1);
	ok(k != NULL && k->size == k->whole && r.n_regions == 3,
	   "after trim_regions, a new region is mapped whole");
	bclint_report_flush(&r, 2, 0, part, &(struct seen){"", {0}});
	ok(r.n_regions == 0, "a flush past every file drops every region");
	struct bclint_region *m = bclint_report_new_region(&r, 2);
	ok(m == k && m->size == m->whole && m->used == 0,
	   "the one dropped whole is handed out again, empty; the trimmed ones are not");
	bclint_report_free(&r);
}

int main(void)
{
	plan(26);
	notes();
	messages();
	order();
	fingerprints();
	flush();
	regions();
	return done_testing();
}
