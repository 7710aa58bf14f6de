/* Finding levels (enum bclint_level) by name. */
#ifndef BCLINT_LEVEL_H
#define BCLINT_LEVEL_H 1

/* "error", "warning", "note" or "off": the level, or -1. */
int bclint_level_from_name(const char *s);
/* The level's name; "?" for a value out of range. */
const char *bclint_level_name(int level);

#endif
