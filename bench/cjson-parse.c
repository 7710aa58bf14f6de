/* bench/cjson-parse: the floor for bclint's run time and memory.  Read one
 * regular file into a buffer of its size and parse it with cJSON, nothing
 * else: no positions, no model, no rules.  Exit 0 if it parsed, 1 if not,
 * 2 on a usage or read error.
 *
 * With --arena, cJSON allocates from a bump allocator instead (through
 * cJSON_InitHooks; free does nothing and the whole arena goes at once):
 * what the parse costs when per-node malloc and free are taken away, one
 * of the levers bench/README.md weighs. */
#include "config.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The bump allocator: chunks of at least CHUNK bytes, chained through
 * their first word, all released by arena_release. */
#define CHUNK (4u << 20)
static char *chunk, *at, *end;

static void *arena_malloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (chunk == NULL || (size_t)(end - at) < n) {
		size_t size = n + 16 > CHUNK ? n + 16 : CHUNK;
		char *c = malloc(size);
		if (c == NULL)
			return NULL;
		*(char **)c = chunk;
		chunk = c;
		at = c + 16;
		end = c + size;
	}
	void *p = at;
	at += n;
	return p;
}

static void arena_free(void *p)
{
	(void)p;
}

static void arena_release(void)
{
	while (chunk != NULL) {
		char *next = *(char **)chunk;
		free(chunk);
		chunk = next;
	}
}

int main(int argc, char **argv)
{
	int arena = argc == 3 && strcmp(argv[1], "--arena") == 0;
	if (argc != 2 + arena) {
		fprintf(stderr, "usage: cjson-parse [--arena] FILE\n");
		return 2;
	}
	if (arena) {
		cJSON_Hooks hooks = {arena_malloc, arena_free};
		cJSON_InitHooks(&hooks);
		argv++;
	}
	int fd = open(argv[1], O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "cjson-parse: %s: cannot read a regular file\n", argv[1]);
		if (fd >= 0)
			close(fd);
		return 2;
	}
	size_t len = (size_t)st.st_size, have = 0;
	char *buf = malloc(len + 1);
	while (buf != NULL && have < len) {
		ssize_t got = read(fd, buf + have, len - have);
		if (got <= 0)
			break;
		have += (size_t)got;
	}
	close(fd);
	if (buf == NULL || have != len) {
		fprintf(stderr, "cjson-parse: %s: read failed\n", argv[1]);
		free(buf);
		return 2;
	}
	buf[len] = '\0';
	cJSON *root = cJSON_ParseWithLength(buf, len);
	int ok = root != NULL;
	if (arena)
		arena_release();
	else
		cJSON_Delete(root);
	free(buf);
	return ok ? 0 : 1;
}
