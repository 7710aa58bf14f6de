/* bench/cjson-parse: the floor for bclint's run time and memory.  Read one
 * regular file into a buffer of its size and parse it with cJSON, nothing
 * else: no positions, no model, no rules.  Exit 0 if it parsed, 1 if not,
 * 2 on a usage or read error. */
#include "config.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cjson-parse FILE\n");
		return 2;
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
	cJSON_Delete(root);
	free(buf);
	return ok ? 0 : 1;
}
