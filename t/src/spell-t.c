/* Unit tests of the near-miss finder (src/spell.c) behind "did you mean". */
#include <stdint.h>
#include <string.h>

#include "spell.h"
#include "tap.h"

int main(void)
{
	static const char *const keys[] = {"user_id", "user_role", "x_two_step_enabled", NULL};
	char longer[BCLINT_SPELL_MAX + 2];
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';

	plan(10);
	ok(bclint_spell_distance("", "") == 0, "nothing and nothing: 0");
	ok(bclint_spell_distance("abc", "") == 3, "a word and nothing: its length");
	ok(bclint_spell_distance("kitten", "sitting") == 3, "kitten, sitting: 3");
	ok(bclint_spell_distance("User_Role", "user_role") == 0, "case is not a difference");
	ok(bclint_spell_distance("assignment", "assignments") == 1, "one letter left out: 1");
	ok(bclint_spell_distance(longer, "a") == SIZE_MAX, "a word too long is near nothing");
	is_string(bclint_spell_nearest("user_rol", keys, 1), "user_role", "the nearest within 1");
	ok(bclint_spell_nearest("user_status", keys, 1) == NULL, "nothing within 1");
	is_string(bclint_spell_nearest("x_two_step_enable", keys, 3), "x_two_step_enabled",
	          "the nearest within 3");
	is_string(bclint_spell_nearest("user_ix", keys, 2), "user_id", "the first of the nearest");
	return done_testing();
}
