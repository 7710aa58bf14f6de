/* Unit tests of the arena (src/arena.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

int main(void)
{
	plan(9);
	struct bclint_arena a = {0};
	char *s = bclint_arena_strndup(&a, "abcdef", 3);
	char *t = bclint_arena_strndup(&a, "xy", 2);
	is_string(s, "abc", "strndup: the first n bytes, terminated");
	ok(t == s + 4, "strings are packed: no padding between them");
	void *p = bclint_arena_alloc(&a, 24);
	ok(((uintptr_t)p % _Alignof(max_align_t)) == 0, "an allocation after a string is aligned");
	unsigned char *z = bclint_arena_calloc(&a, 100, 3);
	int zero = z != NULL;
	for (int i = 0; zero && i < 300; i++)
		zero = z[i] == 0;
	ok(zero, "calloc: zeroed");
	ok(bclint_arena_calloc(&a, SIZE_MAX / 2, 4) == NULL, "calloc: an overflowing size fails");
	/* bigger than a block: one of its own, and the arena goes on */
	char *big = bclint_arena_alloc(&a, (size_t)3 << 20);
	char *after = bclint_arena_strdup(&a, "after");
	ok(big != NULL && after != NULL && strcmp(after, "after") == 0,
	   "a 3 MiB allocation, and a small one after it");
	memset(big, 1, (size_t)3 << 20); /* valgrind and ASan see it as the arena's */
	is_string(bclint_arena_printf(&a, "%s-%d-%zu", "x", -3, (size_t)7), "x--3-7", "printf");
	char long_one[600];
	memset(long_one, 'y', sizeof(long_one) - 1);
	long_one[sizeof(long_one) - 1] = '\0';
	ok(strcmp(bclint_arena_printf(&a, "%s", long_one), long_one) == 0,
	   "printf: longer than its first try");
	bclint_arena_reset(&a);
	ok(bclint_arena_alloc(&a, 16) != NULL, "allocation after a reset");
	bclint_arena_free(&a);
	return done_testing();
}
