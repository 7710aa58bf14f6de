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
#include "snapshot.h"

struct reader {
	const char *path, *text;
	size_t len;
	char *err;
	size_t size;
	struct bclint_baseline *b;
	size_t cap;
};

static int fail_at(struct reader *rd, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(struct reader *rd, size_t off, const char *fmt, ...)
{
	uint32_t line, col;
	bclint_position_of(rd->text, rd->len, off, &line, &col);
	int n = snprintf(rd->err, rd->size, "%s:%u:%u: error: ", rd->path, line, col);
	if (n >= 0 && (size_t)n < rd->size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(rd->err + n, rd->size - (size_t)n, fmt, ap);
		va_end(ap);
	}
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

static int add(struct reader *rd, const cJSON *owner, const cJSON *fp, const char *what)
{
	uint64_t v;
	if (!cJSON_IsString(fp))
		return fail_at(rd, bclint_json_start(fp ? fp : owner),
		               fp ? "%s must be a string" : "missing %s", what);
	if (parse_fp(fp->valuestring, &v) < 0)
		return fail_at(rd, bclint_json_start(fp), "%s must be 16 hexadecimal digits",
		               what);
	struct bclint_baseline *b = rd->b;
	if (b->n == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 64;
		uint64_t *p = realloc(b->fps, cap * sizeof(*p));
		if (p == NULL) {
			snprintf(rd->err, rd->size, "%s: out of memory", rd->path);
			return -1;
		}
		b->fps = p;
		rd->cap = cap;
	}
	b->fps[b->n++] = v;
	return 0;
}

static const cJSON *array_at(struct reader *rd, const cJSON *obj, const char *key, int *rc)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);
	*rc = 0;
	if (a == NULL || !cJSON_IsArray(a))
		*rc = fail_at(rd, bclint_json_start(a ? a : obj),
		              a ? "'%s' must be an array" : "missing '%s'", key);
	return a;
}

static int read_json_report(struct reader *rd, const cJSON *root)
{
	int rc;
	const cJSON *findings = array_at(rd, root, "findings", &rc);
	for (const cJSON *f = rc ? NULL : findings->child; f != NULL && rc == 0; f = f->next) {
		if (!cJSON_IsObject(f))
			return fail_at(rd, bclint_json_start(f), "a finding must be an object");
		rc = add(rd, f, cJSON_GetObjectItemCaseSensitive(f, "fingerprint"),
		         "'fingerprint'");
	}
	return rc;
}

static int read_sarif_run(struct reader *rd, const cJSON *run)
{
	int rc;
	const cJSON *results = array_at(rd, run, "results", &rc);
	for (const cJSON *r = rc ? NULL : results->child; r != NULL && rc == 0; r = r->next) {
		const cJSON *pf = cJSON_GetObjectItemCaseSensitive(r, "partialFingerprints");
		if (!cJSON_IsObject(r))
			return fail_at(rd, bclint_json_start(r), "a result must be an object");
		if (pf != NULL && !cJSON_IsObject(pf))
			return fail_at(rd, bclint_json_start(pf),
			               "'partialFingerprints' must be an object");
		rc = add(rd, pf ? pf : r, cJSON_GetObjectItemCaseSensitive(pf, "bclint/v1"),
		         "partialFingerprints 'bclint/v1'");
	}
	return rc;
}

/* Only bclint's own runs count: a log may hold other tools' runs too. */
static int read_sarif(struct reader *rd, const cJSON *root)
{
	int rc, runs = 0;
	const cJSON *a = array_at(rd, root, "runs", &rc);
	for (const cJSON *run = rc ? NULL : a->child; run != NULL && rc == 0; run = run->next) {
		const cJSON *tool = cJSON_GetObjectItemCaseSensitive(run, "tool");
		const cJSON *driver = cJSON_GetObjectItemCaseSensitive(tool, "driver");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(driver, "name");
		if (!cJSON_IsString(name) || strcmp(name->valuestring, "bclint") != 0)
			continue;
		runs++;
		rc = read_sarif_run(rd, run);
	}
	if (rc == 0 && runs == 0)
		return fail_at(rd, bclint_json_start(a), "no run of bclint in this SARIF log");
	return rc;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int bclint_baseline_load(struct bclint_baseline *b, const char *path, char *err, size_t size)
{
	struct reader rd = {path, NULL, 0, err, size, b, 0};
	char *text;
	memset(b, 0, sizeof(*b));
	if (bclint_read_file(path, &text, &rd.len) < 0) {
		snprintf(err, size, "%s: cannot read baseline: %s", path, strerror(errno));
		return -1;
	}
	rd.text = text;
	struct bclint_json_error jerr;
	cJSON *root = bclint_json_parse(text, rd.len, &jerr);
	int rc;
	if (root == NULL)
		rc = jerr.has_byte ? fail_at(&rd, jerr.offset, "%s (byte 0x%02x)", jerr.message,
		                             jerr.byte)
		                   : fail_at(&rd, jerr.offset, "malformed JSON: %s", jerr.message);
	else if (!cJSON_IsObject(root))
		rc = fail_at(&rd, bclint_json_start(root), "a baseline must be a report of "
		             "bclint's json or sarif format");
	else if (cJSON_GetObjectItemCaseSensitive(root, "runs") != NULL)
		rc = read_sarif(&rd, root);
	else if (cJSON_GetObjectItemCaseSensitive(root, "findings") != NULL)
		rc = read_json_report(&rd, root);
	else
		rc = fail_at(&rd, bclint_json_start(root), "not a bclint report: expected "
		             "'findings' (json format) or 'runs' (sarif format)");
	cJSON_Delete(root);
	free(text);
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
