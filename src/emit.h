/* Report formats.  Each writes the finished report into a buffer, calling
 * bclint_buf_spill between entries so that a buffer with a sink (the
 * output) stays small.  The formats are a table: a name, a writer, and
 * what the writer reads that the report computes only when asked. */
#ifndef BCLINT_EMIT_H
#define BCLINT_EMIT_H 1

#include "buf.h"
#include "lint.h"

struct bclint_emit {
	const struct bclint_run *run;
	int color;                 /* ANSI colour, for formats that have it */
	int exit_code;             /* sarif: invocations[0].exitCode */
	const char *automation_id; /* sarif: automationDetails.id, or NULL */
	size_t *shown;             /* entries written so far, when written in parts */
};

typedef void bclint_emit_fn(struct bclint_buf *out, const struct bclint_emit *e);

struct bclint_format {
	const char *name;
	bclint_emit_fn *write;
	unsigned needs; /* BCLINT_NEED_* (report.h) */
	int colored;    /* --color applies */
	/* A format that can be written in parts, file by file as the files
	 * are linted: what comes before the entries (or NULL), the entries of
	 * the part the report holds (once per part, with e->shown), and what
	 * comes after them (or NULL); write is the three in a row.  NULL
	 * entries: a format written whole. */
	bclint_emit_fn *head, *entries, *tail;
};

/* The format called name, or NULL. */
const struct bclint_format *bclint_format_find(const char *name);
/* Every format, in the order --help lists them ("gcc, sarif, ..."). */
const struct bclint_format *bclint_formats(size_t *n);

bclint_emit_fn bclint_emit_gcc, bclint_emit_sarif, bclint_emit_json, bclint_emit_github,
        bclint_emit_gitlab, bclint_emit_junit, bclint_emit_checkstyle, bclint_emit_azure;
/* json in parts: bclint_emit_json is the three in a row. */
bclint_emit_fn bclint_emit_json_head, bclint_emit_json_entries, bclint_emit_json_tail;

/* Each source file's name as a format writes it (escaped, or as a URI),
 * made once for output that repeats it in every location. */
struct bclint_emit_names {
	struct bclint_buf all;
	size_t *at; /* where each file's name starts in all */
};
/* 0, or -1 when memory ran out (free it all the same). */
int bclint_emit_names(struct bclint_emit_names *n, const struct bclint_report *r,
                      void (*write)(struct bclint_buf *, const char *));
static inline const char *bclint_emit_name(const struct bclint_emit_names *n, uint32_t file)
{
	return n->all.data + n->at[file];
}
void bclint_emit_names_free(struct bclint_emit_names *n);

/* The path without "." segments, empty segments, or ".." after a named
 * segment (SARIF and GitLab want normalised paths).  A relative path keeps
 * its leading ".."; an absolute one cannot go above '/'.  Caller frees;
 * NULL when memory runs out. */
char *bclint_emit_normalise(const char *path);

/* A CI logging command's text (GitHub's workflow commands, Azure's
 * logging commands): text through bclint_textsafe with how, then each
 * character the encoding lists written as it says (enc ends with {0}).
 * The encoding is the CI's own; the escaping before it is every text
 * format's. */
struct bclint_encoding {
	char c;
	const char *as;
};
void bclint_emit_encoded(struct bclint_buf *out, const char *text, unsigned how,
                         const struct bclint_encoding *enc);

/* The rule behind a finding, or NULL for the host's own findings. */
const struct bclint_rule_slot *bclint_emit_slot(const struct bclint_emit *e,
                                                const struct bclint_finding *f);

#endif
