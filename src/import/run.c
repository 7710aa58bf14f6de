/* The whole import, stage after stage (import.h lists them).  A response
 * that cannot be used at all stops the import once every file has been
 * read, so that the messages after it are not consequences of it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "import/import.h"

static void input_free(struct bclint_import_input *in)
{
	bclint_jdoc_free(&in->doc);
	bclint_text_free(&in->text);
}

static void import_free(struct bclint_import *im)
{
	for (size_t i = 0; i < im->n_in; i++) {
		input_free(&im->in[i]);
		free(im->in[i].path);
	}
	for (int k = 0; k < 2; k++)
		input_free(&im->side[k]); /* their paths are the options' */
	for (int k = 0; k < BCLINT_IV_N; k++)
		free(im->v[k].v);
	free(im->in);
	free(im->pages);
	free(im->members);
	free(im->assets);
	free(im->grants);
	free(im->groups);
	free(im->gassets);
	free(im->gmembers);
	free(im->groles);
	for (size_t i = 0; i < im->n_partners; i++)
		free(im->partners[i].domains);
	free(im->partners);
	free(im->shares);
	free(im->needs);
	free(im->domains);
	bclint_arena_free(&im->arena);
}

/* Read every response: -1 when one could not be used at all. */
static int read_responses(struct bclint_import *im)
{
	for (size_t i = 0; i < im->opt->n_paths; i++)
		if (bclint_import_add_path(im, im->opt->paths[i]) < 0)
			return -1;
	bclint_import_sort_inputs(im);
	int unusable = 0;
	for (size_t i = 0; i < im->n_in; i++)
		unusable += bclint_import_read_response(im, &im->in[i]) < 0;
	bclint_import_check_pages(im);
	return unusable > 0 ? -1 : 0;
}

static int run(struct bclint_import *im, struct bclint_buf *out)
{
	if (read_responses(im) < 0 || im->oom)
		return -1;
	bclint_import_sort_items(im);
	if (im->v[BCLINT_IV_MEMBER].n == 0 && im->errors == 0)
		bclint_import_diag(im, BCLINT_LEVEL_WARNING, NULL, 0, 0,
		                   "no /bc/member/get/ response: the snapshot has no members");
	bclint_import_merge_members(im);
	bclint_import_merge_assets(im);
	bclint_import_merge_bc(im);
	bclint_import_merge_grants(im);
	bclint_import_merge_groups(im);
	bclint_import_merge_partners(im);
	bclint_import_apply_changelog(im);
	if (im->opt->extras != NULL)
		bclint_import_read_extras(im);
	if (im->opt->plan != NULL)
		bclint_import_read_plan(im);
	if (im->errors > 0 || im->oom)
		return -1;
	return bclint_import_write(im, out);
}

int bclint_import(const struct bclint_import_options *opt, const struct bclint_diag_sink *sink,
                  struct bclint_buf *out)
{
	struct bclint_import im;
	memset(&im, 0, sizeof(im));
	memset(out, 0, sizeof(*out));
	im.opt = opt;
	im.sink = sink;
	int rc = run(&im, out);
	if (im.oom) {
		bclint_diagf(sink, BCLINT_LEVEL_ERROR, NULL, 0, 0, "out of memory");
		rc = -1;
	}
	if (rc < 0 || im.errors > 0) {
		free(out->data);
		memset(out, 0, sizeof(*out));
		rc = -1;
	}
	import_free(&im);
	return rc;
}
