/* Collecting findings from every snapshot and rule, then putting them in
 * output order with resolved lines and columns. */
#ifndef BCLINT_REPORT_H
#define BCLINT_REPORT_H 1

#include <stddef.h>
#include <stdint.h>

#include "position.h"
#include "util.h"

/* One input file.  text is kept until the report is finished, so that
 * offsets can be turned into lines and columns in one sweep. */
struct bclint_source {
	char *path; /* as given on the command line ("-" for stdin) */
	char *text; /* NUL-terminated; owned */
	size_t len;
	uint32_t *lines; /* its line feeds' offsets, when its parser noted them
	                  * all (a snapshot's), or NULL; owned */
	size_t n_lines;
};

/* A JSON Pointer: a string, or the snapshot entity it names, written when
 * asked (bclint_pointer_text): the entity's kind + 1 in the low 8 bits,
 * its index in the next 32, its parent's index in the top 24. */
union bclint_pointer {
	const char *text;
	uint64_t entity;
};
#define BCLINT_POINTER_MAX 96

/* message is text, or when deferred is set a format and its arguments
 * kept until output (struct bclint_msg): read it with bclint_message.
 * pointer is an entity when by_entity is set. */
struct bclint_note {
	uint32_t file;
	struct bclint_textpos pos, end;
	uint8_t deferred, by_entity;
	union bclint_pointer pointer;
	const char *message;
};

struct bclint_finding {
	const char *rule;   /* rule ID; static or owned by the rule's plugin */
	const char *plugin; /* plugin name, NULL for "snapshot" and "config" */
	int level;          /* enum bclint_level */
	uint32_t file;
	struct bclint_textpos pos, end;
	union bclint_pointer pointer; /* an entity when by_entity is set */
	const char *message;
	const char *suppressed; /* the suppression's reason, or NULL */
	uint64_t identity; /* rule + entity identity, before disambiguation */
	struct bclint_note *notes;
	uint32_t n_notes, cap_notes;
	uint32_t seq;      /* order of reporting: the last sort key */
	char fingerprint[17];
	uint8_t deferred;  /* message is kept unformatted (struct bclint_note) */
	uint8_t by_entity; /* pointer is an entity's */
};

/* A plugin or rule that failed, for messages and SARIF notifications. */
struct bclint_failure {
	const char *file; /* the plugin file, or NULL */
	const char *rule; /* the rule, or NULL */
	const char *message;
};

struct bclint_report {
	struct bclint_arena arena;
	struct bclint_arena note_arena; /* notes arrays only, so that each can grow in place */
	struct bclint_source *sources;
	size_t n_sources;
	struct bclint_finding **findings;
	size_t n_findings, cap_findings;
	size_t n_notes; /* of all findings */
	struct bclint_failure *failures;
	size_t n_failures, cap_failures;
	size_t counts[4]; /* by level */
	int oom;          /* an allocation failed: the report is incomplete */
	int redact;       /* --redact: snapshot errors quote no email */
	int no_ends;      /* the output shows no end positions: leave them unresolved */
	int no_fingerprints; /* neither the output nor a baseline reads fingerprints:
	                      * leave them (and identities) uncomputed */
};

/* Add a source; takes ownership of path and text.  Returns its index, or
 * -1 on allocation failure (then both are freed). */
int bclint_report_add_source(struct bclint_report *r, char *path, char *text, size_t len);

/* A message as it is given to the report: text of len bytes, copied; or,
 * when fmt is not NULL, a format and the n_args arguments
 * bclint_fmt_capture took for it, kept as they are and written only when
 * the report is.  fmt and every string argument must then stay valid and
 * unchanged until the output is written (host.c checks, and copies the
 * strings that might not), or until bclint_report_settle. */
struct bclint_msg {
	const char *text;
	size_t len;
	const char *fmt;
	const union bclint_arg *args;
	int n_args;
	unsigned strings; /* a bit for each string argument */
};

/* Add a finding.  rule, plugin and pointer must outlive the report; message
 * is copied.  Returns NULL only when out of memory. */
struct bclint_finding *bclint_report_add(struct bclint_report *r, uint32_t file,
                                         const char *rule, const char *plugin, int level,
                                         uint32_t start, uint32_t end, const char *pointer,
                                         uint64_t identity, const char *message);
/* The same with a message of either kind (the report's hot path), and
 * pointing at entity e (NULL: at pointer, which must outlive the report). */
struct bclint_finding *bclint_report_add_msg(struct bclint_report *r, uint32_t file,
                                             const char *rule, const char *plugin,
                                             int level, uint32_t start, uint32_t end,
                                             const char *pointer,
                                             const struct bclint_entity *e,
                                             uint64_t identity,
                                             const struct bclint_msg *message);
/* Attach a note at entity e, or when e is NULL at pointer (which must
 * outlive the report).  f may be NULL. */
void bclint_report_note(struct bclint_report *r, struct bclint_finding *f, uint32_t file,
                        uint32_t start, uint32_t end, const char *pointer,
                        const struct bclint_entity *e, const struct bclint_msg *message);
/* An entity's JSON Pointer, written into buf (BCLINT_POINTER_MAX bytes)
 * unless it is a constant one ("/bc"); "" for an unknown kind. */
const char *bclint_entity_pointer_in(const struct bclint_entity *e, char *buf);
/* The same in the report's arena (NULL, with r->oom set, when out of
 * memory). */
const char *bclint_entity_pointer(struct bclint_report *r, const struct bclint_entity *e);
/* A finding's or note's pointer as text (buf: BCLINT_POINTER_MAX bytes). */
const char *bclint_pointer_text(union bclint_pointer p, int by_entity, char *buf);
/* The text of a finding's or note's message (stored and deferred as they
 * are in it); a deferred one is written into tmp, emptied first.  NULL
 * when memory runs out. */
const char *bclint_message(const char *message, int deferred, struct bclint_buf *tmp);
/* For a loop over the findings in order, at the i-th: ask the memory for
 * what the loop reads a few findings on (the findings, their messages and
 * the strings these print lie all over memory). */
void bclint_report_prefetch(const struct bclint_report *r, size_t i);
/* Write out, into the report's arena, every deferred message of the
 * findings from the first-th on, before what their arguments point at
 * goes away. */
void bclint_report_settle(struct bclint_report *r, size_t first);
/* Record a plugin failure; strings are copied. */
void bclint_report_failure(struct bclint_report *r, const char *file, const char *rule,
                           const char *message);

/* Sort into output order (file, line, column, rule), resolve positions
 * (ends too, unless no_ends), compute fingerprints (unless no_fingerprints)
 * and counts.  Sources' text is freed afterwards. */
void bclint_report_finish(struct bclint_report *r);

/* Drop every finding below error level (--quiet); counts are kept. */
void bclint_report_keep_errors(struct bclint_report *r);

/* Free everything (NULL is safe). */
void bclint_report_free(struct bclint_report *r);

/* Copy a string into the report's arena (NULL on failure). */
const char *bclint_report_strdup(struct bclint_report *r, const char *s);

#endif
