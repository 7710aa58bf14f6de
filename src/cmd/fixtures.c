/* The rule test harness behind `bclint --check-fixtures`.  A fixture
 * directory holds cases: CASE.json (the snapshot) and CASE.expected (the
 * exact standard output, after directive lines); a snapshot FILE.json with
 * FILE.old.json beside it is linted against that previous snapshot.  Each case is linted in a
 * forked child that changes into the case's directory and calls the same
 * entry point as the command line, so a run under valgrind checks every
 * case too.  Output is TAP: two tests per case (output, exit status), and
 * a third when CASE.stderr holds the exact standard error. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "text.h"

/* A whole file, NUL-terminated, in memory the caller frees with free(). */
static int read_file(const char *path, char **data, size_t *len)
{
	struct bclint_text t;
	if (bclint_text_read(path, &t) < 0)
		return -1;
	*data = t.mapped ? malloc(t.len + 1) : t.data;
	*len = t.len;
	if (t.mapped) {
		if (*data != NULL)
			memcpy(*data, t.data, t.len + 1);
		bclint_text_free(&t);
	}
	return *data != NULL ? 0 : -1;
}

struct tap {
	int n, failed;
};

static void diag(const char *label, const char *text)
{
	printf("# --- %s\n", label);
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		printf("# %.*s\n", (int)len, p);
		p += len + (nl != NULL);
	}
}

static void result(struct tap *t, int pass, const char *dir, const char *name, const char *what)
{
	t->n++;
	t->failed += !pass;
	printf("%sok %d - %s%s%s: %s\n", pass ? "" : "not ", t->n, dir, name ? "/" : "",
	       name ? name : "", what);
}

static int push_word(char ***words, int *n, char *w)
{
	char **p = realloc(*words, (size_t)(*n + 2) * sizeof(*p));
	if (p == NULL) {
		free(w);
		return -1;
	}
	p[(*n)++] = w;
	p[*n] = NULL;
	*words = p;
	return 0;
}

static int split_words(const char *s, char ***words, int *n)
{
	struct bclint_buf w = {0};
	int in_word = 0;
	for (;;) {
		char c = *s++;
		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				if (w.oom || push_word(words, n, w.data ? w.data : strdup("")) < 0)
					return -1;
				memset(&w, 0, sizeof(w));
				in_word = 0;
			}
			if (c == '\0')
				return 0;
			continue;
		}
		in_word = 1;
		if (c == '\'') {
			const char *q = strchr(s, '\'');
			if (q == NULL)
				break;
			bclint_buf_add(&w, s, (size_t)(q - s));
			s = q + 1;
		} else if (c == '"') {
			while (*s != '"' && *s != '\0') {
				if (*s == '\\' && s[1] != '\0' &&
				    strchr("\\\"$`\n", s[1]) != NULL) {
					if (s[1] != '\n')
						bclint_buf_putc(&w, s[1]);
					s += 2;
				} else {
					bclint_buf_putc(&w, *s++);
				}
			}
			if (*s++ != '"')
				break;
		} else if (c == '\\') {
			if (*s == '\0')
				break;
			if (*s != '\n')
				bclint_buf_putc(&w, *s);
			s++;
		} else {
			bclint_buf_putc(&w, c);
		}
		if (w.data == NULL && !w.oom)
			bclint_buf_add(&w, "", 0);
	}
	free(w.data);
	return -1;
}

static void free_words(char **words, int n)
{
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/* Drop trailing newlines, as the shell's $(...) does. */
static void chomp(char *s, size_t *len)
{
	while (*len > 0 && s[*len - 1] == '\n')
		s[--*len] = '\0';
}

/* Is this line a directive ("# name:")?  Sets *value past "# name: ". */
static int directive(const char *line, size_t len, const char **name, size_t *nlen)
{
	if (len < 3 || line[0] != '#' || line[1] != ' ')
		return 0;
	size_t i = 2;
	while (i < len && line[i] >= 'a' && line[i] <= 'z')
		i++;
	if (i >= len || line[i] != ':')
		return 0;
	*name = line + 2;
	*nlen = i - 2;
	return 1;
}

struct fixture_case {
	char *want; /* expected standard output */
	size_t want_len;
	struct bclint_buf args; /* "# args:" values, space-separated */
	char *input;            /* "# input:", or NULL */
	int exit_status;        /* "# exit:", default 0 */
};

static void parse_expected(char *text, struct fixture_case *c)
{
	struct bclint_buf want = {0};
	bclint_buf_add(&want, "", 0);
	for (char *p = text; *p != '\0';) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *name;
		size_t nlen;
		if (!directive(p, len, &name, &nlen)) {
			bclint_buf_add(&want, p, len + (nl != NULL));
		} else {
			const char *v = name + nlen + 1;
			size_t vlen = len - (size_t)(v - p);
			if (vlen > 0 && *v == ' ')
				v++, vlen--;
			if (nlen == 4 && strncmp(name, "args", 4) == 0) {
				bclint_buf_putc(&c->args, ' ');
				bclint_buf_add(&c->args, v, vlen);
			} else if (nlen == 4 && strncmp(name, "exit", 4) == 0) {
				c->exit_status = atoi(v);
			} else if (nlen == 5 && strncmp(name, "input", 5) == 0) {
				free(c->input);
				c->input = strndup(v, vlen);
			}
		}
		p += len + (nl != NULL);
	}
	c->want = want.data;
	c->want_len = want.len;
	chomp(c->want, &c->want_len);
}

/* A temporary file's whole content (NUL-terminated; caller frees). */
static char *slurp(FILE *f, size_t *len)
{
	struct bclint_buf b = {0};
	char chunk[8192];
	size_t n;
	rewind(f);
	bclint_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		bclint_buf_add(&b, chunk, n);
	*len = b.len;
	return b.data;
}

/* Lint one case in a child.  Returns the exit status the shell would show
 * (128 + signal when killed), or -1 when no child could be run. */
static int run_case(const char *dir, char **argv, int argc, FILE *out, FILE *err)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (chdir(dir) < 0 || dup2(fileno(out), STDOUT_FILENO) < 0 ||
		    dup2(fileno(err), STDERR_FILENO) < 0)
			_exit(125);
		exit(bclint_cmd_lint.exec(&bclint_cmd_lint, argc, argv));
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* When CASE.stderr exists, standard error must be exactly that. */
static void check_stderr(struct tap *t, const char *dir, const char *base, const char *name,
                         char *msg, size_t len)
{
	char path[4096], *want = NULL;
	size_t want_len;
	snprintf(path, sizeof(path), "%s/%s.stderr", dir, name);
	if (read_file(path, &want, &want_len) < 0)
		return;
	chomp(want, &want_len);
	chomp(msg, &len);
	int same = len == want_len && memcmp(msg, want, len) == 0;
	result(t, same, base, name, "stderr");
	if (!same) {
		diag("expected", want);
		diag("got", msg);
	}
	free(want);
}

static void check_case(struct tap *t, const char *dir, const char *base, const char *name,
                       char **common, int n_common, const char *dirargs)
{
	char path[4096], *text = NULL;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s.expected", dir, name);
	if (read_file(path, &text, &len) < 0) {
		result(t, 0, base, name, "output");
		printf("# cannot read %s: %s\n", path, strerror(errno));
		return;
	}
	struct fixture_case c = {0};
	parse_expected(text, &c);
	free(text);
	char **argv = NULL;
	int argc = 0;
	char json[1024];
	snprintf(json, sizeof(json), "%s.json", name);
	int ok = push_word(&argv, &argc, strdup("bclint")) == 0;
	for (int i = 0; ok && i < n_common; i++)
		ok = push_word(&argv, &argc, strdup(common[i])) == 0;
	if (ok && split_words(dirargs, &argv, &argc) < 0) {
		result(t, 0, base, name, "output");
		printf("# %s/args: unterminated quote\n", dir);
		ok = -1;
	} else if (ok && split_words(c.args.data ? c.args.data : "", &argv, &argc) < 0) {
		result(t, 0, base, name, "output");
		printf("# %s: '# args:' has an unterminated quote\n", path);
		ok = -1;
	}
	/* an input FILE.json with FILE.old.json beside it is linted against
	 * that previous snapshot */
	const char *input = c.input ? c.input : json;
	size_t stem = strlen(input) > 5 && strcmp(input + strlen(input) - 5, ".json") == 0
	                      ? strlen(input) - 5
	                      : strlen(input);
	char old[1100];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%.*s.old.json", dir, (int)stem, input);
	snprintf(old, sizeof(old), "--previous=%.*s.old.json", (int)stem, input);
	if (ok > 0 && stat(path, &st) == 0)
		ok = push_word(&argv, &argc, strdup(old)) == 0;
	if (ok > 0)
		ok = push_word(&argv, &argc, strdup(input)) == 0;
	FILE *out = ok > 0 ? tmpfile() : NULL, *err = ok > 0 ? tmpfile() : NULL;
	int status = out && err ? run_case(dir, argv, argc, out, err) : -1;
	if (ok >= 0 && status < 0) {
		result(t, 0, base, name, "output");
		printf("# cannot run the case: %s\n", strerror(errno));
	} else if (ok > 0) {
		size_t got_len, err_len;
		char *got = slurp(out, &got_len), *msg = slurp(err, &err_len);
		if (got != NULL && msg != NULL) {
			chomp(got, &got_len);
			int same = got_len == c.want_len && memcmp(got, c.want, got_len) == 0;
			result(t, same, base, name, "output");
			if (!same) {
				diag("expected", c.want);
				diag("got", got);
				diag("stderr", msg);
			}
			result(t, status == c.exit_status, base, name, "exit status");
			if (status != c.exit_status) {
				char line[64];
				snprintf(line, sizeof(line), "%d", c.exit_status);
				diag("expected", line);
				snprintf(line, sizeof(line), "%d", status);
				diag("got", line);
				if (same)
					diag("stderr", msg);
			}
			check_stderr(t, dir, base, name, msg, err_len);
		} else {
			result(t, 0, base, name, "output");
			printf("# out of memory\n");
		}
		free(got);
		free(msg);
	}
	if (out)
		fclose(out);
	if (err)
		fclose(err);
	free_words(argv, argc);
	free(c.want);
	free(c.args.data);
	free(c.input);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_dir(struct tap *t, const char *dir, char **common, int n_common)
{
	char base[256], path[4096];
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	const char *b = dir + dl;
	while (b > dir && b[-1] != '/')
		b--;
	snprintf(base, sizeof(base), "%.*s", (int)(dir + dl - b), b);

	DIR *d = opendir(dir);
	if (d == NULL) {
		result(t, 0, base, NULL, "cannot read the fixture directory");
		printf("# %s: %s\n", dir, strerror(errno));
		return;
	}
	char **names = NULL;
	int n = 0, ok = 1;
	for (struct dirent *e; ok && (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len > 9 && strcmp(e->d_name + len - 9, ".expected") == 0)
			ok = push_word(&names, &n, strndup(e->d_name, len - 9)) == 0;
	}
	closedir(d);
	if (n > 1)
		qsort(names, (size_t)n, sizeof(*names), by_name);

	char *dirargs = NULL;
	size_t len;
	snprintf(path, sizeof(path), "%s/args", dir);
	struct stat st;
	if (stat(path, &st) == 0 && read_file(path, &dirargs, &len) < 0) {
		result(t, 0, base, NULL, "cannot read the args file");
		printf("# %s: %s\n", path, strerror(errno));
		ok = 0;
	}
	if (ok && n == 0) {
		result(t, 0, base, NULL, "no cases (CASE.expected files)");
	}
	for (int i = 0; ok && i < n; i++)
		check_case(t, dir, base, names[i], common, n_common, dirargs ? dirargs : "");
	free(dirargs);
	free_words(names, n);
}

static int fixtures_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	if (argc > 1 && bclint_cmd_help_or_version(self, argv[1]))
		return 0;
	int n_dirs = 1;
	while (n_dirs < argc && strcmp(argv[n_dirs], "--") != 0)
		n_dirs++;
	if (n_dirs == 1) {
		return bclint_usage_error(self, "--check-fixtures needs a fixture directory");
	}
	char **common = n_dirs < argc ? argv + n_dirs + 1 : NULL;
	int n_common = n_dirs < argc ? argc - n_dirs - 1 : 0;
	struct tap t = {0, 0};
	for (int i = 1; i < n_dirs; i++)
		check_dir(&t, argv[i], common, n_common);
	printf("1..%d\n", t.n);
	return t.failed ? 1 : 0;
}

const struct bclint_cmd bclint_cmd_fixtures = {
        "--check-fixtures",
        "bclint",
        "--check-fixtures DIR... [-- OPTION...]",
        "Lint each CASE.json of each fixture directory and compare the report with\n"
        "CASE.expected; print TAP.  See bclint-plugin(3), FIXTURES.\n"
        "\n"
        "      --help                 print this help\n"
        "      --version              print the version\n",
        "",
        NULL,
        fixtures_exec,
};
