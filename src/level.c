/* Finding levels by name. */
#include "config.h"

#include <string.h>

#include "level.h"

static const char *const level_names[] = {"default", "note", "warning", "error", "off"};

int bclint_level_from_name(const char *s)
{
	for (int i = 1; i < 5; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

const char *bclint_level_name(int level)
{
	return level >= 0 && level < 5 ? level_names[level] : "?";
}
