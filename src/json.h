/* JSON parsing with source positions: cJSON parses, then one guided walk
 * over the text stamps every node with the byte range of its value. */
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

/* Parse text (len bytes; text[len] must be NUL) and stamp positions.
 * Returns the root (caller frees with cJSON_Delete) or NULL with *err set.
 * Texts of 2 GiB or more are refused. */
cJSON *bclint_json_parse(const char *text, size_t len, struct bclint_json_error *err);

/* The same, allocating the tree in arena: it is freed with the arena, never
 * with cJSON_Delete, and must not be modified through cJSON. */
cJSON *bclint_json_parse_in(const char *text, size_t len, struct bclint_json_error *err,
                            struct bclint_arena *arena);

/* The byte offset where a stamped node's value starts / ends (just past). */
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
