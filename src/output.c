/* Report output that never leaves a truncated file behind. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
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

static const char *shown(const struct bclint_output *o)
{
	return o->path == NULL || strcmp(o->path, "-") == 0 ? NULL : o->path;
}

static void complain(const struct bclint_output *o, const char *what, int err)
{
	if (shown(o) != NULL)
		bclint_diagf(o->diag, 3, NULL, 0, 0, "%s: %s: %s", o->path, what, strerror(err));
	else
		bclint_diagf(o->diag, 3, NULL, 0, 0, "%s: %s", what, strerror(err));
}

/* Follow path's symbolic links to the file they lead to (which need not
 * exist yet) into o->target.  0, or -1 with errno set (ELOOP after 40). */
static int follow(struct bclint_output *o, const char *path)
{
	char link[PATH_MAX];
	if (snprintf(o->target, sizeof(o->target), "%s", path) >= (int)sizeof(o->target)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		if (lstat(o->target, &st) < 0 || !S_ISLNK(st.st_mode))
			return 0; /* not there (it will be created) or not a link */
		ssize_t n = readlink(o->target, link, sizeof(link) - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		char *slash = strrchr(o->target, '/');
		size_t dir = link[0] == '/' || slash == NULL ? 0 : (size_t)(slash - o->target) + 1;
		if (dir + (size_t)n >= sizeof(o->target)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(o->target + dir, link, (size_t)n + 1);
	}
	errno = ELOOP;
	return -1;
}

int bclint_output_open(struct bclint_output *o, const char *path,
                       const struct bclint_diag_sink *diag)
{
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->diag = diag;
	o->fd = STDOUT_FILENO;
	if (shown(o) == NULL)
		return 0;
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or pipe (e.g. /dev/full): write to it directly */
		o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (o->fd < 0) {
			complain(o, "cannot write the report", errno);
			return -1;
		}
		return 0;
	}
	if (follow(o, path) < 0) {
		complain(o, "cannot follow the link", errno);
		return -1;
	}
	if (stat(o->target, &st) == 0) {
		o->keep = 1;
		o->mode = st.st_mode & 07777;
		o->uid = st.st_uid;
		o->gid = st.st_gid;
	} else {
		mode_t mask = umask(022);
		umask(mask);
		o->mode = 0666 & ~mask;
	}
	if (snprintf(o->tmp, sizeof(o->tmp), "%s.XXXXXX", o->target) >= (int)sizeof(o->tmp)) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: path too long", path);
		return -1;
	}
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		complain(o, "cannot create the report", errno);
		return -1;
	}
	o->replace = 1;
	return 0;
}

/* Give the temporary file the mode (and owner) of the file it replaces.
 * An owner (or group) the user may not give is left as it is, and then
 * the setuid (or setgid) bit is not copied: it would apply to another. */
static int set_mode(struct bclint_output *o)
{
	mode_t mode = o->mode;
	if (o->keep && fchown(o->fd, o->uid, o->gid) < 0) {
		mode &= ~(mode_t)S_ISUID;
		if (fchown(o->fd, (uid_t)-1, o->gid) < 0)
			mode &= ~(mode_t)S_ISGID;
	}
	return fchmod(o->fd, mode);
}

static int sink(void *arg, const char *data, size_t len)
{
	struct bclint_output *o = arg;
	if (o->err != 0)
		return -1;
	if (write_all(o->fd, data, len) < 0) {
		o->err = errno ? errno : EIO;
		return -1;
	}
	o->written += len;
	return 0;
}

void bclint_output_attach(struct bclint_output *o, struct bclint_buf *b)
{
	b->sink = sink;
	b->sink_arg = o;
}

int bclint_output_close(struct bclint_output *o, struct bclint_buf *b, int ok)
{
	if (ok && b != NULL && !b->oom && b->len > 0)
		sink(o, b->data, b->len);
	if (ok && o->err == 0 && o->replace && (fsync(o->fd) < 0 || set_mode(o) < 0))
		o->err = errno;
	if (o->fd != STDOUT_FILENO && close(o->fd) < 0 && o->err == 0)
		o->err = errno;
	o->fd = -1;
	if (o->replace) {
		if (ok && o->err == 0 && rename(o->tmp, o->target) < 0)
			o->err = errno;
		if (!ok || o->err != 0)
			unlink(o->tmp);
	}
	if (o->err != 0) {
		complain(o, "cannot write the report", o->err);
		return -1;
	}
	return ok ? 0 : -1;
}

int bclint_write_output(const char *path, const char *data, size_t len,
                        const struct bclint_diag_sink *diag)
{
	struct bclint_output o;
	if (bclint_output_open(&o, path, diag) < 0)
		return -1;
	struct bclint_buf b = {0};
	bclint_output_attach(&o, &b);
	sink(&o, data, len);
	return bclint_output_close(&o, &b, 1);
}
