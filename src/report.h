/* The report: findings from every snapshot and rule, collected as offsets
 * and put in output order, with lines and columns, when it is finished.
 *
 * Ownership: the report owns its sources (paths and texts), and copies
 * every message and pointer text it is given into its arena; the rule and
 * plugin names and a suppression's reason must outlive it.  A zeroed
 * struct is an empty report; bclint_report_free is NULL-safe. */
#ifndef BCLINT_REPORT_H
#define BCLINT_REPORT_H 1

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "entity.h"
#include "position.h"
#include "text.h"

/* One input file.  Its text is kept until the report is finished, so that
 * offsets can be turned into lines and columns in one sweep. */
struct bclint_source {
	char *path; /* as given on the command line ("-" for stdin) */
	struct bclint_text text;
	uint32_t *lines; /* its line feeds' offsets, when its parser noted them
	                  * all (a snapshot's), or NULL */
	size_t n_lines;
	const char *bc_id; /* a snapshot's Business Center, when the report keeps about */
	int config;        /* the configuration file, not a snapshot */
};

/* Where a finding or note points in the JSON of its file: an entity of a
 * model (its code, entity.h), or when entity is 0 a JSON Pointer's text. */
struct bclint_ref {
	uint64_t entity;
	const char *pointer;
};

struct bclint_note {
	uint32_t file;
	struct bclint_textpos pos, end;
	struct bclint_ref ref;
	const char *message;
};

struct bclint_finding {
	const char *rule;   /* rule ID */
	const char *plugin; /* plugin name, NULL for the host's own findings */
	int level;          /* enum bclint_level */
	uint32_t file;
	struct bclint_textpos pos, end;
	struct bclint_ref ref;
	const char *message;
	const char *suppressed;    /* the suppression's reason, or NULL */
	struct bclint_about about; /* kept when BCLINT_NEED_ABOUT asks for it */
	uint64_t identity;         /* rule + entity identity, before disambiguation */
	struct bclint_note *notes;
	uint32_t n_notes, cap_notes;
	uint32_t seq; /* order of reporting: the last sort key */
	char fingerprint[17];
};

/* A plugin or rule that failed, for SARIF's notifications. */
struct bclint_failure {
	char *file; /* the plugin file, or NULL */
	char *rule; /* the rule, or NULL */
	char *message;
};

/* What bclint_report_finish computes beyond order and start positions. */
enum {
	BCLINT_NEED_ENDS = 1,         /* end lines and columns */
	BCLINT_NEED_FINGERPRINTS = 2, /* fingerprints */
	BCLINT_NEED_ABOUT = 4         /* who and what each finding is about (entity.h) */
};

/* Regions kept for reuse: as many as are dropped at once at most, with a
 * few workers running. */
#define BCLINT_SPARE_REGIONS 4

struct bclint_report {
	struct bclint_arena arena;
	struct bclint_source *sources;
	size_t n_sources;
	struct bclint_finding **findings;
	size_t n_findings, cap_findings;
	size_t n_notes; /* of all findings */
	struct bclint_failure *failures;
	size_t n_failures, cap_failures;
	size_t counts[4]; /* by level, suppressed findings left out */
	int oom;          /* an allocation failed: the report is incomplete */
	/* shared regions workers filled (region.h), which some findings
	 * live in, and the source each was filled for */
	struct bclint_region **regions;
	uint32_t *region_files;
	size_t n_regions;
	/* regions dropped whole, kept with their pages for the next workers */
	struct bclint_region *spare[BCLINT_SPARE_REGIONS];
	size_t n_spare;
	unsigned long n_mapped; /* regions mapped so far */
	uint32_t next_seq;      /* the next finding's order of reporting */
	size_t flushed[4];      /* counts of the findings bclint_report_flush handed out */
};

/* Add a source, taking path and text (both freed on failure).  Returns
 * its index, or -1 when memory runs out. */
int bclint_report_add_source(struct bclint_report *r, char *path, struct bclint_text text);

/* Make source file path with text, taking both, as another copy of the
 * report has it (a worker's, given a file after it started); the sources
 * before it that this copy lacks stay empty.  0, or -1 when memory runs
 * out (path and text are then freed). */
int bclint_report_put_source(struct bclint_report *r, uint32_t file, char *path,
                             struct bclint_text text);

/* Add a finding like proto (rule, plugin, level, file, pos.off, end.off,
 * ref, identity, suppressed, about; the rest is the report's), with len
 * bytes of message; about's strings are copied (its asset_type, one of
 * caps.h's names, is kept as it is).  NULL only when memory runs out (r->oom is then set). */
struct bclint_finding *bclint_report_add(struct bclint_report *r,
                                         const struct bclint_finding *proto, const char *message,
                                         size_t len);
/* The same with a NUL-terminated message. */
struct bclint_finding *bclint_report_addz(struct bclint_report *r,
                                          const struct bclint_finding *proto, const char *message);
/* Attach a note like proto (file, pos.off, end.off, ref) to f (NULL is
 * ignored). */
void bclint_report_note(struct bclint_report *r, struct bclint_finding *f,
                        const struct bclint_note *proto, const char *message, size_t len);

/* A shared region (region.h) for a worker to fill with findings of source
 * file, owned by the report: one dropped whole before (by
 * bclint_report_flush, its pages kept), else a new one; NULL when none
 * can be mapped. */
struct bclint_region *bclint_report_new_region(struct bclint_report *r, uint32_t file);

/* A spare region that a worker started when n_mapped was before can
 * reach (one mapped earlier), taken for source file as
 * bclint_report_new_region's is; NULL when there is none. */
struct bclint_region *bclint_report_old_region(struct bclint_report *r, uint32_t file,
                                               unsigned long before);

/* Map a spare region if there is none, for a worker started next to take
 * later (bclint_report_old_region): 0, or -1 when none can be mapped. */
int bclint_report_stock_spare(struct bclint_report *r);

/* Give back the address space of every region past what was sealed in it
 * (bclint_region_trim): for when no worker is writing into any and a new
 * one cannot be mapped. */
void bclint_report_trim_regions(struct bclint_report *r);
/* Add finding f as it is, in memory the report owns (its arena or one of
 * its regions), with its notes: only its order of reporting and
 * fingerprint are set.  -1 when memory runs out (r->oom is then set). */
int bclint_report_adopt(struct bclint_report *r, struct bclint_finding *f);

/* Record a plugin failure; strings are copied. */
void bclint_report_failure(struct bclint_report *r, const char *file, const char *rule,
                           const char *message);

/* A finding's or note's JSON Pointer (buf: BCLINT_POINTER_MAX bytes). */
const char *bclint_ref_pointer(const struct bclint_ref *ref, char *buf);

/* Sort into output order (file, line, column, rule, order of reporting),
 * resolve start positions (and what needs asks for), and count levels
 * (with what bclint_report_flush handed out before).  Sources' texts are
 * freed afterwards. */
void bclint_report_finish(struct bclint_report *r, unsigned needs);

/* Hand out the findings of sources [0, bound), finished as
 * bclint_report_finish does, and forget them: part(arg, r) is called with
 * the report holding only those.  Whatever part leaves in the report is
 * dropped when it returns; counts then include every finding handed out
 * so far.  The findings of later sources stay for a later flush or for
 * bclint_report_finish, so that the report, handed out in parts, is in
 * the order it would have been in whole.  The memory of what is dropped
 * is freed or kept to reuse. */
void bclint_report_flush(struct bclint_report *r, uint32_t bound, unsigned needs,
                         void (*part)(void *arg, struct bclint_report *r), void *arg);

/* Drop every finding below error level that is not suppressed (--quiet);
 * counts are then of what is left, errors (the exit status is the
 * caller's to take before). */
void bclint_report_keep_errors(struct bclint_report *r);

void bclint_report_free(struct bclint_report *r);

#endif
