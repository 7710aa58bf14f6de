/* What the import stages share: reading an input file, diagnostics at a
 * value of an input, checks of values as the snapshot loader makes them,
 * comparing and printing values, and the order of IDs. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"
#include "textsafe.h"

int bclint_import_grow(struct bclint_import *im, void *array, size_t *cap, size_t n, size_t size)
{
	void **p = array;
	if (n < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : 16;
	void *q = realloc(*p, want * size);
	if (q == NULL) {
		im->oom = 1;
		return -1;
	}
	*p = q;
	*cap = want;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

int bclint_import_read_input(struct bclint_import *im, struct bclint_import_input *in,
                             const char *what, int csv_ok)
{
	if (bclint_text_read(in->path, &in->text) < 0) {
		bclint_import_diag(im, BCLINT_LEVEL_ERROR, in->path, 0, 0, "cannot read %s: %s",
		                   what, strerror(errno));
		return -1;
	}
	if (csv_ok) {
		const char *s = in->text.data;
		while (is_space(*s))
			s++;
		if (*s != '{' && *s != '[')
			return 1;
	}
	if (bclint_jdoc_parse(&in->doc, in->text.data, in->text.len) == 0)
		return 0;
	if (in->doc.err.oom) {
		im->oom = 1;
		return -1;
	}
	uint32_t line, col;
	char msg[160];
	bclint_jdoc_position(&in->doc, in->doc.err.offset, &line, &col);
	bclint_json_error_text(&in->doc.err, msg, sizeof(msg));
	bclint_import_diag(im, BCLINT_LEVEL_ERROR, in->path, line, col, "%s", msg);
	return -1;
}

/* -- diagnostics ---------------------------------------------------------- */

static void vdiag(struct bclint_import *im, int level, const char *path, uint32_t line,
                  uint32_t col, const char *fmt, va_list ap)
{
	char msg[1024];
	struct bclint_buf b = {0};
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line == 0 && path != NULL)
		bclint_buf_printf(&b, "%s: ", path);
	bclint_textsafe(&b, msg, BCLINT_TEXTSAFE_CHARS);
	if (level == BCLINT_LEVEL_ERROR)
		im->errors++;
	if (b.oom)
		im->oom = 1;
	else
		bclint_diagf(im->sink, level, line > 0 ? path : NULL, line, col, "%s", b.data);
	free(b.data);
}

void bclint_import_diag(struct bclint_import *im, int level, const char *path, uint32_t line,
                        uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(im, level, path, line, col, fmt, ap);
	va_end(ap);
}

void bclint_import_pos(const struct bclint_import_input *in, const struct bclint_jv *v,
                       uint32_t *line, uint32_t *col)
{
	bclint_jdoc_position(&in->doc, v->start, line, col);
}

static void vat(struct bclint_import *im, int level, const struct bclint_import_input *in,
                const struct bclint_jv *v, const char *fmt, va_list ap)
{
	uint32_t line, col;
	bclint_import_pos(in, v, &line, &col);
	vdiag(im, level, in->path, line, col, fmt, ap);
}

void bclint_import_err(struct bclint_import *im, const struct bclint_import_input *in,
                       const struct bclint_jv *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vat(im, BCLINT_LEVEL_ERROR, in, v, fmt, ap);
	va_end(ap);
}

void bclint_import_warn(struct bclint_import *im, const struct bclint_import_input *in,
                        const struct bclint_jv *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vat(im, BCLINT_LEVEL_WARNING, in, v, fmt, ap);
	va_end(ap);
}

void bclint_import_err_key(struct bclint_import *im, const struct bclint_import_input *in,
                           const struct bclint_jv *v, const char *fmt, ...)
{
	uint32_t line, col;
	va_list ap;
	bclint_jdoc_position(&in->doc, v->key, &line, &col);
	va_start(ap, fmt);
	vdiag(im, BCLINT_LEVEL_ERROR, in->path, line, col, fmt, ap);
	va_end(ap);
}

const char *bclint_import_where(const struct bclint_import_input *in, const struct bclint_jv *v,
                                char *buf, size_t size)
{
	uint32_t line, col;
	bclint_import_pos(in, v, &line, &col);
	snprintf(buf, size, "%s:%u:%u", in->path, line, col);
	return buf;
}

/* -- reading values ------------------------------------------------------- */

const struct bclint_jv *bclint_import_member(const struct bclint_import_input *in,
                                             const struct bclint_jv *obj, const char *key)
{
	return bclint_jv_member(in->doc.text, obj, key);
}

const struct bclint_jv *bclint_import_field(const struct bclint_import_input *in,
                                            const struct bclint_jv *obj, const char *key)
{
	const struct bclint_jv *v = bclint_jv_member(in->doc.text, obj, key);
	return v == NULL || v->type == BCLINT_JNULL ? NULL : v;
}

const char *bclint_import_string(struct bclint_import *im, struct bclint_import_input *in,
                                 const struct bclint_jv *v)
{
	if (v == NULL || v->type != BCLINT_JSTRING)
		return NULL;
	const char *s = bclint_jdoc_string(&in->doc, v);
	if (s == NULL)
		im->oom = 1;
	return s;
}

const char *bclint_import_str_field(struct bclint_import *im, struct bclint_import_input *in,
                                    const struct bclint_jv *obj, const char *key)
{
	return bclint_import_string(im, in, bclint_import_field(in, obj, key));
}

const char *bclint_import_key(struct bclint_import *im, struct bclint_import_input *in,
                              const struct bclint_jv *v)
{
	const char *s = bclint_jdoc_key(&in->doc, v);
	if (s == NULL)
		im->oom = 1;
	return s;
}

/* -- checking values ------------------------------------------------------ */

int bclint_import_in_list(const char *s, const char *const *names)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

const char *bclint_import_list_names(const char *const *names, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int k = 0; names[k] != NULL && n < size; k++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		                      k == 0         ? ""
		                      : names[k + 1] ? ", "
		                                     : " or ",
		                      names[k]);
	return buf;
}

int bclint_import_check_str(struct bclint_import *im, struct bclint_import_input *in,
                            const struct bclint_jv *obj, const char *key, int required,
                            const char *const *names)
{
	const struct bclint_jv *v = bclint_import_field(in, obj, key);
	if (v == NULL) {
		if (!required)
			return 0;
		bclint_import_err(im, in, obj, "missing '%s'", key);
		return -1;
	}
	if (v->type != BCLINT_JSTRING) {
		bclint_import_err(im, in, v, "'%s' must be a string", key);
		return -1;
	}
	const char *s = bclint_import_string(im, in, v);
	if (s == NULL)
		return -1;
	if (required && s[0] == '\0') {
		bclint_import_err(im, in, v, "'%s' must not be empty", key);
		return -1;
	}
	if (names != NULL && !bclint_import_in_list(s, names)) {
		char list[256];
		bclint_import_err(im, in, v, "unknown %s '%s': expected %s", key, s,
		                  bclint_import_list_names(names, list, sizeof(list)));
		return -1;
	}
	return 0;
}

const char *bclint_import_check_type(struct bclint_import *im, const struct bclint_import_input *in,
                                     const struct bclint_jv *v, const char *name)
{
	int t = bclint_asset_type_from_name(name);
	if (t >= 0)
		return bclint_asset_type_name((uint32_t)t);
	if (v != NULL)
		bclint_import_err(im, in, v, "unknown asset type '%s'", name);
	else
		bclint_import_diag(im, BCLINT_LEVEL_ERROR, in->path, 0, 0,
		                   "unknown asset type '%s' in the file name", name);
	return NULL;
}

/* One role value (a string) of type. */
static int role_value_ok(uint32_t type, const char *s, int group)
{
	if (s == NULL)
		return 0;
	struct bclint_cap cap;
	if (type == BCLINT_ASSET_TT_ACCOUNT)
		return bclint_tt_role_bit(s) != 0;
	return bclint_role_parse(type, s, group, &cap) == 0;
}

int bclint_import_role_ok(struct bclint_import *im, struct bclint_import_input *in, uint32_t type,
                          const struct bclint_jv *v, int group)
{
	if (bclint_role_field(type) == NULL)
		return 1;
	if (v->type == BCLINT_JARRAY &&
	    (type == BCLINT_ASSET_TT_ACCOUNT || type == BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT)) {
		for (const struct bclint_jv *c = v->child; c != NULL; c = c->next) {
			if (!role_value_ok(type, bclint_import_string(im, in, c), 0))
				return 0;
		}
		return 1;
	}
	return role_value_ok(type, bclint_import_string(im, in, v), group);
}

void bclint_import_bad_role(struct bclint_import *im, struct bclint_import_input *in,
                            const struct bclint_jv *v, const char *key, uint32_t type, int group)
{
	bclint_import_err(im, in, v, "invalid %s %s on a %s asset: expected %s", key,
	                  bclint_import_print(im, in, v), bclint_asset_type_name(type),
	                  bclint_role_values(type, group));
}

/* -- printing and comparing values ---------------------------------------- */

static void print_string(struct bclint_buf *b, const char *s)
{
	bclint_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = c == '"'    ? "\\\""
		                  : c == '\\' ? "\\\\"
		                  : c == '\b' ? "\\b"
		                  : c == '\f' ? "\\f"
		                  : c == '\n' ? "\\n"
		                  : c == '\r' ? "\\r"
		                  : c == '\t' ? "\\t"
		                              : NULL;
		if (esc != NULL)
			bclint_buf_puts(b, esc);
		else if (c < 0x20)
			bclint_buf_printf(b, "\\u%04x", c);
		else
			bclint_buf_putc(b, (char)c);
	}
	bclint_buf_putc(b, '"');
}

static void print_value(struct bclint_import *im, struct bclint_import_input *in,
                        struct bclint_buf *b, const struct bclint_jv *v)
{
	const char *s;
	switch (v->type) {
	case BCLINT_JSTRING:
		s = bclint_import_string(im, in, v);
		print_string(b, s ? s : "");
		return;
	case BCLINT_JARRAY:
	case BCLINT_JOBJECT:
		bclint_buf_putc(b, v->type == BCLINT_JARRAY ? '[' : '{');
		for (const struct bclint_jv *c = v->child; c != NULL; c = c->next) {
			if (c != v->child)
				bclint_buf_putc(b, ',');
			if (v->type == BCLINT_JOBJECT) {
				s = bclint_import_key(im, in, c);
				print_string(b, s ? s : "");
				bclint_buf_putc(b, ':');
			}
			print_value(im, in, b, c);
		}
		bclint_buf_putc(b, v->type == BCLINT_JARRAY ? ']' : '}');
		return;
	default: /* numbers and literals as written */
		bclint_buf_add(b, in->doc.text + v->start, v->end - v->start);
		return;
	}
}

const char *bclint_import_print(struct bclint_import *im, struct bclint_import_input *in,
                                const struct bclint_jv *v)
{
	struct bclint_buf b = {0};
	print_value(im, in, &b, v);
	const char *s = b.oom ? NULL : bclint_arena_strdup(&im->arena, b.data ? b.data : "");
	free(b.data);
	if (s == NULL)
		im->oom = 1;
	return s ? s : "?";
}

/* Strings compared decoded, without allocating: both are decoded into a
 * small buffer when short, else into the heap. */
static int string_equal(const struct bclint_import_input *ia, const struct bclint_jv *a,
                        const struct bclint_import_input *ib, const struct bclint_jv *b)
{
	if (!(a->flags & BCLINT_JV_ESCAPED) && !(b->flags & BCLINT_JV_ESCAPED))
		return a->end - a->start == b->end - b->start &&
		       memcmp(ia->doc.text + a->start, ib->doc.text + b->start,
		              a->end - a->start) == 0;
	struct bclint_arena scratch = {0};
	char *x = bclint_jv_string(&scratch, ia->doc.text, a);
	char *y = bclint_jv_string(&scratch, ib->doc.text, b);
	int eq = x != NULL && y != NULL && strcmp(x, y) == 0;
	bclint_arena_free(&scratch);
	return eq;
}

static int has_equal_member(const struct bclint_import_input *ia, const struct bclint_jv *m,
                            const struct bclint_import_input *ib, const struct bclint_jv *obj)
{
	struct bclint_arena scratch = {0};
	const char *key = bclint_jv_key(&scratch, ia->doc.text, m);
	const struct bclint_jv *o = key ? bclint_jv_member(ib->doc.text, obj, key) : NULL;
	bclint_arena_free(&scratch);
	return o != NULL && bclint_import_equal(ia, m, ib, o);
}

int bclint_import_equal(const struct bclint_import_input *ia, const struct bclint_jv *a,
                        const struct bclint_import_input *ib, const struct bclint_jv *b)
{
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case BCLINT_JSTRING: return string_equal(ia, a, ib, b);
	case BCLINT_JNUMBER:
		return strtod(ia->doc.text + a->start, NULL) ==
		       strtod(ib->doc.text + b->start, NULL);
	case BCLINT_JARRAY: {
		const struct bclint_jv *x = a->child, *y = b->child;
		for (; x != NULL && y != NULL; x = x->next, y = y->next)
			if (!bclint_import_equal(ia, x, ib, y))
				return 0;
		return x == NULL && y == NULL;
	}
	case BCLINT_JOBJECT:
		for (const struct bclint_jv *m = a->child; m != NULL; m = m->next)
			if (!has_equal_member(ia, m, ib, b))
				return 0;
		for (const struct bclint_jv *m = b->child; m != NULL; m = m->next)
			if (!has_equal_member(ib, m, ia, a))
				return 0;
		return 1;
	default: return 1;
	}
}

/* -- IDs and items -------------------------------------------------------- */

int bclint_import_all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int bclint_import_id_cmp(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	if (bclint_import_all_digits(a) && bclint_import_all_digits(b)) {
		size_t la = strlen(a), lb = strlen(b);
		if (la != lb)
			return la < lb ? -1 : 1;
	}
	return strcmp(a, b);
}

int bclint_import_push(struct bclint_import *im, int which, const struct bclint_jv *node,
                       struct bclint_import_input *in, const char *k0, const char *k1,
                       const char *k2, const char *k3)
{
	struct bclint_import_vec *v = &im->v[which];
	if (bclint_import_grow(im, &v->v, &v->cap, v->n, sizeof(*v->v)) < 0)
		return -1;
	struct bclint_import_item *it = &v->v[v->n++];
	it->node = node;
	it->in = in;
	it->k[0] = k0;
	it->k[1] = k1;
	it->k[2] = k2;
	it->k[3] = k3;
	return 0;
}
