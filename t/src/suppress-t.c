/* Unit tests of suppressions (src/suppress.c): by pointer, by pattern
 * over the entity's subjects, any rule, expiry, use counts, and the
 * findings about expired and unused suppressions. */
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <bclint/plugin.h>

#include "regex.h"
#include "suppress.h"
#include "tap.h"

int main(void)
{
	plan(11);
	struct bclint_suppression v[4] = {
	        {.rule = "a", .pointer = "/members/1", .reason = "one", .expires = BCLINT_NO_TIME},
	        {.rule = "*",
	         .match = bclint_regex_compile("^svc-", NULL, 0),
	         .reason = "svc",
	         .expires = BCLINT_NO_TIME,
	         .start = 10,
	         .end = 20},
	        {.rule = "b",
	         .pointer = "/bc",
	         .reason = "old",
	         .expires = 100,
	         .expires_text = "1970-01-01"},
	        {.rule = "c", .pointer = "/bc", .reason = "never used", .expires = BCLINT_NO_TIME},
	};
	struct bclint_suppressions s = {v, 4, NULL};
	const char *none[] = {NULL}, *svc[] = {"svc-x@acme.example", "Service", NULL};
	bclint_suppressions_expire(&s, 1000);
	ok(v[2].expired && !v[0].expired && !v[3].expired, "expiry: only the one before now");
	ok(bclint_suppression_find(&s, "a", "/members/1", none) == &v[0], "by rule and pointer");
	ok(bclint_suppression_find(&s, "b", "/members/1", none) == NULL, "not another rule's");
	ok(bclint_suppression_find(&s, "zz", "/members/2", svc) == &v[1], "any rule, by pattern");
	ok(bclint_suppression_find(&s, "zz", "/members/2", none) == NULL, "no subject, no match");
	ok(bclint_suppression_find(&s, "b", "/bc", none) == NULL,
	   "an expired one suppresses nothing");
	ok(v[0].used == 1 && v[1].used == 1 && v[2].used == 0, "uses counted");

	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	bclint_suppressions_report(&s, &r, 0);
	ok(r.n_findings == 2, "two findings: the expired and the unused one");
	is_string(r.findings[0]->message,
	          "suppression of 'b' expired on 1970-01-01 and no longer "
	          "applies (old): fix the findings or renew it",
	          "the expired one's message");
	ok(!strcmp(r.findings[0]->rule, "suppression-expired") &&
	           r.findings[0]->level == BCLINT_LEVEL_WARNING &&
	           !strcmp(r.findings[0]->ref.pointer, "/suppressions/2"),
	   "a warning at its pointer");
	ok(!strcmp(r.findings[1]->rule, "suppression-unused") &&
	           r.findings[1]->level == BCLINT_LEVEL_NOTE &&
	           !strcmp(r.findings[1]->message,
	                   "suppression of 'c' matched no finding: remove it"),
	   "the unused one, a note");
	bclint_report_free(&r);
	pcre2_code_free(v[1].match);
	bclint_suppressions_release(&s);
	return done_testing();
}
