/* PCRE2 patterns: compiled with UTF on, and JIT where it helps. */
#ifndef BCLINT_REGEX_H
#define BCLINT_REGEX_H 1

#include <stddef.h>

struct pcre2_real_code_8;

/* The compiled pattern (free with pcre2_code_free), or NULL with PCRE2's
 * message and offset in why (when why is not NULL). */
struct pcre2_real_code_8 *bclint_regex_compile(const char *pattern, char *why, size_t size);
/* 0 if the pattern compiles, else -1 with the reason in why. */
int bclint_regex_check(const char *pattern, char *why, size_t size);

#endif
