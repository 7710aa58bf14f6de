/* The gcc format: FILE:LINE:COLUMN: LEVEL: MESSAGE [RULE-ID], then notes.
 * File names, messages and notes are written through bclint_textsafe, so
 * that no text can start a line of its own, move the terminal's cursor,
 * or be read by an editor or CI as a diagnostic of its own. */
#include "config.h"

#include "emit.h"
#include "level.h"
#include "textsafe.h"

/* A message or note, and a file name, which starts the line. */
static void text(struct bclint_buf *out, const char *s)
{
	bclint_textsafe(out, s, BCLINT_TEXTSAFE_INLINE);
}

static void file_name(struct bclint_buf *out, const char *s)
{
	bclint_textsafe(out, s, BCLINT_TEXTSAFE_FILE);
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
	if (bclint_emit_names(&paths, r, file_name) < 0)
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
