/* The TAP producer behind t/lib/tap.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int planned = -1, run, failed;

void plan(int n)
{
	planned = n;
	printf("1..%d\n", n);
}

void skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

static int vresult(int cond, const char *fmt, va_list ap)
{
	run++;
	failed += !cond;
	printf("%s %d - ", cond ? "ok" : "not ok", run);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vresult(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int cond = vresult(got == want, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("     got: %lld\n# expected: %lld", got, want);
	return cond;
}

int is_string(const char *got, const char *want, const char *fmt, ...)
{
	int same = (got == NULL && want == NULL) ||
	           (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_list ap;
	va_start(ap, fmt);
	vresult(same, fmt, ap);
	va_end(ap);
	if (!same)
		diag("     got: '%s'\n# expected: '%s'", got ? got : "(null)",
		     want ? want : "(null)");
	return same;
}

void diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int done_testing(void)
{
	if (planned < 0)
		printf("1..%d\n", run);
	else if (planned != run)
		diag("planned %d tests but ran %d", planned, run);
	return failed || (planned >= 0 && planned != run);
}
