/* --plan: the access plan, a JSON array of needs (or an object whose
 * "needs" is one).  Each need is checked against the merged model and the
 * action table, and kept with the fields a snapshot's need has. */
#include "config.h"

#include <string.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"

static void plan_need(struct bclint_import *im, struct bclint_import_input *in,
                      const struct bclint_jv *n)
{
	if (n->type != BCLINT_JOBJECT) {
		bclint_import_err(im, in, n, "a need must be an object");
		return;
	}
	if (bclint_import_check_str(im, in, n, "user_id", 1, NULL) |
	    bclint_import_check_str(im, in, n, "action", 1, NULL) |
	    bclint_import_check_str(im, in, n, "asset_id", 0, NULL) |
	    bclint_import_check_str(im, in, n, "x_note", 0, NULL) |
	    bclint_import_check_str(im, in, n, "asset_type", 0, NULL))
		return;
	struct bclint_import_need need = {
	        {in, bclint_import_field(in, n, "user_id")},
	        {in, bclint_import_field(in, n, "action")},
	        {in, bclint_import_field(in, n, "asset_id")},
	        {in, bclint_import_field(in, n, "asset_type")},
	        {in, bclint_import_field(in, n, "x_note")},
	};
	const char *uid = bclint_import_string(im, in, need.user_id.v);
	const char *act = bclint_import_string(im, in, need.action.v);
	const char *aid = bclint_import_string(im, in, need.asset_id.v);
	const char *type = bclint_import_string(im, in, need.asset_type.v);
	int bad = 0;
	if (uid == NULL || act == NULL)
		return;
	if (bclint_import_find_member(im, uid) == NULL) {
		bclint_import_err(im, in, need.user_id.v,
		                  "user_id '%s' is not a member of the imported Business Center",
		                  uid);
		bad = 1;
	}
	const struct bclint_action *a = bclint_action_find(act);
	if (a == NULL) {
		bclint_import_err(im, in, need.action.v, "unknown action '%s'", act);
		return;
	}
	if (type != NULL &&
	    (type = bclint_import_check_type(im, in, need.asset_type.v, type)) == NULL)
		return;
	if (a->scope == BCLINT_SCOPE_BC_ROLE || a->scope == BCLINT_SCOPE_FINANCE) {
		if (aid != NULL || type != NULL) {
			bclint_import_err(im, in, aid ? need.asset_id.v : need.asset_type.v,
			                  "%s is a Business Center action: it takes no asset", act);
			return;
		}
	} else if ((aid == NULL) != (type == NULL) ||
	           (a->scope == BCLINT_SCOPE_ASSET && aid == NULL)) {
		bclint_import_err(im, in, n, "%s needs both 'asset_id' and 'asset_type'", act);
		return;
	} else if (type != NULL) {
		uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
		if ((a->types & (1u << t)) == 0) {
			bclint_import_err(im, in, need.asset_type.v,
			                  "%s does not apply to %s assets", act, type);
			return;
		}
		/* Where the asset lives, its permissions are set: a need on an
		 * asset of another Business Center is what foreign-asset reports. */
		if (bclint_import_find_asset(im, type, aid) == NULL)
			bclint_import_warn(im, in, need.asset_id.v,
			                   "%s asset '%s' is not in this Business Center's "
			                   "responses: the lint will report the need as %s",
			                   type, aid, "foreign-asset");
	}
	if (bad)
		return;
	if (bclint_import_grow(im, &im->needs, &im->cap_needs, im->n_needs, sizeof(need)) == 0)
		im->needs[im->n_needs++] = need;
}

void bclint_import_read_plan(struct bclint_import *im)
{
	struct bclint_import_input *in = &im->side[1];
	in->path = (char *)im->opt->plan;
	if (bclint_import_read_input(im, in, "plan", 0) < 0)
		return;
	const struct bclint_jv *list = in->doc.root;
	if (list->type == BCLINT_JOBJECT)
		list = bclint_import_field(in, list, "needs");
	if (list == NULL || list->type != BCLINT_JARRAY) {
		bclint_import_err(
		        im, in, list ? list : in->doc.root,
		        "a plan must be an array of needs or an object with a 'needs' array");
		return;
	}
	for (const struct bclint_jv *n = list->child; n != NULL; n = n->next)
		plan_need(im, in, n);
}
