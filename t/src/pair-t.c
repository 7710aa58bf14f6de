/* Unit tests of the pairing of two snapshots (src/pair.c) and of the host
 * services built on it (src/host.c: previous, counterpart, report_at,
 * note_at): every kind of entity found by its IDs whatever its place,
 * duplicates paired in file order, entities without a counterpart, and
 * findings and notes in the previous snapshot's file. */
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "pair.h"
#include "tap.h"

static const char before[] =
        "{\"schema\": \"bclint-snapshot/1\", \"bc\": {\"bc_id\": \"1\"},\n"
        " \"members\": [{\"user_id\": \"10\", \"user_email\": \"a@x.example\", \"user_role\": \"ADMIN\"},\n"
        "  {\"user_id\": \"11\", \"user_email\": \"b@x.example\", \"user_role\": \"STANDARD\"}],\n"
        " \"assets\": [{\"asset_id\": \"7\", \"asset_type\": \"ADVERTISER\"},\n"
        "  {\"asset_id\": \"7\", \"asset_type\": \"PIXEL\"}],\n"
        " \"assignments\": [{\"user_id\": \"11\", \"asset_id\": \"7\", \"asset_type\": \"PIXEL\"}],\n"
        " \"asset_groups\": [{\"asset_group_id\": \"80\", \"assets\": [], \"members\": []}],\n"
        " \"partners\": [{\"bc_id\": \"5\", \"shared_assets\": [\n"
        "   {\"share_type\": \"SHARING\", \"asset_type\": \"ADVERTISER\", \"asset_id\": \"7\"}]}],\n"
        " \"needs\": [{\"user_id\": \"10\", \"action\": \"INVITE_MEMBER\"},\n"
        "  {\"user_id\": \"10\", \"action\": \"INVITE_MEMBER\"}]}\n";

/* The same Business Center, reordered, with one member gone (11), one new
 * (12), the pixel's assignment gone and a need less. */
static const char now[] =
        "{\"schema\": \"bclint-snapshot/1\", \"bc\": {\"bc_id\": \"1\"},\n"
        " \"members\": [{\"user_id\": \"12\", \"user_email\": \"c@x.example\", \"user_role\": \"STANDARD\"},\n"
        "  {\"user_id\": \"10\", \"user_email\": \"new@x.example\", \"user_role\": \"ADMIN\"}],\n"
        " \"assets\": [{\"asset_id\": \"7\", \"asset_type\": \"PIXEL\"},\n"
        "  {\"asset_id\": \"7\", \"asset_type\": \"ADVERTISER\"}],\n"
        " \"partners\": [{\"bc_id\": \"6\", \"shared_assets\": []},\n"
        "  {\"bc_id\": \"5\", \"shared_assets\": [\n"
        "   {\"share_type\": \"SHARED\", \"asset_type\": \"ADVERTISER\", \"asset_id\": \"7\"},\n"
        "   {\"share_type\": \"SHARING\", \"asset_type\": \"ADVERTISER\", \"asset_id\": \"7\"}]}],\n"
        " \"asset_groups\": [{\"asset_group_id\": \"80\", \"assets\": [], \"members\": []}],\n"
        " \"needs\": [{\"user_id\": \"10\", \"action\": \"INVITE_MEMBER\"}]}\n";

static const struct bclint_rule rule = {
        .id = "test-rule",
        .name = "TestRule",
        .summary = "a rule",
        .level = BCLINT_LEVEL_NOTE,
};
static const struct bclint_plugin desc = {.name = "test-plugin"};
static const struct bclint_loaded_plugin plugin = {"test.so", NULL, &desc};

static struct bclint_snapshot *load(struct bclint_report *r, const char *name, const char *text)
{
	size_t len = strlen(text);
	int file = bclint_report_add_source(r, strdup(name), bclint_text_own(strdup(text), len));
	return file < 0 ? NULL : bclint_snapshot_load(r, (uint32_t)file, 0);
}

static const struct bclint_entity *find(const struct bclint_pairing *p,
                                        const struct bclint_model *m, const struct bclint_entity *e)
{
	return bclint_pairing_find(p, m, e);
}

static void pairing(const struct bclint_model *n, const struct bclint_model *b)
{
	struct bclint_pairing p;
	ok(bclint_pairing_build(&p, n, b) == 0, "the pairing builds");
	ok(find(&p, n, &n->bc.ent) == &b->bc.ent, "the Business Centers pair");
	ok(find(&p, n, &n->members[1].ent) == &b->members[0].ent &&
	           find(&p, b, &b->members[0].ent) == &n->members[1].ent,
	   "a member pairs by user_id, both ways, whatever its place and email");
	ok(find(&p, n, &n->members[0].ent) == NULL && find(&p, b, &b->members[1].ent) == NULL,
	   "a new member and a gone one have no counterpart");
	ok(find(&p, n, &n->assets[0].ent) == &b->assets[1].ent &&
	           find(&p, n, &n->assets[1].ent) == &b->assets[0].ent,
	   "assets pair by type and ID: one ID, two types, two assets");
	ok(find(&p, b, &b->assignments[0].ent) == NULL, "a gone assignment has no counterpart");
	ok(find(&p, n, &n->groups[0].ent) == &b->groups[0].ent, "asset groups pair by ID");
	ok(find(&p, n, &n->partners[1].ent) == &b->partners[0].ent &&
	           find(&p, n, &n->partners[0].ent) == NULL,
	   "partners pair by bc_id");
	const struct bclint_partner *pa = &n->partners[1];
	ok(find(&p, n, &pa->shares[1].ent) == &b->partners[0].shares[0].ent &&
	           find(&p, n, &pa->shares[0].ent) == NULL,
	   "shares pair by partner, share_type, type, ID");
	ok(find(&p, n, &n->needs[0].ent) == &b->needs[0].ent &&
	           find(&p, b, &b->needs[1].ent) == NULL,
	   "equal needs pair in file order, one each");
	struct bclint_entity forged = {BCLINT_ENT_MEMBER, 99, 0, 0, 0};
	struct bclint_entity policy = {BCLINT_ENT_POLICY, 0, 0, 0, 0};
	ok(find(&p, n, &forged) == NULL && find(&p, n, &policy) == NULL &&
	           find(&p, NULL, &n->bc.ent) == NULL,
	   "an index out of range, the policy, no model: NULL");
	bclint_pairing_free(&p);
	bclint_pairing_free(&p);
	ok(1, "bclint_pairing_free twice is safe");
}

static void services(struct bclint_report *r, struct bclint_snapshot *sn,
                     struct bclint_snapshot *sb)
{
	struct bclint_pairing p;
	struct bclint_rule_slot slot = {.rule = &rule,
	                                .precision = "high",
	                                .plugin = &plugin,
	                                .enabled = 1,
	                                .level = BCLINT_LEVEL_NOTE};
	struct bclint_scene scene = {r, sn, NULL, NULL, BCLINT_NO_TIME, 1, 1, sb, &p, NULL};
	struct bclint_ctx ctx;
	const struct bclint_host *h = &bclint_host_services;
	const struct bclint_model *n = &sn->model, *b = &sb->model;
	bclint_pairing_build(&p, n, b);
	bclint_ctx_init(&ctx, &scene, &slot);
	ok(BCLINT_HOST_HAS(h, note_at) && h->previous(&ctx) == b, "previous(): the previous model");
	ok(h->counterpart(&ctx, b, &b->members[0].ent) == &n->members[1].ent,
	   "counterpart(): through the scene's pairing");
	size_t first = r->n_findings;
	struct bclint_finding *f = h->report_at(&ctx, b, BCLINT_LEVEL_DEFAULT, &b->members[1].ent,
	                                        "%s left", h->member_label(&ctx, &b->members[1]));
	h->note_at(&ctx, f, n, &n->bc.ent, "not here");
	h->note(&ctx, f, &n->members[0].ent, "nor here");
	ok(f != NULL && f->file == sb->file && f->pos.off == b->members[1].ent.start,
	   "report_at(): in the previous snapshot's file, at its entity");
	is_string(f ? f->message : NULL, "b@x.example left", "report_at(): the message");
	ok(f != NULL && f->n_notes == 2 && f->notes[0].file == sn->file &&
	           f->notes[1].file == sn->file,
	   "note_at() and note(): in the snapshot's file");
	ok(f != NULL && f->about.user_id != NULL && strcmp(f->about.user_id, "11") == 0,
	   "report_at(): about the previous snapshot's member");
	struct bclint_model other = *n;
	ok(h->report_at(&ctx, &other, BCLINT_LEVEL_DEFAULT, &n->bc.ent, "x") == NULL &&
	           r->n_findings == first + 1,
	   "report_at() a model that is neither: nothing reported");
	h->note_at(&ctx, f, &other, &n->bc.ent, "y");
	ok(f != NULL && f->n_notes == 2, "note_at() a model that is neither: no note");
	struct bclint_host old = *h;
	old.size = (uint32_t)offsetof(struct bclint_host, previous);
	ok(!BCLINT_HOST_HAS(&old, previous) && BCLINT_HOST_HAS(&old, email_allowed),
	   "BCLINT_HOST_HAS: a host of the first size lacks the appended functions");
	bclint_ctx_release(&ctx);
	scene.prev = NULL;
	scene.pairs = NULL;
	bclint_ctx_init(&ctx, &scene, &slot);
	ok(h->previous(&ctx) == NULL && h->counterpart(&ctx, n, &n->bc.ent) == NULL,
	   "without a previous snapshot: previous() and counterpart() are NULL");
	bclint_ctx_release(&ctx);
	bclint_pairing_free(&p);
}

int main(void)
{
	struct bclint_report r;
	memset(&r, 0, sizeof(r));
	plan(23);
	struct bclint_snapshot *sb = load(&r, "before.json", before);
	struct bclint_snapshot *sn = load(&r, "now.json", now);
	ok(sb != NULL && sn != NULL && sb->errors == 0 && sn->errors == 0, "both snapshots load");
	if (sb == NULL || sn == NULL || sb->errors || sn->errors)
		return done_testing();
	pairing(&sn->model, &sb->model);
	services(&r, sn, sb);
	bclint_snapshot_free(sb);
	bclint_snapshot_free(sn);
	bclint_report_free(&r);
	return done_testing();
}
