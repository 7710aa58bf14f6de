/* Compiling the PCRE2 patterns of options, configuration and policy. */
#include "config.h"

#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include "regex.h"

struct pcre2_real_code_8 *bclint_regex_compile(const char *pattern, char *why, size_t size)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code,
	                               &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof(msg));
		if (why != NULL)
			snprintf(why, size, "bad regular expression '%s': %s at offset %zu",
			         pattern, (const char *)msg, (size_t)off);
		return NULL;
	}
	/* JIT code reads whole words past a subject's terminator, which
	 * memcheck reports as uninitialised reads; the interpreter gives the
	 * same answers, so under valgrind it is used instead. */
	if (!RUNNING_ON_VALGRIND)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int bclint_regex_check(const char *pattern, char *why, size_t size)
{
	pcre2_code *re = bclint_regex_compile(pattern, why, size);
	pcre2_code_free(re);
	return re == NULL ? -1 : 0;
}
