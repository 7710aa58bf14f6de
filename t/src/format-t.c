/* Unit tests of bclint_vformat (src/util.c): byte for byte what vsnprintf
 * gives, both for the conversions it formats itself and for the formats it
 * hands over to vsnprintf, whole and cut short. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "tap.h"
#include "format.h"

#define AREA 128

/* Buffer sizes each format is tried with: room to spare, none at all
 * (NULL buffer), only the terminator, and a cut in the middle. */
static const size_t sizes[] = {AREA, 0, 1, 4};

/* No format attribute: some formats below are malformed on purpose. */
static void same(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int good = 1;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t size = sizes[i];
		/* both areas start alike, so that stray writes past the end show */
		char want[AREA], got[AREA];
		memset(want, 0x5a, sizeof(want));
		memset(got, 0x5a, sizeof(got));
		va_list a1, a2;
		va_copy(a1, ap);
		va_copy(a2, ap);
		int n = vsnprintf(size ? want : NULL, size, fmt, a1);
		int m = bclint_vformat(size ? got : NULL, size, fmt, a2);
		va_end(a2);
		va_end(a1);
		if (n != m || memcmp(want, got, sizeof(want)) != 0) {
			diag("size %zu: vsnprintf %d '%.*s', bclint_vformat %d '%.*s'", size, n,
			     (int)strnlen(want, sizeof(want)), want, m,
			     (int)strnlen(got, sizeof(got)), got);
			good = 0;
		}
	}
	va_end(ap);
	ok(good, "'%s' as vsnprintf", fmt);
}

int main(void)
{
	char long_text[200];
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';

	/* formatted without vsnprintf */
	same("");
	same("no conversion at all");
	same("%s", "abc");
	same("%s", "");
	same("%s", (const char *)NULL);
	same("[%s|%s|%s]", "a", "", "bc");
	same("%s", long_text);
	same("%d", 0);
	same("%d", -1);
	same("%d %d", INT_MIN, INT_MAX);
	same("%i %i", INT_MIN, 42);
	same("%u %u", 0u, UINT_MAX);
	same("%ld %ld", LONG_MIN, LONG_MAX);
	same("%li", -7L);
	same("%lu %lu", 0UL, ULONG_MAX);
	same("%lld %lld %lld", LLONG_MIN, LLONG_MAX, 0LL);
	same("%lli", -1234567890123LL);
	same("%llu %llu", 0ULL, ULLONG_MAX);
	same("%zu %zu", (size_t)0, SIZE_MAX);
	same("%zd %zd %zd", (ssize_t)-5, (ssize_t)0, (ssize_t)(SIZE_MAX / 2));
	same("%c%c%c", 'a', 'b', 'c');
	same("<%c>", 0);
	same("%c", 0xe9);
	same("%%");
	same("100%% of %d%%", 7);
	same("%zu active Admin%s, fewer than min_admins (%lld): %s; make another", (size_t)1, "",
	     2LL, "ana@example.com");
	same("%s needs %s on %s but holds %s: grant at least %s", "ana@example.com",
	     "VIEW_TRANSACTIONS", "this Business Center", "no finance role",
	     "finance_role ANALYST");

	/* handed to vsnprintf whole */
	same("%5d", 42);
	same("%-3s|", "a");
	same("%.2s", "abcdef");
	same("%x", 255u);
	same("%08.3f", 3.14159);
	same("%lu%", 5UL);
	same("%", 1);
	same("%l", 1);
	same("%hd", 5);
	same("%lf", 2.5);
	same("%zx", (size_t)255);
	same("%.*s", 3, "abcdef");
	same("%s then %5d", "first", 7);
	same("%d%x", -1, 255u);
	same("%llu then %+d", ULLONG_MAX, 3);
	return done_testing();
}
