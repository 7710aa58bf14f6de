/* Writing the report: standard output, or a file replaced atomically.
 * Reports are streamed: the emitters' buffer is handed to the output each
 * time it passes a threshold, so a report never has to fit in memory. */
#ifndef BCLINT_OUTPUT_H
#define BCLINT_OUTPUT_H 1

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

struct bclint_buf;

struct bclint_output {
	const char *path; /* as given; NULL or "-" is standard output */
	int fd;
	int replace;           /* a temporary file renamed over target when done */
	char target[PATH_MAX]; /* path, or the file its symbolic links lead to */
	char tmp[PATH_MAX];
	int keep;    /* target exists: its mode and owner are kept */
	mode_t mode; /* the mode to give the file written */
	uid_t uid;
	gid_t gid;
	int err;        /* errno of the first failed write, 0 if none */
	size_t written; /* bytes handed to fd so far */
	const struct bclint_diag_sink *diag;
};

/* Open the destination: standard output, a device or pipe written
 * directly, or a temporary file beside path -- beside the file it leads to
 * when path is a symbolic link (the link stays, its target is replaced).
 * A file replaced keeps its mode and, where the user may set them, its
 * owner and group; a new file gets 0666 less the umask.  Returns 0, or -1
 * after saying why through diag (which later failures use too). */
int bclint_output_open(struct bclint_output *o, const char *path,
                       const struct bclint_diag_sink *diag);

/* Make b spill into o whenever bclint_buf_spill finds it full enough. */
void bclint_output_attach(struct bclint_output *o, struct bclint_buf *b);

/* Write what is left in b (when ok), then finish: a temporary file is
 * synced and renamed over path when ok and every write succeeded, else
 * removed.  Returns 0, or -1 after saying why a write failed (nothing is
 * said for !ok, the caller's failure). */
int bclint_output_close(struct bclint_output *o, struct bclint_buf *b, int ok);

/* The whole of data to path, in one go (open, write, close). */
int bclint_write_output(const char *path, const char *data, size_t len,
                        const struct bclint_diag_sink *diag);

#endif
