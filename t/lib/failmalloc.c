/* An LD_PRELOAD shim for allocation-failure tests.  It counts every call
 * of malloc, calloc, realloc and aligned_alloc in the process and makes one of them fail:
 *   FAILMALLOC_FAIL=N    the Nth call (from 1) returns NULL with ENOMEM
 *   FAILMALLOC_COUNT=F   at exit, write the number of calls to file F
 * The real allocators are glibc's __libc_* entry points, so nothing here
 * allocates or needs dlsym.  Not for use with ASan or valgrind, which
 * replace the allocator themselves. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t align, size_t size);

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void *aligned_alloc(size_t align, size_t size);

static unsigned long calls, fail_at;
static int ready;

static void setup(void)
{
	const char *s = getenv("FAILMALLOC_FAIL");
	ready = 1;
	for (fail_at = 0; s != NULL && *s >= '0' && *s <= '9'; s++)
		fail_at = fail_at * 10 + (unsigned long)(*s - '0');
}

/* Is this the call that fails? */
static int fail_now(void)
{
	if (!ready)
		setup();
	if (++calls != fail_at)
		return 0;
	errno = ENOMEM;
	return 1;
}

void *malloc(size_t size)
{
	return fail_now() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __libc_realloc(p, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return fail_now() ? NULL : __libc_memalign(align, size);
}

__attribute__((destructor)) static void report_count(void)
{
	const char *file = getenv("FAILMALLOC_COUNT");
	if (file == NULL)
		return;
	char buf[32], *q = buf + sizeof(buf);
	*--q = '\n';
	unsigned long n = calls;
	do
		*--q = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	if (write(fd, q, (size_t)(buf + sizeof(buf) - q)) < 0)
		calls = 0;
	close(fd);
}
