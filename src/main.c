/* bclint's command line: options, loading rules, exit statuses.  All the
 * work is in the library; this file only connects the two. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffile.h"
#include "catalog.h"
#include "baseline.h"
#include "emit.h"
#include "fixtures.h"
#include "import.h"
#include "lint.h"
#include "output.h"
#include "why.h"

#ifndef BCLINT_RULESDIR
#define BCLINT_RULESDIR "/usr/local/lib/bclint/rules"
#endif

enum {
	OPT_FAIL_ON = 256, OPT_MAX_WARNINGS, OPT_ENABLE, OPT_DISABLE, OPT_LEVEL, OPT_SET,
	OPT_PLUGIN, OPT_RULES_PATH, OPT_NOW, OPT_REDACT, OPT_COLOR, OPT_LIST_RULES, OPT_EXPLAIN,
	OPT_VERSION, OPT_HELP, OPT_AUTOMATION_ID, OPT_NO_CONFIG, OPT_BASELINE, OPT_NO_ISOLATE,
	OPT_RULE_TIMEOUT
};

static const struct option long_options[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"config", required_argument, NULL, 'c'},
	{"no-config", no_argument, NULL, OPT_NO_CONFIG},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
	{"enable", required_argument, NULL, OPT_ENABLE},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"level", required_argument, NULL, OPT_LEVEL},
	{"set", required_argument, NULL, OPT_SET},
	{"plugin", required_argument, NULL, OPT_PLUGIN},
	{"rules-path", required_argument, NULL, OPT_RULES_PATH},
	{"now", required_argument, NULL, OPT_NOW},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"redact", no_argument, NULL, OPT_REDACT},
	{"no-isolate", no_argument, NULL, OPT_NO_ISOLATE},
	{"rule-timeout", required_argument, NULL, OPT_RULE_TIMEOUT},
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
	"       bclint import [OPTION]... RESPONSE...   (see bclint-import(1))\n"
	"       bclint why SNAPSHOT --member WHO --action ACTION [--asset ID]\n"
	"       bclint --check-fixtures DIR... [-- OPTION...]   (TAP; see bclint-plugin(3))\n"
	"Lint TikTok Business Center snapshots ('-' reads standard input).\n"
	"\n"
	"  -f, --format=FORMAT        gcc (default), sarif, json or github\n"
	"  -o, --output=FILE          write the report to FILE (atomically)\n"
	"  -c, --config=FILE          read this configuration file (default .bclint.json)\n"
	"      --no-config            read no configuration file\n"
	"      --fail-on=LEVEL        error (default), warning, note or none\n"
	"      --max-warnings=N       also fail when there are more than N warnings\n"
	"      --enable=RULE[,RULE]   switch rules on ('all' for every rule)\n"
	"      --disable=RULE[,RULE]  switch rules off ('all' for every rule)\n"
	"      --level=RULE=LEVEL     error, warning, note or off\n"
	"      --set=RULE.KEY=VALUE   set a rule option\n"
	"      --plugin=PATH          load one more rule plugin\n"
	"      --rules-path=DIR[:DIR] look for rule plugins here (also BCLINT_RULES_PATH)\n"
	"      --now=TIMESTAMP        reference time for age-based rules\n"
	"      --baseline=FILE        report only findings not in FILE (json or sarif)\n"
	"      --redact               replace emails and names with stable hashes\n"
	"      --rule-timeout=SECONDS time limit of each rule (default 60; 0: none)\n"
	"      --no-isolate           run rules in the bclint process (no crash isolation)\n"
	"      --color=WHEN           auto (default), always or never\n"
	"      --sarif-automation-id=ID  SARIF automationDetails.id\n"
	"  -q, --quiet                report errors only; no summary\n"
	"      --list-rules           list every loaded rule (-f json or man: the catalog)\n"
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
	const char *format, *output, *explain, *automation_id, *config;
	int no_config;
	const char *baseline;
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
	long timeout;
	while ((ch = getopt_long(argc, argv, "f:o:c:q", long_options, NULL)) != -1) {
		struct rule_op op = {ch, optarg};
		char *end;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "gcc") && strcmp(optarg, "sarif") && strcmp(optarg, "json") &&
			    strcmp(optarg, "github") && strcmp(optarg, "man"))
				return usage_error("unknown format '%s' (gcc, sarif, json or github)",
				                   optarg);
			c->format = optarg;
			break;
		case 'o': c->output = optarg; break;
		case 'c': c->config = optarg; break;
		case OPT_NO_CONFIG: c->no_config = 1; break;
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
		case OPT_REDACT: run->redact = run->report.redact = 1; break;
		case OPT_NO_ISOLATE: run->isolate = 0; break;
		case OPT_RULE_TIMEOUT:
			errno = 0;
			timeout = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno || timeout < 0 || timeout > 86400)
				return usage_error("invalid --rule-timeout '%s' (seconds, 0 to 86400)",
				                   optarg);
			run->rule_timeout = (unsigned)timeout;
			break;
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
		case OPT_BASELINE: c->baseline = optarg; break;
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

static void refused(void *arg, const char *path, const char *message)
{
	bclint_run_plugin_error(arg, path, NULL, message);
}

static void load_rules(struct cli *c, struct bclint_run *run)
{
	char err[1024];
	const char *path = c->rules_path ? c->rules_path : getenv("BCLINT_RULES_PATH");
	if (path == NULL || *path == '\0')
		path = BCLINT_RULESDIR;
	char *copy = strdup(path), *save = NULL;
	if (copy == NULL)
		bclint_run_plugin_error(run, path, NULL, "out of memory");
	for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d != NULL;
	     d = strtok_r(NULL, ":", &save))
		if (bclint_ruleset_load_dir(&run->rules, d, refused, run, err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, d, NULL, err);
	free(copy);
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
		if (bclint_slot_set_option(s, key, eq + 1, BCLINT_FROM_CLI, err, sizeof(err)) < 0)
			return usage_error("%s", err);
	}
	return 0;
}

/* --list-rules and --explain: the catalog, in the format asked for. */
static int catalog(const struct cli *c, const struct bclint_run *run)
{
	struct bclint_buf out = {0};
	if (c->explain != NULL) {
		const struct bclint_rule_slot *s = bclint_ruleset_find(&run->rules, c->explain);
		if (s == NULL)
			return usage_error("unknown rule '%s' (see bclint --list-rules)", c->explain);
		bclint_catalog_explain(&out, s);
	} else if (strcmp(c->format, "json") == 0) {
		bclint_catalog_json(&out, &run->rules);
	} else if (strcmp(c->format, "man") == 0) {
		bclint_catalog_man(&out, &run->rules);
	} else {
		bclint_catalog_list(&out, &run->rules);
	}
	int rc = out.oom || bclint_write_output(c->output, out.data ? out.data : "", out.len) < 0;
	free(out.data);
	if (rc)
		return BCLINT_EXIT_PLUGIN;
	return run->plugin_errors ? BCLINT_EXIT_PLUGIN : 0;
}

/* Colour only goes to standard output: never into a file (-o), and under
 * auto only to a terminal that is not "dumb", with NO_COLOR unset or empty
 * (no-color.org). */
static int want_color(const struct cli *c)
{
	if (c->output != NULL && strcmp(c->output, "-") != 0)
		return 0;
	if (c->color != -1)
		return c->color;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0') &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

static int load_baseline(const char *path, struct bclint_baseline *b)
{
	char err[1024];
	if (bclint_baseline_load(b, path, err, sizeof(err)) == 0)
		return 0;
	if (strstr(err, ": error: ") != NULL)
		fprintf(stderr, "%s\n", err);
	else
		fprintf(stderr, "bclint: error: %s\n", err);
	return -1;
}

/* The lint command line; also what each --check-fixtures case runs. */
static int lint_main(int argc, char **argv)
{
	struct bclint_run run;
	struct bclint_config config = {.file = -1};
	struct cli c;
	struct bclint_baseline base = {NULL, 0};
	memset(&run, 0, sizeof(run));
	memset(&c, 0, sizeof(c));
	run.now = BCLINT_NO_TIME;
	run.isolate = 1;
	run.rule_timeout = 60;
	c.format = "gcc";
	c.fail_on = BCLINT_LEVEL_ERROR;
	c.max_warnings = -1;
	c.color = -1;
	int status = parse_args(argc, argv, &c, &run);
	if (status != 0)
		goto out;
	load_rules(&c, &run);
	if (!c.no_config) {
		if (bclint_config_load(&run, &config, c.config ? c.config : ".bclint.json",
		                       c.config != NULL) < 0) {
			status = BCLINT_EXIT_USAGE;
			goto out;
		}
		run.config = &config;
	}
	if ((status = apply_rule_ops(&c, &run)) != 0)
		goto out;
	if (c.list_rules || c.explain) {
		status = catalog(&c, &run);
		goto out;
	}
	if (strcmp(c.format, "man") == 0) {
		status = usage_error("%s", "--format=man goes with --list-rules");
		goto out;
	}
	if (optind >= argc) {
		status = usage_error("%s", "no snapshot given");
		goto out;
	}
	if (c.baseline != NULL && load_baseline(c.baseline, &base) < 0) {
		status = BCLINT_EXIT_USAGE;
		goto out;
	}
	/* the gcc format shows where findings start, not where they end */
	run.report.no_ends = strcmp(c.format, "gcc") == 0;
	/* nor fingerprints, as the github format does not; a baseline needs them */
	run.report.no_fingerprints = (strcmp(c.format, "gcc") == 0 ||
	                              strcmp(c.format, "github") == 0) && c.baseline == NULL;
	for (int i = optind; i < argc; i++)
		bclint_run_file(&run, argv[i]);
	if (run.config != NULL)
		bclint_config_report(&run, run.config);
	bclint_report_finish(&run.report);
	if (c.baseline != NULL) {
		size_t known, gone;
		if (bclint_baseline_apply(&base, &run.report, &known, &gone) < 0)
			run.report.oom = 1;
		else if (!c.quiet)
			fprintf(stderr, "bclint: baseline %s: %zu finding%s baselined, %zu baseline "
			        "entr%s gone (fixed)\n", c.baseline, known, known == 1 ? "" : "s",
			        gone, gone == 1 ? "y" : "ies");
	}
	status = bclint_run_status(&run, c.fail_on, c.max_warnings);
	if (c.quiet)
		bclint_report_keep_errors(&run.report);

	struct bclint_emit e = {&run, 0, status, c.automation_id};
	if (strcmp(c.format, "gcc") == 0)
		e.color = want_color(&c);
	struct bclint_buf out = {0};
	struct bclint_output o;
	if (run.report.oom) {
		/* an incomplete report (entries may lack text) is not written */
		fputs("bclint: error: out of memory; no report written\n", stderr);
		status = BCLINT_EXIT_PLUGIN;
	} else if (bclint_output_open(&o, c.output) < 0) {
		status = BCLINT_EXIT_PLUGIN;
	} else {
		bclint_output_attach(&o, &out);
		if (strcmp(c.format, "sarif") == 0)
			bclint_emit_sarif(&out, &e);
		else if (strcmp(c.format, "json") == 0)
			bclint_emit_json(&out, &e);
		else if (strcmp(c.format, "github") == 0)
			bclint_emit_github(&out, &e);
		else
			bclint_emit_gcc(&out, &e);
		int ran_out = out.oom && o.err == 0;
		if (bclint_output_close(&o, &out, !out.oom) < 0)
			status = BCLINT_EXIT_PLUGIN;
		if (ran_out)
			fprintf(stderr, "bclint: error: out of memory; %s\n",
			        o.written == 0 || o.replace ? "no report written"
			                                    : "the report written is incomplete");
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
	bclint_baseline_free(&base);
	bclint_run_free(&run);
	bclint_config_free(&config);
	return status;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "import") == 0)
		return bclint_import_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "why") == 0)
		return bclint_why_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "--check-fixtures") == 0)
		return bclint_fixtures_main(argc - 1, argv + 1, lint_main);
	return lint_main(argc, argv);
}
