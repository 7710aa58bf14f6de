/* Unit tests of reading the configuration file (src/conffile.c): what it
 * keeps, every error at its line and column in file order, comments, and
 * files that are absent or unreadable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bclint/plugin.h>

#include "conffile.h"
#include "tap.h"

static char said[4096];

static void collect(void *arg, const struct bclint_diag *d)
{
	(void)arg;
	size_t n = strlen(said);
	if (d->line > 0)
		snprintf(said + n, sizeof(said) - n, "%s:%u:%u: %s\n", d->file, d->line, d->col,
		         d->message);
	else
		snprintf(said + n, sizeof(said) - n, "%s\n", d->message);
}

static const struct bclint_diag_sink sink = {collect, NULL};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

int main(void)
{
	plan(16);
	char dir[] = "/tmp/conffile-t.XXXXXX", path[64];
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/c.json", dir);
	struct bclint_config c;

	write_file(path,
	           "{\"// a comment\": 1,\n \"rules\": {\"x\": \"off\"},\n"
	           " \"plugins\": [\"p.so\", \"/abs/q.so\"],\n"
	           " \"suppressions\": [{\"rule\": \"*\", \"match\": \"^a\", \"reason\": \"r\",\n"
	           "   \"expires\": \"2027-01-31\", \"// why\": \"x\"}]}\n");
	ok(bclint_config_read(&c, path, 1, &sink) == 0 && c.n_errors == 0, "a valid file");
	ok(c.rules != NULL && c.rules->type == BCLINT_JOBJECT, "its rules object is kept");
	ok(c.n_plugins == 2 && !strcmp(c.plugins[1].path, "/abs/q.so") &&
	           !strncmp(c.plugins[0].path, dir, strlen(dir)) &&
	           strstr(c.plugins[0].path, "/p.so"),
	   "plugins: relative to the file's directory");
	ok(c.supps.n == 1 && c.supps.v[0].match != NULL && !strcmp(c.supps.v[0].reason, "r") &&
	           c.supps.v[0].expires == 1801353600,
	   "a suppression, with its pattern and date");
	bclint_config_free(&c);

	write_file(path,
	           "{\"rules\": [],\n \"bogus\": 1,\n \"suppressions\": [{\"rule\": \"a\"},\n"
	           "  {\"rule\": 3, \"reason\": \"r\", \"pointer\": \"x\", \"match\": \"(\"},\n"
	           "  {\"rule\": \"a\", \"reason\": \"\", \"pointer\": \"/x\", \"expires\": "
	           "\"soon\"}],\n \"plugins\": [1], \"rules\": {}}\n");
	said[0] = '\0';
	ok(bclint_config_read(&c, path, 1, &sink) == 0 && c.n_errors == 9, "nine errors found");
	is_int((long long)bclint_config_flush(&c, &sink), 9, "flush: nine handed on");
	char want[2048];
	snprintf(want, sizeof(want),
	         "%1$s:1:11: 'rules' must be an object, not an array\n"
	         "%1$s:2:11: unknown key 'bogus' (rules, plugins, suppressions, roster)\n"
	         "%1$s:3:19: a suppression needs 'rule', 'reason', and 'pointer' or 'match'\n"
	         "%1$s:4:3: a suppression needs 'rule', 'reason', and 'pointer' or 'match'\n"
	         "%1$s:4:12: 'rule' must be a string, not a number\n"
	         "%1$s:5:27: 'reason' must not be empty\n"
	         "%1$s:5:59: 'expires' is not a date or RFC 3339 timestamp: 'soon'\n"
	         "%1$s:6:14: a plugin must be a path string, not a number\n"
	         "%1$s:6:27: duplicate key 'rules'\n",
	         path);
	is_string(said, want, "every error at its value's line and column, in file order");
	bclint_config_free(&c);

	write_file(path, "{\"rules\": {}, \"rules\": {}}");
	said[0] = '\0';
	bclint_config_read(&c, path, 1, &sink);
	bclint_config_flush(&c, &sink);
	snprintf(want, sizeof(want), "%s:1:24: duplicate key 'rules'\n", path);
	is_string(said, want, "a duplicate key");
	bclint_config_free(&c);

	write_file(path, "[1]");
	said[0] = '\0';
	bclint_config_read(&c, path, 1, &sink);
	bclint_config_flush(&c, &sink);
	snprintf(want, sizeof(want), "%s:1:1: the configuration must be an object, not an array\n",
	         path);
	is_string(said, want, "not an object");
	bclint_config_free(&c);

	write_file(path, "{\n  \"rules\": {\n}");
	said[0] = '\0';
	bclint_config_read(&c, path, 1, &sink);
	bclint_config_flush(&c, &sink);
	snprintf(want, sizeof(want), "%s:3:2: malformed JSON: unexpected end of file\n", path);
	is_string(said, want, "malformed JSON");
	bclint_config_free(&c);

	snprintf(path, sizeof(path), "%s/absent.json", dir);
	said[0] = '\0';
	ok(bclint_config_read(&c, path, 0, &sink) == 0 && c.path == NULL && said[0] == '\0',
	   "an implicit file that is absent: no configuration, no message");
	bclint_config_free(&c);
	ok(bclint_config_read(&c, path, 1, &sink) < 0, "an explicit one: an error");
	snprintf(want, sizeof(want), "%s: cannot read configuration: No such file or directory\n",
	         path);
	is_string(said, want, "and its message");
	bclint_config_free(&c);
	said[0] = '\0';
	ok(bclint_config_read(&c, dir, 1, &sink) < 0 && strstr(said, "Is a directory") != NULL,
	   "a directory");
	bclint_config_free(&c);
	struct bclint_config zero;
	memset(&zero, 0, sizeof(zero));
	bclint_config_free(&zero);
	ok(1, "freeing an empty configuration");
	ok(bclint_config_flush(&zero, &sink) == 0, "flushing no errors");

	snprintf(path, sizeof(path), "%s/c.json", dir);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
