/* Reading a baseline: a report of bclint's json format (findings[] with a
 * "fingerprint") or its sarif format (results[] of bclint's runs with
 * partialFingerprints["bclint/v1"]), and removing the findings it lists.
 * Findings are matched by fingerprint (rule, Business Center and entity
 * IDs), never by line, so a reformatted snapshot keeps its baseline. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "json.h"

struct reader {
	const char *path;
	struct bclint_jdoc doc;
	const struct bclint_diag_sink *diag;
	struct bclint_baseline *b;
	size_t cap;
};

static int fail_at(struct reader *rd, size_t off, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail_at(struct reader *rd, size_t off, const char *fmt, ...)
{
	char msg[512];
	uint32_t line, col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bclint_jdoc_position(&rd->doc, off, &line, &col);
	bclint_diagf(rd->diag, 3, rd->path, line, col, "%s", msg);
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A fingerprint is 16 hexadecimal digits. */
static int parse_fp(const char *s, uint64_t *fp)
{
	uint64_t v = 0;
	size_t i;
	for (i = 0; s[i] != '\0'; i++) {
		int d = hexval(s[i]);
		if (d < 0 || i >= 16)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*fp = v;
	return i == 16 ? 0 : -1;
}

static int add(struct reader *rd, const struct bclint_jv *owner, const struct bclint_jv *fp,
               const char *what)
{
	uint64_t v;
	const char *s = bclint_jdoc_string(&rd->doc, fp);
	if (s == NULL)
		return fail_at(rd, (fp ? fp : owner)->start,
		               fp ? "%s must be a string" : "missing %s", what);
	if (parse_fp(s, &v) < 0)
		return fail_at(rd, fp->start, "%s must be 16 hexadecimal digits", what);
	struct bclint_baseline *b = rd->b;
	if (b->n == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 64;
		uint64_t *p = realloc(b->fps, cap * sizeof(*p));
		if (p == NULL) {
			bclint_diagf(rd->diag, 3, NULL, 0, 0, "%s: out of memory", rd->path);
			return -1;
		}
		b->fps = p;
		rd->cap = cap;
	}
	b->fps[b->n++] = v;
	return 0;
}

static const struct bclint_jv *array_at(struct reader *rd, const struct bclint_jv *obj,
                                        const char *key, int *rc)
{
	const struct bclint_jv *a = bclint_jv_member(rd->doc.text, obj, key);
	*rc = 0;
	if (a == NULL || a->type != BCLINT_JARRAY)
		*rc = fail_at(rd, (a ? a : obj)->start,
		              a ? "'%s' must be an array" : "missing '%s'", key);
	return a;
}

static int read_json_report(struct reader *rd, const struct bclint_jv *root)
{
	int rc;
	const struct bclint_jv *findings = array_at(rd, root, "findings", &rc);
	for (const struct bclint_jv *f = rc ? NULL : findings->child; f && rc == 0; f = f->next) {
		if (f->type != BCLINT_JOBJECT)
			return fail_at(rd, f->start, "a finding must be an object");
		rc = add(rd, f, bclint_jv_member(rd->doc.text, f, "fingerprint"), "'fingerprint'");
	}
	return rc;
}

static int read_sarif_run(struct reader *rd, const struct bclint_jv *run)
{
	int rc;
	const struct bclint_jv *results = array_at(rd, run, "results", &rc);
	for (const struct bclint_jv *r = rc ? NULL : results->child; r && rc == 0; r = r->next) {
		const struct bclint_jv *pf =
		        bclint_jv_member(rd->doc.text, r, "partialFingerprints");
		if (r->type != BCLINT_JOBJECT)
			return fail_at(rd, r->start, "a result must be an object");
		if (pf != NULL && pf->type != BCLINT_JOBJECT)
			return fail_at(rd, pf->start, "'partialFingerprints' must be an object");
		rc = add(rd, pf ? pf : r, bclint_jv_member(rd->doc.text, pf, "bclint/v1"),
		         "partialFingerprints 'bclint/v1'");
	}
	return rc;
}

/* Only bclint's own runs count: a log may hold other tools' runs too. */
static int read_sarif(struct reader *rd, const struct bclint_jv *root)
{
	int rc, runs = 0;
	const char *t = rd->doc.text;
	const struct bclint_jv *a = array_at(rd, root, "runs", &rc);
	for (const struct bclint_jv *run = rc ? NULL : a->child; run && rc == 0; run = run->next) {
		const struct bclint_jv *tool = bclint_jv_member(t, run, "tool");
		const struct bclint_jv *driver = bclint_jv_member(t, tool, "driver");
		const char *name =
		        bclint_jdoc_string(&rd->doc, bclint_jv_member(t, driver, "name"));
		if (name == NULL || strcmp(name, "bclint") != 0)
			continue;
		runs++;
		rc = read_sarif_run(rd, run);
	}
	if (rc == 0 && runs == 0)
		return fail_at(rd, a->start, "no run of bclint in this SARIF log");
	return rc;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int bclint_baseline_load(struct bclint_baseline *b, const char *path,
                         const struct bclint_diag_sink *diag)
{
	struct reader rd = {path, {0}, diag, b, 0};
	struct bclint_text text;
	memset(b, 0, sizeof(*b));
	if (bclint_text_read(path, &text) < 0) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: cannot read baseline: %s", path,
		             strerror(errno));
		return -1;
	}
	int rc;
	if (bclint_jdoc_parse(&rd.doc, text.data, text.len) < 0) {
		char msg[160];
		bclint_json_error_text(&rd.doc.err, msg, sizeof(msg));
		rc = fail_at(&rd, rd.doc.err.offset, "%s", msg);
	} else if (rd.doc.root->type != BCLINT_JOBJECT) {
		rc = fail_at(&rd, rd.doc.root->start,
		             "a baseline must be a report of bclint's json "
		             "or sarif format");
	} else if (bclint_jv_member(text.data, rd.doc.root, "runs") != NULL) {
		rc = read_sarif(&rd, rd.doc.root);
	} else if (bclint_jv_member(text.data, rd.doc.root, "findings") != NULL) {
		rc = read_json_report(&rd, rd.doc.root);
	} else {
		rc = fail_at(&rd, rd.doc.root->start,
		             "not a bclint report: expected 'findings' "
		             "(json format) or 'runs' (sarif format)");
	}
	if (rd.doc.err.oom && rc == 0)
		rc = -1;
	bclint_jdoc_free(&rd.doc);
	bclint_text_free(&text);
	if (rc < 0) {
		bclint_baseline_free(b);
		return -1;
	}
	if (b->n > 1)
		qsort(b->fps, b->n, sizeof(*b->fps), by_value);
	return 0;
}

int bclint_baseline_apply(const struct bclint_baseline *b, struct bclint_report *r,
                          size_t *baselined, size_t *gone)
{
	unsigned char *used = calloc(b->n + 1, 1);
	if (used == NULL)
		return -1;
	size_t kept = 0, dropped = 0;
	memset(r->counts, 0, sizeof(r->counts));
	for (size_t i = 0; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		uint64_t v = 0;
		size_t lo = 0, hi = b->n;
		int ok = parse_fp(f->fingerprint, &v) == 0;
		if (ok) {
			while (lo < hi) { /* the first entry >= v */
				size_t mid = lo + (hi - lo) / 2;
				if (b->fps[mid] < v)
					lo = mid + 1;
				else
					hi = mid;
			}
			while (lo < b->n && b->fps[lo] == v && used[lo])
				lo++;
		}
		if (ok && lo < b->n && b->fps[lo] == v && !used[lo]) {
			used[lo] = 1;
			dropped++;
			continue;
		}
		r->findings[kept++] = f;
		if (f->level >= 1 && f->level <= 3)
			r->counts[f->level]++;
	}
	r->n_findings = kept;
	*baselined = dropped;
	*gone = b->n - dropped;
	free(used);
	return 0;
}

void bclint_baseline_free(struct bclint_baseline *b)
{
	if (b == NULL)
		return;
	free(b->fps);
	b->fps = NULL;
	b->n = 0;
}
