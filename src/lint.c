/* A lint run: each snapshot is read, loaded and checked against the
 * loaded rules' options, and every enabled rule runs over its model.
 * With isolation, loading and the rules run in a worker process
 * (isolate.c), which writes the findings into memory shared with this
 * process (region.c) and says where they are as each step ends;
 * a rule that crashes or runs out of time is recorded by name, and a new
 * worker carries on with the rules after it.  A worker done with a file
 * is given the next one, with a region it can reach, and keeps its
 * memory from file to file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "caps.h"
#include "hash.h"
#include "host.h"
#include "isolate.h"
#include "region.h"
#include "json.h"
#include "lint.h"
#include "redact.h"
#include "regex.h"
#include "snapshot.h"

void bclint_run_init(struct bclint_run *run, const struct bclint_diag_sink *diag)
{
	memset(run, 0, sizeof(*run));
	run->diag = *diag;
}

void bclint_run_plugin_error(struct bclint_run *run, const char *file, const char *rule,
                             const char *message)
{
	bclint_diagf(&run->diag, BCLINT_LEVEL_ERROR, NULL, 0, 0, "%s", message);
	bclint_report_failure(&run->report, file, rule, message);
	run->plugin_errors++;
}

/* -- the policy --------------------------------------------------------- */

/* A snapshot error at v of the policy document. */
static void policy_error(struct bclint_report *r, const struct bclint_snapshot *s,
                         const struct bclint_jv *v, const char *ptr, const char *msg)
{
	struct bclint_finding f = {
	        .rule = "snapshot",
	        .level = BCLINT_LEVEL_ERROR,
	        .file = s->file,
	        .pos.off = s->policy_at + v->start,
	        .end.off = s->policy_at + v->end,
	        .ref.pointer = ptr,
	        .identity = bclint_hash64(ptr, strlen(ptr), 1),
	};
	bclint_report_addz(r, &f, msg);
}

/* Is a policy value of the right JSON type for the option? */
static const char *policy_type_error(const struct bclint_snapshot *s, const struct bclint_option *o,
                                     const struct bclint_jv *v)
{
	long long n;
	switch (o->type) {
	case BCLINT_OPT_INT:
		return bclint_jv_integer(s->policy_text, v, 0, 2147483647, &n) < 0
		               ? "a non-negative integer"
		               : NULL;
	case BCLINT_OPT_BOOL: return bclint_jv_is_bool(v) ? NULL : "true or false";
	case BCLINT_OPT_STRING: return v->type == BCLINT_JSTRING ? NULL : "a string";
	default:
		if (v->type != BCLINT_JARRAY)
			return "an array of regular expressions";
		for (const struct bclint_jv *c = v->child; c; c = c->next)
			if (c->type != BCLINT_JSTRING)
				return "an array of regular expressions";
		return NULL;
	}
}

/* Each pattern of a policy pattern list must compile. */
static int check_patterns(struct bclint_report *r, struct bclint_snapshot *s,
                          const struct bclint_jv *list, const char *ptr)
{
	int errors = 0, k = 0;
	for (const struct bclint_jv *c = list->child; c != NULL; c = c->next, k++) {
		char why[200], p[300];
		const char *pattern = bclint_jdoc_string(&s->policy, c);
		if (pattern == NULL) {
			r->oom = 1;
			continue;
		}
		if (bclint_regex_check(pattern, why, sizeof(why)) == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%d", ptr, k);
		errors++;
		policy_error(r, s, c, p, why);
	}
	return errors;
}

/* Every policy key must be an option of some loaded rule, of its type:
 * the number of errors found. */
static int check_policy(const struct bclint_ruleset *rs, struct bclint_report *r,
                        struct bclint_snapshot *s)
{
	int errors = 0;
	const struct bclint_jv *root = s->policy.root;
	for (const struct bclint_jv *v = root ? root->child : NULL; v != NULL; v = v->next) {
		const char *key = bclint_jdoc_key(&s->policy, v);
		if (key == NULL) {
			r->oom = 1;
			return errors + 1;
		}
		const struct bclint_option *o = NULL;
		for (size_t i = 0; i < rs->n_slots && o == NULL; i++)
			o = bclint_rule_option(rs->slots[i].rule, key, NULL);
		char ptr[256], msg[512];
		snprintf(ptr, sizeof(ptr), "/policy/%s", key);
		const char *want = o ? policy_type_error(s, o, v) : NULL;
		if (o == NULL)
			snprintf(msg, sizeof(msg),
			         "unknown policy key '%s': no loaded rule has "
			         "this option (see bclint --explain RULE)",
			         key);
		else if (want != NULL)
			snprintf(msg, sizeof(msg), "policy '%s' must be %s", key, want);
		else if (o->type == BCLINT_OPT_PATTERNS)
			errors += check_patterns(r, s, v, ptr);
		if (o != NULL && want == NULL)
			continue;
		errors++;
		policy_error(r, s, v, ptr, msg);
	}
	return errors;
}

/* -- one snapshot ----------------------------------------------------- */

/* What a snapshot's rules run with. */
struct job {
	struct bclint_run *run;
	const struct bclint_lint_options *o;
	uint32_t file;
	const size_t *todo;  /* the enabled rules' slot numbers */
	size_t n_todo, from; /* run todo[from..] */
	int send_load;       /* send what loading found (the first worker) */
	int32_t prev;        /* the previous snapshot's source (--previous), or -1 */
	size_t started;      /* from, when the current worker started */
	/* the current worker's region, which its findings are written into */
	struct bclint_region *region;
	/* the report is handed out file by file: regions are dropped soon,
	 * whole, to be reused (not trimmed) */
	int parts;
	int done;
	/* no worker could be started while others ran: started when one ends */
	int waiting;
	/* the report's n_mapped when the current worker started: the regions
	 * it can reach are those mapped before */
	unsigned long stamp;
	/* diagnostics held until every file before this one is done, so
	 * that their order does not depend on how many workers run */
	int hold;
	struct held *held;
	size_t n_held;
};

/* A failure to say: a plugin's or rule's (plugin), or a file's. */
struct held {
	char *file, *rule, *message;
	int plugin;
};

/* Say a failure now: a diagnostic and, for SARIF, a failure of the report. */
static void say(struct bclint_run *run, const char *file, const char *rule, const char *message,
                int plugin)
{
	if (plugin) {
		bclint_run_plugin_error(run, file, rule, message);
		return;
	}
	bclint_diagf(&run->diag, BCLINT_LEVEL_ERROR, NULL, 0, 0, "%s", message);
	bclint_report_failure(&run->report, file, NULL, message);
}

static char *dup_or_null(const char *s, int *oom)
{
	char *d = s ? strdup(s) : NULL;
	*oom |= s != NULL && d == NULL;
	return d;
}

/* Say a failure of job j: now, or when its turn comes. */
static void job_failure(struct job *j, const char *file, const char *rule, const char *message,
                        int plugin)
{
	if (!j->hold) {
		say(j->run, file, rule, message, plugin);
		return;
	}
	struct held *h = realloc(j->held, (j->n_held + 1) * sizeof(*h));
	int oom = h == NULL;
	if (h != NULL) {
		j->held = h;
		h += j->n_held;
		h->file = dup_or_null(file, &oom);
		h->rule = dup_or_null(rule, &oom);
		h->message = dup_or_null(message, &oom);
		h->plugin = plugin;
		if (!oom)
			j->n_held++;
	}
	if (oom) /* said at once rather than not at all */
		say(j->run, file, rule, message, plugin);
}

/* Say what job j held back, and forget it. */
static void release(struct job *j)
{
	for (size_t i = 0; i < j->n_held; i++) {
		struct held *h = &j->held[i];
		say(j->run, h->file, h->rule, h->message, h->plugin);
		free(h->file);
		free(h->rule);
		free(h->message);
	}
	free(j->held);
	j->held = NULL;
	j->n_held = 0;
	j->hold = 0;
}

/* A rule that failed without ending the process: undeclared option, or
 * a negative status.  The message, or NULL. */
static char *run_rule(const struct bclint_scene *scene, const struct bclint_rule_slot *slot,
                      char *msg, size_t size)
{
	struct bclint_ctx ctx;
	bclint_ctx_init(&ctx, scene, slot);
	int rc = slot->rule->check(&bclint_host_services, &ctx, &scene->snap->model);
	char *failed = NULL;
	if (ctx.undeclared != NULL) {
		snprintf(msg, size, "%s: rule '%s' read option '%s', which it does not declare",
		         slot->plugin->path, slot->rule->id, ctx.undeclared);
		failed = msg;
	} else if (rc < 0) {
		snprintf(msg, size, "%s: rule '%s' failed on %s (status %d)", slot->plugin->path,
		         slot->rule->id, scene->snap->model.file, rc);
		failed = msg;
	}
	bclint_ctx_release(&ctx);
	return failed;
}

/* Load one snapshot and check its policy: the snapshot, or NULL when it
 * is invalid (its errors are in the report). */
static struct bclint_snapshot *load_one(struct job *j, uint32_t file)
{
	struct bclint_run *run = j->run;
	struct bclint_snapshot *s = bclint_snapshot_load(&run->report, file, j->o->redact);
	if (s != NULL && check_policy(&run->rules, &run->report, s) + s->errors > 0) {
		bclint_snapshot_free(s);
		s = NULL;
	}
	return s;
}

/* A previous snapshot of another Business Center: an error of its own. */
static void other_bc(struct job *j, const struct bclint_snapshot *s,
                     const struct bclint_snapshot *prev)
{
	const struct bclint_entity *bc = &prev->model.bc.ent;
	char msg[1024];
	snprintf(msg, sizeof(msg),
	         "the previous snapshot is of Business Center '%s', not '%s' "
	         "as %s is: compare two snapshots of the same Business Center",
	         prev->model.bc.bc_id, s->model.bc.bc_id, s->model.file);
	struct bclint_finding f = {
	        .rule = "snapshot",
	        .level = BCLINT_LEVEL_ERROR,
	        .file = prev->file,
	        .pos.off = bc->start,
	        .end.off = bc->end,
	        .ref.entity = bclint_entity_code(bc),
	        .identity = bclint_hash64(msg, strlen(msg), bclint_hash64("/bc", 3, 0)),
	};
	bclint_report_addz(&j->run->report, &f, msg);
}

/* Load the snapshot and, with --previous, the one before it: 0, or -1
 * when either is invalid or they are of two Business Centers (the errors
 * are in the report; *s and *prev are then NULL). */
static int load(struct job *j, struct bclint_snapshot **s, struct bclint_snapshot **prev)
{
	*s = load_one(j, j->file);
	*prev = j->prev >= 0 ? load_one(j, (uint32_t)j->prev) : NULL;
	int bad = *s == NULL || (j->prev >= 0 && *prev == NULL);
	if (!bad && *prev != NULL && strcmp((*s)->model.bc.bc_id, (*prev)->model.bc.bc_id) != 0) {
		other_bc(j, *s, *prev);
		bad = 1;
	}
	if (bad) {
		bclint_snapshot_free(*s);
		bclint_snapshot_free(*prev);
		*s = *prev = NULL;
	}
	return bad ? -1 : 0;
}

/* What a scene holds besides itself: the redactor and the pairing. */
struct stage {
	struct bclint_redactor rd;
	struct bclint_pairing pairs;
};

/* A scene for the snapshot's rules; -1 when memory ran out. */
static int set_scene(struct job *j, struct bclint_snapshot *s, struct bclint_snapshot *prev,
                     struct bclint_scene *sc, struct stage *st)
{
	struct bclint_run *run = j->run;
	int fingerprints = (j->o->needs & BCLINT_NEED_FINGERPRINTS) || j->o->baseline != NULL;
	*sc = (struct bclint_scene){&run->report,
	                            s,
	                            NULL,
	                            NULL,
	                            j->o->now,
	                            fingerprints,
	                            (j->o->needs & BCLINT_NEED_ABOUT) != 0,
	                            prev,
	                            NULL,
	                            j->o->roster};
	if (run->config.path != NULL && run->config.supps.n > 0)
		sc->supps = &run->config.supps;
	memset(st, 0, sizeof(*st));
	if (j->o->redact) {
		sc->redactor = &st->rd;
		if (bclint_redactor_init(&st->rd, &s->model, j->o->redact_key) < 0 ||
		    (prev != NULL && bclint_redactor_add(&st->rd, &prev->model) < 0)) {
			run->report.oom = 1;
			return -1;
		}
	}
	if (prev != NULL) {
		if (bclint_pairing_build(&st->pairs, &s->model, &prev->model) < 0) {
			run->report.oom = 1;
			return -1;
		}
		sc->pairs = &st->pairs;
	}
	return 0;
}

static void free_stage(struct stage *st)
{
	bclint_redactor_free(&st->rd);
	bclint_pairing_free(&st->pairs);
}

/* A snapshot's Business Center, for the report's about (ID: NULL when
 * there is none). */
static void keep_bc_id(struct job *j, uint32_t file, const char *id)
{
	struct bclint_source *src = &j->run->report.sources[file];
	if (!(j->o->needs & BCLINT_NEED_ABOUT) || id == NULL || src->bc_id != NULL)
		return;
	if ((src->bc_id = strdup(id)) == NULL)
		j->run->report.oom = 1;
}

/* Without a worker: everything here. */
static void lint_here(struct job *j)
{
	struct bclint_run *run = j->run;
	struct bclint_snapshot *s, *prev;
	struct bclint_scene sc;
	struct stage st;
	if (load(j, &s, &prev) < 0) {
		run->input_errors++;
		return;
	}
	keep_bc_id(j, j->file, s->model.bc.bc_id);
	if (prev != NULL)
		keep_bc_id(j, prev->file, prev->model.bc.bc_id);
	if (set_scene(j, s, prev, &sc, &st) == 0) {
		for (size_t i = j->from; i < j->n_todo; i++) {
			const struct bclint_rule_slot *slot = &run->rules.slots[j->todo[i]];
			char msg[1024];
			if (run_rule(&sc, slot, msg, sizeof(msg)) != NULL)
				job_failure(j, slot->plugin->path, slot->rule->id, msg, 1);
		}
	}
	free_stage(&st);
	bclint_snapshot_free(s);
	bclint_snapshot_free(prev);
}

/* -- the worker's messages ------------------------------------------- */

/* A batch of findings is sent in messages of about this size. */
#define BATCH ((size_t)1 << 20)

static void put(struct bclint_buf *b, const void *p, size_t n)
{
	bclint_buf_add(b, p, n);
}

static void put_u32(struct bclint_buf *b, uint32_t v)
{
	put(b, &v, sizeof(v));
}

static void put_u64(struct bclint_buf *b, uint64_t v)
{
	put(b, &v, sizeof(v));
}

/* Send a message built in b; a message that could not be built marks
 * the report incomplete instead.  -1 when the caller is gone. */
static int send_buf(struct job *j, struct bclint_worker *w, struct bclint_buf *b)
{
	int rc = 0;
	if (b->oom)
		j->run->report.oom = 1;
	else if (b->len > 0)
		rc = bclint_worker_send(w, b->data, b->len);
	b->len = 0;
	b->oom = 0;
	return rc;
}

/* Resolve, in the worker, which has the snapshot's text and line table
 * (and the previous snapshot's), the positions in file of findings
 * [first, n) of r and their notes, so that the calling process never
 * reads the text. */
static void resolve_file(struct job *j, struct bclint_report *r, size_t first, uint32_t file)
{
	const struct bclint_source *src = &j->run->report.sources[file];
	int ends = (j->o->needs & BCLINT_NEED_ENDS) != 0;
	size_t n = 0;
	for (size_t i = first; i < r->n_findings; i++)
		n += (1 + r->findings[i]->n_notes) * (size_t)(1 + ends);
	struct bclint_textpos **pos = n ? bclint_big_alloc(n * sizeof(*pos)) : NULL;
	if (n == 0 || pos == NULL) {
		if (n > 0)
			r->oom = 1;
		return;
	}
	n = 0;
	for (size_t i = first; i < r->n_findings; i++) {
		struct bclint_finding *f = r->findings[i];
		if (f->file == file) {
			pos[n++] = &f->pos;
			if (ends)
				pos[n++] = &f->end;
		}
		for (uint32_t k = 0; k < f->n_notes; k++) {
			if (f->notes[k].file != file)
				continue;
			pos[n++] = &f->notes[k].pos;
			if (ends)
				pos[n++] = &f->notes[k].end;
		}
	}
	bclint_positions_resolve_lines(src->text.data, src->text.len, src->lines, src->n_lines, pos,
	                               n);
	free(pos);
}

static void resolve_here(struct job *j, struct bclint_report *r, size_t first)
{
	resolve_file(j, r, first, j->file);
	if (j->prev >= 0)
		resolve_file(j, r, first, (uint32_t)j->prev);
}

/* Send findings [first, n) of report r, found by slot (-1: the host's
 * own, loading's): their positions resolved and the region they are in
 * sealed, only where they are, in messages of about BATCH bytes. */
static int send_findings(struct job *j, struct bclint_worker *w, struct bclint_report *r,
                         size_t first, int32_t slot)
{
	struct bclint_buf b = {0};
	resolve_here(j, r, first);
	bclint_arena_seal(&r->arena);
	int rc = 0;
	for (size_t i = first; i < r->n_findings && rc == 0; i++) {
		if (b.len == 0) {
			put(&b, "F", 1);
			put_u32(&b, (uint32_t)slot);
			put_u64(&b, j->region->sealed);
		}
		put(&b, &r->findings[i], sizeof(r->findings[i]));
		if (b.oom || b.len >= BATCH || i + 1 == r->n_findings)
			rc = send_buf(j, w, &b);
	}
	free(b.data);
	return rc;
}

/* A loaded file's Business Center ID (s: NULL when it is invalid).  -1
 * when the caller is gone. */
static int send_bc_id(struct job *j, struct bclint_worker *w, uint32_t file,
                      const struct bclint_snapshot *s)
{
	const char *bc_id = s ? s->model.bc.bc_id : NULL;
	if (bc_id == NULL)
		return 0;
	struct bclint_buf b = {0};
	put(&b, "B", 1);
	put_u32(&b, file);
	put(&b, bc_id, strlen(bc_id));
	int rc = send_buf(j, w, &b);
	free(b.data);
	return rc;
}

/* What loading found: each file's Business Center, the findings from
 * first on, and whether the snapshot is invalid.  -1 when the caller is
 * gone. */
static int send_load(struct job *j, struct bclint_worker *w, size_t first,
                     const struct bclint_snapshot *s, const struct bclint_snapshot *prev)
{
	int rc = send_bc_id(j, w, j->file, s);
	if (rc == 0 && j->prev >= 0)
		rc = send_bc_id(j, w, (uint32_t)j->prev, prev);
	if (rc == 0)
		rc = send_findings(j, w, &j->run->report, first, -1);
	if (rc == 0 && s == NULL)
		rc = bclint_worker_send(w, "I", 1);
	return rc;
}

/* A rule's failure, for the caller to record.  -1 when it is gone. */
static int send_failure(struct job *j, struct bclint_worker *w, size_t slot, const char *msg)
{
	struct bclint_buf b = {0};
	put(&b, "P", 1);
	put_u32(&b, (uint32_t)slot);
	put(&b, msg, strlen(msg));
	int rc = send_buf(j, w, &b);
	free(b.data);
	return rc;
}

/* The end of a step: first whether memory ran out (no allocation). */
static int end_step(struct job *j, struct bclint_worker *w)
{
	if (j->run->report.oom && bclint_worker_send(w, "O", 1) < 0)
		return -1;
	return bclint_worker_step(w);
}

/* The worker: load, send what loading found (the first worker only),
 * then run each rule and send its findings and failure, a step each.
 * Loading and the rules report into the worker's region: loading into
 * the run's report with the region for its arena, the rules into a report
 * of the worker's own, emptied after each rule's findings are sent. */
static void work(struct job *j, struct bclint_worker *w)
{
	struct bclint_run *run = j->run;
	size_t first = run->report.n_findings;
	struct bclint_snapshot *s, *prev;
	struct bclint_arena kept = run->report.arena;
	bclint_arena_on_region(&run->report.arena, j->region);
	load(j, &s, &prev);
	int gone = j->send_load && send_load(j, w, first, s, prev) < 0;
	run->report.arena = kept;
	struct bclint_scene sc;
	struct stage st;
	struct bclint_report local;
	memset(&st, 0, sizeof(st));
	memset(&local, 0, sizeof(local));
	bclint_arena_on_region(&local.arena, j->region);
	if (s != NULL && !gone && set_scene(j, s, prev, &sc, &st) < 0)
		s = (bclint_snapshot_free(s), NULL);
	sc.report = &local;
	gone = gone || end_step(j, w) < 0;
	for (size_t i = j->from; s != NULL && !gone && i < j->n_todo; i++) {
		const struct bclint_rule_slot *slot = &run->rules.slots[j->todo[i]];
		char msg[1024], *failed;
		failed = run_rule(&sc, slot, msg, sizeof(msg));
		gone = send_findings(j, w, &local, 0, (int32_t)j->todo[i]) < 0 ||
		       (failed != NULL && send_failure(j, w, j->todo[i], failed) < 0);
		run->report.oom |= local.oom;
		local.n_findings = local.n_notes = 0;
		gone = gone || end_step(j, w) < 0;
	}
	bclint_report_free(&local);
	free_stage(&st);
	bclint_snapshot_free(s);
	bclint_snapshot_free(prev);
	run->report.n_findings = first; /* sent: the caller has them */
}

/* The next file for a worker: the source and a region it reached from
 * the start, followed by the file's path. */
struct order {
	uint32_t file;
	struct bclint_region *region;
};

#define ORDER_PATH_MAX 4096

/* The worker's job: the file it was started for, then each file it is
 * given.  It reads a given file itself (the caller read it after the
 * fork): -1 when it cannot, or when memory runs out. */
static int job(void *arg, struct bclint_worker *w)
{
	struct job *j = arg, next = *j;
	struct bclint_report *r = &j->run->report;
	char buf[sizeof(struct order) + ORDER_PATH_MAX + 1];
	long len;
	work(j, w);
	while ((len = bclint_worker_next(w, buf, sizeof(buf) - 1)) >= (long)sizeof(struct order)) {
		struct order o;
		struct bclint_text text;
		memcpy(&o, buf, sizeof(o));
		buf[len] = '\0';
		char *path = strdup(buf + sizeof(o));
		if (path == NULL || bclint_text_read(path, &text) < 0) {
			free(path);
			return -1;
		}
		if (bclint_report_put_source(r, o.file, path, text) < 0 ||
		    bclint_region_restart(o.region) < 0)
			return -1;
		next.file = o.file;
		next.region = o.region;
		next.from = 0;
		next.send_load = 1;
		r->oom = 0;
		work(&next, w);
		struct bclint_source *src = &r->sources[o.file];
		bclint_text_free(&src->text); /* done with: this process keeps no file */
		free(src->lines);
		free(src->path);
		src->lines = NULL;
		src->path = NULL;
	}
	return 0;
}

/* -- the calling process's side -------------------------------------- */

struct reading {
	const char *p, *end;
	int bad;
};

static void take(struct reading *rd, void *out, size_t n)
{
	if ((size_t)(rd->end - rd->p) < n) {
		rd->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, rd->p, n);
	rd->p += n;
}

static uint32_t take_u32(struct reading *rd)
{
	uint32_t v;
	take(rd, &v, sizeof(v));
	return v;
}

static uint64_t take_u64(struct reading *rd)
{
	uint64_t v;
	take(rd, &v, sizeof(v));
	return v;
}

/* Is file one of job j's: the snapshot's or the previous one's? */
static int job_file(const struct job *j, uint32_t file)
{
	return file == j->file || (j->prev >= 0 && file == (uint32_t)j->prev);
}

/* A pointer's or about's text: none, or a string in what is sealed. */
static int region_str_or_null(const struct bclint_region *g, const char *s)
{
	return s == NULL || bclint_region_holds_str(g, s);
}

/* An asset type as the worker names it: none, or one of caps.h's names. */
static int asset_type_known(const char *name)
{
	for (uint32_t t = 0; name != NULL && t < BCLINT_ASSET_NTYPES; t++)
		if (bclint_asset_type_name(t) == name)
			return 1;
	return name == NULL;
}

/* The index of the suppression whose reason is reason, or -1. */
static long supp_of(const struct bclint_run *run, const char *reason)
{
	for (size_t i = 0; i < run->config.supps.n; i++)
		if (run->config.supps.v[i].reason == reason)
			return (long)i;
	return -1;
}

/* A finding the worker wrote, believed only when it and everything it
 * points to lie in what the worker sealed, its files are the job's and
 * its names are the calling process's own (a rule gone wrong can write
 * anything before its step ends): 0, or -1. */
static int check_finding(const struct job *j, const struct bclint_finding *f, long *supp)
{
	const struct bclint_region *g = j->region;
	if (!bclint_region_holds(g, f, sizeof(*f)) || f->level < BCLINT_LEVEL_NOTE ||
	    f->level > BCLINT_LEVEL_ERROR || !job_file(j, f->file) ||
	    !bclint_region_holds_str(g, f->message) ||
	    (f->ref.entity == 0 && !region_str_or_null(g, f->ref.pointer)) ||
	    !region_str_or_null(g, f->about.user_id) ||
	    !region_str_or_null(g, f->about.user_email) ||
	    !region_str_or_null(g, f->about.asset_id) || !asset_type_known(f->about.asset_type) ||
	    (f->n_notes > 0 &&
	     !bclint_region_holds(g, f->notes, (size_t)f->n_notes * sizeof(*f->notes))))
		return -1;
	*supp = f->suppressed != NULL ? supp_of(j->run, f->suppressed) : -1;
	if (f->suppressed != NULL && *supp < 0)
		return -1;
	for (uint32_t k = 0; k < f->n_notes; k++) {
		const struct bclint_note *n = &f->notes[k];
		if (!job_file(j, n->file) || !bclint_region_holds_str(g, n->message) ||
		    (n->ref.entity == 0 && !region_str_or_null(g, n->ref.pointer)))
			return -1;
	}
	return 0;
}

/* Findings the worker wrote into its region: which are where. */
static void receive_findings(struct job *j, struct reading *rd)
{
	struct bclint_run *run = j->run;
	struct bclint_report *r = &run->report;
	int32_t slot = (int32_t)take_u32(rd);
	uint64_t sealed = take_u64(rd);
	if (slot >= 0 && (size_t)slot >= run->rules.n_slots)
		rd->bad = 1;
	const struct bclint_rule_slot *sl = slot >= 0 && !rd->bad ? &run->rules.slots[slot] : NULL;
	if (!rd->bad)
		bclint_region_sealed(j->region, sealed < SIZE_MAX ? (size_t)sealed : SIZE_MAX);
	while (rd->p < rd->end && !rd->bad && !r->oom) {
		struct bclint_finding *f;
		long supp;
		take(rd, &f, sizeof(f));
		if (rd->bad || check_finding(j, f, &supp) < 0) {
			rd->bad = 1;
			break;
		}
		f->rule = sl ? sl->rule->id : "snapshot";
		f->plugin = sl ? sl->plugin->desc->name : NULL;
		if (supp >= 0)
			run->config.supps.v[supp].used++;
		bclint_report_adopt(r, f);
	}
}

static void receive(void *arg, const char *data, size_t len)
{
	struct job *j = arg;
	struct bclint_run *run = j->run;
	struct reading rd = {data + 1, data + len, 0};
	switch (len > 0 ? data[0] : 0) {
	case 'F': receive_findings(j, &rd); break;
	case 'P': {
		char msg[1200];
		uint32_t slot = take_u32(&rd);
		if (rd.bad || slot >= run->rules.n_slots)
			break;
		snprintf(msg, sizeof(msg), "%.*s", (int)(rd.end - rd.p), rd.p);
		job_failure(j, run->rules.slots[slot].plugin->path, run->rules.slots[slot].rule->id,
		            msg, 1);
		return;
	}
	case 'B': {
		char id[256];
		uint32_t file = take_u32(&rd);
		rd.bad |= !job_file(j, file);
		if (rd.bad)
			break;
		snprintf(id, sizeof(id), "%.*s", (int)(rd.end - rd.p), rd.p);
		keep_bc_id(j, file, id);
		return;
	}
	case 'I': run->input_errors++; return;
	case 'O': run->report.oom = 1; return;
	default: rd.bad = 1; break;
	}
	if (rd.bad)
		run->report.oom = 1; /* a message cut short: the report is incomplete */
}

/* How a worker that did not finish ended, for its message. */
static const char *ending(const struct bclint_outcome *out, unsigned timeout, char *buf,
                          size_t size)
{
	if (out->ending == BCLINT_WORKER_LATE)
		snprintf(buf, size, "the time limit of %u s", timeout);
	else if (out->ending == BCLINT_WORKER_SIGNALLED)
		return bclint_signal_name(out->signal, buf, size);
	else
		snprintf(buf, size, "exit status %d", out->status);
	return buf;
}

/* A worker of job j ended: record how, and say whether another must
 * carry on with the rules after the one that failed. */
static int ended(struct job *j, const struct bclint_outcome *out)
{
	struct bclint_run *run = j->run;
	unsigned timeout = j->o->rule_timeout;
	const char *name = run->report.sources[j->file].path;
	/* the worker is gone: only what it sealed is kept, unless the report
	 * is handed out file by file and the file is done (the region is
	 * soon reused whole); a file carried on by another worker needs a
	 * region more, and regions take address space */
	if (!j->parts || out->ending != BCLINT_WORKER_DONE)
		bclint_region_trim(j->region);
	j->region = NULL;
	if (out->ending == BCLINT_WORKER_DONE)
		return 0;
	char buf[64], msg[1024];
	const char *how = ending(out, timeout, buf, sizeof(buf));
	/* the worker failed during step out->steps: 0 is loading */
	size_t at = j->started + (out->steps > 0 ? out->steps - 1 : 0);
	if (out->steps == 0 || at >= j->n_todo) {
		snprintf(msg, sizeof(msg), "the process %s %s ended with %s",
		         out->steps ? "running the rules on" : "loading", name, how);
		job_failure(j, NULL, NULL, msg, 1);
		return 0;
	}
	const struct bclint_rule_slot *slot = &run->rules.slots[j->todo[at]];
	const char *path = slot->plugin->path, *id = slot->rule->id;
	if (out->ending == BCLINT_WORKER_LATE)
		snprintf(msg, sizeof(msg), "%s: rule '%s' exceeded the time limit of %u s on %s",
		         path, id, timeout, name);
	else if (out->ending == BCLINT_WORKER_SIGNALLED)
		snprintf(msg, sizeof(msg), "%s: rule '%s' crashed (%s) on %s", path, id, how, name);
	else
		snprintf(msg, sizeof(msg), "%s: rule '%s' ended the process (%s) on %s", path, id,
		         how, name);
	job_failure(j, path, id, msg, 1);
	j->from = at + 1;
	j->send_load = 0;
	return 1;
}

/* The workers of a run, and the one between files, if any. */
struct crew {
	struct bclint_pool *pool;
	long idle;           /* the worker between files, 0 when none */
	unsigned long stamp; /* the regions it can reach: those mapped before */
	int more;            /* more files are to come */
};

/* Give job j to the worker between files: 1, or 0 when it cannot take
 * it (j is the file's first worker, a file it can read, with a spare
 * region it reaches). */
static int give(struct crew *c, struct job *j)
{
	struct bclint_report *r = &j->run->report;
	const char *path = r->sources[j->file].path;
	size_t len = strlen(path);
	if (c->idle == 0 || j->from != 0 || !j->send_load || strcmp(path, "-") == 0 ||
	    len > ORDER_PATH_MAX ||
	    (j->region = bclint_report_old_region(r, j->file, c->stamp)) == NULL)
		return 0;
	struct order o = {j->file, j->region};
	char buf[sizeof(o) + ORDER_PATH_MAX];
	memcpy(buf, &o, sizeof(o));
	memcpy(buf + sizeof(o), path, len);
	long worker = c->idle;
	c->idle = 0;
	if (bclint_pool_give(c->pool, worker, buf, sizeof(o) + len, receive, j) < 0) {
		bclint_region_trim(j->region); /* nothing in it */
		j->region = NULL;
		return 0;
	}
	j->stamp = c->stamp;
	return 1;
}

/* Start a worker for job j, or give it to the one between files.  When
 * there is no region or process for it (address space or processes run
 * out), it waits while other workers run: one that ends makes room.  With
 * none running, the regions of the files done give back what they do not
 * hold; failing that, j is linted here. */
static void start(struct crew *c, struct job *j)
{
	struct bclint_report *r = &j->run->report;
	j->started = j->from;
	j->waiting = 0;
	if (!j->send_load && j->from >= j->n_todo) {
		j->done = 1; /* the rule that failed was the last */
		return;
	}
	if (give(c, j))
		return;
	j->region = bclint_report_new_region(r, j->file);
	if (j->region == NULL && bclint_pool_running(c->pool) == 0) {
		bclint_report_trim_regions(r);
		j->region = bclint_report_new_region(r, j->file);
	}
	if (j->region != NULL) {
		/* a region the worker reaches for its next file: one mapped now */
		if (c->more && j->from == 0)
			bclint_report_stock_spare(r);
		j->stamp = r->n_mapped;
		if (bclint_pool_start(c->pool, job, j, receive, j, j->o->rule_timeout) == 0)
			return;
	}
	if (j->region != NULL)
		bclint_region_trim(j->region); /* nothing in it */
	j->region = NULL;
	if (bclint_pool_running(c->pool) > 0) {
		j->waiting = 1;
		return;
	}
	if (j->send_load || j->from < j->n_todo)
		lint_here(j); /* no worker at all: unprotected, but not lost */
	j->done = 1;
}

/* Let the workers go at the end of the run, and say whether one ended
 * badly once its files were done (a plugin's code at exit, or valgrind's
 * verdict on the process). */
static void finish_crew(struct bclint_run *run, struct crew *c, unsigned timeout)
{
	struct bclint_outcome out;
	if (c->pool == NULL || !bclint_pool_finish(c->pool, &out))
		return;
	char buf[64], msg[256];
	snprintf(msg, sizeof(msg), "a worker process ended with %s after its snapshots were linted",
	         ending(&out, timeout, buf, sizeof(buf)));
	say(run, NULL, NULL, msg, 1);
}

/* Start the jobs of [from, to) that wait, in order, until one has to wait
 * again: 1 then, else 0. */
static int start_waiting(struct crew *c, struct job *js, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		if (!js[k].waiting)
			continue;
		start(c, &js[k]);
		if (js[k].waiting)
			return 1;
	}
	return 0;
}

/* The enabled rules' slot numbers; NULL when memory runs out. */
static size_t *enabled(const struct bclint_run *run, size_t *n)
{
	size_t *todo = malloc((run->rules.n_slots + 1) * sizeof(*todo));
	*n = 0;
	for (size_t i = 0; todo != NULL && i < run->rules.n_slots; i++)
		if (run->rules.slots[i].enabled)
			todo[(*n)++] = i;
	return todo;
}

/* Read a snapshot file ("what": "snapshot", "previous snapshot") into a
 * source of the report: its index, or -1 after a failure of job j. */
static int read_source(struct job *j, const char *path, const char *what)
{
	struct bclint_text text;
	char *name = strdup(path);
	if (name == NULL || bclint_text_read(path, &text) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s: cannot read %s: %s",
		         strcmp(path, "-") ? path : "(standard input)", what,
		         name ? strerror(errno) : "out of memory");
		job_failure(j, path, NULL, msg, 0);
		free(name);
		j->run->input_errors++;
		return -1;
	}
	int file = bclint_report_add_source(&j->run->report, name, text);
	if (file < 0)
		j->run->input_errors++;
	return file;
}

/* Is the report handed out in parts (o->part)? */
static int streams(const struct bclint_run *run, const struct bclint_lint_options *o)
{
	return o->part != NULL && o->baseline == NULL && o->previous == NULL &&
	       run->config.supps.n == 0;
}

/* Lint files [0, n) with up to jobs workers at once.  Each file's
 * findings go into the report as its worker sends them; what each file's
 * jobs have to say is said in the files' order.  With o->previous, that
 * file is read after the first snapshot (its findings come after that
 * snapshot's) and loaded beside each; when it cannot be read, nothing is
 * linted and 0 is returned, else 1. */
static int lint_files(struct bclint_run *run, const struct bclint_lint_options *o,
                      const char *const *paths, size_t n, unsigned jobs)
{
	int32_t prev = -1;
	int linted = 1;
	size_t n_todo;
	size_t *todo = enabled(run, &n_todo);
	struct job *js = calloc(n + 1, sizeof(*js));
	struct bclint_pool *pool = o->isolate ? bclint_pool_new() : NULL;
	struct crew c = {pool, 0, 0, 1};
	if (todo == NULL || js == NULL || (o->isolate && pool == NULL)) {
		run->report.oom = 1;
		goto out;
	}
	size_t next = 0, said = 0;
	int parts = streams(run, o), waiting = 0;
	while (said < n) {
		/* linted here, each file is done before the next is read */
		while (next < n && (pool != NULL ? !waiting && bclint_pool_running(pool) < jobs
		                                 : next == said)) {
			struct job *j = &js[next];
			*j = (struct job){.run = run,
			                  .o = o,
			                  .todo = todo,
			                  .n_todo = n_todo,
			                  .send_load = 1,
			                  .prev = -1,
			                  .done = 1,
			                  .hold = next > said,
			                  .parts = parts};
			int file = read_source(j, paths[next++], "snapshot");
			if (file >= 0 && o->previous != NULL && prev < 0 &&
			    (prev = read_source(j, o->previous, "previous snapshot")) < 0) {
				linted = 0;
				n = next; /* nothing is linted */
			}
			if (file < 0 || !linted)
				continue;
			j->file = (uint32_t)file;
			j->prev = prev;
			j->done = 0;
			if (pool != NULL) {
				c.more = next < n;
				start(&c, j);
				waiting = j->waiting;
			} else {
				lint_here(j);
				j->done = 1;
			}
		}
		if (c.idle != 0) { /* no file for it */
			bclint_pool_let_go(pool, c.idle);
			c.idle = 0;
		}
		void *arg;
		struct bclint_outcome out;
		if (pool != NULL && bclint_pool_running(pool) > 0) {
			if (bclint_pool_wait(pool, &arg, &out) < 0) {
				run->report.oom = 1; /* the workers cannot be watched */
				goto out;
			}
			struct job *j = arg;
			c.more = next < n;
			if (ended(j, &out))
				start(&c, j);
			else
				j->done = 1;
			if (j->done) /* positions are resolved: the text is not needed */
				bclint_text_free(&run->report.sources[j->file].text);
			if (out.idle) {
				c.idle = out.worker;
				c.stamp = j->stamp;
			}
			waiting = start_waiting(&c, js, said, next);
		}
		size_t was = said;
		for (; said < next && js[said].done; said++)
			release(&js[said]);
		if (parts && said > was) /* every file before this one is done */
			bclint_report_flush(&run->report,
			                    said < next ? js[said].file
			                                : (uint32_t)run->report.n_sources,
			                    o->needs, o->part, o->part_arg);
		if (said < next && js[said].hold == 0)
			continue;
		if (said < next)
			js[said].hold = 0, release(&js[said]); /* its turn: say what it holds */
	}
out:
	for (size_t i = 0; js != NULL && i < n; i++)
		release(&js[i]);
	finish_crew(run, &c, o->rule_timeout);
	bclint_pool_free(pool);
	free(js);
	free(todo);
	return linted;
}

void bclint_lint_text(struct bclint_run *run, const struct bclint_lint_options *o, char *name,
                      struct bclint_text text)
{
	int file = bclint_report_add_source(&run->report, name, text);
	size_t n_todo;
	size_t *todo = file >= 0 ? enabled(run, &n_todo) : NULL;
	if (todo == NULL) {
		if (file < 0)
			run->input_errors++;
		else
			run->report.oom = 1;
		return;
	}
	struct job j = {.run = run,
	                .o = o,
	                .file = (uint32_t)file,
	                .todo = todo,
	                .n_todo = n_todo,
	                .send_load = 1,
	                .prev = -1};
	struct bclint_pool *pool = o->isolate ? bclint_pool_new() : NULL;
	struct crew c = {pool, 0, 0, 0};
	if (pool == NULL) {
		lint_here(&j);
	} else {
		start(&c, &j);
		void *arg;
		struct bclint_outcome out;
		while (!j.done && bclint_pool_wait(pool, &arg, &out) == 0)
			if (!ended(&j, &out))
				j.done = 1;
			else
				start(&c, &j);
	}
	release(&j); /* one file is never held back; this says so to the reader */
	finish_crew(run, &c, o->rule_timeout);
	bclint_pool_free(pool);
	free(todo);
}

/* The configuration's text as a source of the report: expired and unused
 * suppressions are findings located in it.  Its index, or -1. */
static int config_source(struct bclint_run *run)
{
	const struct bclint_config *cfg = &run->config;
	char *path = strdup(cfg->path), *copy = malloc(cfg->text.len + 1);
	if (copy != NULL)
		memcpy(copy, cfg->text.data, cfg->text.len + 1);
	if (copy == NULL) {
		free(path);
		run->report.oom = 1;
		return -1;
	}
	int file =
	        bclint_report_add_source(&run->report, path, bclint_text_own(copy, cfg->text.len));
	if (file >= 0)
		run->report.sources[file].config = 1;
	return file;
}

void bclint_lint(struct bclint_run *run, const struct bclint_lint_options *o,
                 const char *const *paths, size_t n)
{
	int cfg_file = run->config.path != NULL ? config_source(run) : -1;
	unsigned jobs = o->jobs > 0 ? o->jobs : bclint_cpus();
	int linted = lint_files(run, o, paths, n, jobs);
	if (cfg_file >= 0 && linted)
		bclint_suppressions_report(&run->config.supps, &run->report, (uint32_t)cfg_file);
	unsigned needs = o->needs | (o->baseline ? BCLINT_NEED_FINGERPRINTS : 0);
	bclint_report_finish(&run->report, needs);
	if (o->baseline != NULL && bclint_baseline_apply(o->baseline, &run->report, &run->baselined,
	                                                 &run->baseline_gone) < 0)
		run->report.oom = 1;
}

unsigned bclint_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > BCLINT_JOBS_MAX ? BCLINT_JOBS_MAX : (unsigned)n;
}

int bclint_run_status(const struct bclint_run *run, int fail_on, long max_warnings)
{
	if (run->plugin_errors > 0 || run->report.oom)
		return BCLINT_EXIT_PLUGIN;
	if (run->input_errors > 0)
		return BCLINT_EXIT_USAGE;
	const size_t *c = run->report.counts;
	for (int l = BCLINT_LEVEL_ERROR; l >= BCLINT_LEVEL_NOTE && fail_on >= BCLINT_LEVEL_NOTE &&
	                                 fail_on <= BCLINT_LEVEL_ERROR;
	     l--)
		if (l >= fail_on && c[l] > 0)
			return BCLINT_EXIT_FINDINGS;
	if (max_warnings >= 0 && c[BCLINT_LEVEL_WARNING] > (size_t)max_warnings)
		return BCLINT_EXIT_FINDINGS;
	return BCLINT_EXIT_OK;
}

void bclint_run_free(struct bclint_run *run)
{
	if (run == NULL)
		return;
	bclint_report_free(&run->report);
	bclint_ruleset_free(&run->rules);
	bclint_config_free(&run->config);
}
