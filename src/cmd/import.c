/* bclint import: options, the import library (src/import/), the
 * snapshot written to standard output or a file, and the exit status. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "import/import.h"
#include "lint.h"
#include "output.h"
#include "timestamp.h"

static const struct bclint_diag_sink diag_sink = {bclint_cmd_print_diag,
                                                  (void *)&bclint_cmd_import};

static const char help[] =
        "Build a bclint snapshot from saved TikTok Business API responses (files, or\n"
        "directories whose *.json files are read).\n"
        "\n"
        "      --bc-id=ID             the Business Center (needed when the /bc/get/\n"
        "                             responses list several, or there are none)\n"
        "      --extras=FILE          CSV or JSON with what the API does not return\n"
        "      --plan=FILE            JSON needs (the access plan) to merge in\n"
        "      --captured-at=TIME     the snapshot's captured_at (RFC 3339)\n"
        "  -o, --output=FILE          write the snapshot to FILE (default: standard output)\n"
        "      --help                 print this help\n"
        "      --version              print the version\n"
        "\n"
        "Exit status: 0 written, 2 a usage error or a bad response.  See bclint-import(1).\n";

#define usage_error(...) bclint_usage_error(&bclint_cmd_import, __VA_ARGS__)

/* 0 to import, -1 after --help or --version, else the exit status of a usage error. */
static int parse_args(struct bclint_import_options *o, const char **output, int argc, char **argv)
{
	enum { OPT_BC_ID = 256, OPT_EXTRAS, OPT_PLAN, OPT_CAPTURED_AT, OPT_HELP, OPT_VERSION };
	static const struct option opts[] = {
	        {"bc-id", required_argument, NULL, OPT_BC_ID},
	        {"extras", required_argument, NULL, OPT_EXTRAS},
	        {"plan", required_argument, NULL, OPT_PLAN},
	        {"captured-at", required_argument, NULL, OPT_CAPTURED_AT},
	        {"output", required_argument, NULL, 'o'},
	        {"help", no_argument, NULL, OPT_HELP},
	        {"version", no_argument, NULL, OPT_VERSION},
	        {NULL, 0, NULL, 0},
	};
	static char prog[] = "bclint import";
	int ch;
	bclint_time t;
	argv[0] = prog; /* for getopt's messages */
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_BC_ID:
			if (*optarg == '\0')
				return usage_error("%s", "--bc-id must not be empty");
			o->bc_id = optarg;
			break;
		case OPT_EXTRAS: o->extras = optarg; break;
		case OPT_PLAN: o->plan = optarg; break;
		case OPT_CAPTURED_AT:
			if (bclint_parse_time(optarg, &t) < 0)
				return usage_error(
				        "invalid --captured-at '%s' (an RFC 3339 timestamp)",
				        optarg);
			o->captured_at = optarg;
			break;
		case 'o': *output = optarg; break;
		case OPT_HELP: bclint_cmd_help(&bclint_cmd_import); return -1;
		case OPT_VERSION: bclint_cmd_version(&bclint_cmd_import); return -1;
		default:
			fputs("Try 'bclint import --help' for more information.\n", stderr);
			return BCLINT_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no response given");
	o->paths = argv + optind;
	o->n_paths = (size_t)(argc - optind);
	return 0;
}

static int import_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	(void)self;
	struct bclint_import_options o;
	const char *output = NULL;
	memset(&o, 0, sizeof(o));
	int rc = parse_args(&o, &output, argc, argv);
	if (rc != 0)
		return rc < 0 ? BCLINT_EXIT_OK : rc;
	struct bclint_buf snapshot;
	if (bclint_import(&o, &diag_sink, &snapshot) < 0)
		return BCLINT_EXIT_USAGE;
	rc = bclint_write_output(output, snapshot.data, snapshot.len, &diag_sink);
	free(snapshot.data);
	return rc == 0 ? BCLINT_EXIT_OK : BCLINT_EXIT_USAGE;
}

const struct bclint_cmd bclint_cmd_import = {
        "import", "bclint", "[OPTION]... RESPONSE...", help, "o:", NULL, import_exec,
};
