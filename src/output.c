/* Report output that never leaves a truncated file behind. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int bclint_write_output(const char *path, const char *data, size_t len)
{
	if (path == NULL || strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, data, len) < 0) {
			fprintf(stderr, "bclint: error: cannot write the report: %s\n", strerror(errno));
			return -1;
		}
		return 0;
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or pipe (e.g. /dev/full): write to it directly */
		FILE *f = fopen(path, "w");
		int rc = f == NULL ? -1 : write_all(fileno(f), data, len);
		if (f != NULL && fclose(f) != 0)
			rc = -1;
		if (rc < 0)
			fprintf(stderr, "bclint: error: %s: cannot write the report: %s\n", path,
			        strerror(errno));
		return rc;
	}
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp)) {
		fprintf(stderr, "bclint: error: %s: path too long\n", path);
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "bclint: error: %s: cannot create the report: %s\n", path,
		        strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0 || fchmod(fd, 0644) < 0) {
		int saved = errno;
		close(fd);
		unlink(tmp);
		fprintf(stderr, "bclint: error: %s: cannot write the report: %s\n", path,
		        strerror(saved));
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int saved = errno;
		unlink(tmp);
		fprintf(stderr, "bclint: error: %s: cannot write the report: %s\n", path,
		        strerror(saved));
		return -1;
	}
	return 0;
}
