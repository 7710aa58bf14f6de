/* Writing the access record: an aligned table for the terminal, CSV
 * (RFC 4180, safe to open in a spreadsheet), JSON (built with cJSON),
 * Markdown, and one self-contained HTML page with a members x assets
 * matrix per Business Center. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "caps.h"
#include "level.h"
#include "redact.h"
#include "textsafe.h"

enum {
	F_PERSON,
	F_BC_ID,
	F_USER_ID,
	F_EMAIL,
	F_NAME,
	F_USER_ROLE,
	F_FINANCE,
	F_STATUS,
	F_LAST_SIGN_IN,
	F_TWO_STEP,
	F_TYPE,
	F_ASSET_ID,
	F_ASSET_NAME,
	F_PERMISSION,
	F_VIA,
	F_NEEDED,
	F_ROSTER,
	F_FINDINGS,
	N_FIELDS
};
static const char *const headers[N_FIELDS] = {
        "person",       "bc_id",      "user_id",      "user_email", "user_name",  "user_role",
        "finance_role", "status",     "last_sign_in", "two_step",   "asset_type", "asset_id",
        "asset_name",   "permission", "via",          "needed",     "roster",     "findings"};

static const char *const statuses[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND"};
static const char *const finances[] = {NULL, "ANALYST", "MANAGER"};

/* -- the values of a row -------------------------------------------------- */

static const char *email_of(struct bclint_access *a, const struct bclint_member *m)
{
	return a->redact ? bclint_pseudonym(&a->keyed, &a->arena, "user", m->email) : m->email;
}

static const char *name_of(struct bclint_access *a, const struct bclint_member *m)
{
	if (m->name == NULL)
		return NULL;
	return a->redact ? bclint_pseudonym(&a->keyed, &a->arena, "name", m->name) : m->name;
}

static const char *time_of(struct bclint_access *a, bclint_time t)
{
	struct tm tm;
	time_t s = (time_t)t;
	char buf[32];
	if (t == BCLINT_NO_TIME || gmtime_r(&s, &tm) == NULL)
		return NULL;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return bclint_arena_strdup(&a->arena, buf);
}

/* A permission as the API spells it, tt_account_roles joined by sep;
 * "ASSIGNED" where being assigned is the whole permission. */
static const char *perm_text(struct bclint_access *a, uint32_t type, struct bclint_cap cap,
                             const char *sep)
{
	if (type == BCLINT_ASSET_TT_ACCOUNT) {
		struct bclint_buf b = {0};
		for (unsigned i = 0; i < 3; i++)
			if (cap.set & (1u << i))
				bclint_buf_printf(&b, "%s%s", b.len ? sep : "",
				                  bclint_tt_role_name(i));
		const char *s = bclint_arena_strdup(&a->arena, b.data ? b.data : "");
		free(b.data);
		return s;
	}
	const char *name = bclint_role_name(type, cap.level);
	return name != NULL ? name : cap.level > 0 ? "ASSIGNED" : "";
}

static const char *row_perm(struct bclint_access *a, const struct bclint_access_row *r,
                            const char *sep)
{
	if (r->asset == NULL)
		return r->cap.level ? "ADMIN" : "STANDARD";
	return perm_text(a, r->asset->type, r->cap, sep);
}

static const char *via_text(struct bclint_access *a, const struct bclint_access_row *r)
{
	struct bclint_buf b = {0};
	uint32_t type = r->asset != NULL ? r->asset->type : 0;
	for (const struct bclint_access_via *v = r->via; v != NULL; v = v->next) {
		static const char *const kinds[] = {"direct", "group", "partner"};
		if (b.len > 0)
			bclint_buf_puts(&b, "; ");
		bclint_buf_puts(&b, kinds[v->kind]);
		if (v->kind != BCLINT_VIA_DIRECT) {
			bclint_buf_putc(&b, ' ');
			if (v->name != NULL)
				bclint_buf_printf(&b, "%s (%s)", v->name, v->id);
			else
				bclint_buf_puts(&b, v->id);
		}
		bclint_buf_printf(&b, ": %s%s", perm_text(a, type, v->cap, "+"),
		                  v->kind == BCLINT_VIA_PARTNER ? " at most" : "");
	}
	const char *s = bclint_arena_strdup(&a->arena, b.data ? b.data : "");
	free(b.data);
	return s;
}

static const char *needed_text(struct bclint_access *a, const struct bclint_access_row *r)
{
	if (!a->planned[r->snap])
		return NULL;
	if (r->n_needs == 0)
		return "no";
	struct bclint_buf b = {0};
	bclint_buf_puts(&b, "yes:");
	for (size_t i = 0; i < r->n_needs; i++)
		bclint_buf_printf(&b, "%s %s", i ? "," : "", r->needs[i]->action->name);
	const char *s = bclint_arena_strdup(&a->arena, b.data);
	free(b.data);
	return s;
}

static const char *roster_text(struct bclint_access *a, const struct bclint_access_row *r)
{
	const struct bclint_roster_entry *e;
	switch (bclint_access_roster(a, r, &e)) {
	case BCLINT_ROSTER_ON: return e->kind != NULL ? e->kind : "on roster";
	case BCLINT_ROSTER_OFF: return "NOT ON ROSTER";
	case BCLINT_ROSTER_ENDED: return bclint_arena_printf(&a->arena, "ENDED %s", e->end_date);
	default: return NULL;
	}
}

static const char *findings_text(struct bclint_access *a, const struct bclint_access_row *r)
{
	struct bclint_buf b = {0};
	for (const struct bclint_access_finding *f = r->findings; f != NULL; f = f->next)
		bclint_buf_printf(&b, "%s%s", b.len ? ", " : "", f->f->rule);
	const char *s = b.len ? bclint_arena_strdup(&a->arena, b.data) : NULL;
	free(b.data);
	return s;
}

/* Every field of a row as text; NULL where there is no value. */
static void row_fields(struct bclint_access *a, const struct bclint_access_row *r, const char **f)
{
	const struct bclint_model *m = a->models[r->snap];
	const struct bclint_member *mem = r->member;
	f[F_PERSON] = a->redact ? bclint_pseudonym(&a->keyed, &a->arena, "user",
	                                           a->people[r->person].email)
	                        : a->people[r->person].email;
	f[F_BC_ID] = m->bc.bc_id;
	f[F_USER_ID] = mem->user_id;
	f[F_EMAIL] = email_of(a, mem);
	f[F_NAME] = name_of(a, mem);
	f[F_USER_ROLE] = mem->role == BCLINT_ROLE_ADMIN ? "ADMIN" : "STANDARD";
	f[F_FINANCE] = finances[mem->finance];
	f[F_STATUS] = statuses[mem->status];
	f[F_LAST_SIGN_IN] = time_of(a, mem->last_login_at);
	f[F_TWO_STEP] = mem->two_step < 0 ? NULL : mem->two_step ? "on" : "off";
	f[F_TYPE] = r->asset ? bclint_asset_type_name(r->asset->type) : "BC";
	f[F_ASSET_ID] = r->asset ? r->asset->asset_id : m->bc.bc_id;
	f[F_ASSET_NAME] = r->asset ? r->asset->name : m->bc.name;
	f[F_PERMISSION] = row_perm(a, r, "+");
	f[F_VIA] = r->via ? via_text(a, r) : NULL;
	f[F_NEEDED] = needed_text(a, r);
	f[F_ROSTER] = roster_text(a, r);
	f[F_FINDINGS] = findings_text(a, r);
}

/* -- table, CSV, Markdown ------------------------------------------------- */

static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A text with control characters shown as escapes, in the arena. */
static const char *safe(struct bclint_access *a, const char *s)
{
	struct bclint_buf b = {0};
	bclint_textsafe(&b, s, BCLINT_TEXTSAFE_CHARS);
	const char *t = bclint_arena_strdup(&a->arena, b.data ? b.data : "");
	free(b.data);
	return t;
}

static void write_table(struct bclint_buf *out, struct bclint_access *a, int by_person)
{
	size_t w[N_FIELDS];
	const char **cells = calloc((a->n_rows + 1) * N_FIELDS, sizeof(*cells));
	if (cells == NULL) {
		out->oom = 1;
		return;
	}
	for (int f = 0; f < N_FIELDS; f++) {
		cells[f] = headers[f];
		w[f] = width(headers[f]);
	}
	for (size_t i = 0; i < a->n_rows; i++) {
		const char **c = &cells[(i + 1) * N_FIELDS];
		row_fields(a, &a->rows[i], c);
		for (int f = 0; f < N_FIELDS; f++) {
			c[f] = c[f] != NULL && *c[f] ? safe(a, c[f]) : "-";
			if (c[f] == NULL)
				c[f] = "?";
			if (width(c[f]) > w[f])
				w[f] = width(c[f]);
		}
	}
	for (size_t i = 0; i <= a->n_rows; i++) {
		const char **c = &cells[i * N_FIELDS];
		int last = N_FIELDS - 1;
		for (int f = by_person ? 0 : 1; f <= last; f++) {
			bclint_buf_puts(out, c[f]);
			for (size_t k = width(c[f]); f < last && k < w[f] + 2; k++)
				bclint_buf_putc(out, ' ');
		}
		while (out->len > 0 && out->data[out->len - 1] == ' ')
			out->len--;
		bclint_buf_putc(out, '\n');
	}
	free(cells);
}

/* A CSV cell: quoted when it must be (RFC 4180), and led by a quote when
 * a spreadsheet would read it as a formula (=, +, -, @, tab, CR). */
static void csv_cell(struct bclint_buf *out, const char *s)
{
	int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		bclint_buf_putc(out, '"');
	if (formula)
		bclint_buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			bclint_buf_putc(out, '"');
		bclint_buf_putc(out, *s);
	}
	if (quote)
		bclint_buf_putc(out, '"');
}

static void write_csv(struct bclint_buf *out, struct bclint_access *a, int by_person)
{
	const char *c[N_FIELDS];
	for (size_t i = 0; i <= a->n_rows; i++) {
		if (i == 0)
			memcpy(c, headers, sizeof(c));
		else
			row_fields(a, &a->rows[i - 1], c);
		for (int f = by_person ? 0 : 1; f < N_FIELDS; f++) {
			if (f > (by_person ? 0 : 1))
				bclint_buf_putc(out, ',');
			csv_cell(out, c[f] ? c[f] : "");
		}
		bclint_buf_puts(out, "\r\n");
	}
}

/* A Markdown table cell: its punctuation escaped, control characters shown. */
static void md_cell(struct bclint_buf *out, struct bclint_access *a, const char *s)
{
	for (s = safe(a, s); *s; s++) {
		if (strchr("\\|*_`[]<>#~", *s) != NULL)
			bclint_buf_putc(out, '\\');
		bclint_buf_putc(out, *s);
	}
}

static void write_markdown(struct bclint_buf *out, struct bclint_access *a, int by_person)
{
	const char *c[N_FIELDS];
	int first = by_person ? 0 : 1;
	for (size_t i = 0; i <= a->n_rows; i++) {
		if (i == 0)
			memcpy(c, headers, sizeof(c));
		else
			row_fields(a, &a->rows[i - 1], c);
		bclint_buf_putc(out, '|');
		for (int f = first; f < N_FIELDS; f++) {
			bclint_buf_putc(out, ' ');
			md_cell(out, a, c[f] != NULL && *c[f] ? c[f] : "-");
			bclint_buf_puts(out, " |");
		}
		bclint_buf_putc(out, '\n');
		for (int f = first; i == 0 && f < N_FIELDS; f++)
			bclint_buf_puts(out, f == first ? "|---|" : "---|");
		if (i == 0)
			bclint_buf_putc(out, '\n');
	}
}

/* -- JSON ------------------------------------------------------------------ */

static cJSON *str_or_null(const char *s)
{
	return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *json_role(struct bclint_access *a, const struct bclint_access_row *r, uint32_t type,
                        struct bclint_cap cap)
{
	if (r->asset != NULL && type == BCLINT_ASSET_TT_ACCOUNT) {
		cJSON *arr = cJSON_CreateArray();
		for (unsigned i = 0; i < 3; i++)
			if (cap.set & (1u << i))
				cJSON_AddItemToArray(arr,
				                     cJSON_CreateString(bclint_tt_role_name(i)));
		return arr;
	}
	return cJSON_CreateString(r->asset != NULL ? perm_text(a, type, cap, "+")
	                          : cap.level      ? "ADMIN"
	                                           : "STANDARD");
}

static cJSON *json_findings(const struct bclint_access_finding *list)
{
	cJSON *arr = cJSON_CreateArray();
	for (const struct bclint_access_finding *x = list; x != NULL; x = x->next) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "rule", x->f->rule);
		cJSON_AddStringToObject(o, "level", bclint_level_name(x->f->level));
		cJSON_AddStringToObject(o, "message", x->f->message);
		cJSON_AddNumberToObject(o, "line", x->f->pos.line);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_row(struct bclint_access *a, const struct bclint_access_row *r)
{
	static const char *const kinds[] = {"direct", "group", "partner"};
	const char *f[N_FIELDS];
	const struct bclint_roster_entry *e;
	cJSON *o = cJSON_CreateObject(), *via = cJSON_CreateArray(), *needs = cJSON_CreateArray();
	uint32_t type = r->asset != NULL ? r->asset->type : 0;
	row_fields(a, r, f);
	cJSON_AddStringToObject(o, "bc_id", f[F_BC_ID]);
	cJSON_AddStringToObject(o, "user_id", f[F_USER_ID]);
	cJSON_AddStringToObject(o, "user_email", f[F_EMAIL]);
	cJSON_AddItemToObject(o, "user_name", str_or_null(f[F_NAME]));
	cJSON_AddStringToObject(o, "user_role", f[F_USER_ROLE]);
	cJSON_AddItemToObject(o, "finance_role", str_or_null(f[F_FINANCE]));
	cJSON_AddStringToObject(o, "relation_status", f[F_STATUS]);
	cJSON_AddItemToObject(o, "last_sign_in", str_or_null(f[F_LAST_SIGN_IN]));
	cJSON_AddItemToObject(o, "two_step_enabled",
	                      r->member->two_step < 0 ? cJSON_CreateNull()
	                                              : cJSON_CreateBool(r->member->two_step));
	cJSON_AddStringToObject(o, "asset_type", f[F_TYPE]);
	cJSON_AddStringToObject(o, "asset_id", f[F_ASSET_ID]);
	cJSON_AddItemToObject(o, "asset_name", str_or_null(f[F_ASSET_NAME]));
	cJSON_AddItemToObject(o, "role", json_role(a, r, type, r->cap));
	for (const struct bclint_access_via *v = r->via; v != NULL; v = v->next) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "kind", kinds[v->kind]);
		cJSON_AddStringToObject(x, "id", v->id);
		if (v->name != NULL)
			cJSON_AddStringToObject(x, "name", v->name);
		cJSON_AddItemToObject(x, "role", json_role(a, r, type, v->cap));
		cJSON_AddItemToArray(via, x);
	}
	cJSON_AddItemToObject(o, "via", via);
	for (size_t i = 0; i < r->n_needs; i++)
		cJSON_AddItemToArray(needs, cJSON_CreateString(r->needs[i]->action->name));
	cJSON_AddItemToObject(o, "needed",
	                      a->planned[r->snap] ? cJSON_CreateBool(r->n_needs > 0)
	                                          : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "needs", needs);
	int state = bclint_access_roster(a, r, &e);
	if (state == BCLINT_ROSTER_UNKNOWN) {
		cJSON_AddNullToObject(o, "roster");
	} else {
		static const char *const states[] = {NULL, "on", "not-on-roster", "ended"};
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "state", states[state]);
		if (e != NULL) {
			cJSON_AddItemToObject(
			        x, "name",
			        str_or_null(a->redact && e->name
			                            ? bclint_pseudonym(&a->keyed, &a->arena, "name",
			                                               e->name)
			                            : e->name));
			cJSON_AddItemToObject(x, "kind", str_or_null(e->kind));
			cJSON_AddItemToObject(x, "end_date", str_or_null(e->end_date));
			cJSON_AddNumberToObject(x, "line", e->line);
		}
		cJSON_AddItemToObject(o, "roster", x);
	}
	cJSON_AddItemToObject(o, "findings", json_findings(r->findings));
	return o;
}

static cJSON *json_bcs(struct bclint_access *a)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t k = 0; k < a->n_models; k++) {
		const struct bclint_model *m = a->models[k];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "bc_id", m->bc.bc_id);
		cJSON_AddItemToObject(o, "name", str_or_null(m->bc.name));
		cJSON_AddStringToObject(o, "file", m->file);
		cJSON_AddItemToObject(o, "findings", json_findings(a->bc_findings[k]));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void write_json(struct bclint_buf *out, struct bclint_access *a, int by_person)
{
	cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray(), *person = NULL;
	size_t at = SIZE_MAX;
	cJSON_AddNumberToObject(root, "version", 1);
	cJSON_AddItemToObject(root, "business_centers", json_bcs(a));
	for (size_t i = 0; i < a->n_rows; i++) {
		const struct bclint_access_row *r = &a->rows[i];
		if (by_person && r->person != at) {
			const struct bclint_access_person *p = &a->people[r->person];
			at = r->person;
			person = cJSON_CreateObject();
			cJSON_AddStringToObject(
			        person, "email",
			        a->redact ? bclint_pseudonym(&a->keyed, &a->arena, "user", p->email)
			                  : p->email);
			cJSON_AddItemToObject(person, "business_centers", cJSON_CreateArray());
			cJSON_AddItemToObject(person, "rows", cJSON_CreateArray());
			cJSON_AddItemToArray(list, person);
		}
		if (by_person && r->asset == NULL) /* one BC row per membership */
			cJSON_AddItemToArray(cJSON_GetObjectItem(person, "business_centers"),
			                     cJSON_CreateString(a->models[r->snap]->bc.bc_id));
		cJSON_AddItemToArray(by_person ? cJSON_GetObjectItem(person, "rows") : list,
		                     json_row(a, r));
	}
	cJSON_AddItemToObject(root, by_person ? "people" : "rows", list);
	char *text = cJSON_Print(root);
	if (text == NULL) {
		out->oom = 1;
	} else {
		bclint_buf_puts(out, text);
		bclint_buf_putc(out, '\n');
	}
	free(text);
	cJSON_Delete(root);
}

/* -- HTML ------------------------------------------------------------------ */

static void html(struct bclint_buf *out, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&': bclint_buf_puts(out, "&amp;"); break;
		case '<': bclint_buf_puts(out, "&lt;"); break;
		case '>': bclint_buf_puts(out, "&gt;"); break;
		case '"': bclint_buf_puts(out, "&quot;"); break;
		case '\'': bclint_buf_puts(out, "&#39;"); break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				bclint_buf_puts(out,
				                "&#xfffd;"); /* no control character gets through */
			else
				bclint_buf_putc(out, *s);
		}
	}
}

static const char page_head[] =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        "<title>Access record</title>\n<style>\n"
        "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}\n"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}\n"
        "th,td{border:1px solid #bbb;padding:.2em .4em;vertical-align:top}\n"
        "th{background:#eee;text-align:left}\n"
        "thead th.asset{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}\n"
        "td.cell{text-align:center;white-space:nowrap}\n"
        "td.admin{background:#fcd9d6}td.write{background:#fdf0c9}td.read{background:#dcefdc}\n"
        "td.finding{outline:2px solid #c00;outline-offset:-2px}\n"
        ".mark{color:#c00;font-weight:bold}\n"
        ".off{color:#c00;font-weight:bold}\n"
        "ul.findings{margin:.2em 0 1em}\n"
        ".error{color:#b00}.warning{color:#a60}.note{color:#555}\n"
        "#filters{margin:1em 0;padding:.5em;background:#f5f5f5}\n"
        "#filters label{margin-right:1em}\n"
        ".hidden{display:none}td.dim{opacity:.2}\n"
        "@media print{#filters{display:none}body{margin:0}"
        "td.admin,td.write,td.read{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
        "</style>\n</head>\n<body>\n<h1>Access record</h1>\n"
        "<form id=\"filters\" onsubmit=\"return false\">\n"
        "<label>Person <input id=\"f-person\" type=\"search\"></label>\n"
        "<label>Asset <input id=\"f-asset\" type=\"search\"></label>\n"
        "<label>Permission <select id=\"f-perm\"><option value=\"\">any</option>";

static const char page_script[] =
        "<script>\n"
        "(function () {\n"
        "  var person = document.getElementById('f-person');\n"
        "  var asset = document.getElementById('f-asset');\n"
        "  var perm = document.getElementById('f-perm');\n"
        "  function apply() {\n"
        "    var p = person.value.toLowerCase(), a = asset.value.toLowerCase(), r = perm.value;\n"
        "    document.querySelectorAll('table.matrix').forEach(function (t) {\n"
        "      var show = [];\n"
        "      t.querySelectorAll('thead th').forEach(function (th, i) {\n"
        "        var key = th.getAttribute('data-asset');\n"
        "        show[i] = key === null || a === '' || key.indexOf(a) >= 0;\n"
        "        th.classList.toggle('hidden', !show[i]);\n"
        "      });\n"
        "      t.querySelectorAll('tbody tr').forEach(function (tr) {\n"
        "        var any = false;\n"
        "        tr.querySelectorAll('td,th').forEach(function (td, i) {\n"
        "          td.classList.toggle('hidden', !show[i]);\n"
        "          var has = td.getAttribute('data-perm');\n"
        "          if (has === null) return;\n"
        "          var hit = r === '' || has.split(' ').indexOf(r) >= 0;\n"
        "          td.classList.toggle('dim', !hit);\n"
        "          if (hit && show[i] && has !== '') any = true;\n"
        "        });\n"
        "        var who = tr.getAttribute('data-person'), what = tr.getAttribute('data-asset');\n"
        "        tr.classList.toggle('hidden', (p !== '' && who.indexOf(p) < 0) ||\n"
        "                                      (r !== '' && !any) ||\n"
        "                                      (what !== null && a !== '' && what.indexOf(a) < 0));\n"
        "      });\n"
        "    });\n"
        "  }\n"
        "  [person, asset, perm].forEach(function (e) { e.addEventListener('input', apply); });\n"
        "  /* #person=...&asset=...&perm=...: a link to a filtered view */\n"
        "  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {\n"
        "    var i = kv.indexOf('='), k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));\n"
        "    if (k === 'person') person.value = v;\n"
        "    else if (k === 'asset') asset.value = v;\n"
        "    else if (k === 'perm') perm.value = v;\n"
        "  });\n"
        "  apply();\n"
        "})();\n"
        "</script>\n";

/* An attribute value the filters compare with: the words, lower-cased. */
static void key_attr(struct bclint_buf *out, const char *name, const char *a, const char *b,
                     const char *c)
{
	struct bclint_buf key = {0};
	bclint_buf_printf(&key, "%s %s %s", a, b, c ? c : "");
	for (size_t i = 0; i < key.len; i++)
		if (key.data[i] >= 'A' && key.data[i] <= 'Z')
			key.data[i] = (char)(key.data[i] + 'a' - 'A');
	bclint_buf_printf(out, " %s=\"", name);
	html(out, key.data);
	bclint_buf_putc(out, '"');
	free(key.data);
}

static const char *cell_class(const struct bclint_access_row *r)
{
	if (r->asset == NULL)
		return r->cap.level ? "admin" : "read";
	if (r->asset->type == BCLINT_ASSET_TT_ACCOUNT)
		return "write";
	const char *top = bclint_role_name(r->asset->type, (unsigned)r->cap.level + 1);
	if (top == NULL)
		return bclint_role_name(r->asset->type, 1) == NULL ? "write" : "admin";
	return r->cap.level <= 1 ? "read" : "write";
}

static void html_findings(struct bclint_buf *out, const struct bclint_access_finding *list)
{
	if (list == NULL)
		return;
	bclint_buf_puts(out, "<ul class=\"findings\">");
	for (const struct bclint_access_finding *x = list; x != NULL; x = x->next) {
		const char *level = bclint_level_name(x->f->level);
		bclint_buf_printf(out, "<li class=\"%s\">%s: ", level, level);
		html(out, x->f->message);
		bclint_buf_puts(out, " [");
		html(out, x->f->rule);
		bclint_buf_puts(out, "]</li>");
	}
	bclint_buf_puts(out, "</ul>");
}

static void html_cell(struct bclint_buf *out, struct bclint_access *a,
                      const struct bclint_access_row *r)
{
	if (r == NULL) {
		bclint_buf_puts(out, "<td></td>");
		return;
	}
	const char *f[N_FIELDS];
	row_fields(a, r, f);
	bclint_buf_printf(out, "<td class=\"cell %s%s\" data-perm=\"", cell_class(r),
	                  r->findings ? " finding" : "");
	html(out, row_perm(a, r, " "));
	bclint_buf_puts(out, "\" title=\"");
	html(out, f[F_VIA] ? f[F_VIA] : "membership");
	if (f[F_NEEDED] != NULL) {
		bclint_buf_puts(out, "&#10;needed: ");
		html(out, f[F_NEEDED]);
	}
	for (const struct bclint_access_finding *x = r->findings; x != NULL; x = x->next) {
		bclint_buf_puts(out, "&#10;");
		html(out, x->f->message);
	}
	bclint_buf_puts(out, "\">");
	html(out, row_perm(a, r, "+"));
	if (r->findings)
		bclint_buf_puts(out, "<span class=\"mark\">!</span>");
	bclint_buf_puts(out, "</td>");
}

static int col_cmp(const void *pa, const void *pb)
{
	const struct bclint_asset *x = *(const struct bclint_asset *const *)pa;
	const struct bclint_asset *y = *(const struct bclint_asset *const *)pb;
	int c = strcmp(bclint_asset_type_name(x->type), bclint_asset_type_name(y->type));
	return c != 0 ? c : strcmp(x->asset_id, y->asset_id);
}

/* The start of a member's line: <tr> with what the filters read, then the
 * member, the roster's word, their status and finance role. */
static void member_cells(struct bclint_buf *out, struct bclint_access *a,
                         const struct bclint_access_row *r, const struct bclint_access_row *asset)
{
	const char *f[N_FIELDS];
	row_fields(a, r, f);
	bclint_buf_puts(out, "<tr");
	key_attr(out, "data-person", f[F_EMAIL], f[F_USER_ID], f[F_NAME]);
	if (asset != NULL && asset->asset != NULL)
		key_attr(out, "data-asset", bclint_asset_type_name(asset->asset->type),
		         asset->asset->asset_id, asset->asset->name);
	else if (asset != NULL)
		key_attr(out, "data-asset", "bc", "business", "center");
	bclint_buf_puts(out, "><th>");
	html(out, f[F_EMAIL]);
	if (f[F_NAME] != NULL) {
		bclint_buf_puts(out, "<br><small>");
		html(out, f[F_NAME]);
		bclint_buf_puts(out, "</small>");
	}
	bclint_buf_printf(out, "</th><td%s>",
	                  f[F_ROSTER] && (f[F_ROSTER][0] == 'N' || f[F_ROSTER][0] == 'E')
	                          ? " class=\"off\""
	                          : "");
	html(out, f[F_ROSTER] ? f[F_ROSTER] : "");
	bclint_buf_puts(out, "</td><td>");
	html(out, f[F_STATUS]);
	if (f[F_TWO_STEP] != NULL && f[F_TWO_STEP][1] == 'f')
		bclint_buf_puts(out, "<br><small>two-step off</small>");
	bclint_buf_puts(out, "</td><td>");
	html(out, f[F_FINANCE] ? f[F_FINANCE] : "");
	bclint_buf_puts(out, "</td>");
}

/* A matrix of more cells than this is written as a list instead: one
 * line per member and asset (the rows), so that the page stays linear
 * in the record and a browser can open it. */
#define MATRIX_MAX_CELLS 250000

/* The list of a Business Center too large for its matrix. */
static void html_list(struct bclint_buf *out, struct bclint_access *a,
                      const struct bclint_access_row *rows, size_t n, size_t members, size_t n_cols)
{
	bclint_buf_printf(out,
	                  "<p>%zu members x %zu assets: too many for a matrix, one line per "
	                  "member and asset instead.</p>\n",
	                  members, n_cols + 1);
	bclint_buf_puts(out, "<table class=\"matrix list\">\n<thead><tr><th>member</th><th>roster"
	                     "</th><th>status</th><th>finance</th><th>asset</th><th>permission"
	                     "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const char *f[N_FIELDS];
		row_fields(a, &rows[i], f);
		member_cells(out, a, &rows[i], &rows[i]);
		bclint_buf_puts(out, "<td>");
		html(out, f[F_TYPE]);
		bclint_buf_putc(out, ' ');
		html(out, f[F_ASSET_NAME] ? f[F_ASSET_NAME] : f[F_ASSET_ID]);
		bclint_buf_puts(out, "</td>");
		html_cell(out, a, &rows[i]);
		bclint_buf_puts(out, "</tr>\n");
	}
	bclint_buf_puts(out, "</tbody>\n</table>\n");
}

/* The matrix: members down, the Business Center and the assets anyone
 * reaches across (cols, in order; col maps an asset's index to its
 * column; line is room for one member's cells, all NULL). */
static void html_matrix(struct bclint_buf *out, struct bclint_access *a,
                        const struct bclint_model *m, const struct bclint_access_row *rows,
                        size_t n, const struct bclint_asset **cols, size_t n_cols,
                        const size_t *col, const struct bclint_access_row **line)
{
	bclint_buf_puts(out, "\n<table class=\"matrix\">\n<thead><tr><th>member</th><th>roster"
	                     "</th><th>status</th><th>finance</th><th class=\"asset\" "
	                     "data-asset=\"bc business center\">Business Center</th>");
	for (size_t c = 0; c < n_cols; c++) {
		const char *type = bclint_asset_type_name(cols[c]->type);
		bclint_buf_puts(out, "<th class=\"asset\"");
		key_attr(out, "data-asset", type, cols[c]->asset_id, cols[c]->name);
		bclint_buf_puts(out, " title=\"");
		html(out, type);
		bclint_buf_puts(out, " ");
		html(out, cols[c]->asset_id);
		bclint_buf_puts(out, "\">");
		html(out, cols[c]->name ? cols[c]->name : cols[c]->asset_id);
		bclint_buf_puts(out, "</th>");
	}
	bclint_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n;) {
		const struct bclint_access_row *bc = NULL;
		size_t j = i;
		for (; j < n && rows[j].member == rows[i].member; j++) {
			if (rows[j].asset == NULL)
				bc = &rows[j];
			else
				line[col[rows[j].asset - m->assets]] = &rows[j];
		}
		if (bc == NULL) { /* never: every member has a BC row */
			i = j;
			continue;
		}
		member_cells(out, a, bc, NULL);
		html_cell(out, a, bc);
		for (size_t c = 0; c < n_cols; c++) {
			html_cell(out, a, line[c]);
			line[c] = NULL;
		}
		bclint_buf_puts(out, "</tr>\n");
		i = j;
	}
	bclint_buf_puts(out, "</tbody>\n</table>\n");
}

/* One Business Center: its findings, then its matrix, members down and
 * the assets anyone reaches across (or, past MATRIX_MAX_CELLS, its list),
 * then each member's findings. */
static void html_bc(struct bclint_buf *out, struct bclint_access *a, size_t k,
                    const struct bclint_access_row *rows, size_t n)
{
	const struct bclint_model *m = a->models[k];
	size_t *col = calloc(m->n_assets + 1, sizeof(*col)), n_cols = 0;
	const struct bclint_asset **cols = calloc(m->n_assets + 1, sizeof(*cols));
	const struct bclint_access_row **line = calloc(m->n_assets + 1, sizeof(*line));
	if (col == NULL || cols == NULL || line == NULL) {
		out->oom = 1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		size_t at = rows[i].asset ? (size_t)(rows[i].asset - m->assets) : 0;
		if (rows[i].asset != NULL && col[at]++ == 0)
			cols[n_cols++] = rows[i].asset;
	}
	qsort(cols, n_cols, sizeof(*cols), col_cmp);
	for (size_t c = 0; c < n_cols; c++)
		col[cols[c] - m->assets] = c;
	bclint_buf_puts(out, "<section class=\"bc\">\n<h2>");
	html(out, m->bc.name ? m->bc.name : m->bc.bc_id);
	bclint_buf_puts(out, " <small>(");
	html(out, m->bc.bc_id);
	bclint_buf_puts(out, ", ");
	html(out, m->file);
	bclint_buf_puts(out, ")</small></h2>\n");
	html_findings(out, a->bc_findings[k]);
	size_t members = 0;
	for (size_t i = 0; i < n; i++)
		members += rows[i].asset == NULL;
	if (members * (n_cols + 1) > MATRIX_MAX_CELLS)
		html_list(out, a, rows, n, members, n_cols);
	else
		html_matrix(out, a, m, rows, n, cols, n_cols, col, line);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].findings == NULL)
			continue;
		const char *f[N_FIELDS];
		row_fields(a, &rows[i], f);
		bclint_buf_puts(out, "<h3>");
		html(out, f[F_EMAIL]);
		bclint_buf_puts(out, ": ");
		html(out, rows[i].asset ? (f[F_ASSET_NAME] ? f[F_ASSET_NAME] : f[F_ASSET_ID])
		                        : "Business Center");
		bclint_buf_puts(out, "</h3>\n");
		html_findings(out, rows[i].findings);
		bclint_buf_putc(out, '\n');
	}
	bclint_buf_puts(out, "</section>\n");
out:
	free(col);
	free(cols);
	free(line);
}

static void write_html(struct bclint_buf *out, struct bclint_access *a)
{
	static const char *const perms[] = {"ADMIN",
	                                    "STANDARD",
	                                    "OPERATOR",
	                                    "ANALYST",
	                                    "AD_PROMOTE",
	                                    "MANAGER",
	                                    "AD_PROMOTION",
	                                    "ASSIGNED",
	                                    "POST",
	                                    "LIVE",
	                                    "DIRECT_MESSAGE",
	                                    "BUSINESS_ACCOUNT_ADMIN",
	                                    "BUSINESS_ACCOUNT_OPERATOR",
	                                    "BUSINESS_ACCOUNT_ANALYST"};
	bclint_buf_puts(out, page_head);
	for (size_t i = 0; i < sizeof(perms) / sizeof(perms[0]); i++)
		bclint_buf_printf(out, "<option>%s</option>", perms[i]);
	bclint_buf_puts(out, "</select></label>\n</form>\n");
	/* the rows of one Business Center are together: sorted by bc_id first */
	for (size_t i = 0; i < a->n_rows;) {
		size_t j = i;
		while (j < a->n_rows && a->rows[j].snap == a->rows[i].snap)
			j++;
		html_bc(out, a, a->rows[i].snap, &a->rows[i], j - i);
		i = j;
	}
	bclint_buf_puts(out, page_script);
	bclint_buf_puts(out, "</body>\n</html>\n");
}

void bclint_access_write(struct bclint_buf *out, struct bclint_access *a, int format, int by_person)
{
	switch (format) {
	case BCLINT_ACCESS_CSV: write_csv(out, a, by_person); break;
	case BCLINT_ACCESS_JSON: write_json(out, a, by_person); break;
	case BCLINT_ACCESS_MARKDOWN: write_markdown(out, a, by_person); break;
	case BCLINT_ACCESS_HTML: write_html(out, a); break;
	default: write_table(out, a, by_person); break;
	}
}
