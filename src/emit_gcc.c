/* The gcc format: FILE:LINE:COLUMN: LEVEL: MESSAGE [RULE-ID], then notes.
 * Text from the snapshot has its control characters escaped, so no input
 * can start a line of its own or move the terminal's cursor. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "level.h"

/* Does text at p look like the middle of a diagnostic, ":LINE:COL: error:"
 * (the shape VS Code's $gcc matcher and GitHub problem matchers look for)? */
static int looks_like_location(const char *p)
{
	if (*p++ != ':' || *p < '0' || *p > '9')
		return 0;
	p += strspn(p, "0123456789");
	if (*p++ != ':')
		return 0;
	p += strspn(p, "0123456789");
	p += *p == ':';
	size_t ws = strspn(p, " ");
	if (ws == 0)
		return 0;
	p += ws;
	if (strncmp(p, "fatal ", 6) == 0)
		p += 6 + strspn(p + 6, " ");
	return strncmp(p, "error:", 6) == 0 || strncmp(p, "warning:", 8) == 0 ||
	       strncmp(p, "note:", 5) == 0;
}

/* Text from the snapshot: control characters escaped, and a ':' that would
 * start a forged ":LINE:COL: error:" written as \x3a, so that no matcher
 * reads a second diagnostic (or a note as an error) out of one line. */
static void text(struct bclint_buf *out, const char *s)
{
	size_t start = out->len;
	bclint_buf_safe(out, s);
	if (out->oom)
		return;
	/* Almost every message passes this scan; only a suspect one is
	 * rewritten, through a copy. */
	int suspect = 0;
	for (const char *c = out->data + start; !suspect && (c = strchr(c, ':')) != NULL; c++)
		suspect = looks_like_location(c);
	if (!suspect)
		return;
	char *safe = strdup(out->data + start);
	if (safe == NULL) {
		out->oom = 1;
		return;
	}
	out->len = start;
	const char *p = safe;
	for (const char *colon; (colon = strchr(p, ':')) != NULL; p = colon + 1) {
		bclint_buf_add(out, p, (size_t)(colon - p));
		bclint_buf_puts(out, looks_like_location(colon) ? "\\x3a" : ":");
	}
	bclint_buf_puts(out, p);
	free(safe);
}

static const char *const colors[] = {"", "\033[1;36m", "\033[1;35m", "\033[1;31m"};

static void location(struct bclint_buf *out, const struct bclint_emit *e,
                     const struct bclint_emit_names *paths, uint32_t file,
                     const struct bclint_textpos *pos)
{
	if (e->color)
		bclint_buf_puts(out, "\033[1m");
	bclint_buf_puts(out, bclint_emit_name(paths, file));
	bclint_buf_putc(out, ':');
	bclint_buf_uint(out, pos->line);
	bclint_buf_putc(out, ':');
	bclint_buf_uint(out, pos->col);
	bclint_buf_putc(out, ':');
	if (e->color)
		bclint_buf_puts(out, "\033[0m");
	bclint_buf_putc(out, ' ');
}

static void level(struct bclint_buf *out, const struct bclint_emit *e, int lv)
{
	if (e->color)
		bclint_buf_puts(out, colors[lv]);
	bclint_buf_puts(out, bclint_level_name(lv));
	bclint_buf_putc(out, ':');
	if (e->color)
		bclint_buf_puts(out, "\033[0m");
	bclint_buf_putc(out, ' ');
}

void bclint_emit_gcc(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	struct bclint_emit_names paths; /* each file's path, escaped */
	if (bclint_emit_names(&paths, r, bclint_buf_safe) < 0)
		out->oom = 1;
	for (size_t i = 0; i < r->n_findings && !out->oom; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		bclint_buf_spill(out);
		location(out, e, &paths, f->file, &f->pos);
		level(out, e, f->level);
		text(out, f->message);
		bclint_buf_puts(out, " [");
		bclint_buf_puts(out, f->rule);
		bclint_buf_puts(out, "]\n");
		for (size_t k = 0; k < f->n_notes; k++) {
			location(out, e, &paths, f->notes[k].file, &f->notes[k].pos);
			level(out, e, BCLINT_LEVEL_NOTE);
			text(out, f->notes[k].message);
			bclint_buf_putc(out, '\n');
		}
	}
	bclint_emit_names_free(&paths);
}
