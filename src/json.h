/* JSON with source positions.  One strict RFC 8259 parser reads every
 * input bclint reads (snapshots, configuration files, baselines, API
 * responses, extras, plans) into one kind of tree: compact nodes that
 * hold the byte range of their value in the text, so that every value has
 * its line and column.  Typed getters read it.  (cJSON only builds and
 * prints the documents bclint writes.) */
#ifndef BCLINT_JSON_H
#define BCLINT_JSON_H 1

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Why a text could not be parsed: the byte offset and a static message. */
struct bclint_json_error {
	size_t offset;
	const char *message;
	int has_byte;       /* byte is meaningful */
	unsigned char byte; /* the offending byte (bad UTF-8, control character) */
	int oom;            /* memory ran out: not the text's fault */
	int refused;        /* valid JSON that bclint refuses (a \u0000) */
};

/* The error as a message: "malformed JSON: ...", or the bad byte named, or
 * for refused text the reason alone. */
void bclint_json_error_text(const struct bclint_json_error *e, char *buf, size_t size);

/* Containers nest at most this deep. */
#define BCLINT_JSON_MAX_DEPTH 1000

enum bclint_jtype {
	BCLINT_JNULL = 1,
	BCLINT_JFALSE,
	BCLINT_JTRUE,
	BCLINT_JNUMBER,
	BCLINT_JSTRING,
	BCLINT_JARRAY,
	BCLINT_JOBJECT
};

/* jv flags */
#define BCLINT_JV_ESCAPED     1 /* the string value has escape sequences */
#define BCLINT_JV_KEY_ESCAPED 2 /* so has the member's key */

/* A value: no copies of the text, only where it is.  Strings are decoded
 * on demand (bclint_jv_string); keys are compared in place. */
struct bclint_jv {
	struct bclint_jv *next;  /* next element or member */
	struct bclint_jv *child; /* first element or member */
	uint32_t start, end;     /* the value is text[start, end) */
	uint32_t key;            /* a member's key: offset of its opening quote */
	uint32_t type : 3;       /* enum bclint_jtype */
	uint32_t flags : 2;
	uint32_t n : 27; /* a container's elements or members, at most
	                  * BCLINT_JV_N_MAX (then count them) */
};
#define BCLINT_JV_N_MAX ((1u << 27) - 1)

/* How many elements or members container v has: the parser counted them
 * (no walk over nodes spread through the tree), up to BCLINT_JV_N_MAX. */
size_t bclint_jv_count(const struct bclint_jv *v);

/* Parse text (len bytes; text[len] must be NUL) into a tree allocated in
 * arena.  Returns the root, or NULL with *err set: the first error in the
 * text.  Texts of 2 GiB or more are refused. */
struct bclint_jv *bclint_jparse(const char *text, size_t len, struct bclint_json_error *err,
                                struct bclint_arena *arena);

/* The offsets of a text's line feeds, in order, noted by the parser as it
 * skips white space: in valid JSON no line feed is anywhere else.  An
 * entry has BCLINT_LINE_ASCII set (position.h; offsets are below 2 GiB)
 * when the line it ends holds only ASCII, as most lines of a snapshot do:
 * a column there is a distance in bytes, and resolving it reads no text.
 * Only complete when the parse succeeded and memory lasted; free(at)
 * after. */
struct bclint_lines {
	uint32_t *at;
	size_t n, cap;
	int complete;
};

/* bclint_jparse, noting the line feeds in *lines (zeroed first). */
struct bclint_jv *bclint_jparse_lines(const char *text, size_t len, struct bclint_json_error *err,
                                      struct bclint_arena *arena, struct bclint_lines *lines);

/* A string value (or a member's key), decoded and NUL-terminated, in arena;
 * NULL when memory runs out.  (No string holds a NUL: the parser refuses
 * \u0000.) */
char *bclint_jv_string(struct bclint_arena *arena, const char *text, const struct bclint_jv *v);
char *bclint_jv_key(struct bclint_arena *arena, const char *text, const struct bclint_jv *v);
/* Is the member's key equal to key? (no allocation) */
int bclint_jv_key_is(const char *text, const struct bclint_jv *v, const char *key);

/* A parsed document: its text, its tree and where its lines start, for
 * inputs read as a whole (everything but snapshots, whose loader keeps
 * only the model).  Ownership: the document owns its tree and the strings
 * decoded from it; the text stays the caller's.  bclint_jdoc_free is
 * NULL-safe, and safe after a failed parse. */
struct bclint_jdoc {
	const char *text;
	size_t len;
	struct bclint_jv *root;       /* NULL when the parse failed */
	struct bclint_json_error err; /* why it failed */
	struct bclint_arena arena;
	struct bclint_lines lines;
};

/* Parse text (text[len] must be NUL).  0, or -1 with d->err set. */
int bclint_jdoc_parse(struct bclint_jdoc *d, const char *text, size_t len);
void bclint_jdoc_free(struct bclint_jdoc *d);
/* The 1-based line and column (in code points) of byte offset off. */
void bclint_jdoc_position(const struct bclint_jdoc *d, size_t off, uint32_t *line, uint32_t *col);

/* -- typed getters ------------------------------------------------------ */

/* The member of object obj with this key (the first, if repeated), or
 * NULL; NULL too when obj is NULL or not an object. */
const struct bclint_jv *bclint_jv_member(const char *text, const struct bclint_jv *obj,
                                         const char *key);
/* A string value decoded into the document's arena, or NULL when v is not
 * a string (or memory ran out: d->err.oom). */
const char *bclint_jdoc_string(struct bclint_jdoc *d, const struct bclint_jv *v);
/* A member's key, decoded (NULL only when memory ran out). */
const char *bclint_jdoc_key(struct bclint_jdoc *d, const struct bclint_jv *v);
/* An integer number value in [min, max]: 0 and *out, or -1 when v is not
 * a number, not an integer, or out of range. */
int bclint_jv_integer(const char *text, const struct bclint_jv *v, long long min, long long max,
                      long long *out);
/* "an object", "a string", "a boolean"... for messages. */
const char *bclint_jv_type_name(const struct bclint_jv *v);
static inline int bclint_jv_is_bool(const struct bclint_jv *v)
{
	return v->type == BCLINT_JTRUE || v->type == BCLINT_JFALSE;
}

#endif
