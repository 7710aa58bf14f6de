/* bclint's command line: options, loading rules, exit statuses.  All the
 * work is in the library; this file only connects the two. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "lint.h"
#include "output.h"

#ifndef BCLINT_RULESDIR
#define BCLINT_RULESDIR "/usr/local/lib/bclint/rules"
#endif

enum {
	OPT_FAIL_ON = 256, OPT_MAX_WARNINGS, OPT_ENABLE, OPT_DISABLE, OPT_LEVEL, OPT_SET,
	OPT_PLUGIN, OPT_RULES_PATH, OPT_NOW, OPT_REDACT, OPT_COLOR, OPT_LIST_RULES, OPT_EXPLAIN,
	OPT_VERSION, OPT_HELP, OPT_AUTOMATION_ID
};

static const struct option long_options[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
	{"enable", required_argument, NULL, OPT_ENABLE},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"level", required_argument, NULL, OPT_LEVEL},
	{"set", required_argument, NULL, OPT_SET},
	{"plugin", required_argument, NULL, OPT_PLUGIN},
	{"rules-path", required_argument, NULL, OPT_RULES_PATH},
	{"now", required_argument, NULL, OPT_NOW},
	{"redact", no_argument, NULL, OPT_REDACT},
	{"color", required_argument, NULL, OPT_COLOR},
	{"colour", required_argument, NULL, OPT_COLOR},
	{"sarif-automation-id", required_argument, NULL, OPT_AUTOMATION_ID},
	{"quiet", no_argument, NULL, 'q'},
	{"list-rules", no_argument, NULL, OPT_LIST_RULES},
	{"explain", required_argument, NULL, OPT_EXPLAIN},
	{"version", no_argument, NULL, OPT_VERSION},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static const char usage_text[] =
	"Usage: bclint [OPTION]... SNAPSHOT...\n"
	"       bclint --list-rules | --explain RULE | --version | --help\n"
	"Lint TikTok Business Center snapshots ('-' reads standard input).\n"
	"\n"
	"  -f, --format=FORMAT        gcc (default), sarif, json or github\n"
	"  -o, --output=FILE          write the report to FILE (atomically)\n"
	"      --fail-on=LEVEL        error (default), warning, note or none\n"
	"      --max-warnings=N       also fail when there are more than N warnings\n"
	"      --enable=RULE[,RULE]   switch rules on ('all' for every rule)\n"
	"      --disable=RULE[,RULE]  switch rules off ('all' for every rule)\n"
	"      --level=RULE=LEVEL     error, warning, note or off\n"
	"      --set=RULE.KEY=VALUE   set a rule option\n"
	"      --plugin=PATH          load one more rule plugin\n"
	"      --rules-path=DIR[:DIR] look for rule plugins here (also BCLINT_RULES_PATH)\n"
	"      --now=TIMESTAMP        reference time for age-based rules\n"
	"      --redact               replace emails and names with stable hashes\n"
	"      --color=WHEN           auto (default), always or never\n"
	"      --sarif-automation-id=ID  SARIF automationDetails.id\n"
	"  -q, --quiet                report errors only; no summary\n"
	"      --list-rules           list every loaded rule\n"
	"      --explain=RULE         print a rule's documentation\n"
	"\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input\n"
	"error, 3 a plugin could not be loaded or failed.  See bclint(1).\n";

/* A switch that names rules, kept in command-line order. */
struct rule_op {
	int kind; /* OPT_ENABLE, OPT_DISABLE, OPT_LEVEL, OPT_SET */
	const char *arg;
};

struct cli {
	const char *format, *output, *explain, *automation_id;
	int fail_on, quiet, list_rules, color;
	long max_warnings;
	struct rule_op *ops;
	size_t n_ops;
	const char **plugins;
	size_t n_plugins;
	const char *rules_path;
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("bclint: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'bclint --help' for more information.\n", stderr);
	return BCLINT_EXIT_USAGE;
}

static int push(void *arrp, size_t *n, size_t size, const void *item)
{
	void **arr = arrp;
	void *p = realloc(*arr, (*n + 1) * size);
	if (p == NULL)
		return -1;
	memcpy((char *)p + *n * size, item, size);
	*arr = p;
	(*n)++;
	return 0;
}

static int parse_args(int argc, char **argv, struct cli *c, struct bclint_run *run)
{
	int ch;
	while ((ch = getopt_long(argc, argv, "f:o:q", long_options, NULL)) != -1) {
		struct rule_op op = {ch, optarg};
		char *end;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "gcc") && strcmp(optarg, "sarif") && strcmp(optarg, "json") &&
			    strcmp(optarg, "github"))
				return usage_error("unknown format '%s' (gcc, sarif, json or github)",
				                   optarg);
			c->format = optarg;
			break;
		case 'o': c->output = optarg; break;
		case 'q': c->quiet = 1; break;
		case OPT_FAIL_ON:
			c->fail_on = strcmp(optarg, "none") == 0 ? BCLINT_LEVEL_OFF
			                                         : bclint_level_from_name(optarg);
			if (c->fail_on < 0 || (c->fail_on == BCLINT_LEVEL_OFF && strcmp(optarg, "none")))
				return usage_error("invalid --fail-on '%s' (error, warning, note or none)",
				                   optarg);
			break;
		case OPT_MAX_WARNINGS:
			errno = 0;
			c->max_warnings = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno || c->max_warnings < 0)
				return usage_error("invalid --max-warnings '%s' (a non-negative integer)",
				                   optarg);
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
		case OPT_LEVEL:
		case OPT_SET:
			if (push(&c->ops, &c->n_ops, sizeof(op), &op) < 0)
				return usage_error("%s", "out of memory");
			break;
		case OPT_PLUGIN:
			if (push(&c->plugins, &c->n_plugins, sizeof(optarg), &optarg) < 0)
				return usage_error("%s", "out of memory");
			break;
		case OPT_RULES_PATH: c->rules_path = optarg; break;
		case OPT_NOW:
			if (bclint_parse_time(optarg, &run->now) < 0)
				return usage_error("invalid --now '%s' (an RFC 3339 timestamp)", optarg);
			break;
		case OPT_REDACT: run->redact = 1; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				c->color = -1;
			else if (strcmp(optarg, "always") == 0)
				c->color = 1;
			else if (strcmp(optarg, "never") == 0)
				c->color = 0;
			else
				return usage_error("invalid --color '%s' (auto, always or never)", optarg);
			break;
		case OPT_AUTOMATION_ID: c->automation_id = optarg; break;
		case OPT_LIST_RULES: c->list_rules = 1; break;
		case OPT_EXPLAIN: c->explain = optarg; break;
		case OPT_VERSION:
			printf("bclint %s (plugin ABI %d)\n", PACKAGE_VERSION, BCLINT_ABI_VERSION);
			exit(0);
		case OPT_HELP:
			fputs(usage_text, stdout);
			exit(0);
		default:
			fputs("Try 'bclint --help' for more information.\n", stderr);
			return BCLINT_EXIT_USAGE;
		}
	}
	return 0;
}

static void load_rules(struct cli *c, struct bclint_run *run)
{
	char err[1024];
	const char *path = c->rules_path ? c->rules_path : getenv("BCLINT_RULES_PATH");
	if (path == NULL || *path == '\0') {
		if (bclint_ruleset_load_dir(&run->rules, BCLINT_RULESDIR, 0, err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, NULL, NULL, err);
	} else {
		char *copy = strdup(path), *save = NULL;
		if (copy == NULL)
			bclint_run_plugin_error(run, path, NULL, "out of memory");
		for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d != NULL;
		     d = strtok_r(NULL, ":", &save))
			if (bclint_ruleset_load_dir(&run->rules, d, 0, err, sizeof(err)) < 0)
				bclint_run_plugin_error(run, d, NULL, err);
		free(copy);
	}
	for (size_t i = 0; i < c->n_plugins; i++)
		if (bclint_ruleset_load(&run->rules, c->plugins[i], err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, c->plugins[i], NULL, err);
}

static struct bclint_rule_slot *need_rule(struct bclint_run *run, const char *id)
{
	struct bclint_rule_slot *s = bclint_ruleset_find(&run->rules, id);
	if (s == NULL)
		usage_error("unknown rule '%s' (see bclint --list-rules)", id);
	return s;
}

/* Apply --enable, --disable, --level and --set in command-line order. */
static int apply_rule_ops(const struct cli *c, struct bclint_run *run)
{
	char err[512];
	for (size_t i = 0; i < c->n_ops; i++) {
		const struct rule_op *op = &c->ops[i];
		if (op->kind == OPT_ENABLE || op->kind == OPT_DISABLE) {
			char *list = strdup(op->arg), *save = NULL;
			int rc = list ? 0 : -1;
			for (char *id = list ? strtok_r(list, ",", &save) : NULL; id && rc == 0;
			     id = strtok_r(NULL, ",", &save)) {
				if (strcmp(id, "all") == 0) {
					for (size_t k = 0; k < run->rules.n_slots; k++)
						run->rules.slots[k].enabled = op->kind == OPT_ENABLE;
					continue;
				}
				struct bclint_rule_slot *s = need_rule(run, id);
				if (s == NULL)
					rc = -1;
				else
					s->enabled = op->kind == OPT_ENABLE;
			}
			free(list);
			if (rc < 0)
				return BCLINT_EXIT_USAGE;
			continue;
		}
		const char *sep = strchr(op->arg, op->kind == OPT_LEVEL ? '=' : '.');
		const char *eq = sep ? strchr(sep + 1, '=') : NULL;
		if (sep == NULL || (op->kind == OPT_SET && eq == NULL))
			return usage_error(op->kind == OPT_LEVEL ? "invalid --level '%s' (RULE=LEVEL)"
			                                        : "invalid --set '%s' (RULE.KEY=VALUE)",
			                   op->arg);
		char id[128];
		snprintf(id, sizeof(id), "%.*s", (int)(sep - op->arg), op->arg);
		struct bclint_rule_slot *s = need_rule(run, id);
		if (s == NULL)
			return BCLINT_EXIT_USAGE;
		if (op->kind == OPT_LEVEL) {
			int lv = bclint_level_from_name(sep + 1);
			if (lv < 0)
				return usage_error("invalid level in --level '%s' (error, warning, note "
				                   "or off)", op->arg);
			s->enabled = lv != BCLINT_LEVEL_OFF;
			if (lv != BCLINT_LEVEL_OFF) {
				s->level = lv;
				s->level_overridden = 1;
			}
			continue;
		}
		char key[128];
		snprintf(key, sizeof(key), "%.*s", (int)(eq - sep - 1), sep + 1);
		if (bclint_slot_set_option(s, key, eq + 1, err, sizeof(err)) < 0)
			return usage_error("%s", err);
	}
	return 0;
}

static void list_rules(const struct bclint_run *run)
{
	for (size_t i = 0; i < run->rules.n_slots; i++) {
		const struct bclint_rule_slot *s = &run->rules.slots[i];
		printf("%-26s %-8s %-14s %s\n", s->rule->id,
		       s->enabled ? bclint_level_name(s->level) : "off", s->plugin->desc->name,
		       s->rule->summary);
	}
}

/* Print text indented by two spaces, wrapped at 78 columns. */
static void wrap(const char *text)
{
	int col = 0;
	while (*text != '\0') {
		size_t word = strcspn(text, " ");
		if (col > 2 && col + 1 + (int)word > 78) {
			putchar('\n');
			col = 0;
		}
		col += printf(col == 0 ? "  %.*s" : " %.*s", (int)word, text);
		text += word;
		text += strspn(text, " ");
	}
	putchar('\n');
}

static void paragraph(const char *title, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	printf("\n%s\n", title);
	wrap(text);
}

static int explain(const struct bclint_run *run, const char *id)
{
	const struct bclint_rule_slot *s = bclint_ruleset_find(&run->rules, id);
	if (s == NULL)
		return usage_error("unknown rule '%s' (see bclint --list-rules)", id);
	const struct bclint_rule *r = s->rule;
	static const char *const types[] = {"integer", "string", "boolean", "patterns"};
	printf("%s: %s\n  level: %s; plugin: %s %s\n", r->id, r->summary,
	       bclint_level_name((int)r->level), s->plugin->desc->name, s->plugin->desc->version);
	if (r->tags != NULL) {
		fputs("  tags:", stdout);
		for (size_t i = 0; r->tags[i] != NULL; i++)
			printf(" %s", r->tags[i]);
		putchar('\n');
	}
	paragraph("What it checks", r->description);
	paragraph("Why it matters", r->rationale);
	paragraph("How to fix it", r->fix);
	if (r->n_options > 0) {
		puts("\nOptions (--set, config file, or the snapshot's policy)");
		for (size_t i = 0; i < r->n_options; i++) {
			const struct bclint_option *o = &r->options[i];
			printf("  %s (%s, default %s): %s\n", o->key, types[o->type],
			       o->def ? o->def : "unset", o->help ? o->help : "");
		}
	}
	if (r->example != NULL)
		printf("\nExample\n  %s\n", r->example);
	return 0;
}

int main(int argc, char **argv)
{
	struct bclint_run run;
	struct cli c;
	memset(&run, 0, sizeof(run));
	memset(&c, 0, sizeof(c));
	run.now = BCLINT_NO_TIME;
	c.format = "gcc";
	c.fail_on = BCLINT_LEVEL_ERROR;
	c.max_warnings = -1;
	c.color = -1;
	int status = parse_args(argc, argv, &c, &run);
	if (status != 0)
		goto out;
	load_rules(&c, &run);
	if ((status = apply_rule_ops(&c, &run)) != 0)
		goto out;
	if (c.list_rules || c.explain) {
		if (c.list_rules)
			list_rules(&run);
		status = c.explain ? explain(&run, c.explain) : 0;
		if (status == 0 && run.plugin_errors)
			status = BCLINT_EXIT_PLUGIN;
		goto out;
	}
	if (optind >= argc) {
		status = usage_error("%s", "no snapshot given");
		goto out;
	}
	for (int i = optind; i < argc; i++)
		bclint_run_file(&run, argv[i]);
	bclint_report_finish(&run.report);
	status = bclint_run_status(&run, c.fail_on, c.max_warnings);
	if (c.quiet)
		bclint_report_keep_errors(&run.report);

	struct bclint_emit e = {&run, 0, status, c.automation_id};
	if (strcmp(c.format, "gcc") == 0)
		e.color = c.color == -1 ? c.output == NULL && isatty(STDOUT_FILENO) &&
		                          getenv("NO_COLOR") == NULL
		                        : c.color;
	struct bclint_buf out = {0};
	if (run.report.oom) {
		/* an incomplete report (entries may lack text) is not written */
	} else if (strcmp(c.format, "sarif") == 0) {
		bclint_emit_sarif(&out, &e);
	} else if (strcmp(c.format, "json") == 0) {
		bclint_emit_json(&out, &e);
	} else if (strcmp(c.format, "github") == 0) {
		bclint_emit_github(&out, &e);
	} else {
		bclint_emit_gcc(&out, &e);
	}
	if (out.oom || run.report.oom) {
		fputs("bclint: error: out of memory; no report written\n", stderr);
		status = BCLINT_EXIT_PLUGIN;
	} else if (bclint_write_output(c.output, out.data ? out.data : "", out.len) < 0) {
		status = BCLINT_EXIT_PLUGIN;
	}
	free(out.data);
	if (!c.quiet) {
		const size_t *n = run.report.counts;
		fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s\n", n[3], n[3] == 1 ? "" : "s",
		        n[2], n[2] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s");
	}
out:
	free(c.ops);
	free(c.plugins);
	bclint_run_free(&run);
	return status;
}
