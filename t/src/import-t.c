/* bclint import as a library (src/import/): the snapshot comes back in a
 * buffer, and every diagnostic -- with its level, file, line and column --
 * goes to the caller's sink; nothing is printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "import/import.h"
#include "tap.h"
#include "text.h"

#define MAX_DIAGS 16

struct seen {
	int n;
	struct {
		int level;
		char file[512], message[512];
		uint32_t line, col;
	} d[MAX_DIAGS];
};

static void collect(void *arg, const struct bclint_diag *d)
{
	struct seen *s = arg;
	if (s->n == MAX_DIAGS)
		return;
	s->d[s->n].level = d->level;
	snprintf(s->d[s->n].file, sizeof(s->d[s->n].file), "%s", d->file ? d->file : "");
	snprintf(s->d[s->n].message, sizeof(s->d[s->n].message), "%s", d->message);
	s->d[s->n].line = d->line;
	s->d[s->n].col = d->col;
	s->n++;
}

static const char *srcdir(void)
{
	const char *d = getenv("top_srcdir");
	return d != NULL && *d ? d : ".";
}

/* Import the responses in dir (relative to the source tree). */
static int import(const char *dir, const char *bc_id, struct seen *s, struct bclint_buf *out)
{
	static char path[1024];
	char *paths[] = {path};
	snprintf(path, sizeof(path), "%s/%s", srcdir(), dir);
	struct bclint_import_options o = {bc_id, NULL, NULL, NULL, paths, 1};
	struct bclint_diag_sink sink = {collect, s};
	memset(s, 0, sizeof(*s));
	return bclint_import(&o, &sink, out);
}

static void whole(void)
{
	struct seen s;
	struct bclint_buf out;
	struct bclint_text want = {0};
	char path[1024];
	snprintf(path, sizeof(path), "%s/t/import/basic.expected", srcdir());
	is_int(import("t/import/basic", NULL, &s, &out), 0, "basic: imported");
	is_int(s.n, 0, "basic: no diagnostics");
	ok(bclint_text_read(path, &want) == 0 && out.data != NULL && out.len == want.len &&
	           memcmp(out.data, want.data, want.len) == 0,
	   "basic: the snapshot is the expected one, in the buffer");
	bclint_text_free(&want);
	free(out.data);
}

static void positioned(void)
{
	struct seen s;
	struct bclint_buf out;
	char file[1024];
	is_int(import("t/import/bad/conflict", NULL, &s, &out), -1, "conflict: refused");
	ok(out.data == NULL && out.len == 0, "conflict: no snapshot");
	is_int(s.n, 6, "conflict: six diagnostics");
	snprintf(file, sizeof(file), "%s/t/import/bad/conflict/asset_member.CATALOG.20.p1.json",
	         srcdir());
	is_string(s.d[0].file, file, "the first names its file");
	ok(s.d[0].line == 9 && s.d[0].col == 25, "and its line and column (9:25)");
	is_int(s.d[0].level, BCLINT_LEVEL_ERROR, "an error");
	is_string(s.d[0].message,
	          "invalid catalog_role \"OWNER\" on a CATALOG asset: expected ADMIN or AD_PROMOTE",
	          "its message, without the position");
}

static void unpositioned(void)
{
	struct seen s;
	struct bclint_buf out;
	char msg[1024];
	is_int(import("t/import/bad/paging", NULL, &s, &out), -1, "paging: refused");
	is_int(s.n, 2, "paging: two diagnostics");
	ok(s.d[0].line == 0 && s.d[0].file[0] == '\0', "a list's problem has no position");
	snprintf(
	        msg, sizeof(msg),
	        "%s/t/import/bad/paging/member.p2.json: /bc/member/get/: total_page is 3 here but 2 "
	        "in %s/t/import/bad/paging/member.p1.json",
	        srcdir(), srcdir());
	is_string(s.d[0].message, msg, "and names the files in its message");
	is_int(import("t/import/basic", "7300000000000000009", &s, &out), -1,
	       "an unlisted --bc-id: refused");
	is_string(s.d[0].message,
	          "Business Center '7300000000000000009' is not in the /bc/get/ "
	          "responses",
	          "said once, without a file");
}

static void warned(void)
{
	struct seen s;
	struct bclint_buf out;
	is_int(import("t/import/bad/warn", NULL, &s, &out), 0, "warn: imported");
	ok(out.data != NULL && strncmp(out.data, "{\n  \"schema\"", 12) == 0, "warn: a snapshot");
	is_int(s.n, 1, "warn: one diagnostic");
	ok(s.d[0].level == BCLINT_LEVEL_WARNING && s.d[0].line == 7 && s.d[0].col == 7,
	   "a warning at 7:7");
	free(out.data);
}

int main(void)
{
	plan(20);
	whole();
	positioned();
	unpositioned();
	warned();
	return done_testing();
}
