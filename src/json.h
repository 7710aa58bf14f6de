/* JSON with source positions.  One strict RFC 8259 parser reads every
 * input: into a compact tree of byte ranges over the text (snapshots,
 * which are large), or from that tree into cJSON (configuration files,
 * baselines, API responses, a snapshot's policy), each node stamped with
 * the byte range of its value. */
#ifndef BCLINT_JSON_H
#define BCLINT_JSON_H 1

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Why a text could not be parsed: the byte offset and a static message. */
struct bclint_json_error {
	size_t offset;
	const char *message;
	int has_byte;        /* byte is meaningful */
	unsigned char byte; /* the offending byte (bad UTF-8, control character) */
	int oom;            /* memory ran out: not the text's fault */
};

/* Containers nest at most this deep (cJSON's own limit, kept for the
 * trees given to cJSON). */
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
#define BCLINT_JV_ESCAPED 1     /* the string value has escape sequences */
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
	uint32_t n : 27;         /* a container's elements or members, at most
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
 * skips white space: in valid JSON no line feed is anywhere else.  Only
 * complete when the parse succeeded and memory lasted; free(at) after. */
struct bclint_lines {
	uint32_t *at;
	size_t n, cap;
	int complete;
};

/* bclint_jparse, noting the line feeds in *lines (zeroed first). */
struct bclint_jv *bclint_jparse_lines(const char *text, size_t len,
                                      struct bclint_json_error *err,
                                      struct bclint_arena *arena, struct bclint_lines *lines);

/* A string value (or a member's key), decoded and NUL-terminated, in arena;
 * NULL when memory runs out.  A \u0000 escape ends the C string early. */
char *bclint_jv_string(struct bclint_arena *arena, const char *text, const struct bclint_jv *v);
char *bclint_jv_key(struct bclint_arena *arena, const char *text, const struct bclint_jv *v);
/* Is the member's key equal to key? (no allocation) */
int bclint_jv_key_is(const char *text, const struct bclint_jv *v, const char *key);

/* The tree under v as cJSON (allocated with cJSON's hooks, caller frees
 * with cJSON_Delete), stamped with positions as below; NULL when memory
 * runs out. */
cJSON *bclint_jv_to_cjson(const char *text, const struct bclint_jv *v);

/* Parse text into cJSON: bclint_jparse, then bclint_jv_to_cjson. */
cJSON *bclint_json_parse(const char *text, size_t len, struct bclint_json_error *err);

/* The byte offset where a stamped cJSON node's value starts / ends (just
 * past): valueint holds the start, valuedouble the end except for numbers,
 * whose value it holds. */
static inline uint32_t bclint_json_start(const cJSON *node)
{
	return (uint32_t)node->valueint;
}
uint32_t bclint_json_end(const cJSON *node, const char *text);

/* A number node's value (valueint is reused for the position). */
static inline double bclint_json_number(const cJSON *node)
{
	return node->valuedouble;
}

#endif
