/* bclint access [OPTION]... SNAPSHOT...: the access record, who can reach
 * what.  The snapshots are linted (for the findings the record shows
 * where they apply) and loaded (for the model the record is made of);
 * the record is written in the chosen format. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "cmd.h"
#include "lint.h"
#include "output.h"
#include "setup.h"
#include "snapshot.h"
#include "timestamp.h"

#ifndef BCLINT_RULESDIR
#define BCLINT_RULESDIR "/usr/local/lib/bclint/rules"
#endif

enum {
	OPT_BY_PERSON = 256,
	OPT_ROSTER,
	OPT_REDACT,
	OPT_REDACT_KEY,
	OPT_NOW,
	OPT_NO_CONFIG,
	OPT_RULES_PATH,
	OPT_PLUGIN,
	OPT_HELP,
	OPT_VERSION
};

static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"by-person", no_argument, NULL, OPT_BY_PERSON},
        {"roster", required_argument, NULL, OPT_ROSTER},
        {"redact", no_argument, NULL, OPT_REDACT},
        {"redact-key", required_argument, NULL, OPT_REDACT_KEY},
        {"now", required_argument, NULL, OPT_NOW},
        {"config", required_argument, NULL, 'c'},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"rules-path", required_argument, NULL, OPT_RULES_PATH},
        {"plugin", required_argument, NULL, OPT_PLUGIN},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
};

static const char help[] =
        "Write the access record of Business Center snapshots: one row per member and\n"
        "asset they can reach, with the effective permission and every source of it\n"
        "(direct, asset group, partner share), whether the plan needs it, the member's\n"
        "role, finance role, status, last sign-in and two-step state, the roster's\n"
        "word and the findings of the rules about it.  Each member also has a row for\n"
        "the Business Center itself (their user_role): a member with no asset has\n"
        "only that one.\n"
        "\n"
        "  -f, --format=FORMAT        table (default), csv, json, markdown or html\n"
        "  -o, --output=FILE          write the record to FILE (atomically)\n"
        "      --by-person            one entry per person across the snapshots\n"
        "                             (the same email ignoring case, else user_id)\n"
        "      --roster=FILE          mark members not on the roster of current staff,\n"
        "                             or past their end date (CSV or JSON)\n"
        "      --redact               replace emails and names with keyed hashes (a new\n"
        "                             key each run, unless BCLINT_REDACT_KEY is set)\n"
        "      --redact-key=FILE      --redact, with the key derived from FILE\n"
        "      --now=TIMESTAMP        reference time (default: captured_at, else the clock)\n"
        "  -c, --config=FILE          read this configuration file (default .bclint.json)\n"
        "      --no-config            read no configuration file\n"
        "      --rules-path=DIR[:DIR] look for rule plugins here (also BCLINT_RULES_PATH)\n"
        "      --plugin=PATH          load one more rule plugin\n"
        "      --help                 print this help\n"
        "      --version              print the version\n"
        "\n"
        "Exit status: 0 the record was written, 2 usage or input error (a snapshot\n"
        "unreadable or invalid), 3 a plugin failed or the record could not be\n"
        "written.  See bclint-access(1).\n";

static int access_exec(const struct bclint_cmd *self, int argc, char **argv);

const struct bclint_cmd bclint_cmd_access = {
        "access", "bclint access", "[OPTION]... SNAPSHOT...", help, "f:o:c:", longopts, access_exec,
};

#define usage_error(...) bclint_usage_error(&bclint_cmd_access, __VA_ARGS__)

struct cli {
	int format, by_person, no_config;
	const char *output, *roster_path, *config, *rules_path, *redact_key;
	const char **plugins;
	size_t n_plugins;
	struct bclint_lint_options lint;
	struct bclint_roster roster;
};

/* 0, a usage error's status, or -1 after --help. */
static int parse_args(int argc, char **argv, struct cli *c)
{
	int ch;
	while ((ch = bclint_cmd_getopt(&bclint_cmd_access, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			if ((c->format = bclint_access_format(optarg)) < 0)
				return usage_error(
				        "unknown format '%s' (table, csv, json, markdown or html)",
				        optarg);
			break;
		case 'o': c->output = optarg; break;
		case 'c': c->config = optarg; break;
		case OPT_NO_CONFIG: c->no_config = 1; break;
		case OPT_BY_PERSON: c->by_person = 1; break;
		case OPT_ROSTER: c->roster_path = optarg; break;
		case OPT_REDACT: c->lint.redact = 1; break;
		case OPT_REDACT_KEY:
			c->lint.redact = 1;
			c->redact_key = optarg;
			break;
		case OPT_NOW:
			if (bclint_parse_time(optarg, &c->lint.now) < 0)
				return usage_error("invalid --now '%s' (an RFC 3339 timestamp)",
				                   optarg);
			break;
		case OPT_RULES_PATH: c->rules_path = optarg; break;
		case OPT_PLUGIN: {
			const char **p = realloc(c->plugins, (c->n_plugins + 1) * sizeof(*p));
			if (p == NULL)
				return usage_error("out of memory");
			c->plugins = p;
			c->plugins[c->n_plugins++] = optarg;
			break;
		}
		case OPT_HELP: bclint_cmd_help(&bclint_cmd_access); return -1;
		case OPT_VERSION: bclint_cmd_version(&bclint_cmd_access); return -1;
		default: return BCLINT_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("no snapshot given");
	for (int i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0) /* it is read twice: linted, then loaded */
			return usage_error("standard input ('-') is not read here: give a file");
	return 0;
}

/* The rules, the configuration and the roster: 0 or an exit status. */
static int set_up(struct cli *c, struct bclint_run *run)
{
	const char *path = c->rules_path ? c->rules_path : getenv("BCLINT_RULES_PATH");
	bclint_setup_rules(run, path && *path ? path : BCLINT_RULESDIR, c->plugins, c->n_plugins);
	if (!c->no_config &&
	    (bclint_config_read(&run->config, c->config ? c->config : ".bclint.json",
	                        c->config != NULL, &run->diag) < 0 ||
	     bclint_setup_config(run, c->lint.now) < 0))
		return BCLINT_EXIT_USAGE;
	const char *roster = c->roster_path ? c->roster_path : run->config.roster;
	if (roster != NULL) {
		if (bclint_roster_read(&c->roster, roster, &run->diag) < 0)
			return BCLINT_EXIT_USAGE;
		c->lint.roster = &c->roster;
	}
	return 0;
}

/* The snapshot errors the lint run found, as bclint prints them. */
static void print_snapshot_errors(const struct bclint_report *r)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (strcmp(f->rule, "snapshot") == 0)
			fprintf(stderr, "%s:%u:%u: error: %s\n", r->sources[f->file].path,
			        f->pos.line, f->pos.col, f->message);
	}
}

/* Load every snapshot (valid: the lint run said so) into snaps. */
static int load(struct bclint_report *rep, char **paths, size_t n, struct bclint_snapshot **snaps,
                const struct bclint_diag_sink *diag)
{
	for (size_t i = 0; i < n; i++) {
		struct bclint_text text;
		char *name = strdup(paths[i]);
		if (name == NULL || bclint_text_read(paths[i], &text) < 0) {
			free(name);
			bclint_diagf(diag, 3, NULL, 0, 0, "%s: cannot read snapshot", paths[i]);
			return -1;
		}
		int file = bclint_report_add_source(rep, name, text);
		if (file < 0 || (snaps[i] = bclint_snapshot_load(rep, (uint32_t)file, 0)) == NULL ||
		    snaps[i]->errors) {
			bclint_diagf(diag, 3, NULL, 0, 0, "%s: cannot load snapshot", paths[i]);
			return -1;
		}
	}
	return 0;
}

static int write_record(struct cli *c, struct bclint_access *a, const struct bclint_diag_sink *diag)
{
	struct bclint_buf out = {0};
	struct bclint_output o;
	int status = 0;
	if (bclint_output_open(&o, c->output, diag) < 0)
		return BCLINT_EXIT_PLUGIN;
	bclint_output_attach(&o, &out);
	bclint_access_write(&out, a, c->format, c->by_person && c->format != BCLINT_ACCESS_HTML);
	int ran_out = out.oom && o.err == 0;
	if (bclint_output_close(&o, &out, !out.oom) < 0)
		status = BCLINT_EXIT_PLUGIN;
	if (ran_out)
		fputs("bclint access: error: out of memory; no record written\n", stderr);
	free(out.data);
	return status;
}

static int record(struct cli *c, struct bclint_run *run, char **paths, size_t n)
{
	int status = set_up(c, run);
	if (status == 0 && c->lint.redact)
		status = bclint_cmd_redact_key(&bclint_cmd_access, c->redact_key,
		                               c->lint.redact_key);
	if (status != 0)
		return status;
	c->lint.needs = BCLINT_NEED_ABOUT;
	bclint_lint(run, &c->lint, (const char *const *)paths, n);
	if (run->input_errors) {
		print_snapshot_errors(&run->report);
		return BCLINT_EXIT_USAGE;
	}
	struct bclint_report loaded = {0};
	struct bclint_snapshot **snaps = calloc(n, sizeof(*snaps));
	const struct bclint_model **models = calloc(n, sizeof(*models));
	struct bclint_access a = {0};
	if (snaps == NULL || models == NULL) {
		fputs("bclint access: error: out of memory\n", stderr);
		status = BCLINT_EXIT_PLUGIN;
	} else if (load(&loaded, paths, n, snaps, &run->diag) < 0) {
		status = BCLINT_EXIT_USAGE;
	} else {
		for (size_t i = 0; i < n; i++)
			models[i] = &snaps[i]->model;
		if (bclint_access_build(&a, models, n, &run->report, c->lint.roster, c->lint.now,
		                        c->lint.redact ? c->lint.redact_key : NULL,
		                        c->by_person && c->format != BCLINT_ACCESS_HTML) < 0) {
			fputs("bclint access: error: out of memory\n", stderr);
			status = BCLINT_EXIT_PLUGIN;
		} else {
			status = write_record(c, &a, &run->diag);
		}
	}
	if (status == 0 && run->plugin_errors)
		status = BCLINT_EXIT_PLUGIN;
	bclint_access_free(&a);
	for (size_t i = 0; snaps != NULL && i < n; i++)
		bclint_snapshot_free(snaps[i]);
	free(snaps);
	free(models);
	bclint_report_free(&loaded);
	return status;
}

static int access_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	struct bclint_diag_sink diag = {bclint_cmd_print_diag, (void *)self};
	struct bclint_run run;
	struct cli c;
	memset(&c, 0, sizeof(c));
	c.lint = (struct bclint_lint_options){
	        .now = BCLINT_NO_TIME, .isolate = 1, .rule_timeout = 60};
	argv[0] = (char *)self->prog;
	bclint_run_init(&run, &diag);
	optind = 1;
	int status = parse_args(argc, argv, &c);
	if (status == 0)
		status = record(&c, &run, argv + optind, (size_t)(argc - optind));
	else if (status < 0)
		status = 0;
	free(c.plugins);
	bclint_roster_free(&c.roster);
	bclint_run_free(&run);
	return status;
}
