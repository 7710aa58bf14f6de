/* Reading input files.  Snapshots can be large: a big regular file is
 * mapped rather than copied, so its pages are the page cache's and no
 * fresh memory is written. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

#define MAP_MIN ((size_t)1 << 16)

static int read_fd(int fd, const struct stat *st, struct bclint_text *t)
{
	size_t cap = S_ISREG(st->st_mode) && st->st_size > 0 ? (size_t)st->st_size + 1 : 65536;
	size_t n = 0;
	char *buf = malloc(cap);
	while (buf != NULL) {
		if (n + 1 >= cap) {
			char *p = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
			if (p == NULL) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int saved = errno;
			free(buf);
			errno = saved;
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (buf == NULL) {
		errno = ENOMEM;
		return -1;
	}
	buf[n] = '\0';
	*t = bclint_text_own(buf, n);
	return 0;
}

/* Map a regular file of size bytes read-only, followed by at least one
 * zero byte: an anonymous reservation first, the file over its start.
 * -1 when it cannot be mapped (then it is read instead). */
static int map_fd(int fd, size_t size, struct bclint_text *t)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || size > SIZE_MAX - 2 * (size_t)page)
		return -1;
	size_t total = (size / (size_t)page + 1) * (size_t)page;
	char *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return -1;
	if (mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(base, total);
		return -1;
	}
	*t = (struct bclint_text){base, size, total};
	return 0;
}

int bclint_text_read(const char *path, struct bclint_text *t)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	memset(t, 0, sizeof(*t));
	if (fd < 0)
		return -1;
	int rc;
	if (fstat(fd, &st) < 0) {
		rc = -1;
	} else if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rc = -1;
	} else if (fd != STDIN_FILENO && S_ISREG(st.st_mode) && (uintmax_t)st.st_size >= MAP_MIN &&
	           (uintmax_t)st.st_size < SIZE_MAX && map_fd(fd, (size_t)st.st_size, t) == 0) {
		rc = 0;
	} else {
		rc = read_fd(fd, &st, t);
	}
	if (fd != STDIN_FILENO) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return rc;
}

struct bclint_text bclint_text_own(char *data, size_t len)
{
	return (struct bclint_text){data, len, 0};
}

void bclint_text_free(struct bclint_text *t)
{
	if (t->mapped)
		munmap(t->data, t->mapped);
	else
		free(t->data);
	memset(t, 0, sizeof(*t));
}
