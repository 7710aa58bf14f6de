/* The configuration file (.bclint.json), read and checked: its rule
 * settings (applied by setup.c, which knows the rules), its plugins and
 * its suppressions.  Positions come from the one JSON tree (json.h).
 *
 * Ownership: the configuration owns everything in it;
 * bclint_config_free releases it (safe on a zeroed struct). */
#ifndef BCLINT_CONFFILE_H
#define BCLINT_CONFFILE_H 1

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "json.h"
#include "suppress.h"
#include "text.h"

struct bclint_config_plugin {
	char *path;   /* relative paths made relative to the file's directory */
	uint32_t off; /* where it is named */
};

struct bclint_config_error {
	uint32_t off;
	size_t seq;
	char *text;
};

struct bclint_config {
	char *path; /* as found or given; NULL: no configuration */
	struct bclint_text text;
	struct bclint_jdoc doc;
	const struct bclint_jv *rules; /* the "rules" object, or NULL */
	struct bclint_config_plugin *plugins;
	size_t n_plugins;
	struct bclint_suppressions supps;
	const char *roster; /* the roster file, relative to the file's directory; or NULL */
	struct bclint_config_error *errors; /* in the order found */
	size_t n_errors;
	struct bclint_arena arena;
};

/* Read and check path: given with -c (explicit), or ".bclint.json" in the
 * current directory, which may be absent.  Returns 0 (the errors found,
 * if any, are in cfg->errors), or -1 when an explicit file or an implicit
 * one that exists cannot be read (said through diag). */
int bclint_config_read(struct bclint_config *cfg, const char *path, int explicit_path,
                       const struct bclint_diag_sink *diag);

/* Record an error at byte offset off of the file. */
void bclint_config_error(struct bclint_config *cfg, size_t off, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Hand every error recorded to diag, in file order, as FILE:LINE:COLUMN;
 * returns how many there were. */
size_t bclint_config_flush(struct bclint_config *cfg, const struct bclint_diag_sink *diag);

/* Keys that start with "//" are comments, anywhere in the file. */
int bclint_config_comment(const char *text, const struct bclint_jv *v);

void bclint_config_free(struct bclint_config *cfg);

#endif
