/* src/roster.c: reading a roster, CSV and JSON alike, and finding members
 * on it (an email ignoring case first, then the first pattern in file
 * order); and the end date, which is the last day in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roster.h"
#include "tap.h"
#include "timestamp.h"

static char diags[1024];

static void collect(void *arg, const struct bclint_diag *d)
{
	(void)arg;
	size_t n = strlen(diags);
	snprintf(diags + n, sizeof(diags) - n, "%u:%u: %s\n", d->line, d->col, d->message);
}

/* Read text as a roster file; the diagnostics go to diags. */
static int read_text(struct bclint_roster *r, const char *text)
{
	char path[] = "/tmp/roster-t.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -2;
	close(fd);
	struct bclint_diag_sink sink = {collect, NULL};
	diags[0] = '\0';
	int rc = bclint_roster_read(r, path, &sink);
	unlink(path);
	return rc;
}

/* The email of the entry that names email, or "-". */
static const char *who(const struct bclint_roster *r, const char *email)
{
	const struct bclint_roster_entry *e = bclint_roster_find(r, email);
	return e != NULL ? e->email : "-";
}

static void lookups(const char *what, const char *text)
{
	struct bclint_roster r;
	is_int(read_text(&r, text), 0, "%s: read", what);
	is_string(diags, "", "%s: no diagnostic", what);
	is_int((long long)r.n, 4, "%s: four entries", what);
	is_string(who(&r, "ANA@acme.example"), "ana@Acme.example", "%s: an email, ignoring case",
	          what);
	is_string(who(&r, "sam@agency.example"), "^[a-z]+@agency\\.example$",
	          "%s: a pattern, ignoring case", what);
	is_string(who(&r, "Sam@Agency.Example"), "^[a-z]+@agency\\.example$",
	          "%s: a pattern matches ignoring case", what);
	is_string(who(&r, "ops@agency.example"), "ops@agency.example",
	          "%s: an email before any pattern", what);
	is_string(who(&r, "x.y@agency.example"), "^.*@agency\\.example$",
	          "%s: else the first pattern that matches, in file order", what);
	is_string(who(&r, "bo@acme.example"), "-", "%s: not on the roster", what);
	const struct bclint_roster_entry *e = bclint_roster_find(&r, "ana@acme.example");
	bclint_time t;
	bclint_parse_time("2026-10-31", &t);
	ok(e != NULL && e->end == t + 86400, "%s: an end date is in until the end of its day",
	   what);
	ok(e != NULL && strcmp(e->end_date, "2026-10-31") == 0 &&
	           strcmp(e->kind, "contractor") == 0 && strcmp(e->name, "Ana") == 0 &&
	           e->line == 2,
	   "%s: end date as written, kind, name and line", what);
	bclint_roster_free(&r);
}

int main(void)
{
	plan(25);
	lookups("csv", "name,email,end_date,kind\n"
	               "Ana,ana@Acme.example,2026-10-31,contractor\n"
	               ",^[a-z]+@agency\\.example$,,agency\n"
	               ",^.*@agency\\.example$,,\n"
	               "Ops,ops@agency.example,,\n");
	lookups("json",
	        "[\n"
	        "{\"email\": \"ana@Acme.example\", \"name\": \"Ana\", \"end_date\": \"2026-10-31\", "
	        "\"kind\": \"contractor\"},\n"
	        "{\"email\": \"^[a-z]+@agency\\\\.example$\", \"kind\": \"agency\"},\n"
	        "{\"email\": \"^.*@agency\\\\.example$\", \"name\": null},\n"
	        "{\"email\": \"ops@agency.example\"}]\n");
	struct bclint_roster r;
	is_int(read_text(&r, "email,end_date\na@x.example,2026-01-01T12:00:00Z\n"), 0,
	       "an RFC 3339 end date");
	bclint_time t;
	bclint_parse_time("2026-01-01T12:00:00Z", &t);
	ok(r.n == 1 && r.entries[0].end == t, "a timestamp's end is that moment");
	bclint_roster_free(&r);
	is_int(read_text(&r, "email\n"), 0, "a header alone: an empty roster");
	bclint_roster_free(&r);
	return done_testing();
}
