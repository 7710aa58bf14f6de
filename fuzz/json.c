/* libFuzzer target: the JSON position layer (src/json.c, src/position.c).
 * Any input either fails with an offset inside the text, or parses with
 * every node stamped with a range that lies inside the text, starts at a
 * character that can begin that kind of value, and nests inside its
 * parent's range.  Positions then resolve to lines and columns.  When text
 * follows the value, the text before it must parse on its own. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "position.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const cJSON *node, const char *text, size_t len, uint32_t lo, uint32_t hi)
{
	uint32_t start = bclint_json_start(node), end = bclint_json_end(node, text);
	if (start < lo || end > hi || start >= end || end > len)
		abort();
	const char *first = "";
	switch (node->type & 0xff) {
	case cJSON_Object: first = "{"; break;
	case cJSON_Array: first = "["; break;
	case cJSON_String: first = "\""; break;
	case cJSON_Number: first = "-0123456789"; break;
	case cJSON_True: first = "t"; break;
	case cJSON_False: first = "f"; break;
	case cJSON_NULL: first = "n"; break;
	default: abort();
	}
	if (strchr(first, text[start]) == NULL || text[start] == '\0')
		abort();
	uint32_t line, col;
	bclint_position_of(text, len, start, &line, &col);
	if (line == 0 || col == 0 || col > start + 1)
		abort();
	for (const cJSON *c = node->child; c != NULL; c = c->next)
		check(c, text, len, start, end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct bclint_json_error err;
	cJSON *root = bclint_json_parse(text, size, &err);
	if (root == NULL) {
		if (err.offset > size || err.message == NULL)
			abort();
		uint32_t line, col;
		bclint_position_of(text, size, err.offset, &line, &col);
		/* Text after the value: what comes before it is a whole document. */
		if (strcmp(err.message, "unexpected text after the JSON value") == 0) {
			char *head = malloc(err.offset + 1);
			if (head != NULL) {
				memcpy(head, text, err.offset);
				head[err.offset] = '\0';
			}
			struct bclint_json_error e2;
			cJSON *doc = head ? bclint_json_parse(head, err.offset, &e2) : NULL;
			if (head != NULL && doc == NULL && !e2.oom)
				abort();
			cJSON_Delete(doc);
			free(head);
		}
	} else {
		check(root, text, size, 0, (uint32_t)size);
	}
	cJSON_Delete(root);
	free(text);
	return 0;
}
