/* Text from a snapshot (names, emails, file names, rule options echoed in
 * messages) written into a line-oriented report, so that no reader of the
 * line (an editor's error format, a CI problem matcher, a terminal) finds
 * a diagnostic, a directory change or a workflow command in it.  The text
 * formats (gcc, github, azure) all write through this one function.
 *
 * Two layers, each chosen by a flag:
 * - characters: C0 and C1 controls, DEL, line and paragraph separators,
 *   every space that is not ASCII (what \s matches in JavaScript, Java and
 *   .NET), bidirectional and invisible format characters, and bytes that
 *   are not UTF-8 are written as \n, \r, \t, \xNN, \uNNNN or \UNNNNNNNN;
 * - shapes: the few characters that would let a reader see a location
 *   (":12", "(12)", "line 12"), a severity ("error:"), a quoted file name,
 *   or a make-style directory change in the text are written as \xNN
 *   (with BCLINT_TEXTSAFE_LINE_START, also what readers look for at the
 *   start of a line: a leading ' ', ':' or '#', ']', ': ', " 12", a name
 *   of digits only).
 * Every escape is ASCII and starts with a backslash, which no reader takes
 * as part of a location. */
#ifndef BCLINT_TEXTSAFE_H
#define BCLINT_TEXTSAFE_H 1

#include "buf.h"

enum {
	BCLINT_TEXTSAFE_CHARS = 1 << 0,  /* the character layer */
	BCLINT_TEXTSAFE_SHAPES = 1 << 1, /* the shapes layer (implies CHARS) */
	/* The text starts a line (a file name before ":LINE:COL:"): also
	 * escape what readers look for at the start of a line. */
	BCLINT_TEXTSAFE_LINE_START = 1 << 2,
	/* Leave CR and LF as they are, for a caller that encodes them itself
	 * (GitHub's %0D, %0A in property values). */
	BCLINT_TEXTSAFE_KEEP_NEWLINES = 1 << 3,
};

/* Inside a message or note. */
#define BCLINT_TEXTSAFE_INLINE (BCLINT_TEXTSAFE_CHARS | BCLINT_TEXTSAFE_SHAPES)
/* A file name at the start of a diagnostic line. */
#define BCLINT_TEXTSAFE_FILE (BCLINT_TEXTSAFE_INLINE | BCLINT_TEXTSAFE_LINE_START)

/* Append s to b, escaped as the flags say. */
void bclint_textsafe(struct bclint_buf *b, const char *s, unsigned flags);

#endif
