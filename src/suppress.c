/* Matching findings against suppressions. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <bclint/plugin.h>

#include "hash.h"
#include "suppress.h"

struct bclint_suppression *bclint_suppression_find(struct bclint_suppressions *s, const char *rule,
                                                   const char *pointer, const char *const *subjects)
{
	for (size_t i = 0; i < s->n; i++) {
		struct bclint_suppression *sup = &s->v[i];
		if (sup->expired || (strcmp(sup->rule, "*") != 0 && strcmp(sup->rule, rule) != 0))
			continue;
		int hit = sup->pointer != NULL && strcmp(sup->pointer, pointer) == 0;
		if (!hit && sup->match != NULL) {
			if (s->md == NULL && (s->md = pcre2_match_data_create(1, NULL)) == NULL)
				return NULL;
			for (size_t k = 0; subjects[k] != NULL && !hit; k++)
				hit = pcre2_match(sup->match, (PCRE2_SPTR)subjects[k],
				                  PCRE2_ZERO_TERMINATED, 0, 0, s->md, NULL) >= 0;
		}
		if (hit) {
			sup->used++;
			return sup;
		}
	}
	return NULL;
}

void bclint_suppressions_expire(struct bclint_suppressions *s, bclint_time now)
{
	for (size_t i = 0; i < s->n; i++)
		s->v[i].expired = s->v[i].expires != BCLINT_NO_TIME && s->v[i].expires < now;
}

void bclint_suppressions_report(const struct bclint_suppressions *s, struct bclint_report *r,
                                uint32_t file)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct bclint_suppression *sup = &s->v[i];
		char msg[512], ptr[48];
		snprintf(ptr, sizeof(ptr), "/suppressions/%zu", i);
		struct bclint_finding f = {
		        .file = file,
		        .pos.off = sup->start,
		        .end.off = sup->end,
		        .ref.pointer = ptr,
		        .identity = bclint_hash64(ptr, strlen(ptr), 0x5e),
		};
		if (sup->expired) {
			snprintf(msg, sizeof(msg),
			         "suppression of '%s' expired on %s and no longer "
			         "applies (%s): fix the findings or renew it",
			         sup->rule, sup->expires_text, sup->reason);
			f.rule = "suppression-expired";
			f.level = BCLINT_LEVEL_WARNING;
		} else if (sup->used == 0) {
			snprintf(msg, sizeof(msg),
			         "suppression of '%s' matched no finding: remove it", sup->rule);
			f.rule = "suppression-unused";
			f.level = BCLINT_LEVEL_NOTE;
		} else {
			continue;
		}
		bclint_report_addz(r, &f, msg);
	}
}

void bclint_suppressions_release(struct bclint_suppressions *s)
{
	pcre2_match_data_free(s->md);
	s->md = NULL;
}
