/* bclint [OPTION]... SNAPSHOT...: the lint command.  Options in, the
 * library's run, the report out in the chosen format, the exit status.
 * bclint diff (diff.c) is this command with the drift rules alone. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "catalog.h"
#include "cmd.h"
#include "emit.h"
#include "level.h"
#include "lint.h"
#include "output.h"
#include "setup.h"
#include "text.h"
#include "timestamp.h"

#ifndef BCLINT_RULESDIR
#define BCLINT_RULESDIR "/usr/local/lib/bclint/rules"
#endif

enum {
	OPT_FAIL_ON = 256,
	OPT_MAX_WARNINGS,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_LEVEL,
	OPT_SET,
	OPT_PLUGIN,
	OPT_RULES_PATH,
	OPT_NOW,
	OPT_REDACT,
	OPT_COLOR,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_VERSION,
	OPT_HELP,
	OPT_AUTOMATION_ID,
	OPT_NO_CONFIG,
	OPT_BASELINE,
	OPT_NO_ISOLATE,
	OPT_RULE_TIMEOUT,
	OPT_PREVIOUS,
	OPT_REDACT_KEY,
	OPT_ROSTER
};

const struct option bclint_lint_longopts[] = {
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
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {"roster", required_argument, NULL, OPT_ROSTER},
        {"redact", no_argument, NULL, OPT_REDACT},
        {"redact-key", required_argument, NULL, OPT_REDACT_KEY},
        {"no-isolate", no_argument, NULL, OPT_NO_ISOLATE},
        {"rule-timeout", required_argument, NULL, OPT_RULE_TIMEOUT},
        {"jobs", required_argument, NULL, 'j'},
        {"color", optional_argument, NULL, OPT_COLOR},
        {"colour", optional_argument, NULL, OPT_COLOR},
        {"sarif-automation-id", required_argument, NULL, OPT_AUTOMATION_ID},
        {"quiet", no_argument, NULL, 'q'},
        {"list-rules", no_argument, NULL, OPT_LIST_RULES},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
};

static const char help[] =
        "       bclint --list-rules | --explain RULE | --version | --help\n"
        "       bclint import [OPTION]... RESPONSE...   (see bclint-import(1))\n"
        "       bclint why SNAPSHOT --member WHO [--action ACTION [--asset ASSET]]\n"
        "       bclint diff [OPTION]... OLD NEW   (what changed: the drift rules alone)\n"
        "       bclint access [OPTION]... SNAPSHOT...   (who can reach what: the access record)\n"
        "       bclint --check-fixtures DIR... [-- OPTION...]   (TAP; see bclint-plugin(3))\n"
        "Lint TikTok Business Center snapshots ('-' reads standard input).\n"
        "\n"
        "  -f, --format=FORMAT        gcc (default), sarif, json, github, gitlab, junit,\n"
        "                             checkstyle or azure\n"
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
        "      --previous=FILE        compare with FILE, an earlier snapshot of the same\n"
        "                             Business Center (the drift rules report changes)\n"
        "      --roster=FILE          the roster of current staff (CSV or JSON): members\n"
        "                             not on it, or past their end date, are reported\n"
        "      --redact               replace emails and names with keyed hashes (a new\n"
        "                             key each run, unless BCLINT_REDACT_KEY is set)\n"
        "      --redact-key=FILE      --redact, with the key derived from FILE: the\n"
        "                             same pseudonyms in every run with that FILE\n"
        "      --rule-timeout=SECONDS time limit of each rule (default 60; 0: none)\n"
        "      --no-isolate           run rules in the bclint process (no crash isolation)\n"
        "  -j, --jobs=N               lint up to N snapshots at once (default: the CPUs)\n"
        "      --color[=WHEN]         auto (default), always or never; alone: always\n"
        "      --sarif-automation-id=ID  SARIF automationDetails.id\n"
        "  -q, --quiet                report errors only; no summary\n"
        "      --list-rules           list every loaded rule (-f json or man: the catalog;\n"
        "                             -f markdown -o DIR: a page per rule in DIR)\n"
        "      --explain=RULE         print a rule's documentation\n"
        "      --help                 print this help\n"
        "      --version              print the version, copyright and licence\n"
        "\n"
        "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input\n"
        "error, 3 a plugin could not be loaded or failed.  Every command takes --help\n"
        "and --version.  See bclint(1).\n";

static int lint_exec(const struct bclint_cmd *self, int argc, char **argv);

const struct bclint_cmd bclint_cmd_lint = {
        "lint",    "bclint", "[OPTION]... SNAPSHOT...", help, "f:o:c:qj:", bclint_lint_longopts,
        lint_exec,
};

struct cli {
	const struct bclint_cmd *self; /* whose messages: bclint, or bclint diff */
	int diff;                      /* bclint diff: OLD NEW, the drift rules alone */
	const char *format, *output, *explain, *automation_id, *config, *baseline, *rules_path;
	const char *roster_path;
	struct bclint_roster roster;
	const char *redact_key; /* --redact-key's FILE */
	int no_config, fail_on, quiet, list_rules, color;
	long max_warnings;
	struct bclint_rule_op *ops;
	size_t n_ops;
	const char **plugins;
	size_t n_plugins;
	struct bclint_lint_options lint;
};

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

static int parse_number(const char *s, long max, long *out)
{
	char *end;
	errno = 0;
	*out = strtol(s, &end, 10);
	return *s == '\0' || *end != '\0' || errno || *out < 0 || *out > max ? -1 : 0;
}

/* "unknown format 'x' (gcc, sarif, ... or azure)", from the format table. */
static int unknown_format(const struct bclint_cmd *self, const char *name)
{
	size_t n;
	const struct bclint_format *f = bclint_formats(&n);
	char list[256];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		                        i == 0      ? ""
		                        : i + 1 < n ? ", "
		                                    : " or ",
		                        f[i].name);
	return bclint_usage_error(self, "unknown format '%s' (%s)", name, list);
}

/* 0, a usage error's status, or -1 after --help or --version. */
static int parse_args(int argc, char **argv, struct cli *c)
{
	const struct bclint_cmd *self = c->self;
	int ch;
	long num;
	while ((ch = bclint_cmd_getopt(self, argc, argv)) != -1) {
		struct bclint_rule_op op = {0, optarg};
		switch (ch) {
		case 'f':
			if (bclint_format_find(optarg) == NULL && strcmp(optarg, "man") != 0 &&
			    strcmp(optarg, "markdown") != 0)
				return unknown_format(self, optarg);
			c->format = optarg;
			break;
		case 'o': c->output = optarg; break;
		case 'c': c->config = optarg; break;
		case OPT_NO_CONFIG: c->no_config = 1; break;
		case 'q': c->quiet = 1; break;
		case OPT_FAIL_ON:
			c->fail_on = strcmp(optarg, "none") == 0 ? BCLINT_LEVEL_OFF
			                                         : bclint_level_from_name(optarg);
			if (c->fail_on < 0 ||
			    (c->fail_on == BCLINT_LEVEL_OFF && strcmp(optarg, "none")))
				return bclint_usage_error(self,
				                          "invalid --fail-on '%s' (error, warning, "
				                          "note or none)",
				                          optarg);
			break;
		case OPT_MAX_WARNINGS:
			if (parse_number(optarg, LONG_MAX, &c->max_warnings) < 0)
				return bclint_usage_error(self,
				                          "invalid --max-warnings '%s' (a "
				                          "non-negative integer)",
				                          optarg);
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
		case OPT_LEVEL:
		case OPT_SET:
			op.kind = ch == OPT_ENABLE    ? BCLINT_OP_ENABLE
			          : ch == OPT_DISABLE ? BCLINT_OP_DISABLE
			          : ch == OPT_LEVEL   ? BCLINT_OP_LEVEL
			                              : BCLINT_OP_SET;
			if (push(&c->ops, &c->n_ops, sizeof(op), &op) < 0)
				return bclint_usage_error(self, "out of memory");
			break;
		case OPT_PLUGIN:
			if (push(&c->plugins, &c->n_plugins, sizeof(optarg), &optarg) < 0)
				return bclint_usage_error(self, "out of memory");
			break;
		case OPT_RULES_PATH: c->rules_path = optarg; break;
		case OPT_NOW:
			if (bclint_parse_time(optarg, &c->lint.now) < 0)
				return bclint_usage_error(
				        self, "invalid --now '%s' (an RFC 3339 timestamp)", optarg);
			break;
		case OPT_REDACT: c->lint.redact = 1; break;
		case OPT_REDACT_KEY:
			c->lint.redact = 1;
			c->redact_key = optarg;
			break;
		case OPT_NO_ISOLATE: c->lint.isolate = 0; break;
		case OPT_RULE_TIMEOUT:
			if (parse_number(optarg, 86400, &num) < 0)
				return bclint_usage_error(
				        self,
				        "invalid --rule-timeout '%s' (seconds, 0 to "
				        "86400)",
				        optarg);
			c->lint.rule_timeout = (unsigned)num;
			break;
		case 'j':
			if (parse_number(optarg, BCLINT_JOBS_MAX, &num) < 0 || num < 1)
				return bclint_usage_error(self, "invalid --jobs '%s' (1 to %d)",
				                          optarg, BCLINT_JOBS_MAX);
			c->lint.jobs = (unsigned)num;
			break;
		case OPT_COLOR: /* --color alone is --color=always, as in GNU ls and grep */
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				c->color = 1;
			else if (strcmp(optarg, "auto") == 0)
				c->color = -1;
			else if (strcmp(optarg, "never") == 0)
				c->color = 0;
			else
				return bclint_usage_error(self,
				                          "invalid --color '%s' (auto, always or "
				                          "never)",
				                          optarg);
			break;
		case OPT_AUTOMATION_ID: c->automation_id = optarg; break;
		case OPT_BASELINE: c->baseline = optarg; break;
		case OPT_PREVIOUS: c->lint.previous = optarg; break;
		case OPT_ROSTER: c->roster_path = optarg; break;
		case OPT_LIST_RULES: c->list_rules = 1; break;
		case OPT_EXPLAIN: c->explain = optarg; break;
		case OPT_VERSION: bclint_cmd_version(self); return -1;
		case OPT_HELP: bclint_cmd_help(self); return -1;
		default: return BCLINT_EXIT_USAGE;
		}
	}
	return 0;
}

/* The rules, the configuration and the switches: 0 or an exit status. */
static int set_up(struct cli *c, struct bclint_run *run)
{
	const char *path = c->rules_path ? c->rules_path : getenv("BCLINT_RULES_PATH");
	char err[1024];
	bclint_setup_rules(run, path && *path ? path : BCLINT_RULESDIR, c->plugins, c->n_plugins);
	if (!c->no_config) {
		if (bclint_config_read(&run->config, c->config ? c->config : ".bclint.json",
		                       c->config != NULL, &run->diag) < 0 ||
		    bclint_setup_config(run, c->lint.now) < 0)
			return BCLINT_EXIT_USAGE;
	}
	const char *roster = c->roster_path ? c->roster_path : run->config.roster;
	if (roster != NULL) {
		if (bclint_roster_read(&c->roster, roster, &run->diag) < 0)
			return BCLINT_EXIT_USAGE;
		c->lint.roster = &c->roster;
	}
	if (c->diff)
		bclint_setup_only_tagged(run, "drift");
	for (size_t i = 0; i < c->n_ops; i++)
		if (bclint_setup_op(run, &c->ops[i], err, sizeof(err)) < 0)
			return bclint_usage_error(c->self, "%s", err);
	return 0;
}

/* --list-rules --format=markdown -o DIR: a page per rule, the host's own
 * first, and README.md, the index.  0 or an exit status. */
static int catalog_pages(const struct cli *c, struct bclint_run *run)
{
	if (c->output == NULL || strcmp(c->output, "-") == 0)
		return bclint_usage_error(c->self, "--format=markdown writes a page per rule: give "
		                                   "the directory with -o DIR");
	if (mkdir(c->output, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "bclint: error: %s: cannot create directory: %s\n", c->output,
		        strerror(errno));
		return BCLINT_EXIT_PLUGIN;
	}
	size_t n_host, n = 0;
	const struct bclint_rule *host = bclint_catalog_host_rules(&n_host);
	struct bclint_catalog_entry *all = calloc(n_host + run->rules.n_slots, sizeof(*all));
	if (all == NULL) {
		fputs("bclint: error: out of memory\n", stderr);
		return BCLINT_EXIT_PLUGIN;
	}
	for (size_t i = 0; i < n_host; i++)
		all[n++] = (struct bclint_catalog_entry){&host[i], NULL, NULL, host[i].precision,
		                                         host[i].security_severity};
	for (size_t i = 0; i < run->rules.n_slots; i++) {
		const struct bclint_rule_slot *s = &run->rules.slots[i];
		all[n++] = (struct bclint_catalog_entry){s->rule, s->plugin->desc->name,
		                                         s->plugin->desc->version, s->precision,
		                                         s->security_severity};
	}
	int rc = 0;
	for (size_t i = 0; i <= n && rc == 0; i++) {
		struct bclint_buf out = {0};
		char path[PATH_MAX];
		if (i < n)
			bclint_catalog_markdown(&out, &all[i]);
		else
			bclint_catalog_markdown_index(&out, all, n);
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.md", c->output,
		                     i < n ? all[i].rule->id : "README") >= sizeof(path) ||
		    out.oom || bclint_write_output(path, out.data, out.len, &run->diag) < 0)
			rc = BCLINT_EXIT_PLUGIN;
		free(out.data);
	}
	free(all);
	if (rc == 0 && run->plugin_errors)
		rc = BCLINT_EXIT_PLUGIN;
	return rc;
}

/* --list-rules and --explain: the catalog, in the format asked for. */
static int catalog(const struct cli *c, struct bclint_run *run)
{
	struct bclint_buf out = {0};
	if (c->explain == NULL && strcmp(c->format, "markdown") == 0)
		return catalog_pages(c, run);
	if (c->explain != NULL) {
		const struct bclint_rule_slot *s = bclint_ruleset_find(&run->rules, c->explain);
		if (s == NULL)
			return bclint_usage_error(c->self,
			                          "unknown rule '%s' (see bclint "
			                          "--list-rules)",
			                          c->explain);
		bclint_catalog_explain(&out, s);
	} else if (strcmp(c->format, "json") == 0) {
		bclint_catalog_json(&out, &run->rules);
	} else if (strcmp(c->format, "man") == 0) {
		bclint_catalog_man(&out, &run->rules);
	} else {
		bclint_catalog_list(&out, &run->rules);
	}
	int rc = out.oom ||
	         bclint_write_output(c->output, out.data ? out.data : "", out.len, &run->diag) < 0;
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

/* The report as it is written: for a format that can be written in parts,
 * opened before linting (with the format's head), written a part at a time
 * as the files are linted, and finished at the end; else written whole at
 * the end. */
struct writer {
	struct cli *c;
	const struct bclint_format *fmt;
	struct bclint_run *run;
	struct bclint_output o;
	struct bclint_buf out;
	int open;
	size_t shown; /* entries written */
};

/* fn (a writer of the format, or NULL) on what the report holds. */
static void write_with(struct writer *w, bclint_emit_fn *fn, int status)
{
	const struct cli *c = w->c;
	struct bclint_emit e = {w->run, w->fmt->colored && want_color(c), status, c->automation_id,
	                        &w->shown};
	if (fn != NULL)
		fn(&w->out, &e);
}

/* Part of the report, handed out while linting (bclint_lint_options.part). */
static void write_part(void *arg, struct bclint_report *r)
{
	struct writer *w = arg;
	if (r->oom || w->out.oom)
		return;
	if (w->c->quiet)
		bclint_report_keep_errors(r);
	write_with(w, w->fmt->entries, 0);
}

static void ignore_diag(void *arg, const struct bclint_diag *d)
{
	(void)arg;
	(void)d;
}

/* Open the output before linting, when the format can be written in
 * parts, and write its head.  A failure
 * is not said here: the report is then written at the end, as for other
 * formats, and the output's failure said in its place. */
static void open_early(struct writer *w)
{
	static const struct bclint_diag_sink quiet = {ignore_diag, NULL};
	if (w->fmt->entries == NULL || bclint_output_open(&w->o, w->c->output, &quiet) < 0)
		return;
	w->o.diag = &w->run->diag;
	bclint_output_attach(&w->o, &w->out);
	w->open = 1;
	write_with(w, w->fmt->head, 0);
	w->c->lint.part = write_part;
	w->c->lint.part_arg = w;
}

/* Write the report (what is left of it): the exit status, 3 when it could
 * not be written. */
static int write_report(struct writer *w, int status)
{
	struct bclint_run *run = w->run;
	if (run->report.oom) {
		/* an incomplete report (entries may lack text) is not written,
		 * or, when parts of it went to standard output, not finished */
		int partial = 0;
		if (w->open) {
			bclint_output_close(&w->o, &w->out, 0);
			partial = w->o.written > 0 && !w->o.replace;
		}
		fprintf(stderr, "bclint: error: out of memory; %s\n",
		        partial ? "the report written is incomplete" : "no report written");
		free(w->out.data);
		return BCLINT_EXIT_PLUGIN;
	}
	if (!w->open) {
		if (bclint_output_open(&w->o, w->c->output, &run->diag) < 0)
			return BCLINT_EXIT_PLUGIN;
		bclint_output_attach(&w->o, &w->out);
	}
	if (w->c->quiet)
		bclint_report_keep_errors(&run->report);
	if (w->open) { /* the rest: the entries of the last part, the tail */
		write_with(w, w->fmt->entries, status);
		write_with(w, w->fmt->tail, status);
	} else {
		write_with(w, w->fmt->write, status);
	}
	int ran_out = w->out.oom && w->o.err == 0;
	if (bclint_output_close(&w->o, &w->out, !w->out.oom) < 0)
		status = BCLINT_EXIT_PLUGIN;
	if (ran_out)
		fprintf(stderr, "bclint: error: out of memory; %s\n",
		        w->o.written == 0 || w->o.replace ? "no report written"
		                                          : "the report written is incomplete");
	free(w->out.data);
	return status;
}

/* --redact's key (see bclint_cmd_redact_key). */
static int redact_key(struct cli *c)
{
	return bclint_cmd_redact_key(c->self, c->redact_key, c->lint.redact_key);
}

static int lint(struct cli *c, struct bclint_run *run, int argc, char **argv)
{
	int status = set_up(c, run);
	if (status != 0)
		return status;
	if (c->list_rules || c->explain)
		return catalog(c, run);
	if (strcmp(c->format, "man") == 0 || strcmp(c->format, "markdown") == 0)
		return bclint_usage_error(c->self, "--format=%s goes with --list-rules", c->format);
	if (c->diff && c->lint.previous != NULL)
		return bclint_usage_error(c->self,
		                          "--previous does not go with diff: give OLD NEW");
	if (c->diff && argc - optind != 2)
		return bclint_usage_error(c->self, "%s",
		                          argc - optind < 2
		                                  ? "give two snapshots, "
		                                    "OLD and NEW"
		                                  : "too many snapshots: give OLD and NEW");
	if (c->diff)
		c->lint.previous = argv[optind++];
	if (optind >= argc)
		return bclint_usage_error(c->self, "no snapshot given");
	if (c->lint.previous != NULL && argc - optind > 1)
		return bclint_usage_error(c->self, "--previous goes with one snapshot, not %d",
		                          argc - optind);
	if (c->lint.redact && (status = redact_key(c)) != 0)
		return status;
	struct bclint_baseline base = {NULL, 0};
	if (c->baseline != NULL && bclint_baseline_load(&base, c->baseline, &run->diag) < 0)
		return BCLINT_EXIT_USAGE;
	const struct bclint_format *fmt = bclint_format_find(c->format);
	struct writer w = {.c = c, .fmt = fmt, .run = run};
	c->lint.needs = fmt->needs;
	c->lint.baseline = c->baseline ? &base : NULL;
	open_early(&w);
	bclint_lint(run, &c->lint, (const char *const *)argv + optind, (size_t)(argc - optind));
	bclint_baseline_free(&base);
	if (c->baseline != NULL && !c->quiet)
		fprintf(stderr,
		        "bclint: baseline %s: %zu finding%s baselined, %zu baseline "
		        "entr%s gone (fixed)\n",
		        c->baseline, run->baselined, run->baselined == 1 ? "" : "s",
		        run->baseline_gone, run->baseline_gone == 1 ? "y" : "ies");
	status = bclint_run_status(run, c->fail_on, c->max_warnings);
	status = write_report(&w, status);
	if (!c->quiet) {
		const size_t *n = run->report.counts;
		fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s\n", n[3],
		        n[3] == 1 ? "" : "s", n[2], n[2] == 1 ? "" : "s", n[1],
		        n[1] == 1 ? "" : "s");
	}
	return status;
}

static int lint_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	return bclint_cmd_lint_run(self, argc, argv, 0);
}

int bclint_cmd_lint_run(const struct bclint_cmd *self, int argc, char **argv, int diff)
{
	struct bclint_diag_sink diag = {bclint_cmd_print_diag, (void *)self};
	struct bclint_run run;
	struct cli c;
	memset(&c, 0, sizeof(c));
	c.self = self;
	c.diff = diff;
	if (diff) /* getopt's own messages begin with argv[0]: "bclint diff" */
		argv[0] = (char *)self->prog;
	c.format = "gcc";
	c.fail_on = BCLINT_LEVEL_ERROR;
	c.max_warnings = -1;
	c.color = -1;
	c.lint = (struct bclint_lint_options){
	        .now = BCLINT_NO_TIME, .isolate = 1, .rule_timeout = 60};
	bclint_run_init(&run, &diag);
	optind = 1;
	int status = parse_args(argc, argv, &c);
	if (status == 0)
		status = lint(&c, &run, argc, argv);
	else if (status < 0)
		status = 0;
	free(c.ops);
	free(c.plugins);
	bclint_roster_free(&c.roster);
	bclint_run_free(&run);
	return status;
}
