/* Unit tests of shared regions (src/region.c) and arenas on them. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "region.h"
#include "tap.h"

int main(void)
{
	plan(22);
	struct bclint_region g;
	ok(bclint_region_map(&g) == 0 && g.size >= ((size_t)16 << 20),
	   "a region of at least 16 MiB");
	char *s = bclint_region_take(&g, 3, 1);
	void *p = bclint_region_take(&g, 24, _Alignof(max_align_t));
	ok(s == g.base && (uintptr_t)p % _Alignof(max_align_t) == 0,
	   "take: in order, aligned as asked");
	ok(bclint_region_take(&g, g.size, 1) == NULL, "take: more than is left fails");

	/* the worker's side: a finding's text written on an arena, then sealed */
	struct bclint_arena a;
	bclint_arena_on_region(&a, &g);
	int fds[2];
	if (!ok(pipe(fds) == 0, "a pipe to the worker"))
		return done_testing();
	pid_t pid = fork();
	if (pid == 0) {
		char *msg = bclint_arena_strdup(&a, "sealed text");
		size_t sealed;
		bclint_arena_seal(&a);
		sealed = g.sealed;
		if (write(fds[1], &msg, sizeof(msg)) < 0 ||
		    write(fds[1], &sealed, sizeof(sealed)) < 0)
			_exit(3);
		msg[0] = 'X'; /* read-only now: this write ends the worker */
		_exit(0);
	}
	char *msg = NULL;
	size_t sealed = 0;
	int status = 0;
	ok(read(fds[0], &msg, sizeof(msg)) == sizeof(msg) &&
	           read(fds[0], &sealed, sizeof(sealed)) == sizeof(sealed),
	   "the worker says where it wrote");
	waitpid(pid, &status, 0);
	/* killed by SIGSEGV; under ASan, whose handler reports the SEGV, a
	 * failing exit (3 would be the pipe's failure, 0 a write that worked) */
	ok((WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) ||
	           (WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3),
	   "a write to what the worker sealed ends it (SIGSEGV)");
	ok(!bclint_region_holds_str(&g, msg),
	   "before the caller hears of the seal, nothing is held");
	bclint_region_sealed(&g, sealed);
	ok(sealed % 4096 == 0 && g.sealed == sealed, "sealed: page-aligned");
	is_string(msg, "sealed text", "the caller reads the text where the worker wrote it");
	ok(bclint_region_holds_str(&g, msg), "holds_str: a string in what is sealed");
	ok(!bclint_region_holds(&g, g.base + sealed - 2, 4), "holds: not past the seal");
	ok(!bclint_region_holds(&g, "elsewhere", 1), "holds: not outside the region");
	ok(!bclint_region_holds_str(&g, NULL), "holds_str: not NULL");
	memset(g.base + sealed - 5, 'z', 5); /* no NUL before the seal */
	ok(!bclint_region_holds_str(&g, g.base + sealed - 5), "holds_str: a string must end in it");
	bclint_region_sealed(&g, 0);
	ok(g.sealed == sealed, "sealed: never fewer than before");
	bclint_region_trim(&g);
	ok(g.size == sealed && strcmp(msg, "sealed text") == 0, "trim: what is sealed is kept");
	ok(bclint_region_reuse(&g) == -1 && g.sealed == sealed, "reuse: not once trimmed");
	bclint_arena_free(&a);
	bclint_region_unmap(&g);

	/* reuse: a second worker fills the region again, over the first's pages */
	struct bclint_region h;
	ok(bclint_region_map(&h) == 0, "a second region");
	pid = fork();
	if (pid == 0) {
		char *q = bclint_region_take(&h, 5000, 1);
		memset(q, 'a', 5000);
		bclint_region_seal(&h);
		_exit(write(fds[1], &h.sealed, sizeof(h.sealed)) == sizeof(h.sealed) ? 0 : 3);
	}
	ok(read(fds[0], &sealed, sizeof(sealed)) == sizeof(sealed) &&
	           waitpid(pid, &status, 0) == pid,
	   "the first worker seals 5,000 bytes");
	bclint_region_sealed(&h, sealed);
	ok(bclint_region_reuse(&h) == 0 && h.used == 0 && h.sealed == 0 && h.ready == 0 &&
	           !bclint_region_holds(&h, h.base, 1),
	   "reuse: empty again, nothing held");
	pid = fork();
	if (pid == 0) {
		volatile char c = h.base[0]; /* none of it is reachable: this ends the process */
		(void)c;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok((WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) ||
	           (WIFEXITED(status) && WEXITSTATUS(status) != 0),
	   "reuse: the caller can no longer read what was sealed");
	pid = fork();
	if (pid == 0) {
		char *q = bclint_region_take(&h, 5000, 1);
		size_t i = 0;
		while (i < 5000 && q[i] == 'a')
			i++;
		_exit(q == h.base && i == 5000 ? 0 : 4);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "reuse: the next worker takes from the start, the pages as they were");
	bclint_region_unmap(&h);
	close(fds[0]);
	close(fds[1]);
	return done_testing();
}
